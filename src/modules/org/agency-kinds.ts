/** Kinds of enforcement agency at county level, with their official Chinese names. */
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

export function agencyKindLabel(kind: string): string {
  return (agencyKinds as Record<string, string>)[kind] ?? kind;
}
