/** One entry of a published list with every field, the version it belongs to and when that was published. */
import { useCallback } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { publicCatalog } from '../../shared/endpoints';
import { formatDate } from '../../shared/format';
import type { CatalogEntry, CatalogSearchHit, PublicCatalogVersion } from '../../shared/types';
import { procedurePath, proceduresOfActionType } from '../procedures/flow';
import { agencyCatalogPath, EntryFields, LedgerSeq, LoadStatus, listPath, versionPath } from './parts';
import { useLoad } from './useLoad';
import './catalog.css';

const LOOKUP_PAGE_SIZE = 200;

/** Finds the entry by its code in the version (the search matches the code; several entries may contain it). */
async function findEntry(versionId: string, code: string): Promise<{ version: PublicCatalogVersion; entry: CatalogEntry | null }> {
  for (let page = 1; ; page += 1) {
    const answer = await publicCatalog.version(versionId, { q: code, page, pageSize: LOOKUP_PAGE_SIZE });
    const entry = answer.entries.items.find((e) => e.code === code);
    if (entry || answer.entries.items.length < LOOKUP_PAGE_SIZE) return { version: answer.version, entry: entry ?? null };
  }
}

export default function EntryPage() {
  const { versionId = '', code = '' } = useParams();
  const location = useLocation();
  const hit = (location.state as { hit?: CatalogSearchHit } | null)?.hit;
  const load = useCallback(() => findEntry(versionId, code), [versionId, code]);
  const { data, error, isLoading, reload } = useLoad(load);
  const version = data?.version ?? null;
  const entry = data?.entry ?? (hit && hit.versionId === versionId && hit.code === code ? hit.entry : null);

  return (
    <section aria-labelledby="entry-title" className="portal-section">
      <nav aria-label="当前位置" className="catalog-breadcrumb">
        <Link to="/ex-ante">事前公开</Link>
        {version ? (
          <>
            {' › '}
            <Link to={agencyCatalogPath(version.agencyId)}>{version.agencyName}</Link>
            {' › '}
            <Link to={listPath(version.agencyId, version.kind)}>{version.kindLabel}</Link>
            {' › '}
            <Link to={versionPath(version.id)}>第{version.version}版</Link>
          </>
        ) : null}
      </nav>
      <h1 id="entry-title">{entry?.name ?? '清单条目'}</h1>
      <LoadStatus isLoading={isLoading && !entry} error={error} reload={reload} />
      {data && !data.entry ? <p role="alert">该版本中没有编码为 {code} 的条目。</p> : null}
      {version ? (
        <p className="catalog-entry-source">
          {version.agencyName} · {version.kindLabel} · <Link to={versionPath(version.id)}>第{version.version}版</Link>
          <span className={version.status === 'published' ? 'catalog-badge catalog-badge-current' : 'catalog-badge'}>
            {version.statusLabel}
          </span>
          · {formatDate(version.publishedAt)}公布
          {version.supersededAt ? ` · ${formatDate(version.supersededAt)}被新版本替代` : ''}
        </p>
      ) : null}
      {version && entry ? <EntryFields kind={version.kind} entry={entry} /> : null}
      {version?.kind === 'enforcement_item' && entry?.actionType && proceduresOfActionType[entry.actionType] ? (
        <nav aria-label="执法流程图" className="catalog-note">
          办理流程：
          {proceduresOfActionType[entry.actionType]?.map((procedure, index) => (
            <span key={procedure.key}>
              {index > 0 ? '；' : ''}
              <Link to={procedurePath(procedure.key)}>{procedure.label}</Link>
            </span>
          ))}
        </nav>
      ) : null}
      {version ? (
        <p className="catalog-note">
          该版本的公布已写入全过程记录账本：
          <LedgerSeq seq={version.ledgerSeq} />。
        </p>
      ) : null}
    </section>
  );
}
