import { Button, Form, Image, Input, Skeleton, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { auth } from '../../shared/endpoints';
import type { AuthState, SecondFactorSetup } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';

interface Props {
  /** Called with the session answer once the code is accepted. */
  onEnabled: (state: AuthState) => void;
  submitText?: string;
  /** During login a 401 is an answer to show, not a reason to leave the page. */
  skipAuthRedirect?: boolean;
}

export const codeRules = [
  { required: true, message: '请输入6位动态验证码' },
  { pattern: /^\d{6}$/, message: '动态验证码为6位数字' },
];

/** Binding an authenticator app: show the QR code and the secret, then check one code. */
export default function SecondFactorEnrollment({ onEnabled, submitText = '绑定', skipAuthRedirect }: Props) {
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<SecondFactorSetup | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const started = useRef(false);

  const loadSetup = useCallback(() => {
    setProblem(null);
    setSetup(null);
    auth
      .setupSecondFactor({ skipAuthRedirect })
      .then(setSetup)
      .catch((error: unknown) => setProblem(applyProblem(null, error, [])));
  }, [skipAuthRedirect]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    loadSetup();
  }, [loadSetup]);

  const submit = async ({ code }: { code: string }) => {
    setIsSubmitting(true);
    setProblem(null);
    try {
      onEnabled(await auth.enableSecondFactor(code.trim(), { skipAuthRedirect }));
    } catch (error) {
      setProblem(applyProblem(form, error, ['code']));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <div className="admin-enrollment">
      <Typography.Paragraph>
        请在手机上使用身份验证器应用（支持 TOTP 标准的应用均可）扫描下方二维码，或手动输入密钥，然后输入应用显示的6位动态验证码完成绑定。
      </Typography.Paragraph>
      <ProblemAlert problem={problem} />
      {setup ? (
        <Space orientation="vertical" size="middle" className="admin-enrollment-setup">
          <Image src={setup.qrDataUrl} alt="动态验证码绑定二维码" width={180} height={180} preview={false} className="admin-qr" />
          <div>
            <Typography.Text type="secondary">无法扫码时，可在应用中手动输入密钥：</Typography.Text>
            <Typography.Paragraph className="admin-secret">
              <Typography.Text code copyable={{ text: setup.secret, tooltips: ['复制密钥', '已复制'] }}>
                {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
              </Typography.Text>
            </Typography.Paragraph>
          </div>
        </Space>
      ) : problem ? (
        <Button onClick={loadSetup}>重新获取二维码</Button>
      ) : (
        <Skeleton.Image active />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} className="admin-enrollment-form">
        <Form.Item label="动态验证码" name="code" rules={codeRules}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="6位数字" disabled={!setup} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isSubmitting} disabled={!setup} block>
          {submitText}
        </Button>
      </Form>
    </div>
  );
}
