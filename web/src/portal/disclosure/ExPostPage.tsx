/** 事后公开: search every agency's published decisions in Chinese, with filters; results link to each decision. */
import { type FormEvent, useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { actionTypes } from '../../shared/catalog';
import { publicDecisions, publicStatusLabels } from '../../shared/disclosure';
import type { PortalAgency } from '../../shared/types';
import { LoadStatus, Pager } from '../catalog/parts';
import { useLoad } from '../catalog/useLoad';
import { governmentNameOf, usePortalData } from '../usePortalData';
import { DecisionHit } from './parts';
import '../catalog/catalog.css';
import './disclosure.css';

const PAGE_SIZE = 10;
const filterKeys = ['q', 'agency', 'actionType', 'from', 'to', 'region', 'minAmount', 'maxAmount', 'status'] as const;

export default function ExPostPage() {
  const { data } = usePortalData();
  const [params, setParams] = useSearchParams();
  const ids = {
    q: useId(),
    agency: useId(),
    action: useId(),
    from: useId(),
    to: useId(),
    region: useId(),
    min: useId(),
    max: useId(),
    status: useId(),
  };
  const value = (key: (typeof filterKeys)[number]) => params.get(key) ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(() => Object.fromEntries(filterKeys.map((k) => [k, value(k)])) as Record<string, string>);

  // the form follows the address (back and forward)
  useEffect(() => setDraft(Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? '']))), [params]);

  const agencies = useMemo<PortalAgency[]>(() => data?.agencies ?? [], [data]);
  const query = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `query` stands for the parameters read below
  const load = useCallback(() => {
    const num = (key: string) => (params.get(key) ? Number(params.get(key)) : undefined);
    return publicDecisions.search({
      q: params.get('q') || undefined,
      agencyId: params.get('agency') || undefined,
      actionType: params.get('actionType') || undefined,
      from: params.get('from') || undefined,
      to: params.get('to') || undefined,
      region: params.get('region') || undefined,
      minAmount: num('minAmount'),
      maxAmount: num('maxAmount'),
      status: params.get('status') || undefined,
      page,
      pageSize: PAGE_SIZE,
    });
  }, [query, page]);
  const results = useLoad(load);
  const isFiltered = filterKeys.some((k) => value(k));

  const apply = (next: Record<string, string>) => {
    const search = new URLSearchParams();
    for (const key of filterKeys) if (next[key]?.trim()) search.set(key, next[key].trim());
    setParams(search);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const field = (key: string) => ({
    value: draft[key] ?? '',
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });

  return (
    <section aria-labelledby="ex-post-title" className="portal-section">
      <h1 id="ex-post-title">事后公开</h1>
      <p className="portal-lead">
        {governmentNameOf(data) || '本级人民政府'}
        所属各行政执法机关作出的行政许可、行政处罚等执法决定，在规定时限内依法公开。自然人的姓名已隐去，身份证号码、住址、电话等个人信息不予公开；涉及国家秘密、商业秘密的不予公开。被撤销、确认违法或者变更的决定，公开撤下说明或变更情况。
      </p>
      <h2>执法决定检索</h2>
      <search className="portal-filters disclosure-filters" aria-label="检索执法决定">
        <form onSubmit={submit}>
          <div className="portal-field">
            <label htmlFor={ids.q}>关键词</label>
            <input id={ids.q} type="search" placeholder="当事人名称、统一社会信用代码、文号、违法事实" {...field('q')} />
          </div>
          <div className="portal-field">
            <label htmlFor={ids.agency}>执法机关</label>
            <select id={ids.agency} {...field('agency')}>
              <option value="">全部执法机关</option>
              {agencies.map((agency) => (
                <option key={agency.id} value={agency.id}>
                  {agency.name}
                </option>
              ))}
            </select>
          </div>
          <div className="portal-field">
            <label htmlFor={ids.action}>行为类别</label>
            <select id={ids.action} {...field('actionType')}>
              <option value="">全部类别</option>
              {Object.entries(actionTypes).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="portal-field">
            <label htmlFor={ids.status}>状态</label>
            <select id={ids.status} {...field('status')}>
              <option value="">全部</option>
              {Object.entries(publicStatusLabels).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="portal-field">
            <label htmlFor={ids.from}>决定日期自</label>
            <input id={ids.from} type="date" {...field('from')} />
          </div>
          <div className="portal-field">
            <label htmlFor={ids.to}>至</label>
            <input id={ids.to} type="date" {...field('to')} />
          </div>
          <div className="portal-field disclosure-narrow">
            <label htmlFor={ids.region}>行政区划代码</label>
            <input id={ids.region} inputMode="numeric" pattern="\d{6}(\d{3})?" placeholder="如 640502" {...field('region')} />
          </div>
          <div className="portal-field disclosure-narrow">
            <label htmlFor={ids.min}>数额（元）不低于</label>
            <input id={ids.min} type="number" min="0" inputMode="decimal" {...field('minAmount')} />
          </div>
          <div className="portal-field disclosure-narrow">
            <label htmlFor={ids.max}>不高于</label>
            <input id={ids.max} type="number" min="0" inputMode="decimal" {...field('maxAmount')} />
          </div>
          <button type="submit" className="portal-button catalog-search-button">
            检索
          </button>
          {isFiltered ? (
            <button type="button" className="portal-button catalog-reset-button" onClick={() => apply({})}>
              清除条件
            </button>
          ) : null}
        </form>
      </search>
      <LoadStatus isLoading={results.isLoading && !results.data} error={results.error} reload={results.reload} />
      {results.data ? (
        <p className="portal-count" role="status" aria-live="polite">
          {`${isFiltered ? '共找到' : '已公开'}${results.data.total.toLocaleString('zh-CN')}条${results.data.totalIsLowerBound ? '以上' : ''}`}
        </p>
      ) : null}
      {results.data && results.data.items.length === 0 ? <p>没有找到符合条件的执法决定，请更换关键词或筛选条件。</p> : null}
      {results.data && results.data.items.length > 0 ? (
        <ul className="catalog-hits" aria-label="检索结果">
          {results.data.items.map((hit) => (
            <li key={hit.id}>
              <DecisionHit hit={hit} />
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
          onChange={(next) => {
            const search = new URLSearchParams(params);
            search.set('page', String(next));
            setParams(search);
          }}
        />
      ) : null}
    </section>
  );
}
