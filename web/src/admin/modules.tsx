/**
 * Every module of the architecture, as the side menu lists it. Modules that are not built
 * yet say so, with one sentence of what they will do.
 */
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  HistoryOutlined,
  IdcardOutlined,
  LockOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SwapOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface ModuleEntry {
  /** Path below /admin, without leading slash; '' is the 工作台. */
  path: string;
  label: string;
  icon?: ReactNode;
  /** Built pages have no description; the others show 该模块尚未上线 and this sentence. */
  plannedDescription?: string;
}

export interface ModuleGroup {
  key: string;
  label: string;
  icon: ReactNode;
  children: ModuleEntry[];
}

export type MenuNode = ModuleEntry | ModuleGroup;

export function isGroup(node: MenuNode): node is ModuleGroup {
  return 'children' in node;
}

export const menuTree: MenuNode[] = [
  { path: '', label: '工作台', icon: <DashboardOutlined /> },
  {
    key: 'org',
    label: '组织机构',
    icon: <ApartmentOutlined />,
    children: [
      { path: 'agencies', label: '执法机关' },
      { path: 'users', label: '用户管理' },
    ],
  },
  {
    key: 'catalog-group',
    label: '事前公开',
    icon: <ProfileOutlined />,
    children: [{ path: 'catalog', label: '清单管理' }],
  },
  {
    key: 'personnel-group',
    label: '执法人员与证件',
    icon: <IdcardOutlined />,
    children: [
      { path: 'personnel', label: '执法人员名册' },
      { path: 'personnel/reviewer-ratios', label: '法制审核人员配备' },
    ],
  },
  {
    key: 'cases-group',
    label: '案件办理',
    icon: <FileSearchOutlined />,
    children: [
      { path: 'cases', label: '案件列表' },
      { path: 'cases/due', label: '待办期限' },
      { path: 'documents/verify', label: '文书核验' },
    ],
  },
  {
    path: 'evidence',
    label: '证据与音像',
    icon: <VideoCameraOutlined />,
    plannedDescription: '归档证据材料和执法记录仪音像资料，记录保管链条，每一次调阅都留下记录。',
  },
  {
    path: 'documents',
    label: '执法文书',
    icon: <FileTextOutlined />,
    plannedDescription: '按规范格式生成执法文书（Word、PDF），附验真二维码，并登记送达情况。',
  },
  {
    key: 'review-group',
    label: '法制审核',
    icon: <AuditOutlined />,
    children: [
      { path: 'review', label: '审核队列' },
      { path: 'review/statistics', label: '审核统计' },
      { path: 'review/reviewers', label: '审核人员与期限' },
    ],
  },
  { path: 'disclosure', label: '信息公示', icon: <NotificationOutlined /> },
  { path: 'reports', label: '统计年报', icon: <BarChartOutlined /> },
  {
    path: 'inspections',
    label: '双随机检查',
    icon: <ScheduleOutlined />,
    plannedDescription: '从检查对象名录库和执法检查人员名录库中随机抽取检查对象和检查人员，记录检查过程并公开结果。',
  },
  {
    key: 'supervision',
    label: '执法监督',
    icon: <SafetyCertificateOutlined />,
    children: [
      {
        path: 'supervision/complaints',
        label: '投诉举报',
        plannedDescription: '受理和办理群众对行政执法不作为、慢作为、乱作为的投诉举报，跟踪办理期限并答复。',
      },
      {
        path: 'supervision/evaluations',
        label: '案卷评查',
        plannedDescription: '组织对已结案卷逐项评查打分，形成问题清单。',
      },
      {
        path: 'supervision/rectifications',
        label: '整改台账',
        plannedDescription: '对监督发现的问题建立整改台账，逐项整改、逐项销号。',
      },
      {
        path: 'supervision/appraisals',
        label: '评议考核',
        plannedDescription: '按年度对各执法机关的执法工作进行评议考核，汇总执法数据和考核指标。',
      },
    ],
  },
  { path: 'exchange', label: '数据交换', icon: <SwapOutlined /> },
  {
    key: 'ledger-group',
    label: '全过程记录',
    icon: <HistoryOutlined />,
    children: [
      {
        path: 'ledger',
        label: '记录账本',
        plannedDescription:
          '查看和核验不可删除、不可篡改的执法全过程记录账本：每条记录的时间、操作人和内容摘要，以及账本的签名检查点和一致性证明。',
      },
    ],
  },
  { path: 'calendar', label: '工作日历', icon: <CalendarOutlined /> },
  { path: 'security', label: '安全设置', icon: <LockOutlined /> },
];

export function flattenModules(nodes: MenuNode[] = menuTree): ModuleEntry[] {
  return nodes.flatMap((node) => (isGroup(node) ? node.children : [node]));
}

export function findGroupKey(path: string): string | undefined {
  return menuTree.find((node): node is ModuleGroup => isGroup(node) && node.children.some((c) => c.path === path))?.key;
}
