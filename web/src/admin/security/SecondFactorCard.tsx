import { App, Button, Card, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth, useMe } from '../auth/AuthContext';
import SecondFactorEnrollment from '../auth/SecondFactorEnrollment';

export default function SecondFactorCard() {
  const { message } = App.useApp();
  const me = useMe();
  const { apply } = useAuth();
  const [isEnrolling, setIsEnrolling] = useState(false);

  return (
    <Card title={<h2 className="admin-card-title">动态验证码</h2>} variant="outlined">
      <Typography.Paragraph>
        状态：{me.hasSecondFactor ? <Tag color="green">已绑定</Tag> : <Tag color="orange">未绑定</Tag>}
      </Typography.Paragraph>
      {me.hasSecondFactor ? (
        <Typography.Paragraph type="secondary">
          登录时除密码外还须输入身份验证器应用显示的6位动态验证码。如手机丢失，请联系系统管理员处理。
        </Typography.Paragraph>
      ) : isEnrolling ? (
        <SecondFactorEnrollment
          submitText="绑定"
          onEnabled={(state) => {
            apply(state);
            setIsEnrolling(false);
            message.success('动态验证码已绑定');
          }}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            绑定动态验证码后，登录时除密码外还须输入身份验证器应用显示的6位数字，账号更安全。系统管理员和法制审核人员必须绑定。
          </Typography.Paragraph>
          <Button type="primary" onClick={() => setIsEnrolling(true)}>
            绑定动态验证码
          </Button>
        </>
      )}
    </Card>
  );
}
