/** 事前公开: search every agency's published lists (行政执法事项清单 and the others), and browse them by agency. */
import { type FormEvent, useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { actionTypes, catalogKindOrder, catalogKinds, citeLegalBases } from '../../shared/catalog';
import { publicCatalog } from '../../shared/endpoints';
import { formatDate } from '../../shared/format';
import type { ActionType, CatalogKind, CatalogSearchHit, PortalAgency } from '../../shared/types';
import StatusMessage from '../StatusMessage';
import { governmentNameOf, usePortalData } from '../usePortalData';
import { agencyCatalogPath, entryPath, LoadStatus, Pager } from './parts';
import { useLoad } from './useLoad';
import './catalog.css';

const PAGE_SIZE = 10;

function SearchHit({ hit }: { hit: CatalogSearchHit }) {
  const cited = citeLegalBases(hit.entry.legalBases);
  return (
    <article className="catalog-hit" aria-labelledby={`hit-${hit.versionId}-${hit.code}`}>
      <h3 id={`hit-${hit.versionId}-${hit.code}`} className="catalog-hit-title">
        <Link to={entryPath(hit.versionId, hit.code)} state={{ hit }}>
          {hit.name}
        </Link>
      </h3>
      <dl className="catalog-hit-meta">
        <div>
          <dt>执法机关</dt>
          <dd>
            <Link to={agencyCatalogPath(hit.agencyId)}>{hit.agencyName}</Link>
          </dd>
        </div>
        <div>
          <dt>清单</dt>
          <dd>
            {hit.kindLabel}（第{hit.version}版，{formatDate(hit.publishedAt)}公布）
          </dd>
        </div>
        {hit.actionTypeLabel ? (
          <div>
            <dt>行为类别</dt>
            <dd>{hit.actionTypeLabel}</dd>
          </div>
        ) : null}
        <div>
          <dt>编码</dt>
          <dd className="catalog-code">{hit.code}</dd>
        </div>
        {cited ? (
          <div className="catalog-hit-wide">
            <dt>法律依据</dt>
            <dd>{cited}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}

export default function ExAntePage() {
  const { data } = usePortalData();
  const [params, setParams] = useSearchParams();
  const ids = { q: useId(), agency: useId(), kind: useId(), action: useId() };
  const q = params.get('q') ?? '';
  const agencyId = params.get('agency') ?? '';
  const kind = (params.get('kind') ?? '') as CatalogKind | '';
  const actionType = (params.get('actionType') ?? '') as ActionType | '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);

  useEffect(() => setText(q), [q]);

  const agencies = useMemo<PortalAgency[]>(() => {
    const list = [...(data?.agencies ?? [])];
    const bureau = data?.justiceBureau;
    if (bureau && !list.some((a) => a.id === bureau.id)) list.push(bureau);
    return list;
  }, [data]);

  const load = useCallback(
    () =>
      publicCatalog.search({
        q: q || undefined,
        agencyId: agencyId || undefined,
        kind: kind || undefined,
        actionType: actionType || undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [q, agencyId, kind, actionType, page],
  );
  const results = useLoad(load);
  const isFiltered = !!(q || agencyId || kind || actionType);

  const update = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() });
  };

  return (
    <>
      <section aria-labelledby="ex-ante-title" className="portal-section">
        <h1 id="ex-ante-title">事前公开</h1>
        <p className="portal-lead">
          在作出行政执法行为之前，{governmentNameOf(data) || '本级人民政府'}
          所属各行政执法机关向社会公开行政执法事项清单、随机抽查事项清单、服务指南、行政裁量基准、音像记录事项清单、重大执法决定法制审核目录清单和事后公开事项清单。各清单经本机关法制审核后公布，更正后的原版本作为历史版本继续公开。
        </p>
        <h2>清单检索</h2>
        <search className="portal-filters catalog-filters" aria-label="检索事前公开清单">
          <form onSubmit={submit}>
            <div className="portal-field">
              <label htmlFor={ids.q}>关键词</label>
              <input
                id={ids.q}
                type="search"
                value={text}
                placeholder="如：食品、许可、第一百二十二条"
                onChange={(event) => setText(event.target.value)}
              />
            </div>
            <div className="portal-field">
              <label htmlFor={ids.agency}>执法机关</label>
              <select id={ids.agency} value={agencyId} onChange={(event) => update({ agency: event.target.value })}>
                <option value="">全部执法机关</option>
                {agencies.map((agency) => (
                  <option key={agency.id} value={agency.id}>
                    {agency.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="portal-field">
              <label htmlFor={ids.kind}>清单</label>
              <select id={ids.kind} value={kind} onChange={(event) => update({ kind: event.target.value })}>
                <option value="">全部清单</option>
                {catalogKindOrder.map((k) => (
                  <option key={k} value={k}>
                    {catalogKinds[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="portal-field">
              <label htmlFor={ids.action}>行为类别</label>
              <select id={ids.action} value={actionType} onChange={(event) => update({ actionType: event.target.value })}>
                <option value="">全部类别</option>
                {Object.entries(actionTypes).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="portal-button catalog-search-button">
              检索
            </button>
            {isFiltered ? (
              <button
                type="button"
                className="portal-button catalog-reset-button"
                onClick={() => {
                  setText('');
                  setParams(new URLSearchParams());
                }}
              >
                清除条件
              </button>
            ) : null}
          </form>
        </search>
        <LoadStatus isLoading={results.isLoading && !results.data} error={results.error} reload={results.reload} />
        {results.data ? (
          <p className="portal-count" role="status" aria-live="polite">
            {isFiltered ? `共找到${results.data.total}条` : `已公布${results.data.total}条`}
          </p>
        ) : null}
        {results.data && results.data.items.length === 0 ? <p>没有找到符合条件的清单条目，请更换关键词或筛选条件。</p> : null}
        {results.data && results.data.items.length > 0 ? (
          <ul className="catalog-hits" aria-label="检索结果">
            {results.data.items.map((hit) => (
              <li key={`${hit.versionId}-${hit.code}`}>
                <SearchHit hit={hit} />
              </li>
            ))}
          </ul>
        ) : null}
        {results.data ? (
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={results.data.total}
            label="检索结果分页"
            onChange={(next) => update({ page: String(next) })}
          />
        ) : null}
      </section>

      <section aria-labelledby="by-agency-title" className="portal-section">
        <h2 id="by-agency-title">按执法主体查看清单</h2>
        <p>查看各执法机关现行的各类清单、公布日期和历次更正的历史版本。</p>
        <StatusMessage />
        {agencies.length > 0 ? (
          <ul className="catalog-agency-links">
            {agencies.map((agency) => (
              <li key={agency.id}>
                <Link to={agencyCatalogPath(agency.id)}>{agency.name}</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
