/**
 * Administrative coercive measures (行政强制措施: 查封、扣押), Administrative Coercion Law Chapter III. They act on
 * persons' property, so the whole process is recorded on audio/video (pilot plan (二)2).
 */
import { closeStep, placeField, reasonField, recordField, serviceFields } from './common.js';
import type { ProcedureDefinition } from './types.js';

export const coercionProcedure: ProcedureDefinition = {
  key: 'coercion',
  version: 1,
  actionType: 'coercion',
  name: '行政强制措施（查封、扣押）',
  basis: '《行政强制法》第三章',
  statuses: { approved: '已批准', in_force: '措施实施中', released: '已解除或处理', closed: '已结案' },
  finalStatuses: ['closed'],
  fullProcessRecording: true,
  clocks: [
    {
      key: 'seizure_term',
      label: '查封、扣押期限',
      days: 30,
      unit: 'calendar',
      basis: '《行政强制法》第二十五条',
      duty: '查封、扣押的期限不得超过三十日；情况复杂的，经负责人批准可以延长，延长期限不得超过三十日',
    },
  ],
  steps: [
    {
      key: 'approve_measure',
      label: '批准实施强制措施',
      roles: ['agency_head'],
      from: null,
      to: 'approved',
      guards: [],
      fields: [
        { key: 'summary', label: '事实、理由和依据', kind: 'textarea', required: true },
        { key: 'violationOn', label: '违法行为发生日期', kind: 'date' },
      ],
      documents: [{ kind: 'penalty_matters_approval', title: '行政处罚案件有关事项审批表', series: '批' }],
      description: '实施前须向行政机关负责人报告并经批准',
      basis: '《行政强制法》第十八条第一项',
    },
    {
      key: 'seize',
      label: '实施查封、扣押',
      roles: ['officer'],
      from: ['approved'],
      to: 'in_force',
      avStep: 'seizure',
      guards: ['two_certified_officers', 'av_recording'],
      fields: [placeField, { key: 'items', label: '场所、设施、财物清单', kind: 'textarea', required: true }, recordField('现场笔录')],
      documents: [{ kind: 'coercive_measure_decision', title: '实施行政强制措施决定书', series: '强' }],
      clocks: { start: ['seizure_term'] },
      description: '由两名以上执法人员实施，出示证件，通知当事人到场，制作现场笔录和清单',
      basis: '《行政强制法》第十八条、第二十四条',
    },
    {
      key: 'extend_measure',
      label: '延长查封、扣押期限',
      roles: ['agency_head'],
      from: ['in_force'],
      guards: ['extension_once'],
      fields: [{ key: 'days', label: '延长天数（不超过三十日）', kind: 'integer', required: true }, reasonField],
      documents: [{ kind: 'coercive_measure_extension', title: '延长行政强制措施期限决定书', series: '强延' }],
      clocks: { extend: ['seizure_term'] },
      description: '情况复杂的，经负责人批准可以延长，并书面告知当事人',
      basis: '《行政强制法》第二十五条',
    },
    {
      key: 'release_measure',
      label: '解除或依法处理',
      roles: ['agency_head'],
      from: ['in_force'],
      to: 'released',
      guards: ['two_certified_officers', 'av_recording'],
      fields: [
        {
          key: 'disposition',
          label: '处理',
          kind: 'select',
          required: true,
          options: { release: '解除查封、扣押，退还财物', confiscate: '依法没收', destroy: '依法销毁', transfer: '移送有关机关' },
        },
        recordField('处理情况'),
      ],
      documents: [{ kind: 'coercive_measure_release', title: '解除行政强制措施决定书', series: '强解' }],
      clocks: { stop: ['seizure_term'] },
      description: '在期限内查清事实，作出处理决定；对违法事实清楚、依法应当没收的予以没收，否则解除',
      basis: '《行政强制法》第二十七条、第二十八条',
    },
    {
      key: 'serve',
      label: '送达',
      roles: ['officer'],
      from: ['in_force', 'released'],
      avStep: 'service',
      guards: ['service_consent', 'av_recording'],
      fields: serviceFields,
      documents: [{ kind: 'service_receipt', title: '送达回证', series: '送' }],
      description: '送达强制措施决定书及清单',
    },
    closeStep(['released']),
  ],
};
