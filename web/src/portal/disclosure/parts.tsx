import { Link } from 'react-router-dom';
import { formatYuan, type PublicSummary, publicStatusLabels } from '../../shared/disclosure';
import { formatDate } from '../../shared/format';

export const decisionPath = (id: string) => `/ex-post/decisions/${encodeURIComponent(id)}`;
export const partyPath = (creditCode: string) => `/ex-post/parties/${encodeURIComponent(creditCode)}`;

export function StatusTag({ status }: { status: PublicSummary['status'] }) {
  return <span className={`disclosure-tag disclosure-tag-${status}`}>{publicStatusLabels[status]}</span>;
}

/** One decision in a list of results: what, who, by whom, when, and its status. */
export function DecisionHit({ hit, showParty = true }: { hit: PublicSummary; showParty?: boolean }) {
  const titleId = `decision-${hit.id}`;
  return (
    <article className="catalog-hit disclosure-hit" aria-labelledby={titleId}>
      <h3 id={titleId} className="catalog-hit-title">
        <Link to={decisionPath(hit.id)}>{hit.caseTitle}</Link> <StatusTag status={hit.status} />
      </h3>
      <dl className="catalog-hit-meta">
        {showParty ? (
          <div>
            <dt>当事人</dt>
            <dd>{hit.partyCreditCode ? <Link to={partyPath(hit.partyCreditCode)}>{hit.partyName}</Link> : hit.partyName}</dd>
          </div>
        ) : null}
        <div>
          <dt>执法机关</dt>
          <dd>{hit.agencyName}</dd>
        </div>
        <div>
          <dt>类别</dt>
          <dd>{hit.actionTypeLabel}</dd>
        </div>
        <div>
          <dt>文号</dt>
          <dd>{hit.documentNumber}</dd>
        </div>
        <div>
          <dt>决定日期</dt>
          <dd>{formatDate(hit.decidedOn)}</dd>
        </div>
        {hit.amount !== null ? (
          <div>
            <dt>数额</dt>
            <dd>{formatYuan(hit.amount)}</dd>
          </div>
        ) : null}
        <div className="catalog-hit-wide">
          <dt>处理结果</dt>
          <dd>{hit.status === 'withdrawn' ? '已撤下（见撤下说明）' : hit.decision}</dd>
        </div>
      </dl>
    </article>
  );
}
