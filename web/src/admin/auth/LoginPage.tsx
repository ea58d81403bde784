import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { auth } from '../../shared/endpoints';
import type { AuthState } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';
import { useAuth } from './AuthContext';
import SecondFactorEnrollment, { codeRules } from './SecondFactorEnrollment';

interface Credentials {
  username: string;
  password: string;
}

/** Only paths inside the staff app are followed after login. */
function safeNext(next: string | null): string {
  return next && /^\/admin(\/|$)/.test(next) && !next.startsWith('/admin/login') ? next : '/admin';
}

function PasswordStep({ onAnswer }: { onAnswer: (state: AuthState) => void }) {
  const [form] = Form.useForm<Credentials>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const submit = async ({ username, password }: Credentials) => {
    setIsSubmitting(true);
    setProblem(null);
    try {
      onAnswer(await auth.login(username.trim(), password));
    } catch (error) {
      setProblem(applyProblem(form, error, ['username', 'password']));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
      <ProblemAlert problem={problem} />
      <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
        <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={isSubmitting} block>
        登录
      </Button>
    </Form>
  );
}

function SecondFactorStep({ onAnswer }: { onAnswer: (state: AuthState) => void }) {
  const [form] = Form.useForm<{ code: string }>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setIsSubmitting(true);
    setProblem(null);
    try {
      onAnswer(await auth.secondFactor(code.trim()));
    } catch (error) {
      setProblem(applyProblem(form, error, ['code']));
      form.setFieldValue('code', '');
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
      <Typography.Paragraph>请打开手机上的身份验证器应用，输入显示的6位动态验证码。</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form.Item label="动态验证码" name="code" rules={codeRules}>
        <Input
          prefix={<SafetyCertificateOutlined aria-hidden />}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={isSubmitting} block>
        验证
      </Button>
    </Form>
  );
}

export default function LoginPage() {
  const { status, stage, apply, signOut, probeError } = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = '登录 - 阳光执法平台';
  }, []);

  if (status === 'active') return <Navigate to={next} replace />;

  const step = status === 'pending' ? stage : 'password';
  const subtitle = step === 'second_factor' ? '动态验证码验证' : step === 'enrollment' ? '绑定动态验证码' : '工作人员登录';

  return (
    <div className="admin-login">
      <header className="admin-login-header">
        <p className="admin-login-brand">阳光执法平台</p>
        <p className="admin-login-tagline">行政执法公示 · 全过程记录 · 法制审核</p>
      </header>
      <main id="main" className="admin-login-main">
        <Card className="admin-login-card" variant="outlined">
          <h1 className="admin-login-title">{subtitle}</h1>
          {probeError ? <ProblemAlert problem={{ title: probeError, detail: '暂时无法确认登录状态。' }} /> : null}
          {status === 'loading' ? (
            <div className="admin-center">
              <Spin description="正在检查登录状态…" />
            </div>
          ) : step === 'second_factor' ? (
            <SecondFactorStep onAnswer={apply} />
          ) : step === 'enrollment' ? (
            <>
              <Typography.Paragraph strong>您的账号须绑定动态验证码后方可使用。</Typography.Paragraph>
              <SecondFactorEnrollment onEnabled={apply} submitText="绑定并登录" skipAuthRedirect />
            </>
          ) : (
            <PasswordStep onAnswer={apply} />
          )}
          {status === 'pending' ? (
            <Button type="link" block className="admin-login-switch" onClick={() => void signOut()}>
              使用其他账号登录
            </Button>
          ) : null}
        </Card>
        <p className="admin-login-footer">
          <Link to="/">返回公示平台</Link>
        </p>
      </main>
    </div>
  );
}
