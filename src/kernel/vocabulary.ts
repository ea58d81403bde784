/**
 * The domain's codes and their official zh-CN names, in one place for the server and the web app (which imports this
 * file directly). Pure data: no imports, nothing that needs Node.
 */
export const roles = ['officer', 'reviewer', 'agency_head', 'supervisor', 'administrator', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  officer: '执法人员',
  reviewer: '法制审核人员',
  agency_head: '机关负责人',
  supervisor: '执法监督人员',
  administrator: '系统管理员',
  auditor: '审计人员',
};

/** Kinds of enforcement agency, with their official Chinese names. */
export const agencyKinds = {
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
} as const;
export type AgencyKind = keyof typeof agencyKinds;

export const governmentLevels = ['province', 'city', 'county', 'township'] as const;
export type GovernmentLevel = (typeof governmentLevels)[number];

export const governmentLevelLabels: Record<GovernmentLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
};

/** The password rule as people read it; kernel/password.ts enforces it. */
export const passwordRule = '至少12位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名';
