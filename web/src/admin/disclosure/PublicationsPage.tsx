/**
 * 信息公示: the decisions to publish and their deadlines, the public copy previewed before it is prepared, the office's
 * check by a second person, withdrawal or change after a remedy or self-correction, early end on credit repair, and the
 * party's statements (当事人陈述, RepliesCard).
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api';
import {
  type ClassifiedMarking,
  correctionSources,
  formatYuan,
  type Preview,
  type Publication,
  publications,
  withdrawalGrounds,
} from '../../shared/disclosure';
import { formatDate } from '../../shared/format';
import { useAuth } from '../auth/AuthContext';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import RepliesCard from './RepliesCard';

const statusColors: Record<Publication['status'], string> = {
  due: 'blue',
  prepared: 'gold',
  blocked: 'default',
  published: 'green',
  withdrawn: 'red',
  changed: 'orange',
  ended: 'default',
};

const filters = [
  { value: '', label: '全部' },
  { value: 'open', label: '待办（待公开、待审核）' },
  { value: 'overdue', label: '已逾期' },
  { value: 'published', label: '已公开' },
];

function CopyView({ preview }: { preview: Preview }) {
  if (preview.blocked) {
    return <Alert type="error" showIcon title="不予公开" description={preview.blocked.reason} />;
  }
  const copy = preview.copy;
  if (!copy) return null;
  return (
    <>
      {preview.findings.length > 0 ? (
        <Alert
          type="info"
          showIcon
          title={`已隐去：${preview.findings.map((f) => `${f.label}${f.count}处`).join('、')}`}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Descriptions column={1} bordered size="small" aria-label="公开副本">
        <Descriptions.Item label="标题">{copy.caseTitle}</Descriptions.Item>
        <Descriptions.Item label="文书">
          {copy.title} {copy.documentNumber}
        </Descriptions.Item>
        <Descriptions.Item label="当事人">
          {copy.party.name}
          {copy.party.creditCode ? `（${copy.party.creditCode}）` : ''}
        </Descriptions.Item>
        {copy.party.address ? <Descriptions.Item label="住所">{copy.party.address}</Descriptions.Item> : null}
        <Descriptions.Item label="执法事项">{copy.item.name}</Descriptions.Item>
        <Descriptions.Item label="法律依据">{copy.legalBasis}</Descriptions.Item>
        {copy.facts ? <Descriptions.Item label="主要事实">{copy.facts}</Descriptions.Item> : null}
        <Descriptions.Item label="处理结果">{copy.decision}</Descriptions.Item>
        {copy.amount !== null ? <Descriptions.Item label="数额">{formatYuan(copy.amount)}</Descriptions.Item> : null}
        <Descriptions.Item label="决定日期">{formatDate(copy.decidedOn)}</Descriptions.Item>
      </Descriptions>
    </>
  );
}

export default function PublicationsPage() {
  const { message } = App.useApp();
  const { user } = useAuth();
  const [items, setItems] = useState<Publication[]>([]);
  const [today, setToday] = useState<string | null>(null);
  const [filter, setFilter] = useState('open');
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [selected, setSelected] = useState<Publication | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [secret, setSecret] = useState<{ kind: ClassifiedMarking['kind']; reason: string; passage: string } | null>(null);
  const [withdrawing, setWithdrawing] = useState<Publication | null>(null);
  const [form] = Form.useForm();
  const isHeadOrReviewer = !!user?.roles.some((r) => r === 'agency_head' || r === 'reviewer');

  const load = useCallback(() => {
    setIsLoading(true);
    const query = filter === 'overdue' ? { overdue: true } : filter === 'published' ? { status: 'published' } : {};
    publications
      .list(query)
      .then((answer) => {
        setItems(
          filter === 'open'
            ? answer.items.filter((p) => ['due', 'prepared', 'blocked'].includes(p.status) || p.correctionDueOn)
            : answer.items,
        );
        setToday(answer.today);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, [filter]);
  useEffect(load, [load]);

  const classified = (): ClassifiedMarking[] | undefined =>
    secret?.reason.trim()
      ? [{ kind: secret.kind, reason: secret.reason.trim(), ...(secret.passage.trim() ? { passage: secret.passage.trim() } : {}) }]
      : undefined;

  const open = (publication: Publication) => {
    setSelected(publication);
    setSecret(null);
    setPreview(null);
    publications
      .preview(publication.id)
      .then(setPreview)
      .catch((error: unknown) => setProblem(describeError(error)));
  };
  const act = async (work: () => Promise<Publication>, done: string) => {
    try {
      const next = await work();
      message.success(done);
      setSelected(null);
      setWithdrawing(null);
      load();
      return next;
    } catch (error) {
      setProblem(describeError(error));
      return null;
    }
  };

  const columns: TableColumnsType<Publication> = [
    {
      title: '公开时限',
      key: 'due',
      width: 170,
      render: (_: unknown, p) => (
        <>
          <div className="admin-nowrap">{formatDate(p.dueOn)}</div>
          {['due', 'prepared', 'blocked'].includes(p.status) ? (
            p.isOverdue ? (
              <Tag color="red">已逾期{p.overdueRecorded ? '，已报监督' : ''}</Tag>
            ) : (
              <Tag color={(p.workingDaysLeft ?? 9) <= 2 ? 'orange' : 'blue'}>剩 {p.workingDaysLeft} 个工作日</Tag>
            )
          ) : null}
        </>
      ),
    },
    {
      title: '执法决定',
      key: 'case',
      render: (_: unknown, p) => (
        <>
          <Link to={`/admin/cases/${p.caseId}`}>{p.caseNumber}</Link>
          <div>{p.caseTitle}</div>
          <Typography.Text type="secondary">
            {p.actionTypeLabel}，{formatDate(p.decidedOn)}决定；{p.rule.name}（{p.rule.deadlineWorkingDays}个工作日，{p.rule.basis}）
          </Typography.Text>
        </>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_: unknown, p) => (
        <>
          <Tag color={statusColors[p.status]}>{p.statusLabel}</Tag>
          {p.correctionDueOn ? (
            <div>
              <Tag color={p.isCorrectionOverdue ? 'red' : 'orange'}>须于{formatDate(p.correctionDueOn)}前撤下、变更或确认</Tag>
            </div>
          ) : null}
          {p.blockedReason ? <Typography.Text type="secondary">{p.blockedReason}</Typography.Text> : null}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_: unknown, p) => (
        <Button size="small" onClick={() => open(p)}>
          办理
        </Button>
      ),
    },
  ];

  const canApprove = selected?.status === 'prepared' && isHeadOrReviewer && selected.preparedBy !== user?.id;

  return (
    <>
      <PageHeader title="信息公示" extra={<Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" />}>
        执法决定作出并送达后，按本机关事后公开事项清单规定的时限公开：行政许可、行政处罚决定7个工作日内，其他执法决定20个工作日内
        {today ? `（今日：${formatDate(today)}）` : ''}
        。公开副本由执法人员制作，经本机关负责人或法制审核人员（制作人以外的另一人）审核后公开；逾期未公开的报执法监督机构。
      </PageHeader>
      <ProblemAlert problem={problem} />
      <Card variant="outlined">
        <Radio.Group
          aria-label="筛选"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          options={filters}
          optionType="button"
          style={{ marginBottom: 16 }}
        />
        <Table<Publication>
          rowKey="id"
          aria-label="事后公开"
          columns={columns}
          dataSource={items}
          loading={isLoading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: '没有需要办理的公开事项' }}
        />
      </Card>
      <Drawer
        open={!!selected}
        onClose={() => setSelected(null)}
        size="large"
        title={selected ? `公开副本预览：${selected.caseNumber}` : ''}
        extra={selected ? <Tag color={statusColors[selected.status]}>{selected.statusLabel}</Tag> : null}
      >
        {selected && preview ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <CopyView
              preview={
                selected.status === 'prepared' && selected.preparedCopy
                  ? { ...preview, copy: selected.preparedCopy, blocked: null }
                  : preview
              }
            />
            {['due', 'prepared', 'blocked'].includes(selected.status) ? (
              <Card size="small" title="涉密内容（国家秘密、商业秘密不予公开）">
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Select
                    aria-label="涉密种类"
                    value={secret?.kind ?? null}
                    placeholder="不涉密"
                    allowClear
                    onChange={(kind) => setSecret(kind ? { kind, reason: secret?.reason ?? '', passage: secret?.passage ?? '' } : null)}
                    options={[
                      { value: 'state_secret', label: '国家秘密' },
                      { value: 'trade_secret', label: '商业秘密' },
                    ]}
                    style={{ width: 200 }}
                  />
                  {secret ? (
                    <>
                      <Input
                        aria-label="涉密段落"
                        placeholder="涉密的段落（不填表示整份决定）"
                        value={secret.passage}
                        onChange={(e) => setSecret({ ...secret, passage: e.target.value })}
                      />
                      <Input
                        aria-label="不予公开的理由"
                        placeholder="不予公开的理由（必填，记录在案）"
                        value={secret.reason}
                        onChange={(e) => setSecret({ ...secret, reason: e.target.value })}
                      />
                      <Button onClick={() => publications.preview(selected.id, classified()).then(setPreview)}>按标记重新预览</Button>
                    </>
                  ) : null}
                </Space>
              </Card>
            ) : null}
            <Space wrap>
              {['due', 'blocked', 'prepared'].includes(selected.status) ? (
                <Button
                  type={selected.status === 'prepared' ? 'default' : 'primary'}
                  onClick={() => act(() => publications.prepare(selected.id, selected.version, classified()), '公开副本已制作，待审核')}
                >
                  制作公开副本并提交审核
                </Button>
              ) : null}
              {canApprove ? (
                <>
                  <Button type="primary" onClick={() => act(() => publications.approve(selected.id, selected.version), '已审核公开')}>
                    审核通过并公开
                  </Button>
                  <Button
                    onClick={() => act(() => publications.returnToPreparer(selected.id, selected.version, '请修改后重新制作'), '已退回')}
                  >
                    退回
                  </Button>
                </>
              ) : selected.status === 'prepared' ? (
                <Typography.Text type="secondary">
                  由{selected.preparedByLabel}制作，须由本机关负责人或法制审核人员中的另一人审核后公开。
                </Typography.Text>
              ) : null}
              {['published', 'changed'].includes(selected.status) ? (
                <Button danger onClick={() => setWithdrawing(selected)}>
                  撤下或变更
                </Button>
              ) : null}
              {selected.correctionDueOn ? (
                <Button
                  onClick={() => act(() => publications.confirm(selected.id, selected.version, '复议或诉讼维持原决定'), '已确认维持')}
                >
                  原决定维持
                </Button>
              ) : null}
              {['published', 'changed', 'withdrawn'].includes(selected.status) && isHeadOrReviewer ? (
                <Button
                  onClick={() => act(() => publications.end(selected.id, selected.version, '当事人已完成信用修复'), '已撤出公示平台')}
                >
                  信用修复，提前结束公示
                </Button>
              ) : null}
              {['published', 'changed', 'withdrawn'].includes(selected.status) ? (
                <Link to={`/ex-post/decisions/${selected.id}`}>在公示平台查看</Link>
              ) : null}
            </Space>
            {['published', 'changed', 'withdrawn'].includes(selected.status) ? (
              <RepliesCard publication={selected} canCheck={isHeadOrReviewer} />
            ) : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">正在生成公开副本预览…</Typography.Text>
        )}
      </Drawer>
      <Modal
        open={!!withdrawing}
        title="撤下或变更已公开的决定"
        okText="提交"
        onCancel={() => setWithdrawing(null)}
        onOk={() =>
          form
            .validateFields()
            .then((values) =>
              withdrawing
                ? act(() => publications.withdraw(withdrawing.id, { version: withdrawing.version, ...values }), '公开内容已更新')
                : null,
            )
        }
      >
        <Form form={form} layout="vertical" initialValues={{ ground: 'revoked', source: 'reconsideration' }}>
          <Form.Item name="ground" label="情形" rules={[{ required: true }]}>
            <Select options={Object.entries(withdrawalGrounds).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="source" label="来源" rules={[{ required: true }]}>
            <Select options={Object.entries(correctionSources).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="reason" label="理由（公开）" rules={[{ required: true, message: '请写明理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.ground !== b.ground}>
            {({ getFieldValue }) =>
              getFieldValue('ground') === 'changed' ? (
                <>
                  <Form.Item
                    name="currentDecision"
                    label="变更后的处理结果"
                    rules={[{ required: true, message: '请写明变更后的处理结果' }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item name="currentAmount" label="变更后的数额（元）">
                    <InputNumber min={0} style={{ width: 200 }} />
                  </Form.Item>
                </>
              ) : null
            }
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">
          依据《行政处罚法》第四十八条，决定被变更、撤销、确认违法或者确认无效的，应当在三日内撤回公开信息并公开说明理由。
        </Typography.Text>
      </Modal>
    </>
  );
}
