import { Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { type UserCreate, type UserPatch, users } from '../../shared/endpoints';
import { passwordRule, roleLabels, roleOrder } from '../../shared/labels';
import type { Agency, Role, User } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';

interface Values {
  username: string;
  displayName: string;
  agencyId?: string;
  post?: string;
  roles: Role[];
  password?: string;
}

const fieldNames = ['username', 'displayName', 'agencyId', 'post', 'roles', 'password'] as const;

interface Props {
  open: boolean;
  user: User | null;
  agencies: Agency[];
  onClose: () => void;
  onSaved: (user: User, isNew: boolean) => void;
}

function patchBody(user: User, values: Values): UserPatch {
  const patch: UserPatch = { version: user.version };
  const displayName = values.displayName.trim();
  if (displayName !== user.displayName) patch.displayName = displayName;
  const post = (values.post ?? '').trim();
  if (post !== (user.post ?? '')) patch.post = post === '' ? null : post;
  const agencyId = values.agencyId ?? null;
  if (agencyId !== user.agencyId) patch.agencyId = agencyId;
  const roles = [...values.roles].sort();
  if (roles.join() !== [...user.roles].sort().join()) patch.roles = values.roles;
  return patch;
}

export default function UserFormDrawer({ open, user, agencies, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        agencyId: user.agencyId ?? undefined,
        post: user.post ?? undefined,
        roles: user.roles,
      });
    }
  }, [open, user, form]);

  const submit = async (values: Values) => {
    setIsSaving(true);
    setProblem(null);
    try {
      let saved: User;
      if (user) {
        saved = await users.update(user.id, patchBody(user, values));
      } else {
        const body: UserCreate = {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          agencyId: values.agencyId ?? null,
          roles: values.roles,
          password: values.password ?? '',
        };
        const post = (values.post ?? '').trim();
        if (post) body.post = post;
        saved = await users.create(body);
      }
      onSaved(saved, user === null);
    } catch (error) {
      setProblem(applyProblem(form, error, fieldNames));
    } finally {
      setIsSaving(false);
    }
  };

  const agencyOptions = agencies
    .filter((agency) => agency.isActive || agency.id === user?.agencyId)
    .map((agency) => ({ value: agency.id, label: agency.isActive ? agency.name : `${agency.name}（已停用）` }));

  return (
    <Drawer
      title={user ? `编辑用户：${user.displayName}` : '新增用户'}
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
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError autoComplete="off">
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          extra={user ? '用户名创建后不能修改。' : '用于登录：3–32位小写字母、数字、点、下划线或连字符。'}
        >
          <Input maxLength={32} disabled={user !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          label="所属机关"
          name="agencyId"
          extra="执法人员、法制审核人员、机关负责人和执法监督人员必须选择所属机关；执法监督人员须属于司法行政机关。"
        >
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" options={agencyOptions} />
        </Form.Item>
        <Form.Item label="职务" name="post">
          <Input maxLength={60} placeholder="如：执法大队队长" />
        </Form.Item>
        <Form.Item label="角色" name="roles" rules={[{ required: true, message: '请至少选择一个角色' }]}>
          <Select mode="multiple" placeholder="请选择" options={roleOrder.map((role) => ({ value: role, label: roleLabels[role] }))} />
        </Form.Item>
        {user ? null : (
          <Form.Item
            label="初始密码"
            name="password"
            rules={[
              { required: true, message: '请输入初始密码' },
              { min: 12, message: '密码至少12位' },
            ]}
            extra={`密码规则：${passwordRule}。请将初始密码告知本人，并提醒其登录后及时修改。`}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
