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
