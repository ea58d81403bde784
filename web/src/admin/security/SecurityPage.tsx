import { Col, Row } from 'antd';
import PageHeader from '../components/PageHeader';
import PasswordCard from './PasswordCard';
import SecondFactorCard from './SecondFactorCard';
import SessionsCard from './SessionsCard';

export default function SecurityPage() {
  return (
    <>
      <PageHeader title="安全设置">修改登录密码、绑定动态验证码，查看并注销在其他设备上的登录。</PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <PasswordCard />
        </Col>
        <Col xs={24} xl={12}>
          <SecondFactorCard />
        </Col>
        <Col span={24}>
          <SessionsCard />
        </Col>
      </Row>
    </>
  );
}
