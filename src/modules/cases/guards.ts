/**
 * The guards a step must pass, in the service layer, whatever client calls. Each returns the problems (the step is
 * refused, with every reason in Chinese) and the flags it raises for the supervisor (the step goes ahead, recorded).
 */
import type { Executor } from '../../db/database.js';
import { addCalendarDays, type WorkCalendar } from '../../kernel/calendar.js';
import { type ActionType, type AgencyKind, type PenaltyKind, penaltyKinds, recordingEvidenceKinds } from '../../kernel/vocabulary.js';
import { checkAgainstBenchmark, type DiscretionBenchmark, listPublishedEntries, type MajorDecisionRule } from '../catalog/index.js';
import { checkEligibility, reviewerStanding } from '../personnel/index.js';
import { dueDate, type ReplayStep, replayClocks } from './clocks.js';
import { reviewOpinions } from './procedures/common.js';
import type { GuardKey, ProcedureDefinition, StepDefinition } from './procedures/index.js';
import { describeProposal, type ProposalSource, proposalDigest, proposalOf } from './proposal.js';

export interface CaseFacts {
  id: string | null;
  agencyId: string;
  actionType: ActionType;
  category: AgencyKind;
  itemCode: string;
  divisionCode: string;
  partyType: 'person' | 'organization';
  fullProcessRecording: boolean;
  officerIds: string[];
}

export interface PriorStep extends ReplayStep {
  officerIds: string[];
  actorId?: string | null;
  actorLabel?: string;
}

export interface GuardInput {
  db: Executor;
  /** The user recording the step (null for the system). */
  actorUserId?: string | null;
  /** The case as the proposal digest sees it (absent before the case exists). */
  caseRow?: ProposalSource | undefined;
  calendar: WorkCalendar;
  definition: ProcedureDefinition;
  step: StepDefinition;
  facts: CaseFacts;
  prior: PriorStep[];
  occurredOn: string;
  officerIds: string[];
  recordingIds: string[];
  data: Record<string, unknown>;
}

export interface Flag {
  kind: 'limitation_override' | 'discretion_deviation';
  detail: string;
}

export interface GuardOutcome {
  problems: { pointer: string; detail: string }[];
  flags: Flag[];
}

type Guard = (input: GuardInput, out: GuardOutcome) => Promise<void> | void;

const problem = (out: GuardOutcome, pointer: string, detail: string) => out.problems.push({ pointer, detail });

/** Penalty Law Art. 42: at least two officers, each with a certificate valid that day for the category and place. */
const twoCertifiedOfficers: Guard = async (input, out) => {
  const { db, facts, officerIds } = input;
  const result = await checkEligibility(db, {
    officerIds,
    category: facts.category,
    divisionCode: facts.divisionCode,
    on: input.occurredOn,
  });
  for (const p of result.problems) {
    const index = officerIds.indexOf(p.officerId);
    problem(out, index >= 0 ? `/officerIds/${index}` : '/officerIds', `${p.reason}（《行政处罚法》第四十二条）`);
  }
  if (officerIds.length > 0) {
    const own = await db
      .selectFrom('officers')
      .select('id')
      .where('id', 'in', officerIds)
      .where('agency_id', '=', facts.agencyId)
      .execute();
    if (own.length < new Set(officerIds).size) problem(out, '/officerIds', '执法人员须为本机关执法人员名册中的人员');
  }
};

/**
 * The agency's audio/video recording list (音像记录事项清单) and the pilot plan (二)2: a listed step, and every step
 * of a case that touches personal liberty, life and health or major property, is completed only with its recording.
 */
const avRecording: Guard = async (input, out) => {
  const { db, facts, step, recordingIds } = input;
  let requirement: string | null = null;
  if (facts.fullProcessRecording || input.definition.fullProcessRecording) {
    requirement = '本案涉及人身自由、生命健康或重大财产权益，须进行全过程音像记录（国办发〔2018〕118号）';
  } else if (step.avStep) {
    const list = await listPublishedEntries(db, facts.agencyId, 'av_recording');
    const entry = list.find(
      (e) => e.step === step.avStep && Array.isArray(e.actionTypes) && (e.actionTypes as string[]).includes(facts.actionType),
    );
    if (entry) requirement = `本机关《音像记录事项清单》要求“${entry.name}”（${entry.code}）进行音像记录`;
  }
  if (!requirement) return;
  if (recordingIds.length === 0) {
    problem(out, '/recordingIds', `${requirement}，请先上传录音录像并关联到本环节`);
    return;
  }
  if (!facts.id) {
    problem(out, '/recordingIds', '立案前不能关联本案的音像记录');
    return;
  }
  const rows = await db
    .selectFrom('evidence_items')
    .select(['id', 'kind'])
    .where('case_id', '=', facts.id)
    .where('id', 'in', recordingIds)
    .execute();
  const superseded = await db.selectFrom('evidence_items').select('supersedes_id').where('supersedes_id', 'in', recordingIds).execute();
  recordingIds.forEach((id, index) => {
    const row = rows.find((r) => r.id === id);
    if (!row) problem(out, `/recordingIds/${index}`, '关联的音像记录不是本案的证据');
    else if (!(recordingEvidenceKinds as string[]).includes(row.kind)) problem(out, `/recordingIds/${index}`, '关联的证据不是录音或录像');
    else if (superseded.some((s) => s.supersedes_id === id))
      problem(out, `/recordingIds/${index}`, '关联的音像记录已被更正替代，请关联更正后的记录');
  });
};

/** The date `years` after `date` (29 February → 28 February). */
function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const candidate = `${y}${date.slice(4)}`;
  return Number.isNaN(Date.parse(`${candidate}T00:00:00Z`)) || new Date(`${candidate}T00:00:00Z`).toISOString().slice(0, 10) !== candidate
    ? addCalendarDays(`${y}${date.slice(4, 8)}01`, 27)
    : candidate;
}

/** Penalty Law Art. 36: no penalty after two years (five where life, health or financial safety was harmed). */
const limitationPeriod: Guard = (input, out) => {
  const violationOn = input.data.violationOn;
  if (typeof violationOn !== 'string') return;
  if (violationOn > input.occurredOn) {
    problem(out, '/data/violationOn', '违法行为发生日期不能晚于立案日期');
    return;
  }
  const years = input.data.harmsLifeOrFinance === true ? 5 : 2;
  const lastDay = addYears(violationOn, years);
  if (input.occurredOn <= lastDay) return;
  const reason = typeof input.data.limitationOverride === 'string' ? input.data.limitationOverride.trim() : '';
  const detail = `违法行为自 ${violationOn} 起已超过${years === 5 ? '五' : '二'}年追责期限（至 ${lastDay}，《行政处罚法》第三十六条）`;
  if (reason.length < 10) {
    problem(out, '/data/limitationOverride', `${detail}，不再给予行政处罚；确需立案的，须写明理由（不少于10字），并报执法监督机构`);
  } else out.flags.push({ kind: 'limitation_override', detail: `${detail}；立案理由：${reason}` });
};

function penaltyKindsOf(data: Record<string, unknown>): PenaltyKind[] {
  return Array.isArray(data.penaltyKinds) ? (data.penaltyKinds as PenaltyKind[]) : [];
}

/** Penalty Law Art. 34: the published discretion benchmark binds; a penalty outside it needs a reason and is flagged. */
const discretionBenchmark: Guard = async (input, out) => {
  const { data } = input;
  const kinds = penaltyKindsOf(data);
  if (kinds.includes('fine') && typeof data.fineAmount !== 'number') problem(out, '/data/fineAmount', '拟处罚款的，须填写罚款数额');
  const benchmarks = (await listPublishedEntries<DiscretionBenchmark>(input.db, input.facts.agencyId, 'discretion_benchmark')).filter(
    (b) => b.itemCode === input.facts.itemCode,
  );
  const chosen = typeof data.benchmark === 'string' ? data.benchmark : '';
  if (!chosen) {
    if (benchmarks.length > 0) {
      problem(
        out,
        '/data/benchmark',
        `该事项有已公布的行政裁量基准（${benchmarks.map((b) => b.name).join('、')}），须选择适用的基准和阶次`,
      );
    }
    return;
  }
  const [benchmarkCode, gradeCode = ''] = chosen.split(':');
  const all = await listPublishedEntries<DiscretionBenchmark>(input.db, input.facts.agencyId, 'discretion_benchmark');
  const benchmark = all.find((b) => b.code === benchmarkCode);
  if (!benchmark) {
    problem(out, '/data/benchmark', `本机关已公布的裁量基准中没有编码为 ${benchmarkCode} 的基准`);
    return;
  }
  const check = checkAgainstBenchmark(benchmark, gradeCode, {
    penaltyKinds: kinds,
    ...(typeof data.fineAmount === 'number' ? { fineAmount: data.fineAmount } : {}),
  });
  if (check.isWithinBenchmark) return;
  const reason = typeof data.deviationReason === 'string' ? data.deviationReason.trim() : '';
  const detail = `${check.reasons.join('；')}（裁量基准“${benchmark.name}”，《行政处罚法》第三十四条）`;
  if (reason.length < 10) problem(out, '/data/deviationReason', `${detail}；超出基准的须写明理由（不少于10字），并报执法监督机构`);
  else out.flags.push({ kind: 'discretion_deviation', detail: `${detail}；理由：${reason}` });
};

/** Penalty Law Art. 51: on the spot only a warning, or a fine up to 200 yuan (person) or 3,000 yuan (organisation). */
const summaryLimits: Guard = (input, out) => {
  const kinds = penaltyKindsOf(input.data);
  const other = kinds.filter((k) => k !== 'warning' && k !== 'fine');
  if (other.length > 0) {
    problem(
      out,
      '/data/penaltyKinds',
      `简易程序只能给予警告或罚款，不能给予${other.map((k) => penaltyKinds[k]).join('、')}（《行政处罚法》第五十一条）`,
    );
  }
  if (kinds.includes('fine')) {
    const limit = input.facts.partyType === 'person' ? 200 : 3000;
    const amount = input.data.fineAmount;
    if (typeof amount !== 'number') problem(out, '/data/fineAmount', '给予罚款的，须填写罚款数额');
    else if (amount > limit) {
      problem(
        out,
        '/data/fineAmount',
        `简易程序对${input.facts.partyType === 'person' ? '公民' : '法人或者其他组织'}的罚款不得超过 ${limit} 元，本案 ${amount} 元，应适用普通程序（《行政处罚法》第五十一条）`,
      );
    }
  }
};

function clockDue(input: GuardInput, key: string): string | null {
  const clock = input.definition.clocks.find((c) => c.key === key);
  const run = replayClocks(input.definition, input.prior)
    .filter((r) => r.key === key)
    .at(-1);
  return clock && run ? dueDate(clock, run, input.calendar) : null;
}

/** Penalty Law Art. 64(1): the party asks for a hearing within 5 working days of being told. */
const hearingRequestPeriod: Guard = (input, out) => {
  const due = clockDue(input, 'hearing_request');
  if (due && input.occurredOn > due) {
    problem(out, '/occurredOn', `当事人应在告知后五个工作日内（至 ${due}）提出听证要求，已经超期（《行政处罚法》第六十四条第一项）`);
  }
};

/** Penalty Law Art. 64(2): the notice of time and place goes out 7 (working) days before the hearing. */
const hearingNoticePeriod: Guard = (input, out) => {
  const hearingOn = input.data.hearingOn;
  if (typeof hearingOn !== 'string') return;
  const days = input.calendar.workingDaysBetween(input.occurredOn, hearingOn);
  if (days < 7) {
    problem(
      out,
      '/data/hearingOn',
      `应当在举行听证的七个工作日前通知当事人，通知日 ${input.occurredOn} 与听证日 ${hearingOn} 之间只有 ${Math.max(days, 0)} 个工作日（《行政处罚法》第六十四条第二项）`,
    );
  }
};

/** Penalty Law Art. 64(4): the hearing is chaired by someone who took no part in the investigation. */
const hearingChairIndependent: Guard = (input, out) => {
  const notice = [...input.prior].reverse().find((s) => s.key === 'hearing_notice');
  const chair = typeof input.data.chair === 'string' ? input.data.chair : notice?.data.chair;
  if (typeof chair !== 'string') return;
  const investigators = new Set([
    ...input.facts.officerIds,
    ...input.prior.filter((s) => s.key !== 'hearing_notice').flatMap((s) => s.officerIds),
  ]);
  if (investigators.has(chair)) {
    problem(out, '/data/chair', '听证主持人参与了本案调查，应由非本案调查人员主持听证（《行政处罚法》第六十四条第四项）');
  }
};

/** Penalty Law Arts. 44, 45, 62: no decision before the party's time to state, defend and ask for a hearing is over. */
const statementPeriodOver: Guard = (input, out) => {
  if (input.prior.some((s) => s.key === 'hearing')) return;
  const lastNotice = input.prior.map((s) => s.key).lastIndexOf('prior_notice');
  const waived = input.prior.slice(lastNotice + 1).some((s) => s.key === 'statement' && s.data.waivesHearing === true);
  const due = clockDue(input, 'hearing_request');
  if (!waived && due && input.occurredOn <= due) {
    problem(
      out,
      '/occurredOn',
      `当事人陈述、申辩和要求听证的期限至 ${due} 届满，期满前不能作出处罚决定，当事人明确放弃的除外（《行政处罚法》第六十二条、第六十四条）`,
    );
  }
};

/** Which entries of the agency's 重大执法决定法制审核目录清单 this decision falls under. */
async function majorRulesMet(input: GuardInput): Promise<MajorDecisionRule[]> {
  const rules = await listPublishedEntries<MajorDecisionRule>(input.db, input.facts.agencyId, 'major_decision_rule');
  const kinds = penaltyKindsOf(input.data);
  const amount =
    (typeof input.data.fineAmount === 'number' ? input.data.fineAmount : 0) +
    (typeof input.data.confiscationAmount === 'number' ? input.data.confiscationAmount : 0) +
    // a levy's or fee's assessed amount
    (typeof input.data.amount === 'number' ? input.data.amount : 0);
  // Declared in the case (认定为重大执法决定): by the officer, a reviewer or a head; no step takes it back.
  const declared = input.prior
    .filter((s) => s.key === 'declare_major')
    .map((s, i): MajorDecisionRule => {
      const spec = input.definition.steps.find((d) => d.key === 'declare_major')?.fields.find((f) => f.key === 'condition');
      const condition = String(s.data.condition);
      return {
        code: `认定${i + 1}`,
        name: spec?.options?.[condition] ?? condition,
        condition: condition as MajorDecisionRule['condition'],
        description: `${s.actorLabel ?? ''}于${s.occurredOn}认定：${String(s.data.reason ?? '')}`,
        basis: '《行政处罚法》第五十八条第一款',
      };
    });
  return [
    ...declared,
    ...rules.filter((rule) => {
      if (rule.actionType && rule.actionType !== input.facts.actionType) return false;
      if (rule.partyType && rule.partyType !== 'any' && rule.partyType !== input.facts.partyType) return false;
      switch (rule.condition) {
        case 'amount_threshold':
          return (
            rule.amountThreshold !== undefined &&
            amount >= rule.amountThreshold &&
            (!rule.itemCode || rule.itemCode === input.facts.itemCode)
          );
        case 'hearing_held':
          return input.prior.some((s) => s.key === 'hearing');
        case 'licence_revoked':
          return kinds.includes('revoke_permit');
        case 'business_closed':
          return kinds.includes('order_suspension') || kinds.includes('order_closure');
        case 'all_decisions':
          // An agency may review every decision outside the summary procedure (which has no gated decision).
          return true;
        default:
          return rule.itemCode === input.facts.itemCode;
      }
    }),
  ];
}

const passed = new Set(['approved', 'approved_with_changes']);

/** The latest review after the latest submission, if any, and the submission it covers. */
export function latestReview(prior: PriorStep[]) {
  const review = [...prior].reverse().find((s) => s.key === 'legal_review');
  const submission = [...prior].reverse().find((s) => s.key === 'submit_review');
  return { review, submission };
}

/**
 * Penalty Law Art. 58: a major decision is made only when a passed legal review covers exactly this proposal — the
 * review recorded the proposal's digest; a change to the party, item, legal basis, penalty, amount or facts since
 * voids it.
 */
const legalReviewIfMajor: Guard = async (input, out) => {
  const met = await majorRulesMet(input);
  if (met.length === 0 || !input.caseRow) return;
  const which = met.map((r) => `${r.name}（${r.description}）`).join('；');
  const proposal = proposalOf(input.caseRow, input.data);
  const digest = proposalDigest(proposal);
  const reviews = input.prior.filter((s) => s.key === 'legal_review');
  const last = reviews.at(-1);
  if (!last) {
    problem(out, '/step', `本案属于重大执法决定：${which}。须经法制审核通过后方可作出决定（《行政处罚法》第五十八条）`);
    return;
  }
  const covering = reviews.filter((s) => s.data.proposalDigest === digest).at(-1);
  const dispute = openDispute(input.prior);
  if (dispute) {
    problem(out, '/step', '承办机构对法制审核意见提出了异议，须经机关负责人集体讨论后方可作出决定');
    return;
  }
  if (covering && covering === last && passed.has(String(covering.data.opinion))) return;
  if (!passed.has(String(last.data.opinion))) {
    const label = reviewOpinions[last.data.opinion as keyof typeof reviewOpinions] ?? String(last.data.opinion);
    problem(out, '/step', `法制审核意见为“${label}”，审核未通过的不得作出决定（《行政处罚法》第五十八条）`);
    return;
  }
  problem(
    out,
    '/step',
    `法制审核通过的拟处理意见与本决定不符（本决定：${describeProposal(proposal)}），决定内容变更后须重新提交法制审核（《行政处罚法》第五十八条）`,
  );
};

/** The submission carries what the review needs; where a hearing was held, its record too. */
const reviewMaterialsComplete: Guard = (input, out) => {
  if (
    input.prior.some((s) => s.key === 'hearing') &&
    input.step.fields.some((f) => f.key === 'hearingRecord') &&
    !input.data.hearingRecord
  ) {
    problem(out, '/data/hearingRecord', '送审材料不齐全：本案举行过听证，须附听证笔录及听证报告要点');
  }
  const { review, submission } = latestReview(input.prior);
  if (submission && (!review || input.prior.indexOf(review) < input.prior.indexOf(submission))) {
    problem(out, '/step', '上一次送审尚未审核完毕，不能重复送审');
  }
};

/** A review answers a submission not yet reviewed. */
const reviewPending: Guard = (input, out) => {
  const { review, submission } = latestReview(input.prior);
  if (!submission || (review && input.prior.indexOf(review) > input.prior.indexOf(submission))) {
    problem(out, '/step', '没有待审核的送审材料：承办机构须先提交法制审核');
  }
};

/** Whether a user took part in handling the case: recorded a handling step, or is one of its officers. */
async function handledCase(input: GuardInput, userId: string): Promise<boolean> {
  const handled = input.prior.some((s) => s.actorId === userId && !reviewSideSteps.has(s.key));
  if (handled) return true;
  const officer = await input.db.selectFrom('officers').select('id').where('user_id', '=', userId).executeTakeFirst();
  const investigators = new Set([...input.facts.officerIds, ...input.prior.flatMap((s) => s.officerIds)]);
  return !!officer && investigators.has(officer.id);
}

/** Steps of the review office and the heads, which do not make a reviewer part of the handling. */
const reviewSideSteps = new Set(['assign_review', 'extend_review', 'legal_review', 'deliberate']);

/** Penalty Law Art. 58 and the task list: the reviewer took no part in handling the case. */
const reviewerIndependent: Guard = async (input, out) => {
  const user = input.actorUserId;
  if (user && (await handledCase(input, user))) {
    problem(out, '/step', '法制审核人员参与了本案的办理，应回避，由其他法制审核人员审核');
  }
};

/** Penalty Law Art. 58 ¶2: the reviewer is one of the agency's reviewers and holds the qualification (recorded). */
const reviewerQualified: Guard = async (input, out) => {
  const user = input.actorUserId;
  if (!user) return;
  const standing = await reviewerStanding(input.db, user, input.facts.agencyId);
  if (!standing.isQualified) problem(out, '/step', `您不能承办本案的法制审核：${standing.reasons.join('；')}`);
};

/** The latest assignment after the latest submission, if any. */
function currentAssignment(prior: PriorStep[]) {
  const { submission } = latestReview(prior);
  if (!submission) return undefined;
  return prior
    .slice(prior.indexOf(submission) + 1)
    .filter((s) => s.key === 'assign_review')
    .at(-1);
}

/** Once the review office has named a reviewer, only that reviewer gives the opinion. */
const reviewerAssigned: Guard = (input, out) => {
  const assignment = currentAssignment(input.prior);
  if (assignment && input.actorUserId && assignment.data.reviewer !== input.actorUserId) {
    problem(out, '/step', `本案已指定${String(assignment.data.reviewerName ?? '其他审核人员')}承办审核，其他人员不能出具审核意见`);
  }
};

/** The reviewer named is qualified and took no part in the case. */
const assigneeEligible: Guard = async (input, out) => {
  const reviewer = input.data.reviewer;
  if (typeof reviewer !== 'string') return;
  const standing = await reviewerStanding(input.db, reviewer, input.facts.agencyId);
  for (const reason of standing.reasons) problem(out, '/data/reviewer', `所指定的人员${reason}`);
  if (await handledCase(input, reviewer)) problem(out, '/data/reviewer', '所指定的人员参与了本案的办理，应回避');
};

/** The handling unit may dispute the latest opinion once, before anything else answers it. */
const reviewDisputable: Guard = (input, out) => {
  const { review, submission } = latestReview(input.prior);
  if (!review || (submission && input.prior.indexOf(review) < input.prior.indexOf(submission))) {
    problem(out, '/step', '没有可以提出异议的法制审核意见');
    return;
  }
  const after = input.prior.slice(input.prior.indexOf(review) + 1);
  if (after.some((s) => s.key === 'dispute_review')) problem(out, '/step', '已对本次审核意见提出异议，等待负责人集体讨论');
};

/** A dispute of the latest opinion not yet answered by a collective deliberation. */
export function openDispute(prior: PriorStep[]): PriorStep | undefined {
  const dispute = [...prior].reverse().find((s) => s.key === 'dispute_review');
  if (!dispute) return undefined;
  const answered = prior.slice(prior.indexOf(dispute) + 1).some((s) => s.key === 'deliberate' || s.key === 'submit_review');
  return answered ? undefined : dispute;
}

const reviewExists: Guard = (input, out) => {
  if (!input.prior.some((s) => s.key === 'legal_review')) problem(out, '/step', '尚无法制审核意见，集体讨论须在法制审核之后');
};

/** Penalty Law Art. 61: electronic service only with the party's signed consent. */
const serviceConsent: Guard = (input, out) => {
  if (input.data.method === 'electronic' && input.data.electronicConsent !== true) {
    problem(out, '/data/electronicConsent', '当事人同意并签订确认书的，才可以采用电子送达（《行政处罚法》第六十一条第二款）');
  }
};

const extensionLimits: Record<string, { days: number; basis: string }> = {
  licensing_decision: { days: 10, basis: '《行政许可法》第四十二条第一款' },
  seizure_term: { days: 30, basis: '《行政强制法》第二十五条' },
};

/** Licensing Law Art. 42 and Coercion Law Art. 25: one approved extension, of at most 10 (30) days. */
const extensionOnce: Guard = (input, out) => {
  for (const key of input.step.clocks?.extend ?? []) {
    const run = replayClocks(input.definition, input.prior)
      .filter((r) => r.key === key && r.stoppedOn === null)
      .at(-1);
    const clock = input.definition.clocks.find((c) => c.key === key);
    const limit =
      extensionLimits[key] ?? (run?.maxExtensionDays != null ? { days: run.maxExtensionDays, basis: clock?.basis ?? '' } : undefined);
    if (!limit) continue;
    if (!run) problem(out, '/step', '没有正在计算的期限可以延长');
    else if (run.extensionCount > 0) problem(out, '/step', `期限只能延长一次，已经延长过（${limit.basis}）`);
    const days = input.data.days;
    if (typeof days === 'number' && days > limit.days) problem(out, '/data/days', `延长期限不得超过 ${limit.days} 日（${limit.basis}）`);
  }
};

/** A case is closed only when nothing is still running against it. */
const noRunningClocks: Guard = (input, out) => {
  const running = replayClocks(input.definition, input.prior).filter((r) => r.stoppedOn === null);
  for (const run of running) {
    const clock = input.definition.clocks.find((c) => c.key === run.key);
    problem(out, '/step', `“${clock?.label ?? run.key}”尚未办结（${clock?.basis ?? ''}），不能结案`);
  }
};

const guards: Record<GuardKey, Guard> = {
  two_certified_officers: twoCertifiedOfficers,
  av_recording: avRecording,
  limitation_period: limitationPeriod,
  discretion_benchmark: discretionBenchmark,
  summary_limits: summaryLimits,
  hearing_request_period: hearingRequestPeriod,
  hearing_notice_period: hearingNoticePeriod,
  hearing_chair_independent: hearingChairIndependent,
  statement_period_over: statementPeriodOver,
  legal_review_if_major: legalReviewIfMajor,
  service_consent: serviceConsent,
  extension_once: extensionOnce,
  no_running_clocks: noRunningClocks,
  review_materials_complete: reviewMaterialsComplete,
  review_pending: reviewPending,
  reviewer_independent: reviewerIndependent,
  reviewer_qualified: reviewerQualified,
  reviewer_assigned: reviewerAssigned,
  assignee_eligible: assigneeEligible,
  review_disputable: reviewDisputable,
  review_exists: reviewExists,
};

export async function runGuards(input: GuardInput): Promise<GuardOutcome> {
  const out: GuardOutcome = { problems: [], flags: [] };
  for (const key of input.step.guards) await guards[key](input, out);
  return out;
}

export { majorRulesMet };
