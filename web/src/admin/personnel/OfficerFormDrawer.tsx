import { Alert, Button, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { type Officer, type OfficerPatch, officers } from '../../shared/personnel';
import { useAuth } from '../auth/AuthContext';
import { useAgencyOptions } from '../components/options';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';

interface Values {
  agencyId: string;
  name: string;
  post?: string;
  kind: 'officer' | 'auxiliary';
}

const fieldNames = ['agencyId', 'name', 'post', 'isAuxiliary', 'kind'] as const;

interface Props {
  open: boolean;
  /** The officer to edit; null to add one. */
  officer: Officer | null;
  /** Whether the current certificate is held (valid or suspended): such a person cannot become auxiliary staff. */
  holdsCertificate?: boolean;
  isAdministrator: boolean;
  onClose: () => void;
  onSaved: (officer: Officer, isNew: boolean) => void;
}

function patchBody(officer: Officer, values: Values): OfficerPatch {
  const patch: OfficerPatch = { version: officer.version };
  const name = values.name.trim();
  if (name !== officer.name) patch.name = name;
  const post = (values.post ?? '').trim();
  if (post !== (officer.post ?? '')) patch.post = post === '' ? null : post;
  const isAuxiliary = values.kind === 'auxiliary';
  if (isAuxiliary !== officer.isAuxiliary) patch.isAuxiliary = isAuxiliary;
  return patch;
}

/** 新增人员 / 修改: name, post and whether the person is an enforcement officer or auxiliary staff. */
export default function OfficerFormDrawer({ open, officer, holdsCertificate = false, isAdministrator, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { user } = useAuth();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { agencies, isLoading } = useAgencyOptions();
  const isNew = officer === null;
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    if (officer) {
      form.setFieldsValue({
        agencyId: officer.agencyId,
        name: officer.name,
        post: officer.post ?? undefined,
        kind: officer.isAuxiliary ? 'auxiliary' : 'officer',
      });
    } else {
      form.setFieldsValue({ kind: 'officer', agencyId: isAdministrator ? undefined : user?.agency?.id });
    }
  }, [open, officer, form, isAdministrator, user]);

  const submit = async (values: Values) => {
    setIsSaving(true);
    setProblem(null);
    try {
      const saved = officer
        ? await officers.update(officer.id, patchBody(officer, values))
        : await officers.create({
            agencyId: values.agencyId,
            name: values.name.trim(),
            post: values.post?.trim() || null,
            isAuxiliary: values.kind === 'auxiliary',
          });
      onSaved(saved, isNew);
    } catch (error) {
      setProblem(applyProblem(form, error, fieldNames));
    } finally {
      setIsSaving(false);
    }
  };

  const agencyOptions = agencies
    .filter((agency) => agency.isActive || agency.id === officer?.agencyId)
    .map((agency) => ({ value: agency.id, label: agency.name }));
  if (!isAdministrator && user?.agency && !agencyOptions.some((o) => o.value === user.agency?.id)) {
    agencyOptions.push({ value: user.agency.id, label: user.agency.name });
  }

  return (
    <Drawer
      title={officer ? `修改执法人员信息：${officer.name}` : '新增人员'}
      open={open}
      onClose={onClose}
      size={520}
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
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Form.Item
          label="执法机关"
          name="agencyId"
          rules={[{ required: true, message: '请选择执法机关' }]}
          extra={
            isNew
              ? isAdministrator
                ? undefined
                : '机关负责人只能管理本机关的执法人员。'
              : '调动到其他机关的，请在原机关调离执法岗位后由新机关登记。'
          }
        >
          <Select
            disabled={!isNew || !isAdministrator}
            loading={isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择"
            options={agencyOptions}
          />
        </Form.Item>
        <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, min: 2, message: '请输入姓名（至少2个字）' }]}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item label="岗位" name="post">
          <Input maxLength={60} placeholder="如：食品安全监管科科员" />
        </Form.Item>
        <Form.Item
          label="人员类别"
          name="kind"
          rules={[{ required: true, message: '请选择人员类别' }]}
          extra={
            holdsCertificate && !isNew
              ? '该人员持有执法证，须先注销证件才能改为辅助人员。'
              : '辅助人员不能申领执法证，只能协助持证执法人员开展工作。'
          }
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'officer', label: '执法人员' },
              { value: 'auxiliary', label: '辅助人员', disabled: holdsCertificate && !isNew && !officer?.isAuxiliary },
            ]}
          />
        </Form.Item>
        {kind === 'auxiliary' ? <Alert type="info" showIcon title="辅助人员不计入执法人员人数，不得单独从事执法活动。" /> : null}
        <Alert
          type="warning"
          showIcon
          className="personnel-form-note"
          title="名册不登记身份证号、电话和住址；执法证件信息将在公示平台公开。"
        />
      </Form>
    </Drawer>
  );
}
