import { Alert, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { type AgencyCreate, type AgencyFields, type AgencyPatch, agencies } from '../../shared/endpoints';
import { agencyKindLabels, agencyKindOrder, governmentLevelLabels } from '../../shared/labels';
import type { Agency, AgencyKind } from '../../shared/types';
import { useGovernments } from '../components/options';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';

interface Values {
  governmentId: string;
  name: string;
  shortName?: string;
  uscc: string;
  kind: AgencyKind;
  address?: string;
  phone?: string;
  supervisionPhone?: string;
  complaintChannel?: string;
  website?: string;
  officeHours?: string;
}

const fieldNames = [
  'governmentId',
  'name',
  'shortName',
  'uscc',
  'kind',
  'address',
  'phone',
  'supervisionPhone',
  'complaintChannel',
  'website',
  'officeHours',
] as const;

const optionalFields = ['shortName', 'address', 'phone', 'supervisionPhone', 'complaintChannel', 'website', 'officeHours'] as const;

interface Props {
  open: boolean;
  /** The agency to edit; null to create one. */
  agency: Agency | null;
  /** An agency head edits only the contact and supervision fields of their own agency. */
  isContactOnly?: boolean;
  onClose: () => void;
  onSaved: (agency: Agency, isNew: boolean) => void;
}

function valuesOf(agency: Agency): Values {
  return {
    governmentId: agency.governmentId,
    name: agency.name,
    shortName: agency.shortName ?? undefined,
    uscc: agency.uscc,
    kind: agency.kind,
    address: agency.address ?? undefined,
    phone: agency.phone ?? undefined,
    supervisionPhone: agency.supervisionPhone ?? undefined,
    complaintChannel: agency.complaintChannel ?? undefined,
    website: agency.website ?? undefined,
    officeHours: agency.officeHours ?? undefined,
  };
}

function clean(value: string | undefined): string {
  return (value ?? '').trim();
}

function createBody(values: Values): AgencyCreate {
  const body: AgencyCreate = {
    governmentId: values.governmentId,
    name: clean(values.name),
    uscc: clean(values.uscc).toUpperCase(),
    kind: values.kind,
  };
  for (const field of optionalFields) {
    const value = clean(values[field]);
    if (value) body[field] = value;
  }
  return body;
}

/** Only what changed, with the version read; a cleared optional field is sent as null. */
function patchBody(agency: Agency, values: Values): AgencyPatch {
  const patch: AgencyPatch = { version: agency.version };
  const name = clean(values.name);
  if (name !== agency.name) patch.name = name;
  const uscc = clean(values.uscc).toUpperCase();
  if (uscc !== agency.uscc) patch.uscc = uscc;
  if (values.kind !== agency.kind) patch.kind = values.kind;
  for (const field of optionalFields) {
    const value = clean(values[field]);
    if (value !== (agency[field] ?? '')) (patch as Partial<AgencyFields>)[field] = value === '' ? null : value;
  }
  return patch;
}

export default function AgencyFormDrawer({ open, agency, isContactOnly = false, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { governments, isLoading: isLoadingGovernments } = useGovernments();
  const isNew = agency === null;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    if (agency) form.setFieldsValue(valuesOf(agency));
    else if (governments.length === 1 && governments[0]) form.setFieldValue('governmentId', governments[0].id);
  }, [open, agency, form, governments]);

  const submit = async (values: Values) => {
    setIsSaving(true);
    setProblem(null);
    try {
      const saved = agency ? await agencies.update(agency.id, patchBody(agency, values)) : await agencies.create(createBody(values));
      onSaved(saved, isNew);
    } catch (error) {
      setProblem(applyProblem(form, error, fieldNames));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Drawer
      title={agency ? `编辑执法机关：${agency.name}` : '新增执法机关'}
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
      footer={
        <Space className="admin-drawer-footer">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={isSaving} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <ProblemAlert problem={problem} />
      {isContactOnly ? (
        <Alert
          type="info"
          showIcon
          className="admin-problem"
          title="机关负责人可以修改本机关的联系方式与监督渠道，其余信息由系统管理员维护。"
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Form.Item
          label="所属人民政府"
          name="governmentId"
          rules={[{ required: true, message: '请选择所属人民政府' }]}
          extra={isNew ? undefined : '所属人民政府创建后不能修改。'}
        >
          <Select
            disabled={!isNew}
            loading={isLoadingGovernments}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择"
            options={governments.map((government) => ({
              value: government.id,
              label: `${government.name}（${governmentLevelLabels[government.level] ?? government.level}）`,
            }))}
          />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={100} placeholder="如：中卫市沙坡头区市场监督管理局" disabled={isContactOnly} />
        </Form.Item>
        <Form.Item label="简称" name="shortName">
          <Input maxLength={40} disabled={isContactOnly} />
        </Form.Item>
        <Form.Item
          label="统一社会信用代码"
          name="uscc"
          rules={[{ required: true, whitespace: true, message: '请输入统一社会信用代码' }]}
          extra="18位，由数字和大写字母组成（GB 32100-2015），系统将校验其校验码。"
          normalize={(value: string) => value?.toUpperCase()}
        >
          <Input maxLength={18} className="admin-mono" autoComplete="off" disabled={isContactOnly} />
        </Form.Item>
        <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
          <Select
            placeholder="请选择"
            disabled={isContactOnly}
            options={agencyKindOrder.map((kind) => ({ value: kind, label: agencyKindLabels[kind] }))}
          />
        </Form.Item>
        <Form.Item label="地址" name="address">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="办公电话" name="phone">
          <Input maxLength={40} inputMode="tel" />
        </Form.Item>
        <Form.Item label="监督电话" name="supervisionPhone">
          <Input maxLength={40} inputMode="tel" />
        </Form.Item>
        <Form.Item label="投诉举报渠道" name="complaintChannel">
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item label="网站" name="website">
          <Input maxLength={200} inputMode="url" placeholder="https://" />
        </Form.Item>
        <Form.Item label="办公时间" name="officeHours">
          <Input maxLength={100} placeholder="如：工作日 8:30—12:00，14:30—18:00" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
