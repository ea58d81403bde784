import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { auth } from '../../shared/endpoints';
import { passwordRule } from '../../shared/labels';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export default function PasswordCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setIsSaving(true);
    setProblem(null);
    try {
      await auth.changePassword(currentPassword, newPassword);
      form.resetFields();
      message.success('密码已修改');
    } catch (error) {
      setProblem(applyProblem(form, error, ['currentPassword', 'newPassword']));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card title={<h2 className="admin-card-title">修改密码</h2>} variant="outlined">
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit} className="admin-narrow-form">
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 12, message: '密码至少12位' },
          ]}
          extra={`密码规则：${passwordRule}。`}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
