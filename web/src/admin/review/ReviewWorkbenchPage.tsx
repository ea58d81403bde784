/**
 * 审核工作台: the case file beside the review checklist. Left, what the reviewer reads — the case, why it is major,
 * the latest submission's proposal and materials (and the previous opinion on a resubmission), the evidence and the
 * whole trail; right, the legal review's form. Once recorded, the issued 案件审核/法制审核表 with its download.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Tabs } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../api';
import { formatDate } from '../../shared/format';
import {
  type Benchmark,
  type CaseDetail,
  cases,
  type Evidence,
  loadBenchmarks,
  loadRoster,
  type ProcedureDefinition,
  procedures,
  type RosterOfficer,
  type TimelineStep,
} from '../cases/api';
import { StageTag } from '../cases/CasesPage';
import CaseTimeline, { LedgerLink, StepValues } from '../cases/CaseTimeline';
import DocumentDownloads from '../cases/DocumentDownloads';
import EvidencePanel from '../cases/EvidencePanel';
import type { ValueContext } from '../cases/format';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import MajorDecisionNotice, { latestOpinion } from './MajorDecisionNotice';
import ReviewForm from './ReviewForm';
import '../cases/cases.css';
import './review.css';

const passedOpinions = new Set(['approved', 'approved_with_changes']);

function Submission({
  detail,
  definition,
  context,
}: {
  detail: CaseDetail;
  definition: ProcedureDefinition | null;
  context: ValueContext;
}) {
  const submissions = detail.timeline.filter((s) => s.stepKey === 'submit_review');
  const latest = submissions.at(-1);
  if (!latest) return <Empty description="本案尚未提交法制审核" />;
  // On a resubmission, the opinion that sent it back: what the reviewer asked for.
  const previousReview = detail.timeline.filter((s) => s.stepKey === 'legal_review' && s.position < latest.position).at(-1);
  return (
    <>
      <section aria-label="送审材料">
        <h3 className="review-section-title">{submissions.length > 1 ? `第 ${submissions.length} 次送审` : '送审材料'}</h3>
        <div className="review-submission-meta">
          送审日期：{formatDate(latest.occurredOn)}；送审人：{latest.actorLabel}；<LedgerLink seq={latest.ledgerSeq} />
        </div>
        <StepValues step={latest} definition={definition} context={context} />
      </section>
      {previousReview ? <PreviousReview step={previousReview} definition={definition} context={context} /> : null}
    </>
  );
}

function PreviousReview({
  step,
  definition,
  context,
}: {
  step: TimelineStep;
  definition: ProcedureDefinition | null;
  context: ValueContext;
}) {
  const opinion = latestOpinion({ timeline: [step] });
  return (
    <section aria-label="上次审核意见" className="review-previous">
      <h3 className="review-section-title">上次审核意见：{opinion?.label ?? '—'}</h3>
      <div className="review-submission-meta">
        审核日期：{formatDate(step.occurredOn)}；审核人：{step.actorLabel}；<LedgerLink seq={step.ledgerSeq} />
      </div>
      <StepValues step={step} definition={definition} context={context} />
    </section>
  );
}

function Done({ detail }: { detail: CaseDetail }) {
  const review = [...detail.timeline].reverse().find((s) => s.stepKey === 'legal_review');
  const opinion = review ? String(review.data.opinion) : '';
  const label = latestOpinion(detail)?.label ?? '';
  return (
    <Result
      status={passedOpinions.has(opinion) ? 'success' : 'warning'}
      title={`审核意见已提交：${label}`}
      subTitle={
        passedOpinions.has(opinion)
          ? '法制审核通过。机关负责人可以按审核通过的拟处理意见作出决定；决定内容变更的，须重新送审。'
          : '审核未通过，本案不得作出决定。承办机构补充调查或修改后，可以重新提交法制审核。'
      }
      extra={
        <div>
          {review ? <DocumentDownloads documents={review.documents} label="法制审核的文书" /> : null}
          <Space className="review-done-links">
            <Link to="/admin/review">
              <ArrowLeftOutlined /> 返回审核队列
            </Link>
            <Link to={`/admin/cases/${detail.id}`}>查看案件</Link>
          </Space>
        </div>
      }
    />
  );
}

export default function ReviewWorkbenchPage() {
  const { caseId = '' } = useParams();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [definition, setDefinition] = useState<ProcedureDefinition | null>(null);
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [isLoadingEvidence, setIsLoadingEvidence] = useState(true);
  const [roster, setRoster] = useState<RosterOfficer[]>([]);
  const [benchmarks, setBenchmarks] = useState<Benchmark[]>([]);
  const [reviewed, setReviewed] = useState(false);
  const [tab, setTab] = useState('submission');

  const load = useCallback(() => {
    setIsLoading(true);
    cases
      .get(caseId)
      .then((answer) => {
        setDetail(answer);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
    setIsLoadingEvidence(true);
    cases
      .evidence(caseId)
      .then((answer) => setEvidence(answer.items))
      .catch(() => setEvidence([]))
      .finally(() => setIsLoadingEvidence(false));
  }, [caseId]);
  useEffect(load, [load]);

  const procedureKey = detail?.procedure.key;
  const procedureVersion = detail?.procedure.version;
  const agencyId = detail?.agencyId;
  const itemCode = detail?.itemCode;
  useEffect(() => {
    if (!procedureKey) return;
    procedures
      .get(procedureKey, procedureVersion)
      .then((answer) => setDefinition(answer.definition))
      .catch(() => setDefinition(null));
  }, [procedureKey, procedureVersion]);
  useEffect(() => {
    if (!agencyId || !itemCode) return;
    loadRoster(agencyId)
      .then(setRoster)
      .catch(() => setRoster([]));
    loadBenchmarks(agencyId, itemCode)
      .then(setBenchmarks)
      .catch(() => setBenchmarks([]));
  }, [agencyId, itemCode]);

  const context = useMemo<ValueContext>(
    () => ({ officerName: (id: string) => roster.find((o) => o.id === id)?.name, benchmarks }),
    [roster, benchmarks],
  );

  if (isLoading && !detail) return <Skeleton active />;
  if (!detail) {
    return (
      <Result
        status="warning"
        title={problem?.title ?? '无法加载案件'}
        subTitle={problem?.detail}
        extra={<Link to="/admin/review">返回审核队列</Link>}
      />
    );
  }

  const reviewStep = definition?.steps.find((s) => s.key === 'legal_review') ?? null;
  const next = detail.nextSteps.find((s) => s.key === 'legal_review');
  const isPending = detail.major.review.status === 'pending';
  const evidenceCount = evidence.filter((e) => !e.supersededById).length;

  let side: ReactNode;
  if (reviewed) side = <Done detail={detail} />;
  else if (!isPending) {
    side = (
      <Alert
        type="info"
        showIcon
        title="本案没有待审核的送审材料"
        description={`法制审核状态：${detail.major.review.statusLabel}。承办机构提交法制审核后，可在此审核。`}
      />
    );
  } else if (!next?.canAct) {
    side = (
      <Alert type="info" showIcon title="法制审核须由本机关的法制审核人员办理" description="您可以查阅案卷和送审材料，不能出具审核意见。" />
    );
  } else if (!reviewStep) side = <Skeleton active />;
  else {
    side = (
      <ReviewForm
        detail={detail}
        step={reviewStep}
        benchmarks={benchmarks}
        onStale={load}
        onDone={(updated) => {
          setDetail(updated);
          setReviewed(true);
        }}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={`审核工作台 ${detail.number}`}
        extra={
          <Space>
            <Link to="/admin/review">
              <ArrowLeftOutlined /> 审核队列
            </Link>
            <Link to={`/admin/cases/${detail.id}`}>案件页</Link>
            <Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" />
          </Space>
        }
      >
        {detail.title}
      </PageHeader>
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <Row gutter={[16, 16]} align="stretch">
        <Col xs={24} xl={13}>
          <Card variant="outlined" className="cases-card" title={<h2 className="admin-card-title">案卷</h2>}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'status',
                  label: '阶段',
                  children: <StageTag status={detail.status} label={detail.statusLabel} closedOn={detail.closedOn} />,
                },
                { key: 'procedure', label: '程序', children: detail.procedureName },
                {
                  key: 'party',
                  label: '当事人',
                  children: [detail.party.name, detail.party.creditCode ?? detail.party.idNumberMasked].filter(Boolean).join('，'),
                },
                { key: 'item', label: '执法事项', children: `${detail.itemCode} ${detail.itemName}` },
                { key: 'basis', label: '法律依据', children: detail.legalBasisText || '—' },
                { key: 'openedOn', label: '立案日期', children: formatDate(detail.openedOn) },
                { key: 'officers', label: '承办人员', children: detail.officers.map((o) => o.name).join('、') || '—' },
              ]}
            />
          </Card>
          <MajorDecisionNotice detail={detail} />
          <Card variant="outlined" className="cases-card">
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'submission',
                  label: '送审材料',
                  children: <Submission detail={detail} definition={definition} context={context} />,
                },
                {
                  key: 'evidence',
                  label: `证据（${evidenceCount}）`,
                  children: (
                    <EvidencePanel
                      caseId={detail.id}
                      items={evidence}
                      isLoading={isLoadingEvidence}
                      canRegister={false}
                      officers={roster}
                      onChanged={load}
                    />
                  ),
                },
                {
                  key: 'timeline',
                  label: '全过程记录',
                  children: <CaseTimeline steps={detail.timeline} definition={definition} evidence={evidence} context={context} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card
            variant="outlined"
            className="cases-card review-workbench-side"
            title={<h2 className="admin-card-title">法制审核意见</h2>}
            role="region"
            aria-label="法制审核意见"
          >
            {side}
          </Card>
        </Col>
      </Row>
    </>
  );
}
