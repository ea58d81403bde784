/**
 * 案件页: one case — who, what, on which basis — with its whole trail (全过程记录), statutory clocks, evidence and
 * recordings, the access log, the flowchart of its procedure, and the steps the user may take next.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Result, Skeleton, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../api';
import ProcedureDiagram from '../../portal/procedures/ProcedureDiagram';
import { formatDate } from '../../shared/format';
import { roleLabels } from '../../shared/labels';
import { hasRole, useAuth } from '../auth/AuthContext';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import MajorDecisionNotice from '../review/MajorDecisionNotice';
import AccessLogTable from './AccessLogTable';
import {
  type AccessLogEntry,
  type Benchmark,
  type CaseDetail,
  cases,
  type Evidence,
  loadBenchmarks,
  loadRoster,
  type NextStep,
  type ProcedureWithFlow,
  procedures,
  type RosterOfficer,
} from './api';
import { StageTag } from './CasesPage';
import CaseTimeline from './CaseTimeline';
import ClocksTable from './ClocksTable';
import EvidencePanel from './EvidencePanel';
import StepModal from './StepModal';
import './cases.css';

const flagLabels: Record<string, string> = {
  limitation_override: '超过追责期限立案',
  discretion_deviation: '超出裁量基准',
  clock_overdue: '办案期限逾期',
};

function partyText(detail: CaseDetail): string {
  const { party } = detail;
  const id = party.type === 'person' ? party.idNumberMasked : party.creditCode;
  const kind = party.type === 'person' ? '公民身份号码' : '统一社会信用代码';
  return [party.name, id ? `${kind} ${id}` : null, party.address].filter(Boolean).join('，');
}

export default function CasePage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [procedure, setProcedure] = useState<ProcedureWithFlow | null>(null);
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [isLoadingEvidence, setIsLoadingEvidence] = useState(true);
  const [accessLog, setAccessLog] = useState<AccessLogEntry[]>([]);
  const [roster, setRoster] = useState<RosterOfficer[]>([]);
  const [benchmarks, setBenchmarks] = useState<Benchmark[]>([]);
  const [acting, setActing] = useState<NextStep | null>(null);
  const [tab, setTab] = useState('timeline');

  const load = useCallback(() => {
    setIsLoading(true);
    cases
      .get(id)
      .then((answer) => {
        setDetail(answer);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, [id]);

  const loadEvidence = useCallback(() => {
    setIsLoadingEvidence(true);
    Promise.all([cases.evidence(id), cases.accessLog(id)])
      .then(([items, log]) => {
        setEvidence(items.items);
        setAccessLog(log.items);
      })
      .catch(() => undefined)
      .finally(() => setIsLoadingEvidence(false));
  }, [id]);

  useEffect(() => {
    load();
    loadEvidence();
  }, [load, loadEvidence]);

  const procedureKey = detail?.procedure.key;
  const procedureVersion = detail?.procedure.version;
  const agencyId = detail?.agencyId;
  const itemCode = detail?.itemCode;
  useEffect(() => {
    if (!procedureKey) return;
    procedures
      .get(procedureKey, procedureVersion)
      .then(setProcedure)
      .catch(() => setProcedure(null));
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

  const context = useMemo(
    () => ({ officerName: (officerId: string) => roster.find((o) => o.id === officerId)?.name, benchmarks }),
    [roster, benchmarks],
  );
  const visited = useMemo(() => {
    const set = new Set<string>(['start']);
    const steps = procedure?.definition.steps ?? [];
    for (const step of detail?.timeline ?? []) {
      const to = steps.find((s) => s.key === step.stepKey)?.to;
      if (to) set.add(to);
    }
    return set;
  }, [detail, procedure]);

  if (isLoading && !detail) return <Skeleton active />;
  if (!detail) {
    return (
      <Result
        status="warning"
        title={problem?.title ?? '无法加载案件'}
        subTitle={problem?.detail}
        extra={<Link to="/admin/cases">返回案件列表</Link>}
      />
    );
  }

  const opening = procedure?.definition.steps.find((s) => s.from === null);
  const hasSource = opening ? opening.fields.some((f) => f.key === 'source') : true;
  // The main line's steps stand out; those open at many stages (延长期限, 移送 …) do not.
  const changesStage = (key: string) => {
    const step = procedure?.definition.steps.find((s) => s.key === key);
    return !!step?.to && (step.from?.length ?? 0) < 4;
  };
  const canRegister = !detail.closedOn && user?.agency?.id === detail.agencyId && hasRole(user, 'officer', 'agency_head');
  const rolesText = (roles: string[]) => roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join('或');

  return (
    <>
      <PageHeader
        title={`案件 ${detail.number}`}
        extra={
          <Space>
            <Link to="/admin/cases">
              <ArrowLeftOutlined /> 案件列表
            </Link>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                load();
                loadEvidence();
              }}
              aria-label="刷新"
            />
          </Space>
        }
      >
        {detail.title}
      </PageHeader>
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      {detail.flags.map((flag) => (
        <Alert
          key={flag.id}
          type="warning"
          showIcon
          className="cases-alert"
          title={`监督标记：${flagLabels[flag.kind] ?? flag.kind}（已报执法监督机构）`}
          description={flag.detail}
        />
      ))}
      <MajorDecisionNotice detail={detail} showWorkbenchLink={hasRole(user, 'reviewer')} />

      <Card variant="outlined" className="cases-card">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'number', label: '案号', children: <span className="cases-number">{detail.number}</span> },
            {
              key: 'status',
              label: '阶段',
              children: <StageTag status={detail.status} label={detail.statusLabel} closedOn={detail.closedOn} />,
            },
            { key: 'procedure', label: '程序', children: `${detail.procedureName}（第${detail.procedure.version}版）` },
            { key: 'title', label: '案由', span: { xs: 1, md: 2, xl: 3 }, children: detail.title },
            { key: 'party', label: '当事人', span: { xs: 1, md: 2, xl: 2 }, children: partyText(detail) },
            ...(hasSource ? [{ key: 'source', label: '案件来源', children: detail.sourceLabel }] : []),
            { key: 'item', label: '执法事项', span: { xs: 1, md: 2, xl: 2 }, children: `${detail.itemCode} ${detail.itemName}` },
            { key: 'place', label: '执法地点', children: `${detail.divisionName}（${detail.divisionCode}）` },
            { key: 'basis', label: '法律依据', span: { xs: 1, md: 2, xl: 2 }, children: detail.legalBasisText || '—' },
            { key: 'openedOn', label: `${opening?.label ?? '立案'}日期`, children: formatDate(detail.openedOn) },
            {
              key: 'officers',
              label: '承办人员',
              span: { xs: 1, md: 2, xl: 2 },
              children: detail.officers.map((o) => o.name).join('、') || '—',
            },
            {
              key: 'recording',
              label: '音像记录',
              children: detail.fullProcessRecording ? <Tag color="purple">全过程音像记录</Tag> : '按音像记录事项清单',
            },
          ]}
        />
      </Card>

      <Card
        variant="outlined"
        className="cases-card"
        title={<h2 className="admin-card-title">办理下一环节</h2>}
        role="region"
        aria-label="办理下一环节"
      >
        {detail.nextSteps.length === 0 ? (
          <Typography.Text type="secondary">
            {detail.closedOn ? `案件已于${formatDate(detail.closedOn)}办结。` : '当前阶段没有可办理的环节。'}
          </Typography.Text>
        ) : (
          <Space wrap>
            {detail.nextSteps.map((step) =>
              step.canAct ? (
                <Button key={step.key} type={changesStage(step.key) ? 'primary' : 'default'} onClick={() => setActing(step)}>
                  {step.label}
                </Button>
              ) : (
                <Tooltip key={step.key} title={`须由${rolesText(step.roles)}办理`}>
                  <Button disabled>{step.label}</Button>
                </Tooltip>
              ),
            )}
          </Space>
        )}
      </Card>

      <Card variant="outlined" className="cases-card">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'timeline',
              label: '全过程记录',
              children: (
                <CaseTimeline steps={detail.timeline} definition={procedure?.definition ?? null} evidence={evidence} context={context} />
              ),
            },
            { key: 'clocks', label: '法定期限', children: <ClocksTable clocks={detail.clocks} /> },
            {
              key: 'evidence',
              label: `证据与音像（${evidence.length}）`,
              children: (
                <EvidencePanel
                  caseId={detail.id}
                  items={evidence}
                  isLoading={isLoadingEvidence}
                  canRegister={canRegister}
                  officers={roster}
                  onChanged={loadEvidence}
                />
              ),
            },
            { key: 'access', label: '调阅记录', children: <AccessLogTable items={accessLog} isLoading={isLoadingEvidence} /> },
            {
              key: 'flow',
              label: '流程图',
              children: procedure ? (
                <ProcedureDiagram
                  flow={procedure.flow}
                  definition={procedure.definition}
                  currentStatus={detail.status}
                  visited={visited}
                  available={new Set(detail.nextSteps.map((s) => s.key))}
                />
              ) : (
                <Skeleton active />
              ),
            },
          ]}
        />
      </Card>

      <StepModal
        detail={detail}
        step={acting}
        officers={roster}
        evidence={evidence}
        benchmarks={benchmarks}
        onClose={() => setActing(null)}
        onStale={() => {
          setActing(null);
          load();
        }}
        onDone={(updated) => {
          message.success(`已办理：${acting?.label ?? ''}`);
          setActing(null);
          setDetail(updated);
          setTab('timeline');
        }}
      />
    </>
  );
}
