/**
 * The entries of each list of the catalog of powers, as the seeds name their fields (task list items 2–4, 11, 21,
 * 30; the county plan's lists). One TypeBox schema per kind validates what staff save or import; the same schemas
 * describe the entries in the OpenAPI document.
 */
import { type Static, type TSchema, Type } from 'typebox';
import { StringEnum } from '../../http/schemas.js';
import {
  type ActionType,
  actionTypes,
  agencyKinds,
  type CatalogKind,
  majorConditionKinds,
  partyTypes,
  penaltyKinds,
  procedureSteps,
  recordingModes,
} from '../../kernel/vocabulary.js';

const text = (title: string, max = 2000, min = 1) => Type.String({ minLength: min, maxLength: max, title });
const optionalText = (title: string, max = 2000) => Type.Optional(Type.String({ maxLength: max, title }));
const enumOf = <T extends Record<string, string>>(values: T, title: string) =>
  StringEnum(Object.keys(values) as (keyof T & string)[], {
    description: `${title}：${Object.entries(values)
      .map(([k, v]) => `${k} ${v}`)
      .join('；')}`,
  });

const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\s]+$', title: '编码', description: '在本清单内唯一，不含空白' });

/** One legal provision: the law, its article, and optionally clause and item, as the statute numbers them. */
export const LegalBasis = Type.Object(
  {
    law: text('法律法规名称', 200),
    article: Type.String({ minLength: 2, maxLength: 40, pattern: '^第.+条$', title: '条', description: '如“第一百二十二条”' }),
    clause: Type.Optional(Type.String({ maxLength: 20, pattern: '^第.+款$', title: '款' })),
    item: Type.Optional(Type.String({ maxLength: 20, title: '项', description: '如“（四）”或“第（四）项”' })),
    text: optionalText('条文内容', 4000),
  },
  { additionalProperties: false },
);
export type LegalBasis = Static<typeof LegalBasis>;
const LegalBases = Type.Array(LegalBasis, { minItems: 1, maxItems: 20, title: '法律依据' });

export const EnforcementItem = Type.Object(
  {
    code: Code,
    name: text('事项名称', 200),
    actionType: enumOf(actionTypes, '行为类别'),
    category: enumOf(agencyKinds, '执法门类'),
    duties: text('职责', 2000),
    powers: text('权限', 2000),
    legalBases: LegalBases,
    supervisionMethod: text('监督方式', 1000),
    remedyChannels: text('救济渠道', 1000),
  },
  { additionalProperties: false, title: '行政执法事项' },
);

export const RandomCheckItem = Type.Object(
  {
    code: Code,
    name: text('抽查事项', 200),
    subject: text('抽查主体', 200),
    legalBases: LegalBases,
    targetType: text('抽查对象', 500),
    content: text('抽查内容', 2000),
    ratio: text('抽查比例', 200),
    method: text('抽查方式', 500),
    frequency: text('抽查频次', 200),
  },
  { additionalProperties: false, title: '随机抽查事项' },
);

export const ServiceGuide = Type.Object(
  {
    code: Code,
    name: text('事项名称', 200),
    legalBases: LegalBases,
    acceptingBody: text('受理机构', 200),
    approvingBody: text('审批机构', 200),
    conditions: text('许可条件', 4000),
    preferentialPolicies: text('优惠政策', 2000),
    materials: Type.Array(text('申请材料', 500), { minItems: 1, maxItems: 100, title: '申请材料' }),
    flow: text('办理流程', 4000),
    timeLimit: text('办理时限', 200),
    supervision: text('监督方式', 1000),
    liability: text('责任追究', 1000),
    remedy: text('救济渠道', 1000),
    hours: text('办公时间', 200),
    address: text('办公地址', 200),
    phone: Type.String({ minLength: 5, maxLength: 40, pattern: '^[0-9+\\-（）() 、,，转]+$', title: '联系电话' }),
  },
  { additionalProperties: false, title: '服务指南' },
);

export const DiscretionGrade = Type.Object(
  {
    code: Code,
    label: text('裁量阶次', 40),
    partyType: Type.Optional(enumOf(partyTypes, '当事人类型')),
    circumstances: text('违法情形', 2000),
    penaltyKinds: Type.Array(enumOf(penaltyKinds, '处罚种类'), { minItems: 1, uniqueItems: true, title: '处罚种类' }),
    minAmount: Type.Optional(Type.Number({ minimum: 0, title: '罚款下限（元）' })),
    maxAmount: Type.Optional(Type.Number({ minimum: 0, title: '罚款上限（元）' })),
    penalty: text('处罚标准', 2000),
  },
  { additionalProperties: false },
);
export type DiscretionGrade = Static<typeof DiscretionGrade>;

export const DiscretionBenchmark = Type.Object(
  {
    code: Code,
    name: text('违法行为', 300),
    itemCode: Type.Optional(Code),
    legalBases: LegalBases,
    statutoryRange: text('法定处罚幅度', 2000),
    gradeBasis: optionalText('阶次划分依据', 500),
    grades: Type.Array(DiscretionGrade, { minItems: 1, maxItems: 10, title: '裁量阶次' }),
    source: optionalText('基准出处', 500),
  },
  { additionalProperties: false, title: '行政裁量基准' },
);
export type DiscretionBenchmark = Static<typeof DiscretionBenchmark>;

export const AvRecordingRequirement = Type.Object(
  {
    code: Code,
    name: text('记录事项', 200),
    step: enumOf(procedureSteps, '执法环节'),
    actionTypes: Type.Array(enumOf(actionTypes, '行为类别'), { minItems: 1, uniqueItems: true, title: '适用行为类别' }),
    mode: enumOf(recordingModes, '记录方式'),
    scene: optionalText('执法场所与活动', 500),
    basis: optionalText('依据', 500),
  },
  { additionalProperties: false, title: '音像记录事项' },
);

export const MajorDecisionRule = Type.Object(
  {
    code: Code,
    name: text('审核事项', 200),
    condition: enumOf(majorConditionKinds, '重大执法决定情形'),
    itemCode: Type.Optional(Code),
    actionType: Type.Optional(enumOf(actionTypes, '行为类别')),
    partyType: Type.Optional(enumOf(partyTypes, '当事人类型')),
    amountThreshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, title: '罚没款数额标准（元）' })),
    description: text('具体标准', 1000),
    basis: text('依据', 500),
  },
  { additionalProperties: false, title: '重大执法决定法制审核事项' },
);
export type MajorDecisionRule = Static<typeof MajorDecisionRule>;

export const DisclosureRule = Type.Object(
  {
    code: Code,
    name: text('公开事项', 200),
    actionType: enumOf(actionTypes, '行为类别'),
    content: text('公开内容', 1000),
    channel: text('公开方式与平台', 500),
    deadlineWorkingDays: Type.Integer({ minimum: 1, maximum: 60, title: '公开时限（工作日）' }),
    periodMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, title: '公开期限（月）' })),
    periodText: text('公开期限', 200),
    basis: text('依据', 500),
  },
  { additionalProperties: false, title: '事后公开事项' },
);
export type DisclosureRule = Static<typeof DisclosureRule>;

export const entrySchemas: Record<CatalogKind, TSchema> = {
  enforcement_item: EnforcementItem,
  random_check_item: RandomCheckItem,
  service_guide: ServiceGuide,
  discretion_benchmark: DiscretionBenchmark,
  av_recording: AvRecordingRequirement,
  major_decision_rule: MajorDecisionRule,
  disclosure_rule: DisclosureRule,
};

/** Any entry: every kind has a code and a name; the rest depends on the kind. */
export type CatalogEntry = { code: string; name: string; actionType?: ActionType } & Record<string, unknown>;

/** 《食品安全法》第一百二十二条第一款（四）: how a provision is cited in Chinese. */
export function citeLegalBasis(basis: LegalBasis): string {
  const law = basis.law.replace(/^中华人民共和国/, '');
  return `《${law}》${basis.article}${basis.clause ?? ''}${basis.item ?? ''}`;
}

/** The text a portal search matches: names, codes, legal bases and the main descriptive fields. */
export function searchTextOf(entry: CatalogEntry): string {
  const parts: string[] = [entry.code, entry.name];
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'code' || key === 'name') continue;
    if (typeof value === 'string') parts.push(value);
    if (key === 'legalBases' && Array.isArray(value)) {
      for (const basis of value as LegalBasis[]) parts.push(basis.law, citeLegalBasis(basis));
    }
    if (key === 'actionType' && typeof value === 'string') parts.push(actionTypes[value as ActionType] ?? '');
  }
  return parts.join('\n').slice(0, 8000);
}
