/**
 * The fields of each catalog list, in display order, with their Chinese names: one description for the staff app's
 * forms, the portal's detail views and the spreadsheet columns. Pure data (the web app imports it); the server's
 * validation is the TypeBox schemas in src/modules/catalog/entries.ts, and a test keeps the two in step.
 */
import {
  actionTypes,
  agencyKinds,
  type CatalogKind,
  majorConditionKinds,
  partyTypes,
  penaltyKinds,
  procedureSteps,
  recordingModes,
} from './vocabulary.js';

export type FieldType =
  | 'text'
  | 'longText'
  | 'integer'
  | 'number'
  | 'enum'
  | 'enumList'
  | 'textList'
  /** Several provisions: law, article, clause, item, text. */
  | 'legalBases'
  /** A discretion benchmark's grades. */
  | 'grades';

export interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  isRequired: boolean;
  /** For enum and enumList: code → Chinese name. */
  options?: Readonly<Record<string, string>>;
  help?: string;
}

const f = (key: string, label: string, type: FieldType, isRequired = true, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  key,
  label,
  type,
  isRequired,
  ...extra,
});

export const legalBasisFields: FieldSpec[] = [
  f('law', '法律法规名称', 'text'),
  f('article', '条', 'text', true, { help: '如“第一百二十二条”' }),
  f('clause', '款', 'text', false, { help: '如“第一款”' }),
  f('item', '项', 'text', false, { help: '如“（四）”' }),
  f('text', '条文内容', 'longText', false),
];

export const gradeFields: FieldSpec[] = [
  f('code', '阶次编码', 'text'),
  f('label', '裁量阶次', 'text'),
  f('partyType', '当事人类型', 'enum', false, { options: partyTypes }),
  f('circumstances', '违法情形', 'longText'),
  f('penaltyKinds', '处罚种类', 'enumList', true, { options: penaltyKinds }),
  f('minAmount', '罚款下限（元）', 'number', false),
  f('maxAmount', '罚款上限（元）', 'number', false),
  f('penalty', '处罚标准', 'longText'),
];

const code = f('code', '编码', 'text', true, { help: '在本清单内唯一' });

export const catalogFields: Record<CatalogKind, FieldSpec[]> = {
  enforcement_item: [
    code,
    f('name', '事项名称', 'text'),
    f('actionType', '行为类别', 'enum', true, { options: actionTypes }),
    f('category', '执法门类', 'enum', true, { options: agencyKinds }),
    f('duties', '职责', 'longText'),
    f('powers', '权限', 'longText'),
    f('legalBases', '法律依据', 'legalBases'),
    f('supervisionMethod', '监督方式', 'longText'),
    f('remedyChannels', '救济渠道', 'longText'),
  ],
  random_check_item: [
    code,
    f('name', '抽查事项', 'text'),
    f('subject', '抽查主体', 'text'),
    f('legalBases', '抽查依据', 'legalBases'),
    f('targetType', '抽查对象', 'text'),
    f('content', '抽查内容', 'longText'),
    f('ratio', '抽查比例', 'text'),
    f('method', '抽查方式', 'text'),
    f('frequency', '抽查频次', 'text'),
  ],
  service_guide: [
    code,
    f('name', '事项名称', 'text'),
    f('legalBases', '设定依据', 'legalBases'),
    f('acceptingBody', '受理机构', 'text'),
    f('approvingBody', '审批机构', 'text'),
    f('conditions', '许可条件', 'longText'),
    f('preferentialPolicies', '优惠政策', 'longText'),
    f('materials', '申请材料', 'textList'),
    f('flow', '办理流程', 'longText'),
    f('timeLimit', '办理时限', 'text'),
    f('supervision', '监督方式', 'longText'),
    f('liability', '责任追究', 'longText'),
    f('remedy', '救济渠道', 'longText'),
    f('hours', '办公时间', 'text'),
    f('address', '办公地址', 'text'),
    f('phone', '联系电话', 'text'),
  ],
  discretion_benchmark: [
    code,
    f('name', '违法行为', 'text'),
    f('itemCode', '对应执法事项编码', 'text', false),
    f('legalBases', '法律依据', 'legalBases'),
    f('statutoryRange', '法定处罚幅度', 'longText'),
    f('gradeBasis', '阶次划分依据', 'text', false),
    f('grades', '裁量阶次', 'grades'),
    f('source', '基准出处', 'text', false),
  ],
  av_recording: [
    code,
    f('name', '记录事项', 'text'),
    f('step', '执法环节', 'enum', true, { options: procedureSteps }),
    f('actionTypes', '适用行为类别', 'enumList', true, { options: actionTypes }),
    f('mode', '记录方式', 'enum', true, { options: recordingModes }),
    f('scene', '执法场所与活动', 'text', false),
    f('basis', '依据', 'text', false),
  ],
  major_decision_rule: [
    code,
    f('name', '审核事项', 'text'),
    f('condition', '重大执法决定情形', 'enum', true, { options: majorConditionKinds }),
    f('itemCode', '对应执法事项编码', 'text', false),
    f('actionType', '行为类别', 'enum', false, { options: actionTypes }),
    f('partyType', '当事人类型', 'enum', false, { options: partyTypes }),
    f('amountThreshold', '罚没款数额标准（元）', 'number', false),
    f('description', '具体标准', 'longText'),
    f('basis', '依据', 'text'),
  ],
  disclosure_rule: [
    code,
    f('name', '公开事项', 'text'),
    f('actionType', '行为类别', 'enum', true, { options: actionTypes }),
    f('content', '公开内容', 'longText'),
    f('channel', '公开方式与平台', 'text'),
    f('deadlineWorkingDays', '公开时限（工作日）', 'integer'),
    f('periodMonths', '公开期限（月）', 'integer', false),
    f('periodText', '公开期限', 'text'),
    f('basis', '依据', 'text'),
  ],
};
