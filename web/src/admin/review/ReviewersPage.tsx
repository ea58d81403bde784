/**
 * 审核人员与期限: an agency's legal reviewers with their qualification (Penalty Law Art. 58 ¶2: a first-time reviewer
 * holds the legal-profession qualification; without one recorded the system does not let them review) and training,
 * and the agency's own review time limit with the longest extension its head may approve. The head (or an
 * administrator) records qualifications and sets the terms; everyone who may see the agency reads them.
 */
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api';
import { formatDate } from '../../shared/format';
import { hasRole, useAuth } from '../auth/AuthContext';
import { useAgencyOptions } from '../components/options';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { dateFormats, isAfterToday, toDateText } from '../personnel/dates';
import { type QualificationKind, qualificationKinds, type Reviewer, type ReviewTerms, reviews } from './api';
import '../cases/cases.css';
import './review.css';

interface QualificationValues {
  kind: QualificationKind;
  certificateNumber?: string;
  obtainedOn: Dayjs;
  note?: string;
}

function QualificationModal({ reviewer, onClose, onDone }: { reviewer: Reviewer | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<QualificationValues>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!reviewer) return;
    form.resetFields();
    setProblem(null);
  }, [reviewer, form]);
  const submit = async (values: QualificationValues) => {
    if (!reviewer) return;
    setIsSaving(true);
    try {
      await reviews.recordQualification(reviewer.userId, {
        kind: values.kind,
        obtainedOn: toDateText(values.obtainedOn),
        ...(values.certificateNumber?.trim() ? { certificateNumber: values.certificateNumber.trim() } : {}),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      });
      onDone();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal
      open={!!reviewer}
      title={reviewer ? `登记法律职业资格：${reviewer.name}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      confirmLoading={isSaving}
      destroyOnHidden
    >
      <ProblemAlert problem={problem} />
      <Form form={form} name="qualification" layout="vertical" onFinish={submit} initialValues={{ kind: 'legal_profession' }}>
        <Form.Item label="资格情况" name="kind" rules={[{ required: true, message: '请选择资格情况' }]}>
          <Select options={Object.entries(qualificationKinds).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          label="法律职业资格证书编号"
          name="certificateNumber"
          rules={kind === 'legal_profession' ? [{ required: true, message: '请填写证书编号' }] : []}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          label={kind === 'legal_profession' ? '取得日期' : '开始从事法制审核的日期'}
          name="obtainedOn"
          rules={[{ required: true, message: '请选择日期' }]}
          extra={kind === 'serving_before_2021' ? '须早于2021年7月15日；此后初次从事法制审核的，应当取得法律职业资格。' : undefined}
        >
          <DatePicker format={dateFormats} className="cases-date" disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TermsModal({
  terms,
  open,
  onClose,
  onDone,
}: {
  terms: ReviewTerms | null;
  open: boolean;
  onClose: () => void;
  onDone: (terms: ReviewTerms) => void;
}) {
  const [form] = Form.useForm<Pick<ReviewTerms, 'reviewDays' | 'maxExtensionDays' | 'basis'>>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  useEffect(() => {
    if (!open || !terms) return;
    setProblem(null);
    form.setFieldsValue({
      reviewDays: terms.reviewDays,
      maxExtensionDays: terms.maxExtensionDays,
      basis: terms.isDefault ? '' : terms.basis,
    });
  }, [open, terms, form]);
  const submit = async (values: Pick<ReviewTerms, 'reviewDays' | 'maxExtensionDays' | 'basis'>) => {
    if (!terms) return;
    setIsSaving(true);
    try {
      onDone(await reviews.setTerms(terms.agencyId, { ...values, version: terms.version }));
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title="设置法制审核期限"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={isSaving}
      destroyOnHidden
    >
      <ProblemAlert problem={problem} />
      <Form form={form} name="terms" layout="vertical" onFinish={submit}>
        <Form.Item label="审核期限（工作日）" name="reviewDays" rules={[{ required: true, message: '请填写审核期限' }]}>
          <InputNumber min={1} max={30} precision={0} className="cases-number" />
        </Form.Item>
        <Form.Item
          label="经机关负责人批准最多延长（工作日）"
          name="maxExtensionDays"
          rules={[{ required: true, message: '请填写最长延长期限' }]}
          extra="填 0 表示不允许延长。"
        >
          <InputNumber min={0} max={30} precision={0} className="cases-number" />
        </Form.Item>
        <Form.Item label="依据" name="basis" rules={[{ required: true, message: '请写明依据' }]} extra="本机关法制审核办法的名称及条款。">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title="已送审的案件仍按送审时的期限计算；新的期限适用于此后送审的案件。" />
    </Modal>
  );
}

export default function ReviewersPage() {
  const { user } = useAuth();
  const { agencies } = useAgencyOptions();
  const [agencyId, setAgencyId] = useState<string | undefined>(user?.agency?.id);
  const [items, setItems] = useState<Reviewer[]>([]);
  const [terms, setTerms] = useState<ReviewTerms | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [qualifying, setQualifying] = useState<Reviewer | null>(null);
  const [isEditingTerms, setIsEditingTerms] = useState(false);
  const enforcing = agencies.filter((a) => a.kind !== 'justice');
  const current = agencyId ?? enforcing[0]?.id;
  const canManage = !!current && (hasRole(user, 'administrator') || (hasRole(user, 'agency_head') && user?.agency?.id === current));

  const load = useCallback(() => {
    if (!current) return;
    setIsLoading(true);
    Promise.all([reviews.reviewers(current), reviews.terms(current)])
      .then(([list, own]) => {
        setItems(list.items);
        setTerms(own);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, [current]);
  useEffect(load, [load]);

  const active = items.filter((r) => r.isActive);
  const unqualified = active.filter((r) => !r.isQualified);

  const columns: TableColumnsType<Reviewer> = [
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '账号', dataIndex: 'username', width: 150 },
    { title: '职务', dataIndex: 'post', width: 140, render: (post: string | null) => post ?? '—' },
    {
      title: '法律职业资格',
      key: 'qualifications',
      render: (_: unknown, reviewer) =>
        reviewer.qualifications.length === 0 ? (
          <Tag color="#a8071a" variant="solid">
            未登记，不能承办审核
          </Tag>
        ) : (
          <Space orientation="vertical" size={2}>
            {reviewer.qualifications.map((q) => (
              <span key={q.id}>
                <Tag color="green">{q.kind === 'legal_profession' ? '法律职业资格' : '2021年7月15日前已从事'}</Tag>
                {q.certificateNumber ? `证书编号 ${q.certificateNumber}，` : ''}
                {formatDate(q.obtainedOn)}
              </span>
            ))}
          </Space>
        ),
    },
    { title: '培训学时', dataIndex: 'trainingHours', width: 90, align: 'right' },
    {
      title: '状态',
      dataIndex: 'isActive',
      width: 80,
      render: (isActive: boolean) => (isActive ? '在岗' : <span className="review-muted">已停用</span>),
    },
  ];
  if (canManage) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_: unknown, reviewer) => (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setQualifying(reviewer)} aria-label={`为${reviewer.name}登记资格`}>
          登记资格
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title="审核人员与期限"
        extra={
          <Space>
            {enforcing.length > 1 ? (
              <Select
                aria-label="执法机关"
                value={current}
                onChange={setAgencyId}
                options={enforcing.map((a) => ({ value: a.id, label: a.name }))}
                className="admin-filter-select"
                showSearch={{ optionFilterProp: 'label' }}
              />
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" />
          </Space>
        }
      >
        法制审核人员及其法律职业资格：初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格（《行政处罚法》第五十八条第二款）；未登记资格的人员不能承办审核。审核期限由本机关规定。
      </PageHeader>
      <ProblemAlert problem={problem} />
      {!isLoading && unqualified.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          role="status"
          className="admin-problem"
          title={`${unqualified.map((r) => r.name).join('、')} 尚未登记法律职业资格，不能承办法制审核`}
        />
      ) : null}
      <Card
        variant="outlined"
        title="法制审核期限"
        className="review-terms"
        extra={
          canManage ? (
            <Button icon={<EditOutlined />} onClick={() => setIsEditingTerms(true)} disabled={!terms}>
              设置
            </Button>
          ) : null
        }
      >
        {terms ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label="审核期限">{terms.reviewDays} 个工作日</Descriptions.Item>
            <Descriptions.Item label="经负责人批准最多延长">
              {terms.maxExtensionDays > 0 ? `${terms.maxExtensionDays} 个工作日（限一次）` : '不得延长'}
            </Descriptions.Item>
            <Descriptions.Item label="依据">
              {terms.basis}
              {terms.isDefault ? <Tag className="review-default-tag">本机关未另行规定</Tag> : null}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      <Card variant="outlined" title={`法制审核人员（在岗 ${active.length} 人，已登记资格 ${active.length - unqualified.length} 人）`}>
        <Table<Reviewer>
          rowKey="userId"
          aria-label="法制审核人员"
          columns={columns}
          dataSource={items}
          loading={isLoading}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText: problem ? '无法加载' : '本机关没有法制审核人员账号' }}
        />
      </Card>
      <QualificationModal
        reviewer={qualifying}
        onClose={() => setQualifying(null)}
        onDone={() => {
          setQualifying(null);
          load();
        }}
      />
      <TermsModal
        terms={terms}
        open={isEditingTerms}
        onClose={() => setIsEditingTerms(false)}
        onDone={(saved) => {
          setTerms(saved);
          setIsEditingTerms(false);
        }}
      />
    </>
  );
}
