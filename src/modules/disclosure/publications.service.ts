/**
 * Ex-post disclosure (事后公开) as staff handle it. When a decision is served (or, for decisions served on the spot and
 * licensing decisions, when it is made) its publication is scheduled by the agency's published 事后公开事项清单: the
 * rule's time limit in working days and its source; without a rule, licensing and penalty decisions still have the
 * 7 working days of 国办发〔2018〕118号 (task list item 10), other decisions are published only where a rule says so.
 *
 * An officer prepares the public copy (previewed first), a second person of the agency's office checks and publishes
 * it; marked secrets block it with the reason recorded. A decision revoked, changed, found unlawful or void is
 * replaced by a withdrawal notice, or by the changed decision with both penalties, within 3 working days (Penalty Law
 * Art. 48, 85). The publicity period ends as configured, or early on credit repair: the record leaves the portal,
 * its events stay in the ledger. Every change is a ledger event in the same transaction.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { type Actor, hasRole, systemActor } from '../../kernel/actor.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { nowIso, todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type ActionType, actionTypes } from '../../kernel/vocabulary.js';
import { appendEvent } from '../../ledger/index.js';
import { loadCalendar } from '../calendar/index.js';
import type { RecordedStep } from '../cases/index.js';
import { citeLegalBasis, type DisclosureRule, type LegalBasis, listPublishedEntries } from '../catalog/index.js';
import { canSeeAgency, resolveScope } from '../org/index.js';
import { publicRecordsChanged } from './public-cache.js';
import {
  buildPublicCopy,
  type CorrectionSource,
  copyOfRow,
  correctionSources,
  loadCopySource,
  type PublicationRow,
  type PublicCopy,
  type PublicRecordRow,
  type PublicRemedy,
  type RemedyKind,
  type RemedyOutcome,
  remedyKinds,
  remedyOutcomes,
  searchTextOf,
  type WithdrawalGround,
  withdrawalGrounds,
} from './public-copy.js';
import { type ClassifiedMarking, RedactionBlocked, redactionKindLabels, redactRecord, redactText } from './redact.js';
import { indexRecord } from './search-adapter.js';

/** Which step of which procedure puts which decision up for publication: trigger step → decision step. */
export const publicationTriggers: Record<string, Record<string, string>> = {
  penalty: { serve: 'decide', serve_no_penalty: 'no_penalty' },
  penalty_summary: { summary_decide: 'summary_decide' },
  licensing: { grant_licence: 'grant_licence', refuse_licence: 'refuse_licence' },
  levy: { serve: 'assess' },
  fee: { serve: 'assess' },
  coercion: { seize: 'seize' },
};

/** Decisions that are always published, with or without a rule of the agency's own. */
const defaultRules: Partial<Record<ActionType, { days: number; basis: string }>> = {
  penalty: { days: 7, basis: '国办发〔2018〕118号；行政执法三项制度任务清单第（10）项（行政许可、行政处罚决定7个工作日内公开）' },
  licensing: { days: 7, basis: '国办发〔2018〕118号；行政执法三项制度任务清单第（10）项（行政许可、行政处罚决定7个工作日内公开）' },
};

/** Penalty Law Art. 48 with Art. 85: withdrawn, with the reason published, within 3 working days. */
export const correctionDays = 3;
export const correctionBasis = '《行政处罚法》第四十八条、第八十五条；行政执法三项制度任务清单第（13）项';

export const publicationStatuses = {
  due: '待公开',
  prepared: '待审核',
  blocked: '不予公开',
  published: '已公开',
  withdrawn: '已撤下',
  changed: '已变更',
  ended: '公开期满',
} as const;
export type PublicationStatus = keyof typeof publicationStatuses;

export const endReasons = { period_over: '公开期限届满', credit_repair: '信用修复' } as const;
export type EndReason = keyof typeof endReasons;

const shiftMonths = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const actorId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
const actorLabel = (actor: Actor) => (actor.kind === 'user' ? actor.displayName : actor.label);
export const legalBasisText = (json: string) => (JSON.parse(json) as LegalBasis[]).map(citeLegalBasis).join('、');

// ---- State as the ledger records it ----

export function publicationState(row: PublicationRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    actionType: row.action_type,
    decisionStepId: row.decision_step_id,
    triggerStepId: row.trigger_step_id,
    decidedOn: row.decided_on,
    scheduledOn: row.scheduled_on,
    rule: { code: row.rule_code, name: row.rule_name, basis: row.rule_basis, days: Number(row.deadline_working_days) },
    periodMonths: row.period_months === null ? null : Number(row.period_months),
    dueOn: row.due_on,
    dueProvisional: Number(row.due_provisional) === 1,
    status: row.status,
    classified: JSON.parse(row.classified) as ClassifiedMarking[],
    blockedReason: row.blocked_reason,
    preparedCopySha256: row.prepared_copy === null ? null : sha256(row.prepared_copy),
    preparedBy: row.prepared_by,
    checkedBy: row.checked_by,
    publishedOn: row.published_on,
    expiresOn: row.expires_on,
    correctionDueOn: row.correction_due_on,
    correctionNote: row.correction_note,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    overdueRecorded: Number(row.overdue_recorded) === 1,
    correctionOverdueRecorded: Number(row.correction_overdue_recorded) === 1,
    version: Number(row.version),
  };
}

export function publicRecordState(row: PublicRecordRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    actionType: row.action_type,
    documentNumber: row.document_number,
    decidedOn: row.decided_on,
    publishedOn: row.published_on,
    partyName: row.party_name,
    partyCreditCode: row.party_credit_code,
    amount: row.amount === null ? null : Number(row.amount),
    status: row.status,
    isVisible: Number(row.is_visible) === 1,
    expiresOn: row.expires_on,
    body: JSON.parse(row.body) as unknown,
    searchTextSha256: sha256(row.search_text),
  };
}

/** Hooks told of each public action in its transaction: the exchange puts the public copy in its outbox. */
type PublicActionHook = (trx: Executor, action: string, id: string) => Promise<void>;
const publicActionHooks: PublicActionHook[] = [];
export function onPublicAction(hook: PublicActionHook): void {
  if (!publicActionHooks.includes(hook)) publicActionHooks.push(hook);
}

/** Records a publication's state (and its public copy's) as a ledger event; the exchange hooks see the action too. */
export async function recordPublicationEvent(trx: Executor, actor: Actor, action: string, id: string) {
  return record(trx, actor, action, id);
}

async function record(trx: Executor, actor: Actor, action: string, id: string) {
  const row = await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const pub = await trx.selectFrom('public_records').selectAll().where('id', '=', id).executeTakeFirst();
  for (const hook of publicActionHooks) await hook(trx, action, id);
  return appendEvent(trx, {
    actor,
    agencyId: row.agency_id,
    subjectType: 'publication',
    subjectId: id,
    action,
    state: { publication: publicationState(row), publicRecord: pub ? publicRecordState(pub) : null },
  });
}

// ---- Scheduling, inside the step's transaction ----

/** The case-step listener: schedules a decision's publication when its trigger step is recorded. */
export async function scheduleOnStep(trx: Executor, _ctx: AppContext, actor: Actor, recorded: RecordedStep): Promise<void> {
  const { caseRow, step } = recorded;
  const decisionKey = publicationTriggers[caseRow.procedure_key]?.[step.key];
  if (!decisionKey) {
    if (step.key === 'remedy_ended') await noteRemedyEnded(trx, actor, recorded);
    return;
  }
  const decision =
    decisionKey === step.key
      ? { id: recorded.stepId, occurredOn: recorded.occurredOn }
      : recorded.prior.filter((p) => p.key === decisionKey).at(-1);
  if (!decision) return;
  const actionType = caseRow.action_type as ActionType;
  const rules = await listPublishedEntries<DisclosureRule & { code: string; name: string }>(trx, caseRow.agency_id, 'disclosure_rule');
  const rule = rules.find((r) => r.actionType === actionType);
  const fallback = defaultRules[actionType];
  if (!rule && !fallback) return;
  const days = rule?.deadlineWorkingDays ?? (fallback?.days as number);
  const calendar = (await loadCalendar(trx)).assumingWeekdays();
  const dueOn = calendar.addWorkingDays(recorded.occurredOn, days);
  const now = nowIso();
  const id = newId();
  const inserted = await trx
    .insertInto('publications')
    .values({
      id,
      agency_id: caseRow.agency_id,
      case_id: caseRow.id,
      case_number: caseRow.number,
      case_title: caseRow.title,
      action_type: actionType,
      decision_step_id: decision.id,
      trigger_step_id: recorded.stepId,
      decided_on: decision.occurredOn,
      scheduled_on: recorded.occurredOn,
      rule_code: rule?.code ?? null,
      rule_name: rule?.name ?? `${actionTypes[actionType]}决定`,
      rule_basis: rule?.basis ?? (fallback?.basis as string),
      deadline_working_days: days,
      period_months: rule?.periodMonths ?? null,
      period_text: rule?.periodText ?? '本机关事后公开事项清单未规定公开期限',
      due_on: dueOn,
      due_provisional: calendar.assumedYears.size > 0 ? 1 : 0,
      status: 'due',
      classified: '[]',
      blocked_reason: null,
      prepared_copy: null,
      prepared_by: null,
      prepared_by_label: null,
      checked_by: null,
      checked_by_label: null,
      published_on: null,
      expires_on: null,
      correction_due_on: null,
      correction_note: null,
      ended_on: null,
      end_reason: null,
      overdue_recorded: 0,
      correction_overdue_recorded: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['case_id', 'decision_step_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) await record(trx, actor, 'publication.scheduled', id);
}

/** A reconsideration or lawsuit ended: within 3 working days the record must be withdrawn, changed or confirmed. */
async function noteRemedyEnded(trx: Executor, actor: Actor, recorded: RecordedStep): Promise<void> {
  const rows = await trx
    .selectFrom('publications')
    .selectAll()
    .where('case_id', '=', recorded.caseRow.id)
    .where('status', 'in', ['due', 'prepared', 'blocked', 'published', 'changed'])
    .execute();
  const calendar = (await loadCalendar(trx)).assumingWeekdays();
  for (const row of rows) {
    await trx
      .updateTable('publications')
      .set({
        correction_due_on: calendar.addWorkingDays(recorded.occurredOn, correctionDays),
        correction_note: `复议或诉讼终结：${String(recorded.data.outcome ?? '')}`.slice(0, 2000),
        correction_overdue_recorded: 0,
        version: Number(row.version) + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', row.id)
      .execute();
    await record(trx, actor, 'publication.correction_due', row.id);
  }
}

// ---- Staff: list, preview, prepare, check, withdraw, end ----

async function loadForStaff(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db): Promise<PublicationRow> {
  const row = await db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('disclosure.not_found');
  const agency = await db.selectFrom('agencies').select(['id', 'government_id']).where('id', '=', row.agency_id).executeTakeFirstOrThrow();
  if (!canSeeAgency(await resolveScope(db, actor), agency)) throw new DomainError('disclosure.not_found');
  return row;
}

function requireAgencyRole(actor: Actor, row: PublicationRow, roles: Parameters<typeof hasRole>[1][]) {
  if (actor.kind === 'user' && (actor.agencyId !== row.agency_id || !hasRole(actor, ...roles))) {
    throw new DomainError('auth.forbidden', `只有本机关的${roles.map((r) => roleNames[r]).join('、')}可以办理`);
  }
}
const roleNames: Record<string, string> = { officer: '执法人员', agency_head: '机关负责人', reviewer: '法制审核人员' };

function requireVersion(row: PublicationRow, version: number) {
  if (Number(row.version) !== version) throw new DomainError('disclosure.version_conflict');
}
function requireStatus(row: PublicationRow, ...statuses: PublicationStatus[]) {
  if (!statuses.includes(row.status as PublicationStatus)) {
    throw new DomainError(
      'disclosure.state_invalid',
      `当前状态为“${publicationStatuses[row.status as PublicationStatus] ?? row.status}”，须为“${statuses.map((s) => publicationStatuses[s]).join('”或“')}”`,
    );
  }
}

export function presentPublication(row: PublicationRow, today = todayInChina()) {
  const open = ['due', 'prepared', 'blocked'].includes(row.status);
  return {
    id: row.id,
    agencyId: row.agency_id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    caseTitle: row.case_title,
    actionType: row.action_type,
    actionTypeLabel: actionTypes[row.action_type as ActionType] ?? row.action_type,
    decidedOn: row.decided_on,
    scheduledOn: row.scheduled_on,
    rule: {
      code: row.rule_code,
      name: row.rule_name,
      basis: row.rule_basis,
      deadlineWorkingDays: Number(row.deadline_working_days),
      periodText: row.period_text,
    },
    dueOn: row.due_on,
    dueProvisional: Number(row.due_provisional) === 1,
    isOverdue: open && today > row.due_on,
    status: row.status,
    statusLabel: publicationStatuses[row.status as PublicationStatus] ?? row.status,
    classified: JSON.parse(row.classified) as ClassifiedMarking[],
    blockedReason: row.blocked_reason,
    preparedCopy: row.prepared_copy ? (JSON.parse(row.prepared_copy) as PublicCopy) : null,
    preparedBy: row.prepared_by,
    preparedByLabel: row.prepared_by_label,
    checkedByLabel: row.checked_by_label,
    publishedOn: row.published_on,
    expiresOn: row.expires_on,
    correctionDueOn: row.correction_due_on,
    correctionNote: row.correction_note,
    isCorrectionOverdue: row.correction_due_on !== null && today > row.correction_due_on,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    overdueRecorded: Number(row.overdue_recorded) === 1,
    version: Number(row.version),
  };
}

export interface PublicationQuery {
  agencyId?: string | undefined;
  status?: string | undefined;
  /** Only those past their deadline (publication or correction). */
  overdue?: boolean | undefined;
}

export async function listPublications(ctx: AppContext, actor: Actor, query: PublicationQuery) {
  const today = todayInChina();
  const scope = await resolveScope(ctx.db, actor);
  if (scope.kind === 'none') return { today, items: [] };
  let q = ctx.db
    .selectFrom('publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .selectAll('p')
    .select('a.name as agency_name');
  if (scope.kind === 'agency') q = q.where('p.agency_id', '=', scope.agencyId);
  if (scope.kind === 'governments') q = q.where('a.government_id', 'in', scope.governmentIds);
  if (query.agencyId) q = q.where('p.agency_id', '=', query.agencyId);
  if (query.status) q = q.where('p.status', '=', query.status);
  if (query.overdue) {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('p.status', 'in', ['due', 'prepared', 'blocked']), eb('p.due_on', '<', today)]),
        eb.and([eb('p.correction_due_on', 'is not', null), eb('p.correction_due_on', '<', today)]),
      ]),
    );
  }
  const rows = await q.orderBy('p.due_on').limit(500).execute();
  const calendar = (await loadCalendar(ctx.db)).assumingWeekdays();
  return {
    today,
    items: rows.map((row) => ({
      ...presentPublication(row, today),
      agencyName: row.agency_name,
      workingDaysLeft: ['due', 'prepared', 'blocked'].includes(row.status) ? calendar.workingDaysBetween(today, row.due_on) : null,
    })),
  };
}

export async function getPublication(ctx: AppContext, actor: Actor, id: string) {
  return presentPublication(await loadForStaff(ctx, actor, id));
}

function summarizeFindings(findings: { kind: keyof typeof redactionKindLabels }[]) {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, label: redactionKindLabels[kind as keyof typeof redactionKindLabels], count }));
}

/** What the public copy would say now: the staff preview. A marked secret gives `blocked` with its reason. */
export async function previewPublication(ctx: AppContext, actor: Actor, id: string, classified?: ClassifiedMarking[]) {
  const row = await loadForStaff(ctx, actor, id);
  const markings = classified ?? (JSON.parse(row.classified) as ClassifiedMarking[]);
  const source = await loadCopySource(ctx.db, row, legalBasisText);
  try {
    const { copy, findings } = buildPublicCopy(source, { classified: markings, publishedOn: null, nameStyle: ctx.config.nameMask });
    return { copy, findings: summarizeFindings(findings), blocked: null };
  } catch (error) {
    if (error instanceof RedactionBlocked) return { copy: null, findings: [], blocked: { kind: error.kind, reason: error.reason } };
    throw error;
  }
}

/**
 * The officer's part: the public copy is made (and kept exactly as previewed) for the office's check; or, when a marked
 * secret forbids it, the publication is blocked with the reason recorded.
 */
export async function preparePublication(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; classified?: ClassifiedMarking[] | undefined },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForStaff(ctx, actor, id, trx);
    requireAgencyRole(actor, row, ['officer', 'agency_head', 'reviewer']);
    requireVersion(row, input.version);
    requireStatus(row, 'due', 'prepared', 'blocked');
    const classified = input.classified ?? (JSON.parse(row.classified) as ClassifiedMarking[]);
    for (const marking of classified) {
      if (!marking.reason?.trim()) throw new DomainError('disclosure.invalid', '标记涉密内容须写明理由');
    }
    const source = await loadCopySource(trx, row, legalBasisText);
    let copy: PublicCopy | null = null;
    let blocked: string | null = null;
    try {
      copy = buildPublicCopy(source, { classified, publishedOn: null, nameStyle: ctx.config.nameMask }).copy;
    } catch (error) {
      if (!(error instanceof RedactionBlocked)) throw error;
      blocked = error.detail ?? error.reason;
    }
    await trx
      .updateTable('publications')
      .set({
        status: copy ? 'prepared' : 'blocked',
        classified: canonicalJson(classified),
        blocked_reason: blocked,
        prepared_copy: copy ? JSON.stringify(copy) : null,
        prepared_by: actorId(actor),
        prepared_by_label: actorLabel(actor),
        version: Number(row.version) + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await record(trx, actor, copy ? 'publication.prepared' : 'publication.blocked', id);
    return presentPublication(await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The `public_records` row of a public copy, less its id (the benchmark loads rows made by this function too). */
export function publicRecordValues(copy: PublicCopy, isVisible: boolean, today: string) {
  return {
    agency_id: copy.agency.id,
    agency_name: copy.agency.name,
    government_id: copy.agency.governmentId,
    division_code: copy.region.code,
    division_name: copy.region.name,
    action_type: copy.actionType,
    title: copy.title,
    document_number: copy.documentNumber,
    decided_on: copy.decidedOn,
    published_on: copy.publishedOn ?? today,
    party_type: copy.party.type,
    party_name: copy.party.name,
    party_credit_code: copy.party.creditCode,
    amount: copy.change ? copy.change.currentAmount : copy.amount,
    status: copy.status,
    is_visible: isVisible ? 1 : 0,
    expires_on: copy.expiresOn,
    body: canonicalJson(copy),
    search_text: searchTextOf(copy),
    updated_on: today,
  };
}

export async function writePublicRecord(
  trx: Executor,
  ctx: Pick<AppContext, 'dialect'>,
  copy: PublicCopy,
  isVisible: boolean,
  today: string,
) {
  const values = publicRecordValues(copy, isVisible, today);
  const existing = await trx.selectFrom('public_records').select('id').where('id', '=', copy.id).executeTakeFirst();
  if (existing) await trx.updateTable('public_records').set(values).where('id', '=', copy.id).execute();
  else
    await trx
      .insertInto('public_records')
      .values({ id: copy.id, ...values })
      .execute();
  await indexRecord(trx, ctx.dialect, copy.id, values.search_text);
  publicRecordsChanged();
}

/** The office's check by a second person: publishes the copy exactly as prepared. */
export async function approvePublication(ctx: AppContext, actor: Actor, id: string, input: { version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForStaff(ctx, actor, id, trx);
    requireAgencyRole(actor, row, ['agency_head', 'reviewer']);
    requireVersion(row, input.version);
    requireStatus(row, 'prepared');
    if (actor.kind === 'user' && actor.userId === row.prepared_by) {
      throw new DomainError('disclosure.same_person', '公开副本由您制作，须由本机关另一名负责人或法制审核人员审核后公开');
    }
    const today = todayInChina();
    const prepared = JSON.parse(row.prepared_copy as string) as PublicCopy;
    const expiresOn = row.period_months === null ? null : shiftMonths(today, Number(row.period_months));
    const copy: PublicCopy = { ...prepared, publishedOn: today, expiresOn };
    await writePublicRecord(trx, ctx, copy, true, today);
    await trx
      .updateTable('publications')
      .set({
        status: 'published',
        checked_by: actorId(actor),
        checked_by_label: actorLabel(actor),
        published_on: today,
        expires_on: expiresOn,
        version: Number(row.version) + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await record(trx, actor, 'publication.published', id);
    return presentPublication(await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The office sends a prepared copy back to be prepared again. */
export async function returnPublication(ctx: AppContext, actor: Actor, id: string, input: { version: number; opinion: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForStaff(ctx, actor, id, trx);
    requireAgencyRole(actor, row, ['agency_head', 'reviewer']);
    requireVersion(row, input.version);
    requireStatus(row, 'prepared');
    await trx
      .updateTable('publications')
      .set({
        status: 'due',
        prepared_copy: null,
        blocked_reason: `退回：${input.opinion}`.slice(0, 2000),
        version: Number(row.version) + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await record(trx, actor, 'publication.returned', id);
    return presentPublication(await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/**
 * The reconsideration or lawsuit the case recorded (its latest 当事人申请行政复议或提起行政诉讼 and 复议或诉讼终结
 * steps), with the outcome the correction states: what the decision's page shows. Staff side: reads the case's steps.
 */
async function remedyOf(trx: Executor, caseId: string, outcome: RemedyOutcome, kind?: RemedyKind): Promise<PublicRemedy | null> {
  const steps = await trx
    .selectFrom('case_steps')
    .select(['step_key', 'occurred_on', 'data'])
    .where('case_id', '=', caseId)
    .where('step_key', 'in', ['remedy_started', 'remedy_ended'])
    .orderBy('position', 'desc')
    .execute();
  const started = steps.find((st) => st.step_key === 'remedy_started');
  const ended = steps.find((st) => st.step_key === 'remedy_ended');
  const data = started ? (JSON.parse(started.data) as { remedy?: string; body?: string }) : {};
  const recordedKind = data.remedy === 'reconsideration' || data.remedy === 'litigation' ? data.remedy : undefined;
  const chosen = kind ?? recordedKind;
  if (!chosen) return null;
  // The body is an organisation (复议机关 or 人民法院), public like the agency; passed through the engine all the same.
  const body = chosen === recordedKind && typeof data.body === 'string' && data.body.trim() ? redactText(data.body.trim()).text : null;
  return {
    kind: chosen,
    kindLabel: remedyKinds[chosen],
    body,
    outcome,
    outcomeLabel: remedyOutcomes[outcome],
    endedOn: ended?.occurred_on ?? todayInChina(),
  };
}

export interface WithdrawInput {
  version: number;
  ground: WithdrawalGround;
  source: CorrectionSource;
  reason: string;
  /** For a change: what the decision now imposes, and the amount. */
  currentDecision?: string | undefined;
  currentAmount?: number | null | undefined;
}

/**
 * Replaces the public copy: by a withdrawal notice with the reason (revoked, unlawful, void), or by the changed decision
 * showing the original and the current penalty. The notice's texts pass through the redaction engine as well.
 */
export async function withdrawPublication(ctx: AppContext, actor: Actor, id: string, input: WithdrawInput) {
  if (!withdrawalGrounds[input.ground] || !correctionSources[input.source])
    throw new DomainError('disclosure.invalid', '撤下情形或来源不正确');
  if (!input.reason.trim()) throw new DomainError('disclosure.invalid', '须写明撤下或变更的理由');
  if (input.ground === 'changed' && !input.currentDecision?.trim())
    throw new DomainError('disclosure.invalid', '变更决定须写明变更后的处理结果');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForStaff(ctx, actor, id, trx);
    requireAgencyRole(actor, row, ['officer', 'agency_head', 'reviewer']);
    requireVersion(row, input.version);
    requireStatus(row, 'published', 'changed');
    const current = await trx.selectFrom('public_records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const copy = copyOfRow(current);
    const today = todayInChina();
    const caseRow = await trx
      .selectFrom('cases')
      .select(['party_type', 'party_name'])
      .where('id', '=', row.case_id)
      .executeTakeFirstOrThrow();
    const names = caseRow.party_type === 'person' ? [caseRow.party_name] : [];
    const texts = redactRecord(
      { reason: input.reason, currentDecision: input.currentDecision ?? '' },
      { options: { names, nameStyle: ctx.config.nameMask } },
    ).record;
    const notice = {
      ground: input.ground,
      groundLabel: withdrawalGrounds[input.ground],
      source: input.source,
      sourceLabel: correctionSources[input.source],
      reason: texts.reason as string,
      on: today,
    };
    const remedy =
      input.source === 'self_correction' ? null : await remedyOf(trx, row.case_id, input.ground as RemedyOutcome, input.source);
    const next: PublicCopy =
      input.ground === 'changed'
        ? {
            ...copy,
            ...(remedy && { remedy }),
            status: 'changed',
            change: {
              ...notice,
              originalDecision: copy.change?.originalDecision ?? copy.decision,
              originalAmount: copy.change ? copy.change.originalAmount : copy.amount,
              currentDecision: texts.currentDecision as string,
              currentAmount: input.currentAmount ?? null,
            },
          }
        : // Withdrawn: the decision's content leaves the portal (Penalty Law Art. 48); what identifies it stays, with the notice.
          {
            ...copy,
            facts: null,
            decision: '',
            amount: null,
            change: null,
            party: { ...copy.party, address: null },
            status: 'withdrawn',
            withdrawal: notice,
            // The party's statement was about the content that leaves the portal.
            statement: null,
            ...(remedy && { remedy }),
          };
    await writePublicRecord(trx, ctx, next, Number(current.is_visible) === 1, today);
    await trx
      .updateTable('publications')
      .set({
        status: next.status,
        correction_due_on: null,
        correction_overdue_recorded: 0,
        version: Number(row.version) + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await record(trx, actor, next.status === 'changed' ? 'publication.changed' : 'publication.withdrawn', id);
    return presentPublication(await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The remedy upheld the decision: nothing to withdraw, the correction deadline is cleared (recorded). */
export async function confirmPublication(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; note: string; source?: RemedyKind | undefined },
) {
  if (input.source !== undefined && !remedyKinds[input.source]) throw new DomainError('disclosure.invalid', '复议或诉讼的类别不正确');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForStaff(ctx, actor, id, trx);
    requireAgencyRole(actor, row, ['officer', 'agency_head', 'reviewer']);
    requireVersion(row, input.version);
    if (row.correction_due_on === null) throw new DomainError('disclosure.state_invalid', '没有待确认的复议或诉讼结果');
    // On the portal: 行政复议/行政诉讼 — 维持, beside the decision (once published; a later publication keeps it).
    const current = await trx.selectFrom('public_records').selectAll().where('id', '=', id).executeTakeFirst();
    if (current && ['published', 'changed'].includes(row.status)) {
      const remedy = await remedyOf(trx, row.case_id, 'upheld', input.source);
      if (!remedy) throw new DomainError('disclosure.invalid', '案件没有记录复议或诉讼的类别，请注明是行政复议还是行政诉讼');
      await writePublicRecord(trx, ctx, { ...copyOfRow(current), remedy }, Number(current.is_visible) === 1, todayInChina());
    }
    await trx
      .updateTable('publications')
      .set({
        correction_due_on: null,
        correction_note: `决定维持：${input.note}`.slice(0, 2000),
        version: Number(row.version) + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await record(trx, actor, 'publication.upheld', id);
    return presentPublication(await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

async function endInTrx(trx: Executor, actor: Actor, row: PublicationRow, reason: EndReason, note: string, today: string) {
  await trx.updateTable('public_records').set({ is_visible: 0, updated_on: today }).where('id', '=', row.id).execute();
  publicRecordsChanged();
  await trx
    .updateTable('publications')
    .set({
      status: 'ended',
      ended_on: today,
      end_reason: `${endReasons[reason]}${note ? `：${note}` : ''}`.slice(0, 2000),
      correction_due_on: null,
      version: Number(row.version) + 1,
      updated_at: nowIso(),
    })
    .where('id', '=', row.id)
    .execute();
  await record(trx, actor, 'publication.ended', row.id);
}

/** Ends the publicity early on credit repair (信用修复): the record leaves the portal, its events stay in the ledger. */
export async function endPublicity(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: EndReason; note: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForStaff(ctx, actor, id, trx);
    requireAgencyRole(actor, row, ['agency_head', 'reviewer']);
    requireVersion(row, input.version);
    requireStatus(row, 'published', 'changed', 'withdrawn');
    await endInTrx(trx, actor, row, input.reason, input.note, todayInChina());
    return presentPublication(await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

// ---- Supervision: overdue publications and corrections, ended periods ----

/**
 * Records, once each, a publication not made by its deadline and a correction (withdrawal or change) not made within 3
 * working days, as ledger events for supervision; and ends the publicity of records whose period is over.
 */
export async function recordOverduePublications(ctx: AppContext, today = todayInChina()) {
  const actor = systemActor('公开期限监控');
  const counts = { overdue: 0, correctionOverdue: 0, ended: 0 };
  const late = await ctx.db
    .selectFrom('publications')
    .select('id')
    .where('status', 'in', ['due', 'prepared', 'blocked'])
    .where('overdue_recorded', '=', 0)
    .where('due_on', '<', today)
    .limit(1000)
    .execute();
  for (const { id } of late) {
    await ctx.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('publications')
        .set((eb) => ({ overdue_recorded: 1, version: eb('version', '+', 1), updated_at: nowIso() }))
        .where('id', '=', id)
        .where('overdue_recorded', '=', 0)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return;
      await record(trx, actor, 'publication.overdue', id);
      counts.overdue += 1;
    });
  }
  const uncorrected = await ctx.db
    .selectFrom('publications')
    .select('id')
    .where('correction_due_on', 'is not', null)
    .where('correction_overdue_recorded', '=', 0)
    .where('correction_due_on', '<', today)
    .limit(1000)
    .execute();
  for (const { id } of uncorrected) {
    await ctx.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('publications')
        .set((eb) => ({ correction_overdue_recorded: 1, version: eb('version', '+', 1), updated_at: nowIso() }))
        .where('id', '=', id)
        .where('correction_overdue_recorded', '=', 0)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return;
      await record(trx, actor, 'publication.correction_overdue', id);
      counts.correctionOverdue += 1;
    });
  }
  const expired = await ctx.db
    .selectFrom('publications')
    .selectAll()
    .where('status', 'in', ['published', 'changed', 'withdrawn'])
    .where('expires_on', 'is not', null)
    .where('expires_on', '<', today)
    .limit(1000)
    .execute();
  for (const row of expired) {
    await ctx.db.transaction().execute(async (trx) => {
      const fresh = await trx
        .selectFrom('publications')
        .selectAll()
        .where('id', '=', row.id)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (!fresh) return;
      await endInTrx(trx, actor, fresh, 'period_over', `${fresh.period_text}，${fresh.expires_on} 届满`, today);
      counts.ended += 1;
    });
  }
  return counts;
}

/** Sweeps when the server starts and every `intervalMs` after (default 10 minutes); safe with several processes. */
export function startDisclosureMonitor(ctx: AppContext, log: { error(object: unknown, message: string): void }, intervalMs = 10 * 60_000) {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = recordOverduePublications(ctx).catch((error: unknown) => log.error({ err: error }, '事后公开期限巡查失败'));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
