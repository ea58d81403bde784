import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { users } from '../../shared/endpoints';
import type { User } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';

interface Props {
  user: User | null;
  onClose: () => void;
  onDone: (user: User) => void;
}

interface Values {
  newPassword: string;
  confirm: string;
}

/** An administrator sets a new password for a user who forgot theirs; the user's sessions end and any lock lifts. */
export default function ResetPasswordModal({ user, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setProblem(null);
    }
  }, [user, form]);

  const submit = async ({ newPassword }: Values) => {
    if (!user) return;
    setIsSaving(true);
    setProblem(null);
    try {
      onDone(await users.resetPassword(user.id, user.version, newPassword));
    } catch (error) {
      setProblem(applyProblem(form, error, ['newPassword']));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      title="重置密码"
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认重置"
      okButtonProps={{ loading: isSaving }}
      cancelText="取消"
      destroyOnHidden
    >
      <p>为“{user?.displayName}”设置新密码。重置后该用户的全部登录会话立即结束，登录锁定同时解除；请将新密码当面或通过安全渠道告知本人。</p>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          label="新密码"
          name="newPassword"
          extra="至少12位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名"
          rules={[{ required: true, message: '请输入新密码' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
