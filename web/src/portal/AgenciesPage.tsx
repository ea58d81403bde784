import { useId, useMemo, useState } from 'react';
import { agencyKindLabels, agencyKindOrder } from '../shared/labels';
import type { AgencyKind } from '../shared/types';
import AgencyCard from './AgencyCard';
import StatusMessage from './StatusMessage';
import { governmentNameOf, usePortalData } from './usePortalData';

export default function AgenciesPage() {
  const { data } = usePortalData();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<AgencyKind | ''>('');
  const searchId = useId();
  const kindId = useId();

  const agencies = data?.agencies ?? [];
  const presentKinds = useMemo(() => agencyKindOrder.filter((k) => agencies.some((agency) => agency.kind === k)), [agencies]);
  const filtered = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return agencies.filter((agency) => {
      if (kind && agency.kind !== kind) return false;
      if (!needle) return true;
      return [agency.name, agency.kindLabel, agency.address, agency.complaintChannel]
        .filter(Boolean)
        .some((text) => (text as string).toLowerCase().includes(needle));
    });
  }, [agencies, query, kind]);

  return (
    <section aria-labelledby="agencies-page-title" className="portal-section">
      <h1 id="agencies-page-title">执法主体</h1>
      <p className="portal-lead">
        以下是{governmentNameOf(data) || '本级人民政府'}
        所属的行政执法主体及其办公地址、联系电话、监督电话和投诉举报渠道。
      </p>
      <search className="portal-filters" aria-label="查询执法主体">
        <form onSubmit={(event) => event.preventDefault()}>
          <div className="portal-field">
            <label htmlFor={searchId}>搜索执法主体</label>
            <input
              id={searchId}
              type="search"
              value={query}
              placeholder="输入名称、地址等关键字"
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          <div className="portal-field">
            <label htmlFor={kindId}>执法领域</label>
            <select id={kindId} value={kind} onChange={(event) => setKind(event.target.value as AgencyKind | '')}>
              <option value="">全部领域</option>
              {presentKinds.map((k) => (
                <option key={k} value={k}>
                  {agencyKindLabels[k]}
                </option>
              ))}
            </select>
          </div>
        </form>
      </search>
      <StatusMessage />
      {data ? (
        <p className="portal-count" role="status" aria-live="polite">
          共{filtered.length}个执法主体{query || kind ? `（共${agencies.length}个）` : ''}
        </p>
      ) : null}
      {data && filtered.length === 0 ? <p>没有找到符合条件的执法主体。</p> : null}
      {filtered.length > 0 ? (
        <ul className="agency-grid">
          {filtered.map((agency) => (
            <li key={agency.id}>
              <AgencyCard agency={agency} headingLevel={2} />
            </li>
          ))}
        </ul>
      ) : null}
      {data?.justiceBureau ? (
        <section aria-labelledby="bureau-title" className="portal-subsection">
          <h2 id="bureau-title">行政执法监督机关</h2>
          <p>对以上执法主体的行政执法行为有异议的，可以向本级司法行政机关投诉举报。</p>
          <AgencyCard agency={data.justiceBureau} />
        </section>
      ) : null}
    </section>
  );
}
