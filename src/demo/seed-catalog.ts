/**
 * Demo catalog, roster and certificates for the demo agencies. Lists are compiled by the agency head and published
 * by its legal reviewer through the same services (and ledger events) staff use. Law articles come only from
 * src/demo/public-facts; the other lists cite the policy documents in the seeds (国办发〔2017〕14号 pilot plan, the
 * task list, 国办发〔2018〕118号 as RULES.md names it).
 */
import { createHash } from 'node:crypto';
import type { Actor, Role } from '../kernel/actor.js';
import { todayInChina } from '../kernel/clock.js';
import type { AppContext } from '../kernel/context.js';
import type { ActionType, AgencyKind, CatalogKind } from '../kernel/vocabulary.js';
import { createDraft, reviewVersion, submitVersion } from '../modules/catalog/index.js';
import { createOfficer, issueCertificate, recordQualification, recordTraining } from '../modules/personnel/index.js';
import { benchmarkEntriesFor, enforcementItemsFor } from './catalog-samples.js';

export interface DemoAgencyPeople {
  id: string;
  kind: AgencyKind;
  name: string;
  head: { id: string; username: string; displayName: string };
  reviewer: { id: string; username: string; displayName: string };
  officers: { id: string; username: string; displayName: string }[];
  auxiliaries: string[];
}

export function userActor(user: { id: string; username: string; displayName: string }, agencyId: string, role: Role): Actor {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    agencyId,
    governmentId: null,
    roles: [role],
    sessionId: 'demo-seed',
  };
}

const pilotPlan = '国务院办公厅《推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度试点工作方案》（国办发〔2017〕14号）';

function avRecordingEntries(kind: AgencyKind) {
  const all: ActionType[] = ['penalty', 'coercion', 'inspection', 'licensing'];
  return [
    {
      code: 'AV-01',
      name: '现场检查、勘验',
      step: 'on_site_inspection',
      actionTypes: all,
      mode: 'key_steps',
      scene: '进入生产经营场所检查、勘验现场',
      basis: pilotPlan,
    },
    {
      code: 'AV-02',
      name: '调查取证、抽样取证',
      step: 'sampling',
      actionTypes: ['penalty', 'inspection'],
      mode: 'key_steps',
      scene: '抽取样品、制作现场笔录',
      basis: pilotPlan,
    },
    {
      code: 'AV-03',
      name: '证据先行登记保存',
      step: 'evidence_preservation',
      actionTypes: ['penalty'],
      mode: 'key_steps',
      basis: pilotPlan,
    },
    {
      code: 'AV-04',
      name: '查封、扣押财物',
      step: 'seizure',
      actionTypes: ['coercion'],
      mode: 'full_process',
      scene: '直接涉及重大财产权益的现场执法活动',
      basis: pilotPlan,
    },
    {
      code: 'AV-05',
      name: '听证',
      step: 'hearing',
      actionTypes: ['penalty', 'licensing'],
      mode: 'key_steps',
      scene: '听证会场',
      basis: pilotPlan,
    },
    { code: 'AV-06', name: '直接送达执法文书', step: 'service', actionTypes: all, mode: 'key_steps', basis: pilotPlan },
    {
      code: 'AV-07',
      name: '强制执行',
      step: 'compulsory_execution',
      actionTypes: ['coercion'],
      mode: 'full_process',
      scene: kind === 'urban_management' ? '强制拆除违法建筑物、构筑物等现场' : '强制执行现场',
      basis: pilotPlan,
    },
  ];
}

function majorDecisionEntries() {
  const taskList = '行政执法三项制度任务清单第（30）项';
  return [
    {
      code: 'ZD-01',
      name: '较大数额罚没款',
      condition: 'amount_threshold',
      actionType: 'penalty',
      partyType: 'organization',
      amountThreshold: 100_000,
      description: '对法人或其他组织罚没款合计10万元以上（本机关确定的标准，演示）',
      basis: taskList,
    },
    {
      code: 'ZD-02',
      name: '较大数额罚没款',
      condition: 'amount_threshold',
      actionType: 'penalty',
      partyType: 'person',
      amountThreshold: 10_000,
      description: '对自然人罚没款合计1万元以上（本机关确定的标准，演示）',
      basis: taskList,
    },
    {
      code: 'ZD-03',
      name: '经过听证程序的决定',
      condition: 'hearing_held',
      description: '经过听证程序作出的行政执法决定',
      basis: taskList,
    },
    {
      code: 'ZD-04',
      name: '吊销许可证件',
      condition: 'licence_revoked',
      actionType: 'penalty',
      description: '吊销许可证件的行政处罚',
      basis: taskList,
    },
    {
      code: 'ZD-05',
      name: '责令停产停业、责令关闭',
      condition: 'business_closed',
      actionType: 'penalty',
      description: '责令停产停业、责令关闭的行政处罚',
      basis: taskList,
    },
    {
      code: 'ZD-06',
      name: '涉及重大公共利益',
      condition: 'public_interest',
      description: '涉及重大公共利益，可能造成重大社会影响或引发社会风险的',
      basis: taskList,
    },
    {
      code: 'ZD-07',
      name: '案情疑难复杂',
      condition: 'multiple_legal_relations',
      description: '案件情况疑难复杂、涉及多个法律关系的',
      basis: taskList,
    },
  ];
}

function disclosureEntries() {
  const taskList = '行政执法三项制度任务清单第（10）项';
  return [
    {
      code: 'GK-01',
      name: '行政处罚决定',
      actionType: 'penalty',
      content: '执法机关、执法对象、执法类别、执法结论、处罚决定书文号',
      channel: '本平台“执法结果公示”栏目及本机关门户网站',
      deadlineWorkingDays: 7,
      periodMonths: 36,
      periodText: '三年（信用修复后提前撤下）',
      basis: taskList,
    },
    {
      code: 'GK-02',
      name: '行政许可决定',
      actionType: 'licensing',
      content: '许可事项、被许可人、许可决定书文号、有效期',
      channel: '本平台“执法结果公示”栏目',
      deadlineWorkingDays: 7,
      periodText: '许可有效期内',
      basis: taskList,
    },
    {
      code: 'GK-03',
      name: '行政强制决定',
      actionType: 'coercion',
      content: '执法机关、执法对象、执法类别、执法结论',
      channel: '本平台“执法结果公示”栏目',
      deadlineWorkingDays: 20,
      periodMonths: 12,
      periodText: '一年',
      basis: taskList,
    },
    {
      code: 'GK-04',
      name: '行政检查结果',
      actionType: 'inspection',
      content: '检查对象、检查事项、检查结果',
      channel: '本平台“执法结果公示”栏目',
      deadlineWorkingDays: 20,
      periodMonths: 12,
      periodText: '一年',
      basis: taskList,
    },
  ];
}

function randomCheckEntries(agency: DemoAgencyPeople, items: ReturnType<typeof enforcementItemsFor>) {
  return items
    .filter((item) => item.actionType === 'inspection')
    .map((item, i) => ({
      code: `CC-${String(i + 1).padStart(2, '0')}`,
      name: item.name.replace(/^对/, ''),
      subject: agency.name,
      legalBases: item.legalBases,
      targetType: '辖区内取得许可或登记的生产经营单位',
      content: '依法开展经营情况、安全管理制度落实情况检查',
      ratio: '一般检查对象不低于5%，重点检查对象提高比例（按信用风险分类确定）',
      method: '双随机抽查：随机抽取检查对象，随机选派执法检查人员',
      frequency: '每年不少于1次',
    }));
}

function serviceGuideEntries(agency: DemoAgencyPeople, items: ReturnType<typeof enforcementItemsFor>, address: string, phone: string) {
  return items
    .filter((item) => item.actionType === 'licensing')
    .map((item, i) => ({
      code: `FW-${String(i + 1).padStart(2, '0')}`,
      name: item.name,
      legalBases: item.legalBases,
      acceptingBody: `${agency.name}（沙坡头区政务服务中心窗口）`,
      approvingBody: agency.name,
      conditions: '符合设定依据规定的条件（详见法律依据条文）',
      preferentialPolicies: '无',
      materials: ['申请书', '申请人主体资格证明', '符合许可条件的证明材料'],
      flow: '申请—受理—审查—决定—送达',
      timeLimit: '20个工作日（依法需要听证、检验、检测的时间不计入）',
      supervision: `${agency.name}法制机构；沙坡头区司法局；12345政务服务便民热线`,
      liability: '工作人员违法违规办理的，依法依规追究责任',
      remedy: '对许可决定不服的，可以依法申请行政复议或者提起行政诉讼',
      hours: '周一至周五 上午8:30—12:00，下午14:30—18:00（法定节假日除外）',
      address,
      phone,
    }));
}

async function publish(ctx: AppContext, agency: DemoAgencyPeople, kind: CatalogKind, entries: unknown[]): Promise<void> {
  if (entries.length === 0) return;
  const head = userActor(agency.head, agency.id, 'agency_head');
  const reviewer = userActor(agency.reviewer, agency.id, 'reviewer');
  const draft = await createDraft(ctx, head, { agencyId: agency.id, kind, note: '首次编制', entries });
  const submitted = await submitVersion(ctx, head, draft.id, { rowVersion: draft.rowVersion });
  await reviewVersion(ctx, reviewer, draft.id, {
    rowVersion: submitted.rowVersion,
    decision: 'approve',
    opinion: '执法主体、依据、权限经审核无误，同意公布',
  });
}

function shiftYears(date: string, years: number): string {
  const monthDay = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  return `${Number(date.slice(0, 4)) + years}${monthDay}`;
}

export async function seedDemoCatalog(
  ctx: AppContext,
  agency: DemoAgencyPeople,
  index: number,
  contact: { address: string; phone: string },
) {
  const head = userActor(agency.head, agency.id, 'agency_head');
  const items = enforcementItemsFor(agency.kind);
  await publish(ctx, agency, 'enforcement_item', items);
  await publish(ctx, agency, 'discretion_benchmark', benchmarkEntriesFor(agency.kind));
  await publish(ctx, agency, 'random_check_item', randomCheckEntries(agency, items));
  await publish(ctx, agency, 'service_guide', serviceGuideEntries(agency, items, contact.address, contact.phone));
  if (agency.kind !== 'justice') {
    await publish(ctx, agency, 'av_recording', avRecordingEntries(agency.kind));
    await publish(ctx, agency, 'major_decision_rule', majorDecisionEntries());
    await publish(ctx, agency, 'disclosure_rule', disclosureEntries());
  }

  // Roster: each officer account with a certificate; one auxiliary per enforcement agency.
  const today = todayInChina();
  for (const [n, officer] of agency.officers.entries()) {
    const person = await createOfficer(ctx, head, { agencyId: agency.id, name: officer.displayName, post: '执法人员', userId: officer.id });
    const issuedOn = shiftYears(today, -(n + 1));
    await issueCertificate(ctx, head, person.id, {
      number: `6405022${String(index).padStart(2, '0')}${String(n + 1).padStart(3, '0')}`,
      categories: [agency.kind],
      regionCode: '640502',
      issuedOn,
      expiresOn: shiftYears(issuedOn, 5),
      nextReviewOn: shiftYears(today, 1),
    });
    await recordTraining(ctx, head, {
      officerId: person.id,
      course: '《中华人民共和国行政处罚法》专题培训',
      category: 'law',
      hours: 8,
      completedOn: shiftYears(today, -1),
      provider: '沙坡头区司法局',
    });
  }
  for (const name of agency.auxiliaries) {
    await createOfficer(ctx, head, { agencyId: agency.id, name, post: '执法辅助人员', isAuxiliary: true });
  }
  await recordTraining(ctx, head, {
    userId: agency.reviewer.id,
    course: '重大执法决定法制审核业务培训',
    category: 'legal_review',
    hours: 16,
    completedOn: shiftYears(today, -1),
    provider: '中卫市司法局',
  });
  // 法律职业资格 (Penalty Law Art. 58 ¶2); the certificate number is made up for the demo, in the official A+year form.
  await recordQualification(ctx, head, {
    userId: agency.reviewer.id,
    kind: 'legal_profession',
    certificateNumber: `A2019${String(Number.parseInt(createHash('sha256').update(agency.reviewer.username).digest('hex').slice(0, 8), 16) % 1e9).padStart(9, '0')}`,
    obtainedOn: shiftYears(today, -5),
  });
}
