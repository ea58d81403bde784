/** A party's whole public enforcement history, by its unified social credit code. */
import { useCallback } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { actionTypes } from '../../shared/catalog';
import { publicDecisions } from '../../shared/disclosure';
import { LoadStatus, Pager } from '../catalog/parts';
import { useLoad } from '../catalog/useLoad';
import { DecisionHit } from './parts';
import '../catalog/catalog.css';
import './disclosure.css';

export default function PartyPage() {
  const { creditCode = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const load = useCallback(() => publicDecisions.party(creditCode, page), [creditCode, page]);
  const { data, error, isLoading, reload } = useLoad(load);

  return (
    <section aria-labelledby="party-title" className="portal-section">
      <p>
        <Link to="/ex-post">返回执法决定检索</Link>
      </p>
      <LoadStatus isLoading={isLoading && !data} error={error} reload={reload} />
      {data ? (
        <>
          <h1 id="party-title">{data.partyName}</h1>
          <p className="portal-lead">
            统一社会信用代码 <span className="portal-mono">{data.creditCode}</span>：共{data.total}条公开的执法决定（
            {Object.entries(data.countsByActionType)
              .map(([type, count]) => `${actionTypes[type as keyof typeof actionTypes] ?? type}${count}条`)
              .join('，')}
            ）。
          </p>
          <ul className="catalog-hits" aria-label="执法决定">
            {data.items.map((hit) => (
              <li key={hit.id}>
                <DecisionHit hit={hit} showParty={false} />
              </li>
            ))}
          </ul>
          <Pager
            page={page}
            pageSize={data.pageSize}
            total={data.total}
            label="执法决定分页"
            onChange={(next) => setParams(new URLSearchParams({ page: String(next) }))}
          />
        </>
      ) : null}
    </section>
  );
}
