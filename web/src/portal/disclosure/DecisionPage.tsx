/** One published decision: its public copy, a withdrawal notice or the change when there is one, and how to verify it. */
import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatYuan, type PublicRecord, publicDecisions } from '../../shared/disclosure';
import { formatDate, formatDateTime } from '../../shared/format';
import { LoadStatus } from '../catalog/parts';
import { useLoad } from '../catalog/useLoad';
import { partyPath, StatusTag } from './parts';
import '../catalog/catalog.css';
import './disclosure.css';

function Withdrawal({ record }: { record: PublicRecord }) {
  const notice = record.withdrawal;
  if (!notice) return null;
  return (
    <section className="disclosure-withdrawal" aria-labelledby="withdrawal-title">
      <h2 id="withdrawal-title">撤下说明</h2>
      <p>
        本决定已于{formatDate(notice.on)}因{notice.sourceLabel}
        {notice.groundLabel}，原公开内容予以撤下。
      </p>
      <p>理由：{notice.reason}</p>
      <p className="catalog-note">
        依据《中华人民共和国行政处罚法》第四十八条，公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。
      </p>
    </section>
  );
}

function Change({ record }: { record: PublicRecord }) {
  const change = record.change;
  if (!change) return null;
  return (
    <section className="disclosure-change" aria-labelledby="change-title">
      <h2 id="change-title">决定变更情况</h2>
      <dl className="disclosure-facts">
        <dt>原决定</dt>
        <dd className="disclosure-struck">
          {change.originalDecision}
          {change.originalAmount !== null ? `（${formatYuan(change.originalAmount)}）` : ''}
        </dd>
        <dt>变更后的决定</dt>
        <dd>
          <strong>{change.currentDecision}</strong>
          {change.currentAmount !== null ? `（${formatYuan(change.currentAmount)}）` : ''}
        </dd>
        <dt>变更日期</dt>
        <dd>{formatDate(change.on)}</dd>
        <dt>变更原因</dt>
        <dd>
          {change.sourceLabel}：{change.reason}
        </dd>
      </dl>
    </section>
  );
}

/** 行政复议/行政诉讼 and how it ended, when the case had one. */
function Remedy({ record }: { record: PublicRecord }) {
  const remedy = record.remedy;
  if (!remedy) return null;
  return (
    <section className="disclosure-remedy" aria-labelledby="remedy-title">
      <h2 id="remedy-title">{remedy.kindLabel}</h2>
      <dl className="disclosure-facts">
        <dt>{remedy.kind === 'litigation' ? '人民法院' : '复议机关'}</dt>
        <dd>{remedy.body ?? '—'}</dd>
        <dt>结果</dt>
        <dd>
          <strong>{remedy.outcomeLabel}</strong>
          {remedy.outcome === 'upheld' ? '（原决定继续有效）' : ''}
        </dd>
        <dt>{remedy.kind === 'litigation' ? '诉讼终结日期' : '复议终结日期'}</dt>
        <dd>{formatDate(remedy.endedOn)}</dd>
      </dl>
    </section>
  );
}

/** 当事人陈述: the party's own words beside the decision (right to reply), or where the party may submit them. */
function Statement({ record }: { record: PublicRecord }) {
  const statement = record.statement;
  if (!statement) {
    if (record.status === 'withdrawn') return null;
    // A decision received from a lower-level platform: its reply codes are that platform's, so the party submits there.
    return record.origin ? (
      <p className="catalog-note">
        本决定由{record.origin.name}推送。当事人对本决定有陈述的，请向作出决定的{record.agency.name}提交，经审核后同步在本页公开。
      </p>
    ) : (
      <p className="catalog-note">
        当事人对本决定有陈述的，可凭执法机关提供的陈述码<Link to="/ex-post/reply">在线提交陈述</Link>，经审核后在本页公开。
      </p>
    );
  }
  return (
    <section className="disclosure-statement" aria-labelledby="statement-title">
      <h2 id="statement-title">当事人陈述</h2>
      <blockquote>{statement.text}</blockquote>
      <p className="catalog-note">
        当事人于{formatDate(statement.receivedOn)}
        {statement.channelLabel}，经去标识化处理和执法机关审核，于{formatDate(statement.publishedOn)}
        公开。陈述内容由当事人负责，不代表执法机关意见。
      </p>
    </section>
  );
}

export default function DecisionPage() {
  const { id = '' } = useParams();
  const load = useCallback(() => publicDecisions.get(id), [id]);
  const { data: record, error, isLoading, reload } = useLoad(load);

  return (
    <section aria-labelledby="decision-title" className="portal-section">
      <p>
        <Link to="/ex-post">返回执法决定检索</Link>
      </p>
      <LoadStatus isLoading={isLoading && !record} error={error} reload={reload} />
      {record ? (
        <>
          <h1 id="decision-title">
            {record.caseTitle} <StatusTag status={record.status} />
          </h1>
          <Withdrawal record={record} />
          <Change record={record} />
          <h2>{record.title}</h2>
          <dl className="disclosure-facts">
            <dt>文号</dt>
            <dd>{record.documentNumber}</dd>
            <dt>执法机关</dt>
            <dd>{record.agency.name}</dd>
            <dt>执法类别</dt>
            <dd>{record.actionTypeLabel}</dd>
            <dt>当事人</dt>
            <dd>
              {record.party.creditCode ? <Link to={partyPath(record.party.creditCode)}>{record.party.name}</Link> : record.party.name}
            </dd>
            {record.party.creditCode ? (
              <>
                <dt>统一社会信用代码</dt>
                <dd className="portal-mono">{record.party.creditCode}</dd>
              </>
            ) : null}
            {record.party.address ? (
              <>
                <dt>住所</dt>
                <dd>{record.party.address}</dd>
              </>
            ) : null}
            <dt>执法事项</dt>
            <dd>{record.item.name}</dd>
            <dt>法律依据</dt>
            <dd>{record.legalBasis}</dd>
            {record.facts ? (
              <>
                <dt>主要事实</dt>
                <dd>{record.facts}</dd>
              </>
            ) : null}
            {record.withdrawal ? null : (
              <>
                <dt>处理结果</dt>
                <dd className={record.change ? 'disclosure-struck' : undefined}>{record.decision}</dd>
              </>
            )}
            {record.amount !== null ? (
              <>
                <dt>数额</dt>
                <dd>{formatYuan(record.amount)}</dd>
              </>
            ) : null}
            <dt>决定日期</dt>
            <dd>{formatDate(record.decidedOn)}</dd>
            <dt>公开日期</dt>
            <dd>{formatDate(record.publishedOn)}</dd>
            <dt>行政区划</dt>
            <dd>{record.region.name}</dd>
            <dt>公开期限</dt>
            <dd>
              {record.rule.periodText}
              {record.expiresOn ? `（至${formatDate(record.expiresOn)}）` : ''}
            </dd>
            <dt>公开依据</dt>
            <dd>
              {record.rule.name}：{record.rule.basis}
            </dd>
          </dl>
          <Remedy record={record} />
          <Statement record={record} />
          <h2>核验</h2>
          <ul className="portal-list">
            {record.documentId ? (
              <li>
                <Link to={`/verify/document/${encodeURIComponent(record.documentId)}`}>核验{record.title}的真伪</Link>
                （文书二维码指向同一页面）
              </li>
            ) : null}
            {record.ledger.map((entry) => (
              <li key={entry.index}>
                {entry.label}：{formatDateTime(entry.occurredAt)}，记录序号 <strong>{entry.index}</strong>（
                <Link to={`/ledger?index=${entry.index}`}>在记录核验栏目核验</Link>）
              </li>
            ))}
          </ul>
          <p className="catalog-note">
            本页内容为依法脱敏的公开副本。每一次公开、变更和撤下都写入不可篡改的全过程记录账本，任何人可核验其记录确已写入账本，公开信息不会被悄然删除。
          </p>
        </>
      ) : null}
    </section>
  );
}
