/** Pieces several procedures share: the clocks of the Penalty Law, common fields and steps. */
import { noPenaltyGrounds } from '../../../kernel/vocabulary.js';
import type { ClockDefinition, FieldSpec, StepDefinition } from './types.js';

export const clocks = {
  decision: {
    key: 'decision',
    label: '作出处罚决定期限',
    days: 90,
    unit: 'calendar',
    basis: '《行政处罚法》第六十条',
    duty: '自立案之日起九十日内作出行政处罚决定；延长须经负责人批准',
  },
  preservation: {
    key: 'preservation',
    label: '先行登记保存处理期限',
    days: 7,
    unit: 'working',
    basis: '《行政处罚法》第五十六条',
    duty: '先行登记保存后七日内对保存的证据作出处理决定',
  },
  hearingRequest: {
    key: 'hearing_request',
    label: '听证申请期限',
    days: 5,
    unit: 'working',
    basis: '《行政处罚法》第六十四条第一项',
    duty: '当事人在告知后五日内提出听证要求；期满未提出的，可以作出决定',
  },
  service: {
    key: 'service',
    label: '处罚决定书送达期限',
    days: 7,
    unit: 'working',
    basis: '《行政处罚法》第六十一条',
    duty: '当事人不在场的，七日内依照民事诉讼法的规定送达处罚决定书',
  },
  payment: {
    key: 'payment',
    label: '罚款缴纳期限',
    days: 15,
    unit: 'calendar',
    basis: '《行政处罚法》第六十七条',
    duty: '当事人自收到处罚决定书之日起十五日内缴纳罚款；逾期每日按罚款数额的百分之三加处罚款',
    pauseSuspends: 'surcharge',
    surcharge: { ratePerDay: 0.03, principalField: 'fineAmount', basis: '《行政处罚法》第七十二条第一项、第七十三条第三款' },
  },
} satisfies Record<string, ClockDefinition>;

export const placeField: FieldSpec = { key: 'place', label: '地点', kind: 'text', required: true };
export const recordField = (label: string): FieldSpec => ({ key: 'record', label, kind: 'textarea', required: true });
export const reasonField: FieldSpec = { key: 'reason', label: '理由', kind: 'textarea', required: true };

export const proposalFields: FieldSpec[] = [
  { key: 'facts', label: '违法事实', kind: 'textarea', required: true },
  { key: 'penaltyKinds', label: '处罚种类', kind: 'penaltyKinds', required: true },
  { key: 'fineAmount', label: '罚款数额（元）', kind: 'amount' },
  { key: 'confiscationAmount', label: '没收违法所得（元）', kind: 'amount' },
  { key: 'benchmark', label: '适用的裁量基准及阶次', kind: 'benchmark', help: '该事项有已公布的裁量基准时必选' },
  { key: 'deviationReason', label: '超出裁量基准的理由', kind: 'textarea', help: '拟处罚超出所选阶次时必填，并报执法监督机构' },
];

export const serviceFields: FieldSpec[] = [
  {
    key: 'method',
    label: '送达方式',
    kind: 'select',
    required: true,
    options: {
      direct: '直接送达',
      lodged: '留置送达',
      mail: '邮寄送达',
      electronic: '电子送达（经当事人同意）',
      entrusted: '委托送达',
      announcement: '公告送达',
    },
  },
  { key: 'document', label: '送达文书', kind: 'text', required: true },
  { key: 'recipient', label: '受送达人', kind: 'text', required: true },
  { key: 'electronicConsent', label: '当事人已签署电子送达确认书', kind: 'boolean' },
];

export const closeStep = (from: string[]): StepDefinition => ({
  key: 'close',
  label: '结案',
  roles: ['agency_head'],
  from,
  to: 'closed',
  guards: ['no_running_clocks'],
  fields: [recordField('结案意见')],
  documents: [{ kind: 'closing_report', title: '结案审批表', series: '结' }],
  description: '执行完毕或终止后，经负责人批准结案，案卷归档',
});

export const noPenaltyStep = (from: string[]): StepDefinition => ({
  key: 'no_penalty',
  label: '不予行政处罚',
  roles: ['agency_head'],
  from,
  to: 'no_penalty',
  guards: [],
  fields: [{ key: 'ground', label: '不予处罚的情形', kind: 'select', required: true, options: { ...noPenaltyGrounds } }, reasonField],
  documents: [{ kind: 'no_penalty_decision', title: '不予行政处罚决定书', series: '不罚' }],
  clocks: { stop: ['decision', 'preservation'] },
  description: '符合不予处罚情形的，经负责人批准，作出不予行政处罚决定并说明理由',
  basis: '《行政处罚法》第三十三条',
});

export const transferStep = (from: string[]): StepDefinition => ({
  key: 'transfer',
  label: '移送司法机关',
  roles: ['agency_head'],
  from,
  to: 'transferred',
  guards: [],
  fields: [
    { key: 'receiver', label: '接收机关', kind: 'text', required: true },
    { key: 'suspectedCrime', label: '涉嫌罪名', kind: 'text', required: true },
    reasonField,
  ],
  documents: [{ kind: 'crime_transfer', title: '涉嫌犯罪案件移送书', series: '移' }],
  clocks: { stop: ['decision', 'preservation'] },
  description: '违法行为涉嫌犯罪的，及时将案件移送司法机关',
  basis: '《行政处罚法》第二十七条；《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）',
});

/** The review's time limit: set by each agency's own rules on legal review; five working days is the usual figure. */
export const reviewClock: ClockDefinition = {
  key: 'legal_review',
  label: '法制审核期限',
  days: 5,
  unit: 'working',
  basis: '国办发〔2017〕14号 试点工作方案（三）4“规定法制审核时限”（时限由本机关规定，未规定的默认五个工作日）',
  duty: '法制审核机构自收到完整的送审材料之日起，在本机关规定的期限内提出书面审核意见',
};

/**
 * What the reviewer checks, one finding each (task list items 29–31; Penalty Law Art. 58). Keys must not repeat a
 * proposal field's (`facts` is the proposal's 违法事实; the finding on it is `factsClear`).
 */
export const reviewPoints: Record<string, string> = {
  authority: '执法主体是否合法，是否超越法定权限和管辖范围',
  qualification: '执法人员是否具备执法资格',
  procedure: '执法程序是否合法',
  factsClear: '案件事实是否清楚',
  evidence: '证据是否确凿、充分',
  legalBasis: '适用法律、法规、规章是否准确',
  discretion: '行政裁量是否适当（对照裁量基准）',
  documents: '执法文书是否规范、齐备',
  crime: '是否涉嫌犯罪、需要移送司法机关',
};

export const reviewOpinions = {
  approved: '同意',
  approved_with_changes: '修改后同意',
  returned: '退回补充调查',
  recommend_transfer: '建议移送司法机关',
} as const;

/**
 * Submission, review and collective deliberation: the same three steps in every procedure whose decision may be
 * major. `proposal` are the fields that make up what is decided (penalty, licence scope, amount); the review covers
 * their digest, and any change to them voids it.
 */
export function reviewSteps(from: string[], proposal: FieldSpec[], materials: FieldSpec[]): StepDefinition[] {
  return [
    {
      key: 'declare_major',
      label: '认定为重大执法决定',
      roles: ['officer', 'reviewer', 'agency_head'],
      from,
      guards: [],
      fields: [
        {
          key: 'condition',
          label: '重大执法决定情形',
          kind: 'select',
          required: true,
          options: {
            public_interest: '涉及重大公共利益',
            major_rights: '直接关系当事人或第三人重大权益，经过听证程序',
            multiple_legal_relations: '案件情况疑难复杂、涉及多个法律关系',
            set_by_law: '法律、法规规定应当进行法制审核',
            other: '其他情形',
          },
        },
        { key: 'reason', label: '认定理由', kind: 'textarea', required: true },
      ],
      documents: [],
      description: '目录清单之外，承办人员、法制审核人员或负责人认定本案属于重大执法决定的，写明情形和理由；认定后不能撤销',
      basis: '《行政处罚法》第五十八条第一款',
    },
    {
      key: 'submit_review',
      label: '提交法制审核',
      roles: ['officer', 'agency_head'],
      from,
      guards: ['review_materials_complete', 'discretion_benchmark'],
      fields: [...proposal, ...materials],
      documents: [],
      clocks: { start: ['legal_review'] },
      description: '承办机构将拟作出的决定及事实、证据、依据、裁量理由等送审材料提交法制审核机构',
      basis: '《行政处罚法》第五十八条；国办发〔2018〕118号',
    },
    {
      key: 'assign_review',
      label: '指定审核人员',
      roles: ['reviewer', 'agency_head'],
      from,
      guards: ['review_pending', 'assignee_eligible'],
      fields: [{ key: 'reviewer', label: '承办审核人员', kind: 'reviewer', required: true }],
      documents: [],
      description: '法制审核机构指定具备法律职业资格、未参与本案办理的审核人员承办审核；指定后只有该人员可以出具审核意见',
      basis: '《行政处罚法》第五十八条',
    },
    {
      key: 'extend_review',
      label: '批准延长审核期限',
      roles: ['agency_head'],
      from,
      guards: ['review_pending', 'extension_once'],
      fields: [
        { key: 'days', label: '延长的工作日数', kind: 'integer', required: true, help: '不超过本机关规定的最长延长期限' },
        { key: 'reason', label: '延长理由', kind: 'textarea', required: true },
      ],
      documents: [],
      clocks: { extend: ['legal_review'] },
      description: '案情复杂，不能在审核期限内提出意见的，经机关负责人批准可以延长一次',
      basis: '国办发〔2017〕14号 试点工作方案（三）4；本机关法制审核办法',
    },
    {
      key: 'legal_review',
      label: '法制审核',
      roles: ['reviewer'],
      from,
      guards: ['review_pending', 'reviewer_qualified', 'reviewer_assigned', 'reviewer_independent'],
      fields: [
        ...Object.entries(reviewPoints).map(
          ([key, label]): FieldSpec => ({
            key,
            label,
            kind: 'select',
            required: true,
            options: { pass: '符合', fail: '不符合', not_applicable: '不适用' },
          }),
        ),
        { key: 'opinion', label: '审核意见', kind: 'select', required: true, options: { ...reviewOpinions } },
        { key: 'opinionText', label: '审核意见说明', kind: 'textarea', required: true },
        { key: 'consulted', label: '咨询法律顾问、公职律师情况', kind: 'textarea', help: '咨询的人员及其意见；未咨询的不填' },
      ],
      documents: [{ kind: 'legal_review_opinion', title: '案件审核/法制审核表', series: '审' }],
      clocks: { stop: ['legal_review'] },
      description: '由未参与本案办理的法制审核人员逐项审核并出具书面意见；未经审核或审核未通过的，不得作出决定',
      basis: '《行政处罚法》第五十八条',
    },
    {
      key: 'dispute_review',
      label: '对审核意见提出异议',
      roles: ['officer', 'agency_head'],
      from,
      guards: ['review_disputable'],
      fields: [{ key: 'reason', label: '异议理由', kind: 'textarea', required: true }],
      documents: [],
      description: '承办机构对法制审核意见有异议的，写明理由，提请机关负责人集体讨论；讨论之前不得作出决定',
      basis: '国办发〔2017〕14号 试点工作方案（三）4“规范法制审核……处理机制”',
    },
    {
      key: 'deliberate',
      label: '负责人集体讨论',
      roles: ['agency_head'],
      from,
      guards: ['review_exists'],
      fields: [
        { key: 'attendees', label: '参加人员', kind: 'textarea', required: true },
        { key: 'minutes', label: '讨论记录', kind: 'textarea', required: true },
        {
          key: 'outcome',
          label: '讨论结论',
          kind: 'select',
          required: true,
          options: {
            adopt_review: '采纳法制审核意见',
            resubmit: '补充材料后重新送审',
            further_investigation: '补充调查',
            transfer: '移送司法机关',
          },
        },
        { key: 'responsibilities', label: '责任划分（负责人、承办机构、法制审核机构）', kind: 'textarea', required: true },
      ],
      documents: [{ kind: 'collective_deliberation_record', title: '行政处罚案件集体讨论记录', series: '议' }],
      description: '承办机构对审核意见有异议的，或情节复杂、重大违法的，由行政机关负责人集体讨论决定',
      basis: '《行政处罚法》第五十七条第二款',
    },
  ];
}

export const penaltyReviewMaterials: FieldSpec[] = [
  { key: 'evidenceList', label: '证据清单', kind: 'textarea', required: true },
  { key: 'legalAnalysis', label: '适用法律依据及理由', kind: 'textarea', required: true },
  { key: 'discretionReasoning', label: '裁量理由', kind: 'textarea', required: true },
  { key: 'hearingRecord', label: '听证笔录及听证报告要点', kind: 'textarea', help: '举行过听证的必填' },
];
