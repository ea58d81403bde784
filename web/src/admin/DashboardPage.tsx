import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { roleColors, roleLabels } from '../shared/labels';
import { useMe } from './auth/AuthContext';
import PageHeader from './components/PageHeader';
import { flattenModules } from './modules';

const builtModules = [
  { path: 'agencies', label: '执法机关', text: '查看和维护本级人民政府所属的行政执法主体及其公示信息。' },
  { path: 'users', label: '用户管理', text: '管理工作人员账号、所属机关、角色和账号状态。' },
  { path: 'catalog', label: '清单管理', text: '编制本机关的执法事项、裁量基准等七类清单，经法制审核后在公示平台公布，纠错留存历史版本。' },
  { path: 'personnel', label: '执法人员名册', text: '管理执法人员、辅助人员及其执法证的核发、换发、年审、暂扣和注销，打印亮证卡。' },
  { path: 'personnel/reviewer-ratios', label: '法制审核人员配备', text: '查看各执法机关法制审核人员占执法人员的比例，低于5%的标出。' },
  {
    path: 'cases',
    label: '案件列表',
    text: '按法定程序立案、办理各环节，上传和调阅证据与音像记录，下载执法文书，查看全过程记录和流程图。',
  },
  { path: 'cases/due', label: '待办期限', text: '即将到期和已经逾期的法定期限，按工作日计算。' },
  { path: 'exchange', label: '数据交换', text: '向上级统一平台推送公开、变更和撤下的执法决定，查看推送状态和已登记的下级平台。' },
  { path: 'calendar', label: '工作日历', text: '法定节假日与调休上班日，按工作日计算期限；每年由系统管理员录入下一年度安排。' },
  { path: 'security', label: '安全设置', text: '修改密码、绑定动态验证码、管理登录会话。' },
];

export default function DashboardPage() {
  const me = useMe();
  const pending = flattenModules().filter((module) => module.plannedDescription);
  return (
    <>
      <PageHeader title="工作台" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={<h2 className="admin-card-title">{`您好，${me.displayName}`}</h2>} variant="outlined">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: '用户名', children: me.username },
                { key: 'agency', label: '所属机关', children: me.agency?.name ?? '未归属执法机关' },
                {
                  key: 'roles',
                  label: '角色',
                  children: me.roles.map((role) => (
                    <Tag key={role} color={roleColors[role]} variant="outlined">
                      {roleLabels[role]}
                    </Tag>
                  )),
                },
                {
                  key: 'mfa',
                  label: '动态验证码',
                  children: me.hasSecondFactor ? (
                    <Tag color="green">已绑定</Tag>
                  ) : (
                    <span>
                      <Tag color="orange">未绑定</Tag> <Link to="/admin/security">前往绑定</Link>
                    </span>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={<h2 className="admin-card-title">已上线的功能</h2>} variant="outlined">
            <ul className="admin-link-list">
              {builtModules.map((module) => (
                <li key={module.path}>
                  <Link to={`/admin/${module.path}`}>{module.label}</Link>
                  <Typography.Text type="secondary">　{module.text}</Typography.Text>
                </li>
              ))}
            </ul>
            <Typography.Paragraph type="secondary" className="admin-note">
              其余{pending.length}
              个模块（法制审核、事后公开、执法监督等）正在建设中，菜单中可查看各模块的建设内容。
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </>
  );
}
