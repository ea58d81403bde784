/** One list of one agency: the version in force with its entries, and every version it replaced (历史版本). */
import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { catalogKinds } from '../../shared/catalog';
import { publicCatalog } from '../../shared/endpoints';
import { formatDate } from '../../shared/format';
import type { CatalogKind } from '../../shared/types';
import NotFoundPage from '../NotFoundPage';
import { agencyCatalogPath, LedgerNote, LedgerSeq, LoadStatus, VersionEntries, versionPath } from './parts';
import { useLoad } from './useLoad';
import VersionFacts from './VersionFacts';
import './catalog.css';

function isKind(value: string): value is CatalogKind {
  return Object.hasOwn(catalogKinds, value);
}

export default function CatalogListPage() {
  const { agencyId = '', kind = '' } = useParams();
  if (!isKind(kind)) return <NotFoundPage />;
  return <ListPage key={`${agencyId}/${kind}`} agencyId={agencyId} kind={kind} />;
}

function ListPage({ agencyId, kind }: { agencyId: string; kind: CatalogKind }) {
  const load = useCallback(() => publicCatalog.history(agencyId, kind), [agencyId, kind]);
  const { data, error, isLoading, reload } = useLoad(load);
  const versions = data?.items ?? [];
  const current = versions.find((v) => v.status === 'published') ?? null;
  const agencyName = versions[0]?.agencyName ?? '';

  return (
    <>
      <section aria-labelledby="list-title" className="portal-section">
        <nav aria-label="当前位置" className="catalog-breadcrumb">
          <Link to="/ex-ante">事前公开</Link> › <Link to={agencyCatalogPath(agencyId)}>{agencyName || '执法机关'}</Link> ›{' '}
          <span>{catalogKinds[kind]}</span>
        </nav>
        <h1 id="list-title">
          {agencyName}
          {catalogKinds[kind]}
        </h1>
        <LoadStatus isLoading={isLoading} error={error} reload={reload} />
        {data && !current ? <p>该清单尚未公布。</p> : null}
        {current ? <VersionFacts version={current} /> : null}
        {current ? <VersionEntries versionId={current.id} kind={kind} title={`现行版本（第${current.version}版）的条目`} /> : null}
      </section>

      {versions.length > 0 ? (
        <section aria-labelledby="history-title" className="portal-section">
          <h2 id="history-title">版本历史</h2>
          <p>清单每次更正都形成新的版本，经法制审核后公布；被替代的版本作为历史版本继续公开，可随时查阅。</p>
          <div className="catalog-table-wrap">
            <table className="catalog-table">
              <thead>
                <tr>
                  <th scope="col">版本</th>
                  <th scope="col">状态</th>
                  <th scope="col">公布日期</th>
                  <th scope="col">被替代日期</th>
                  <th scope="col">条目数</th>
                  <th scope="col">记录序号</th>
                  <th scope="col">说明</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((version) => (
                  <tr key={version.id}>
                    <th scope="row">
                      <Link to={versionPath(version.id)}>第{version.version}版</Link>
                    </th>
                    <td>
                      <span className={version.status === 'published' ? 'catalog-badge catalog-badge-current' : 'catalog-badge'}>
                        {version.statusLabel}
                      </span>
                    </td>
                    <td className="catalog-nowrap">{formatDate(version.publishedAt)}</td>
                    <td className="catalog-nowrap">{version.supersededAt ? formatDate(version.supersededAt) : '—'}</td>
                    <td>{version.entryCount}条</td>
                    <td>
                      <LedgerSeq seq={version.ledgerSeq} isCompact />
                    </td>
                    <td>{version.note ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LedgerNote />
        </section>
      ) : null}
    </>
  );
}
