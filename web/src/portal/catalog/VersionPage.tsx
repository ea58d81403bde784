/** One published version of a list, current or historical, with its entries. */
import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { publicCatalog } from '../../shared/endpoints';
import { formatDate } from '../../shared/format';
import { agencyCatalogPath, LoadStatus, listPath, VersionEntries } from './parts';
import { useLoad } from './useLoad';
import VersionFacts from './VersionFacts';
import './catalog.css';

export default function VersionPage() {
  const { versionId = '' } = useParams();
  const load = useCallback(() => publicCatalog.version(versionId, { pageSize: 1 }), [versionId]);
  const { data, error, isLoading, reload } = useLoad(load);
  const version = data?.version ?? null;

  return (
    <section aria-labelledby="version-title" className="portal-section">
      <nav aria-label="当前位置" className="catalog-breadcrumb">
        <Link to="/ex-ante">事前公开</Link>
        {version ? (
          <>
            {' › '}
            <Link to={agencyCatalogPath(version.agencyId)}>{version.agencyName}</Link>
            {' › '}
            <Link to={listPath(version.agencyId, version.kind)}>{version.kindLabel}</Link>
            {' › '}
            <span>第{version.version}版</span>
          </>
        ) : null}
      </nav>
      <h1 id="version-title">{version ? `${version.agencyName}${version.kindLabel}（第${version.version}版）` : '清单版本'}</h1>
      <LoadStatus isLoading={isLoading} error={error} reload={reload} />
      {version && version.status !== 'published' ? (
        <div className="portal-notice catalog-history-notice">
          <p className="portal-notice-title">这是历史版本</p>
          <p>
            该版本已于{formatDate(version.supersededAt)}被更正后的新版本替代，仅供查阅。现行版本见
            <Link to={listPath(version.agencyId, version.kind)}>{version.kindLabel}</Link>。
          </p>
        </div>
      ) : null}
      {version ? <VersionFacts version={version} /> : null}
      {version ? <VersionEntries key={version.id} versionId={version.id} kind={version.kind} title="条目" /> : null}
    </section>
  );
}
