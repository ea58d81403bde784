/**
 * Enforcement cases: opened and moved step by step through the procedure definition they started with. Every step is
 * checked by the definition's guards, recorded as a row that cannot be changed and as a ledger event in the same
 * transaction, issues its documents, and moves the statutory clocks.
 */
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { CaseStepTable, CaseTable } from '../../db/schema.js';
import { type Actor, hasRole, systemActor } from '../../kernel/actor.js';
import { isIsoDate, type WorkCalendar } from '../../kernel/calendar.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { nowIso, todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { divisionCovers } from '../../kernel/division-code.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { checkResidentId, maskResidentId } from '../../kernel/resident-id.js';
import { checkUscc, normalizeUscc } from '../../kernel/uscc.js';
import { type AgencyKind, caseSources, type ProcedureKey, procedureKeys } from '../../kernel/vocabulary.js';
import { appendEvent } from '../../ledger/index.js';
import { loadCalendar } from '../calendar/index.js';
import { citeLegalBasis, findPublishedEntry, type LegalBasis } from '../catalog/index.js';
import { nextDocumentNumber, prepareDocument, recordDocument } from '../documents/index.js';
import { canSeeAgency, resolveScope } from '../org/index.js';
import { reviewTermsOf } from '../review/index.js';
import { type ReplayStep, viewClocks } from './clocks.js';
import { buildStepDocument } from './document-content.js';
import { validateFields } from './fields.js';
import { type CaseFacts, latestReview, majorRulesMet, type PriorStep, runGuards } from './guards.js';
import { reviewOpinions, reviewSteps } from './procedures/common.js';
import {
  currentProcedures,
  findStep,
  openingStep,
  type ProcedureDefinition,
  procedureDigest,
  type StepDefinition,
  stepsFrom,
} from './procedures/index.js';
import { proposalDigest, proposalOf } from './proposal.js';

export type CaseRow = Selectable<CaseTable>;
export type CaseStepRow = Selectable<CaseStepTable>;

// ---- Procedure versions ----

const definitions = new Map<string, ProcedureDefinition>();
const registered = new WeakSet<object>();

/**
 * Stores this release's procedure definitions, once per database: a version already stored with different content
 * is refused — a changed definition needs a new version number, so that running cases keep theirs.
 */
export async function registerProcedureVersions(db: Db): Promise<void> {
  for (const definition of Object.values(currentProcedures)) {
    const digest = procedureDigest(definition);
    const stored = await db
      .selectFrom('procedure_versions')
      .select('digest')
      .where('procedure_key', '=', definition.key)
      .where('version', '=', definition.version)
      .executeTakeFirst();
    if (stored && stored.digest !== digest) {
      throw new DomainError(
        'cases.procedure_changed',
        `${definition.name}第 ${definition.version} 版的定义与已在使用的不同；修改程序定义须提高版本号，在办案件仍按原版本办理`,
      );
    }
    if (!stored) {
      // A definition put into use is a state change like any other: recorded in the ledger with its digest.
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('procedure_versions')
          .values({
            procedure_key: definition.key,
            version: definition.version,
            digest,
            definition: canonicalJson(definition),
            created_at: nowIso(),
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return;
        await appendEvent(trx, {
          actor: systemActor('程序定义'),
          agencyId: null,
          subjectType: 'procedure_version',
          subjectId: `${definition.key}@${definition.version}`,
          action: 'procedure.registered',
          state: { key: definition.key, version: definition.version, digest },
        });
      });
    }
  }
}

async function ensureRegistered(ctx: AppContext): Promise<void> {
  if (registered.has(ctx.db)) return;
  await registerProcedureVersions(ctx.db);
  registered.add(ctx.db);
}

/** The definition a case runs: the stored version it opened with, not necessarily this release's. */
export async function loadDefinition(db: Executor, key: string, version: number): Promise<ProcedureDefinition> {
  const id = `${key}@${version}`;
  const cached = definitions.get(id);
  if (cached) return cached;
  const row = await db
    .selectFrom('procedure_versions')
    .select('definition')
    .where('procedure_key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new DomainError('cases.not_found', `未找到程序定义 ${key} 第 ${version} 版`);
  const definition = JSON.parse(row.definition) as ProcedureDefinition;
  definitions.set(id, definition);
  return definition;
}

// ---- State as the ledger records it ----

export function caseState(row: CaseRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    number: row.number,
    title: row.title,
    procedure: { key: row.procedure_key, version: Number(row.procedure_version) },
    actionType: row.action_type,
    itemCode: row.item_code,
    itemName: row.item_name,
    category: row.category,
    legalBases: JSON.parse(row.legal_bases) as LegalBasis[],
    divisionCode: row.division_code,
    divisionName: row.division_name,
    party: {
      type: row.party_type,
      name: row.party_name,
      idNumberMasked: row.party_id_masked,
      // The sealed number itself stays out of the ledger; its digest shows whether it was changed.
      idNumberSealedDigest: row.party_id_sealed ? createHash('sha256').update(row.party_id_sealed).digest('hex') : null,
      creditCode: row.party_credit_code,
      address: row.party_address,
    },
    source: row.source,
    status: row.status,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    fullProcessRecording: row.full_process_recording === 1,
    officerIds: JSON.parse(row.officer_ids) as string[],
    stepCount: Number(row.step_count),
    stepsDigest: row.steps_digest,
    version: Number(row.version),
  };
}

export function stepState(row: Omit<CaseStepRow, 'event_seq'>) {
  return {
    id: row.id,
    caseId: row.case_id,
    position: Number(row.position),
    stepKey: row.step_key,
    occurredOn: row.occurred_on,
    recordedAt: row.recorded_at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    officerIds: JSON.parse(row.officer_ids) as string[],
    recordingIds: JSON.parse(row.recording_ids) as string[],
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/** The chain over a case's steps: each link hashes the previous link and the step's canonical JSON. */
export function chainStep(previous: string, step: ReturnType<typeof stepState>): string {
  return createHash('sha256').update(previous).update(canonicalJson(step)).digest('hex');
}
export const emptyChain = createHash('sha256').update('lawtrail case steps').digest('hex');

/** Recomputes the chain from the stored steps (what `lawtrail verify` compares with the ledger). */
export async function stepsDigestOf(db: Executor, caseId: string): Promise<{ count: number; digest: string }> {
  const rows = await db.selectFrom('case_steps').selectAll().where('case_id', '=', caseId).orderBy('position').execute();
  return { count: rows.length, digest: rows.reduce((digest, row) => chainStep(digest, stepState(row)), emptyChain) };
}

// ---- Who may see and act ----

async function requireVisible(ctx: AppContext, actor: Actor, agencyId: string): Promise<void> {
  const agency = await ctx.db.selectFrom('agencies').select(['id', 'government_id']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency || !canSeeAgency(await resolveScope(ctx.db, actor), agency)) {
    throw new DomainError('cases.not_found', '未找到该案件，或您无权查看');
  }
}

function requireActing(actor: Actor, agencyId: string, step: StepDefinition): void {
  if (actor.kind === 'system') return;
  if (actor.agencyId !== agencyId) throw new DomainError('auth.forbidden', '只有本机关人员可以办理本机关的案件');
  if (!hasRole(actor, ...step.roles)) {
    const labels = { officer: '执法人员', agency_head: '机关负责人', reviewer: '法制审核人员' } as Record<string, string>;
    throw new DomainError('auth.forbidden', `“${step.label}”须由${step.roles.map((r) => labels[r] ?? r).join('或')}办理`);
  }
}

export async function loadCase(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db): Promise<CaseRow> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('cases.not_found', '未找到该案件，或您无权查看');
  await requireVisible(ctx, actor, row.agency_id);
  return row;
}

// ---- Inputs ----

export interface PartyInput {
  type: 'person' | 'organization';
  name: string;
  idNumber?: string | undefined;
  creditCode?: string | undefined;
  address?: string | undefined;
}

export interface StepInput {
  step: string;
  /** The case's current version (optimistic lock). */
  version: number;
  occurredOn?: string | undefined;
  officerIds?: string[] | undefined;
  recordingIds?: string[] | undefined;
  data: Record<string, unknown>;
}

export interface OpenCaseInput {
  agencyId: string;
  procedure: ProcedureKey;
  itemCode: string;
  divisionCode: string;
  party: PartyInput;
  title?: string | undefined;
  /** Touches personal liberty, life and health or major property: every step needs its recording. */
  fullProcessRecording?: boolean | undefined;
  officerIds: string[];
  occurredOn?: string | undefined;
  recordingIds?: string[] | undefined;
  data: Record<string, unknown>;
}

function invalid(errors: { pointer: string; detail: string }[]): DomainError {
  return new DomainError('cases.invalid', errors.map((e) => e.detail).join('；'), { errors });
}

function checkParty(ctx: AppContext, party: PartyInput) {
  const errors: { pointer: string; detail: string }[] = [];
  const name = party.name.trim();
  if (!name) errors.push({ pointer: '/party/name', detail: '请填写当事人名称或姓名' });
  let sealed: string | null = null;
  let masked: string | null = null;
  let creditCode: string | null = null;
  if (party.type === 'person') {
    const id = (party.idNumber ?? '').trim().toUpperCase();
    const check = checkResidentId(id);
    if (!check.isValid) errors.push({ pointer: '/party/idNumber', detail: check.reason });
    else {
      sealed = ctx.secrets.seal(id);
      masked = maskResidentId(id);
    }
    if (party.creditCode) errors.push({ pointer: '/party/creditCode', detail: '自然人不填写统一社会信用代码' });
  } else {
    const code = normalizeUscc(party.creditCode ?? '');
    const check = checkUscc(code);
    if (!check.isValid) errors.push({ pointer: '/party/creditCode', detail: check.reason });
    else creditCode = code;
    if (party.idNumber) errors.push({ pointer: '/party/idNumber', detail: '法人或其他组织填写统一社会信用代码，不填写公民身份号码' });
  }
  if (errors.length > 0) throw invalid(errors);
  return { name, sealed, masked, creditCode, address: party.address?.trim() || null };
}

function checkOccurredOn(occurredOn: string | undefined, today: string, notBefore: string | null): string {
  const on = occurredOn ?? today;
  if (!isIsoDate(on)) throw invalid([{ pointer: '/occurredOn', detail: '办理日期应为 YYYY-MM-DD 格式的有效日期' }]);
  if (on > today) throw invalid([{ pointer: '/occurredOn', detail: `办理日期 ${on} 晚于今天，不能预先记录` }]);
  if (notBefore && on < notBefore) {
    throw invalid([{ pointer: '/occurredOn', detail: `办理日期 ${on} 早于本案上一环节的日期 ${notBefore}，记录须按时间顺序` }]);
  }
  return on;
}

// ---- Recording a step ----

/** What a step listener is told: the step just recorded, in the transaction that records it. */
export interface RecordedStep {
  caseRow: CaseRow;
  definition: ProcedureDefinition;
  step: StepDefinition;
  stepId: string;
  eventSeq: number;
  occurredOn: string;
  data: Record<string, unknown>;
  /** The case's earlier steps, oldest first. */
  prior: PriorStep[];
}

export type CaseStepListener = (trx: Executor, ctx: AppContext, actor: Actor, recorded: RecordedStep) => Promise<void>;

const stepListeners: CaseStepListener[] = [];

/**
 * Lets another module act on each recorded step in the same transaction (e.g. disclosure schedules a decision's
 * publication when it is served): what the listener writes commits or rolls back with the step.
 */
export function onCaseStep(listener: CaseStepListener): void {
  if (!stepListeners.includes(listener)) stepListeners.push(listener);
}

interface Recorded {
  caseRow: CaseRow;
  stepId: string;
  eventSeq: number;
}

async function priorSteps(db: Executor, caseId: string): Promise<PriorStep[]> {
  const rows = await db.selectFrom('case_steps').selectAll().where('case_id', '=', caseId).orderBy('position').execute();
  return rows.map((row) => ({
    id: row.id,
    key: row.step_key,
    occurredOn: row.occurred_on,
    data: JSON.parse(row.data) as Record<string, unknown>,
    officerIds: JSON.parse(row.officer_ids) as string[],
    actorId: row.actor_id,
    actorLabel: row.actor_label,
  }));
}

/** The projection of the clocks used by due lists; overdue marks already recorded are kept. */
async function rebuildClocks(trx: Executor, row: CaseRow, definition: ProcedureDefinition, steps: ReplayStep[], calendar: WorkCalendar) {
  const before = await trx.selectFrom('case_clocks').selectAll().where('case_id', '=', row.id).execute();
  await trx.deleteFrom('case_clocks').where('case_id', '=', row.id).execute();
  const views = viewClocks(definition, steps, calendar, todayInChina());
  if (views.length === 0) return;
  await trx
    .insertInto('case_clocks')
    .values(
      views.map((view, position) => ({
        case_id: row.id,
        position,
        agency_id: row.agency_id,
        clock_key: view.key,
        started_on: view.startedOn,
        due_on: view.dueOn,
        stopped_on: view.stoppedOn,
        overdue_recorded:
          before.find((b) => b.clock_key === view.key && b.started_on === view.startedOn && b.due_on === view.dueOn)?.overdue_recorded ?? 0,
      })),
    )
    .execute();
}

function actorLabel(actor: Actor): { id: string | null; label: string } {
  return actor.kind === 'user'
    ? { id: actor.userId, label: `${actor.displayName}（${actor.username}）` }
    : { id: null, label: actor.label };
}

async function recordStep(
  ctx: AppContext,
  trx: Executor,
  actor: Actor,
  input: {
    caseRow: CaseRow;
    definition: ProcedureDefinition;
    step: StepDefinition;
    prior: PriorStep[];
    occurredOn: string;
    officerIds: string[];
    recordingIds: string[];
    data: Record<string, unknown>;
    flags: { kind: string; detail: string }[];
    calendar: WorkCalendar;
    isOpening: boolean;
  },
): Promise<Recorded> {
  const { definition, step, occurredOn } = input;
  const who = actorLabel(actor);
  const stepRow = {
    id: newId(),
    case_id: input.caseRow.id,
    position: input.prior.length,
    step_key: step.key,
    occurred_on: occurredOn,
    recorded_at: nowIso(),
    actor_id: who.id,
    actor_label: who.label,
    officer_ids: JSON.stringify(input.officerIds),
    recording_ids: JSON.stringify(input.recordingIds),
    data: JSON.stringify(input.data),
  };
  const state = stepState(stepRow);
  const status = step.to ?? input.caseRow.status;
  const nextCase: CaseRow = {
    ...input.caseRow,
    status,
    closed_on: definition.finalStatuses.includes(status) ? occurredOn : input.caseRow.closed_on,
    step_count: input.prior.length + 1,
    steps_digest: chainStep(input.caseRow.steps_digest, state),
    version: input.isOpening ? input.caseRow.version : Number(input.caseRow.version) + 1,
    updated_at: stepRow.recorded_at,
  };
  // Documents first: their numbers and rendering (≈0.3 s each) come before this transaction touches the ledger, so the
  // ledger's sequencing row — which every writer needs — is held only for the short rest (lock order: numbers, ledger).
  const prepared = [];
  for (const document of step.documents) {
    prepared.push(
      await prepareDocument(trx, ctx, actor, {
        agencyId: nextCase.agency_id,
        caseId: nextCase.id,
        stepId: stepRow.id,
        kind: document.kind,
        series: document.series,
        issuedOn: occurredOn,
        build: async (number, verifyUrl) =>
          buildStepDocument(trx, { caseRow: nextCase, definition, step, document, stepRow: state, number, verifyUrl }),
      }),
    );
  }
  if (input.isOpening) await trx.insertInto('cases').values(nextCase).execute();
  else {
    const updated = await trx
      .updateTable('cases')
      .set({
        status: nextCase.status,
        closed_on: nextCase.closed_on,
        step_count: nextCase.step_count,
        steps_digest: nextCase.steps_digest,
        version: nextCase.version,
        updated_at: nextCase.updated_at,
      })
      .where('id', '=', nextCase.id)
      .where('version', '=', input.caseRow.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('cases.version_conflict', '案件已被他人更新，请刷新后重试');
  }
  const flags = input.flags.map((flag) => ({
    id: newId(),
    case_id: nextCase.id,
    agency_id: nextCase.agency_id,
    kind: flag.kind,
    step_id: stepRow.id,
    detail: flag.detail,
    created_at: stepRow.recorded_at,
  }));
  const event = await appendEvent(trx, {
    actor,
    agencyId: nextCase.agency_id,
    subjectType: 'case',
    subjectId: nextCase.id,
    action: input.isOpening ? 'case.opened' : `case.${step.key}`,
    state: { case: caseState(nextCase), step: state, flags: flags.map((f) => ({ id: f.id, kind: f.kind, detail: f.detail })) },
  });
  await trx
    .insertInto('case_steps')
    .values({ ...stepRow, event_seq: event.seq })
    .execute();
  if (flags.length > 0) await trx.insertInto('case_flags').values(flags).execute();
  const replay: ReplayStep[] = [...input.prior, { id: stepRow.id, key: step.key, occurredOn, data: input.data }];
  await rebuildClocks(trx, nextCase, definition, replay, input.calendar);
  for (const document of prepared) await recordDocument(trx, ctx, actor, document);
  for (const listener of stepListeners) {
    await listener(trx, ctx, actor, {
      caseRow: nextCase,
      definition,
      step,
      stepId: stepRow.id,
      eventSeq: event.seq,
      occurredOn,
      data: input.data,
      prior: input.prior,
    });
  }
  return { caseRow: nextCase, stepId: stepRow.id, eventSeq: event.seq };
}

/** 案由 when none is given: “当事人涉嫌……案” for a penalty, “当事人+事项” otherwise. */
function defaultTitle(party: string, itemName: string, actionType: string): string {
  if (actionType === 'penalty') {
    const core = itemName.replace(/^对/, '').replace(/的行政处罚$/, '');
    return `${party}涉嫌${core}案`.slice(0, 200);
  }
  return `${party}${itemName}`.slice(0, 200);
}

function uniqueIds(ids: string[] | undefined, pointer: string): string[] {
  const list = ids ?? [];
  if (new Set(list).size !== list.length) throw invalid([{ pointer, detail: '同一人员或记录不能重复填写' }]);
  return list;
}

async function guardOrThrow(input: Parameters<typeof runGuards>[0]) {
  const outcome = await runGuards(input);
  if (outcome.problems.length > 0) {
    throw new DomainError('cases.guard_failed', outcome.problems.map((p) => p.detail).join('；'), { errors: outcome.problems });
  }
  return outcome.flags;
}

/** Opens a case: its opening step runs through the same guards and recording as every later step. */
export async function openCase(ctx: AppContext, actor: Actor, input: OpenCaseInput) {
  await ensureRegistered(ctx);
  const current = currentProcedures[input.procedure];
  if (!current) throw invalid([{ pointer: '/procedure', detail: `不支持的程序 ${input.procedure}` }]);
  const agency = await ctx.db
    .selectFrom('agencies as a')
    .innerJoin('governments as g', 'g.id', 'a.government_id')
    .select(['a.id', 'a.name', 'a.kind', 'a.is_active', 'a.government_id', 'g.division_code'])
    .where('a.id', '=', input.agencyId)
    .executeTakeFirst();
  if (!agency) throw new DomainError('cases.not_found', '未找到该执法机关');
  await requireVisible(ctx, actor, agency.id);
  const definition = await loadDefinition(ctx.db, current.key, current.version);
  const step = openingStep(definition);
  requireActing(actor, agency.id, step);
  if (agency.is_active !== 1) throw new DomainError('org.agency_inactive', '该执法机关已停用，不能立案');

  const item = await findPublishedEntry(ctx.db, agency.id, 'enforcement_item', input.itemCode);
  if (!item) {
    throw invalid([
      { pointer: '/itemCode', detail: `本机关已公布的行政执法事项清单中没有编码为 ${input.itemCode} 的事项，不能办理清单以外的事项` },
    ]);
  }
  if (item.actionType !== definition.actionType) {
    throw invalid([
      { pointer: '/procedure', detail: `事项“${item.name}”不属于${procedureKeys[definition.key]}的行为类别，请选择相应的程序` },
    ]);
  }
  const division = await ctx.db
    .selectFrom('governments')
    .select(['division_code', 'name'])
    .where('division_code', '=', input.divisionCode)
    .executeTakeFirst();
  if (!division || !divisionCovers(agency.division_code, input.divisionCode)) {
    throw invalid([{ pointer: '/divisionCode', detail: `行政区划 ${input.divisionCode} 不在本机关的管辖区域内` }]);
  }
  const party = checkParty(ctx, input.party);
  const fields = validateFields(step.fields, input.data);
  if (fields.problems.length > 0) throw invalid(fields.problems);
  const today = todayInChina();
  const occurredOn = checkOccurredOn(input.occurredOn, today, null);
  const officerIds = uniqueIds(input.officerIds, '/officerIds');
  const recordingIds = uniqueIds(input.recordingIds, '/recordingIds');
  const calendar = await loadCalendar(ctx.db);
  const facts: CaseFacts = {
    id: null,
    agencyId: agency.id,
    actionType: definition.actionType,
    category: item.category as AgencyKind,
    itemCode: item.code,
    divisionCode: input.divisionCode,
    partyType: input.party.type,
    fullProcessRecording: input.fullProcessRecording === true,
    officerIds,
  };
  const flags = await guardOrThrow({
    db: ctx.db,
    calendar,
    definition,
    step,
    facts,
    prior: [],
    occurredOn,
    officerIds,
    recordingIds,
    data: fields.data,
  });
  const source = typeof fields.data.source === 'string' ? fields.data.source : 'other';
  const legalBases = (item.legalBases as LegalBasis[] | undefined) ?? [];
  const recorded = await ctx.db.transaction().execute(async (trx) => {
    const allocated = await nextDocumentNumber(trx, { agencyId: agency.id, series: '案', year: Number(occurredOn.slice(0, 4)) });
    const now = nowIso();
    const caseRow: CaseRow = {
      id: newId(),
      agency_id: agency.id,
      number: allocated.number,
      title: input.title?.trim() || defaultTitle(party.name, item.name, definition.actionType),
      procedure_key: definition.key,
      procedure_version: definition.version,
      action_type: definition.actionType,
      item_code: item.code,
      item_name: item.name,
      category: item.category as string,
      legal_bases: JSON.stringify(legalBases),
      division_code: input.divisionCode,
      division_name: division.name.replace(/人民政府$/, ''),
      party_type: input.party.type,
      party_name: party.name,
      party_id_sealed: party.sealed,
      party_id_masked: party.masked,
      party_credit_code: party.creditCode,
      party_address: party.address,
      source: source in caseSources ? source : 'other',
      status: 'opening',
      opened_on: occurredOn,
      closed_on: null,
      full_process_recording: input.fullProcessRecording ? 1 : 0,
      officer_ids: JSON.stringify(officerIds),
      step_count: 0,
      steps_digest: emptyChain,
      version: 1,
      created_by: actor.kind === 'user' ? actor.userId : actor.label,
      created_at: now,
      updated_at: now,
    };
    return recordStep(ctx, trx, actor, {
      caseRow,
      definition,
      step,
      prior: [],
      occurredOn,
      officerIds,
      recordingIds,
      data: fields.data,
      flags,
      calendar,
      isOpening: true,
    });
  });
  return getCase(ctx, actor, recorded.caseRow.id);
}

/** Records the next step of a case, if the procedure allows it from the current status and every guard holds. */
export async function performStep(ctx: AppContext, actor: Actor, caseId: string, input: StepInput) {
  await ensureRegistered(ctx);
  const row = await loadCase(ctx, actor, caseId);
  const definition = await loadDefinition(ctx.db, row.procedure_key, Number(row.procedure_version));
  const step = findStep(definition, input.step);
  if (!step || step.from === null) throw invalid([{ pointer: '/step', detail: `${definition.name}没有“${input.step}”这一环节` }]);
  requireActing(actor, row.agency_id, step);
  if (Number(row.version) !== input.version) throw new DomainError('cases.version_conflict', '案件已被他人更新，请刷新后重试');
  if (!step.from.includes(row.status)) {
    throw new DomainError(
      'cases.step_not_allowed',
      `案件处于“${definition.statuses[row.status] ?? row.status}”阶段，不能办理“${step.label}”；当前可办理：${
        stepsFrom(definition, row.status)
          .map((s) => s.label)
          .join('、') || '无'
      }`,
    );
  }
  const fields = validateFields(step.fields, input.data);
  if (fields.problems.length > 0) throw invalid(fields.problems);
  const prior = await priorSteps(ctx.db, row.id);
  const occurredOn = checkOccurredOn(input.occurredOn, todayInChina(), prior.at(-1)?.occurredOn ?? row.opened_on);
  const officerIds = uniqueIds(input.officerIds, '/officerIds');
  const recordingIds = uniqueIds(input.recordingIds, '/recordingIds');
  if (typeof fields.data.chair === 'string') {
    const chair = await ctx.db
      .selectFrom('officers')
      .select('id')
      .where('id', '=', fields.data.chair)
      .where('agency_id', '=', row.agency_id)
      .executeTakeFirst();
    if (!chair) throw invalid([{ pointer: '/data/chair', detail: '听证主持人须为本机关人员' }]);
  }
  const calendar = await loadCalendar(ctx.db);
  const facts: CaseFacts = {
    id: row.id,
    agencyId: row.agency_id,
    actionType: row.action_type as CaseFacts['actionType'],
    category: row.category as AgencyKind,
    itemCode: row.item_code,
    divisionCode: row.division_code,
    partyType: row.party_type as CaseFacts['partyType'],
    fullProcessRecording: row.full_process_recording === 1,
    officerIds: JSON.parse(row.officer_ids) as string[],
  };
  const guardInput = {
    db: ctx.db,
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    caseRow: row,
    calendar,
    definition,
    step,
    facts,
    prior,
    occurredOn,
    officerIds,
    recordingIds,
    data: fields.data,
  };
  const flags = await guardOrThrow(guardInput);
  // What the server adds to the record: the digest of the proposal a submission, review or decision covers (the
  // review gate compares them) and why a decision is major. Clients cannot send these: they are not form fields.
  if (step.key === 'submit_review' || step.guards.includes('legal_review_if_major')) {
    fields.data.proposalDigest = proposalDigest(proposalOf(row, fields.data));
    fields.data.majorReasons = (await majorRulesMet(guardInput)).map((rule) => `${rule.name}（${rule.code}）`);
  }
  if (step.key === 'legal_review') fields.data.proposalDigest = latestReview(prior).submission?.data.proposalDigest ?? null;
  Object.assign(fields.data, await reviewRecordFor(ctx, row, step, prior, fields.data, actor, officerIds));
  await ctx.db.transaction().execute(async (trx) => {
    // Re-read inside the transaction: a concurrent step either committed first (version conflict) or waits.
    const fresh = await trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    if (Number(fresh.version) !== Number(row.version)) throw new DomainError('cases.version_conflict', '案件已被他人更新，请刷新后重试');
    await recordStep(ctx, trx, actor, {
      caseRow: fresh,
      definition,
      step,
      prior,
      occurredOn,
      officerIds,
      recordingIds,
      data: fields.data,
      flags,
      calendar,
      isOpening: false,
    });
  });
  return getCase(ctx, actor, row.id);
}

/**
 * What the server adds to review steps and gated decisions: the review terms a submission runs under (the agency's own
 * time limit and longest extension), the assigned reviewer's name, and for each decision the responsibility of the
 * head who decides, the handling officers, the review office and any collective deliberation (pilot plan (三)4).
 */
async function reviewRecordFor(
  ctx: AppContext,
  row: CaseRow,
  step: StepDefinition,
  prior: PriorStep[],
  data: Record<string, unknown>,
  actor: Actor,
  officerIds: string[],
): Promise<Record<string, unknown>> {
  if (step.key === 'submit_review') {
    const terms = await reviewTermsOf(ctx.db, row.agency_id);
    return {
      clockDays: { legal_review: terms.reviewDays },
      clockMaxExtensionDays: { legal_review: terms.maxExtensionDays },
      reviewTermsBasis: terms.basis,
    };
  }
  if (step.key === 'assign_review' && typeof data.reviewer === 'string') {
    const user = await ctx.db.selectFrom('users').select(['display_name', 'username']).where('id', '=', data.reviewer).executeTakeFirst();
    return { reviewerName: user ? `${user.display_name}（${user.username}）` : data.reviewer };
  }
  if (!step.guards.includes('legal_review_if_major')) return {};
  const handlers = [...new Set([...(JSON.parse(row.officer_ids) as string[]), ...prior.flatMap((s) => s.officerIds), ...officerIds])];
  const names = handlers.length ? await ctx.db.selectFrom('officers').select(['id', 'name']).where('id', 'in', handlers).execute() : [];
  const review = [...prior].reverse().find((s) => s.key === 'legal_review');
  const deliberation = [...prior].reverse().find((s) => s.key === 'deliberate');
  return {
    responsibility: {
      decidedBy: actorLabel(actor).label,
      handlingOfficers: handlers.map((id) => names.find((n) => n.id === id)?.name ?? id),
      reviewedBy: review ? { reviewer: review.actorLabel ?? null, opinion: review.data.opinion ?? null, on: review.occurredOn } : null,
      deliberation: deliberation
        ? {
            on: deliberation.occurredOn,
            outcome: deliberation.data.outcome ?? null,
            responsibilities: deliberation.data.responsibilities ?? null,
          }
        : null,
    },
  };
}

// ---- Reading ----

const opinionText: Record<string, string> = { ...reviewOpinions };
const deliberationOutcomes: Record<string, string> =
  reviewSteps([], [], [])
    .find((s) => s.key === 'deliberate')
    ?.fields.find((f) => f.key === 'outcome')?.options ?? {};

/** What the server added to a step's record (not form fields), as labelled text for the timeline. */
function recordedByServer(data: Record<string, unknown>) {
  const out: { key: string; label: string; value: string; options: null }[] = [];
  const add = (key: string, label: string, value: string) => out.push({ key, label, value, options: null });
  if (Array.isArray(data.majorReasons) && data.majorReasons.length > 0)
    add('majorReasons', '重大执法决定情形', data.majorReasons.join('；'));
  if (typeof data.reviewerName === 'string') add('reviewerName', '承办审核人员', data.reviewerName);
  const days = (data.clockDays as Record<string, unknown> | undefined)?.legal_review;
  if (typeof days === 'number') {
    const extension = (data.clockMaxExtensionDays as Record<string, unknown> | undefined)?.legal_review;
    add(
      'reviewTerms',
      '审核期限',
      `${days}个工作日${typeof extension === 'number' && extension > 0 ? `，经负责人批准可延长${extension}个工作日` : ''}（${String(data.reviewTermsBasis ?? '')}）`,
    );
  }
  const duty = data.responsibility as
    | {
        decidedBy?: string;
        handlingOfficers?: string[];
        reviewedBy?: { reviewer?: string | null; opinion?: string | null; on?: string } | null;
        deliberation?: { on?: string; outcome?: string | null; responsibilities?: string | null } | null;
      }
    | undefined;
  if (duty) {
    const parts = [`决定：${duty.decidedBy ?? ''}`, `承办：${(duty.handlingOfficers ?? []).join('、')}`];
    if (duty.reviewedBy) {
      parts.push(
        `法制审核：${duty.reviewedBy.reviewer ?? ''}（${opinionText[String(duty.reviewedBy.opinion)] ?? ''}，${duty.reviewedBy.on ?? ''}）`,
      );
    }
    if (duty.deliberation) {
      parts.push(
        `集体讨论：${duty.deliberation.on ?? ''}，${deliberationOutcomes[String(duty.deliberation.outcome)] ?? ''}${
          duty.deliberation.responsibilities ? `；${duty.deliberation.responsibilities}` : ''
        }`,
      );
    }
    add('responsibility', '责任人员', parts.join('；'));
  }
  return out;
}

export function presentCaseSummary(row: CaseRow, definition?: ProcedureDefinition) {
  const state = caseState(row);
  return {
    ...state,
    procedureName: definition?.name ?? procedureKeys[row.procedure_key as ProcedureKey] ?? row.procedure_key,
    statusLabel: definition?.statuses[row.status] ?? row.status,
    sourceLabel: caseSources[row.source as keyof typeof caseSources] ?? row.source,
    legalBasisText: state.legalBases.map(citeLegalBasis).join('、'),
  };
}

/** The case with its whole trail: steps (who, when, which ledger entry, documents), clocks, evidence, accesses, flags. */
export async function getCase(ctx: AppContext, actor: Actor, id: string) {
  const row = await loadCase(ctx, actor, id);
  const definition = await loadDefinition(ctx.db, row.procedure_key, Number(row.procedure_version));
  const steps = await ctx.db.selectFrom('case_steps').selectAll().where('case_id', '=', id).orderBy('position').execute();
  const officerIds = [
    ...new Set(steps.flatMap((s) => JSON.parse(s.officer_ids) as string[]).concat(JSON.parse(row.officer_ids) as string[])),
  ];
  const officers = officerIds.length
    ? await ctx.db.selectFrom('officers').select(['id', 'name', 'is_auxiliary']).where('id', 'in', officerIds).execute()
    : [];
  const officerName = (officerId: string) => officers.find((o) => o.id === officerId)?.name ?? officerId;
  const documents = await ctx.db
    .selectFrom('documents')
    .select(['id', 'step_id', 'kind', 'title', 'number', 'issued_on', 'pdf_sha256'])
    .where('case_id', '=', id)
    .execute();
  const calendar = await loadCalendar(ctx.db);
  const replay: ReplayStep[] = steps.map((s) => ({ id: s.id, key: s.step_key, occurredOn: s.occurred_on, data: JSON.parse(s.data) }));
  const flags = await ctx.db.selectFrom('case_flags').selectAll().where('case_id', '=', id).orderBy('created_at').execute();
  const major = await majorView(ctx, row, definition, steps);
  const canAct = (step: StepDefinition) => actor.kind === 'system' || (actor.agencyId === row.agency_id && hasRole(actor, ...step.roles));
  return {
    ...presentCaseSummary(row, definition),
    procedureBasis: definition.basis,
    timeline: steps.map((s) => {
      const state = stepState(s);
      const stepDefinition = findStep(definition, s.step_key);
      return {
        ...state,
        label: stepDefinition?.label ?? s.step_key,
        basis: stepDefinition?.basis ?? null,
        officers: state.officerIds.map((officerId) => ({ id: officerId, name: officerName(officerId) })),
        ledgerSeq: Number(s.event_seq),
        fields: (stepDefinition?.fields ?? [])
          .filter((f) => state.data[f.key] !== undefined)
          .map((f) => ({ key: f.key, label: f.label, value: state.data[f.key], options: f.options ?? null }))
          .concat(recordedByServer(state.data)),
        documents: documents
          .filter((d) => d.step_id === s.id)
          .map((d) => ({ id: d.id, kind: d.kind, title: d.title, number: d.number, issuedOn: d.issued_on, pdfSha256: d.pdf_sha256 })),
      };
    }),
    officers: (JSON.parse(row.officer_ids) as string[]).map((officerId) => ({ id: officerId, name: officerName(officerId) })),
    clocks: viewClocks(definition, replay, calendar, todayInChina()),
    nextSteps: stepsFrom(definition, row.status).map((s) => ({
      key: s.key,
      label: s.label,
      description: s.description,
      basis: s.basis ?? null,
      roles: s.roles,
      canAct: canAct(s),
      needsOfficers: s.guards.includes('two_certified_officers'),
      needsRecording: s.guards.includes('av_recording'),
      fields: s.fields,
      documents: s.documents.map((d) => d.title),
    })),
    flags: flags.map((f) => ({ id: f.id, kind: f.kind, detail: f.detail, stepId: f.step_id, createdAt: f.created_at })),
    major,
  };
}

const proposalSteps = ['examine', 'prior_notice', 'submit_review', 'decide', 'grant_licence', 'refuse_licence', 'assess', 'summary_decide'];

/**
 * Is the case's current proposal a major decision, and why — from the agency's published rules and the law's
 * triggers, the same check the decision's gate runs; nobody can unmark it. And where its legal review stands.
 */
async function majorView(ctx: AppContext, row: CaseRow, definition: ProcedureDefinition, steps: CaseStepRow[]) {
  const prior: PriorStep[] = steps.map((s) => ({
    id: s.id,
    key: s.step_key,
    occurredOn: s.occurred_on,
    data: JSON.parse(s.data) as Record<string, unknown>,
    officerIds: JSON.parse(s.officer_ids) as string[],
    actorId: s.actor_id,
    actorLabel: s.actor_label,
  }));
  const latest = [...prior].reverse().find((s) => proposalSteps.includes(s.key));
  const data = latest?.data ?? {};
  const gated = definition.steps.find((s) => s.guards.includes('legal_review_if_major'));
  const rules = gated
    ? await majorRulesMet({
        db: ctx.db,
        caseRow: row,
        calendar: undefined as never,
        definition,
        step: gated,
        facts: {
          id: row.id,
          agencyId: row.agency_id,
          actionType: row.action_type as CaseFacts['actionType'],
          category: row.category as AgencyKind,
          itemCode: row.item_code,
          divisionCode: row.division_code,
          partyType: row.party_type as CaseFacts['partyType'],
          fullProcessRecording: row.full_process_recording === 1,
          officerIds: JSON.parse(row.officer_ids) as string[],
        },
        prior,
        occurredOn: todayInChina(),
        officerIds: [],
        recordingIds: [],
        data,
      })
    : [];
  const { review, submission } = latestReview(prior);
  const digest = latest ? proposalDigest(proposalOf(row, data)) : null;
  const reviewStatus = !submission
    ? 'not_submitted'
    : !review || prior.indexOf(review) < prior.indexOf(submission)
      ? 'pending'
      : review.data.opinion === 'approved' || review.data.opinion === 'approved_with_changes'
        ? 'passed'
        : 'not_passed';
  return {
    isMajor: rules.length > 0,
    reasons: rules.map((rule) => ({ code: rule.code, name: rule.name, description: rule.description, basis: rule.basis })),
    review: {
      status: reviewStatus,
      statusLabel: { not_submitted: '未送审', pending: '待审核', passed: '审核通过', not_passed: '审核未通过' }[reviewStatus],
      opinion: review ? String(review.data.opinion) : null,
      /** The passed review covers the proposal as it stands now (the gate compares the same digest). */
      coversCurrentProposal: reviewStatus === 'passed' && review?.data.proposalDigest === digest,
    },
  };
}

export interface CaseQuery {
  agencyId?: string | undefined;
  status?: string | undefined;
  procedure?: string | undefined;
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export async function listCases(ctx: AppContext, actor: Actor, query: CaseQuery) {
  const scope = await resolveScope(ctx.db, actor);
  let q = ctx.db.selectFrom('cases as c').innerJoin('agencies as a', 'a.id', 'c.agency_id');
  if (scope.kind === 'none') return { items: [], total: 0, page: 1, pageSize: query.pageSize ?? 20 };
  if (scope.kind === 'agency') q = q.where('c.agency_id', '=', scope.agencyId);
  if (scope.kind === 'governments') q = q.where('a.government_id', 'in', scope.governmentIds);
  if (query.agencyId) q = q.where('c.agency_id', '=', query.agencyId);
  if (query.status) q = q.where('c.status', '=', query.status);
  if (query.procedure) q = q.where('c.procedure_key', '=', query.procedure);
  if (query.q) {
    const like = `%${query.q.trim()}%`;
    q = q.where((eb) => eb.or([eb('c.number', 'like', like), eb('c.title', 'like', like), eb('c.party_name', 'like', like)]));
  }
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('c')
    .select('a.name as agency_name')
    .orderBy('c.opened_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  // Each status is named by the definition the case runs (a handful of versions at most).
  for (const r of rows) await loadDefinition(ctx.db, r.procedure_key, Number(r.procedure_version));
  return {
    items: rows.map((r) => ({
      ...presentCaseSummary(r, definitions.get(`${r.procedure_key}@${r.procedure_version}`)),
      agencyName: r.agency_name,
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}
