/** Administrative levies and fees (行政征收、行政收费): assessed on a legal basis, served, collected. */
import { closeStep, recordField, reviewClock, reviewSteps, serviceFields } from './common.js';
import type { ProcedureDefinition, StepDefinition } from './types.js';

function steps(what: '征收' | '收费', series: string): StepDefinition[] {
  return [
    {
      key: 'open',
      label: `${what}立项`,
      roles: ['officer', 'agency_head'],
      from: null,
      to: 'opened',
      guards: [],
      fields: [{ key: 'summary', label: `${what}事由`, kind: 'textarea', required: true }],
      documents: [],
      description: `依据${what}事项清单确定${what}对象和依据`,
    },
    ...reviewSteps(
      ['opened'],
      [{ key: 'amount', label: '拟核定数额（元）', kind: 'amount', required: true }],
      [
        { key: 'evidenceList', label: '核定依据材料清单', kind: 'textarea', required: true },
        { key: 'legalAnalysis', label: '适用法律依据及计算过程', kind: 'textarea', required: true },
      ],
    ),
    {
      key: 'assess',
      label: `核定${what}数额`,
      roles: ['agency_head'],
      from: ['opened'],
      to: 'assessed',
      guards: ['legal_review_if_major'],
      fields: [
        { key: 'amount', label: '核定数额（元）', kind: 'amount', required: true },
        { key: 'dueOn', label: '缴纳期限', kind: 'date', required: true },
        recordField('核定依据与计算过程'),
      ],
      documents: [{ kind: 'levy_decision', title: what === '征收' ? '行政征收决定书' : '缴费通知书', series }],
      description: `按照法定标准核定${what}数额，书面告知缴纳义务人`,
    },
    {
      key: 'serve',
      label: '送达',
      roles: ['officer'],
      from: ['assessed'],
      to: 'served',
      guards: ['service_consent'],
      fields: serviceFields,
      documents: [{ kind: 'service_receipt', title: '送达回证', series: '送' }],
      description: '将决定书或通知书送达缴纳义务人',
    },
    {
      key: 'collect',
      label: `${what}入库`,
      roles: ['officer'],
      from: ['served'],
      to: 'collected',
      guards: [],
      fields: [
        { key: 'amountPaid', label: '实缴数额（元）', kind: 'amount', required: true },
        { key: 'receipt', label: '票据号', kind: 'text', required: true },
      ],
      documents: [],
      description: '收缴款项，出具财政票据，缴入国库或财政专户',
    },
    closeStep(['collected']),
  ];
}

const statuses = { opened: '已立项', assessed: '已核定', served: '已送达', collected: '已缴纳', closed: '已办结' };

export const levyProcedure: ProcedureDefinition = {
  key: 'levy',
  version: 2,
  actionType: 'levy',
  name: '行政征收',
  basis: '依据征收事项的法律、法规',
  statuses,
  finalStatuses: ['closed'],
  clocks: [reviewClock],
  steps: steps('征收', '征'),
};

export const feeProcedure: ProcedureDefinition = {
  key: 'fee',
  version: 2,
  actionType: 'fee',
  name: '行政收费',
  basis: '依据收费事项的法律、法规及收费目录清单',
  statuses,
  finalStatuses: ['closed'],
  clocks: [reviewClock],
  steps: steps('收费', '费'),
};
