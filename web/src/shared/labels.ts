/** The zh-CN labels of the domain's codes, in one place. */
import type { AgencyKind, GovernmentLevel, Role } from './types';

export const roleLabels: Record<Role, string> = {
  officer: '执法人员',
  reviewer: '法制审核人员',
  agency_head: '机关负责人',
  supervisor: '执法监督人员',
  administrator: '系统管理员',
  auditor: '审计人员',
};

export const roleOrder: Role[] = ['officer', 'reviewer', 'agency_head', 'supervisor', 'administrator', 'auditor'];

export const roleColors: Record<Role, string> = {
  officer: 'blue',
  reviewer: 'purple',
  agency_head: 'gold',
  supervisor: 'cyan',
  administrator: 'magenta',
  auditor: 'geekblue',
};

export const agencyKindLabels: Record<AgencyKind, string> = {
  market_regulation: '市场监督管理',
  ecology_environment: '生态环境',
  urban_management: '城市管理综合执法',
  transport: '交通运输',
  emergency_management: '应急管理',
  health: '卫生健康',
  culture_tourism: '文化和旅游',
  natural_resources: '自然资源',
  justice: '司法行政',
  other: '其他',
};

export const agencyKindOrder = Object.keys(agencyKindLabels) as AgencyKind[];

export const governmentLevelLabels: Record<GovernmentLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
};

export const statusLabels = { active: '启用', inactive: '停用' } as const;

/** The password rule, shown wherever a password is chosen; the server checks it. */
export const passwordRule = '至少12位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名';
