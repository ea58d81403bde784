/**
 * 行政执法统计年报 (task list item 15): each agency, and each government for all its agencies, publishes the previous
 * year's enforcement figures by 31 January. Drafts are made from the record (each January by the server, or on demand),
 * refreshed while in draft, given a written account (总体情况、存在问题、下一步工作), and published by a second person —
 * the agency head, or the justice bureau for a government. Once published a report's figures are frozen; every step is
 * a ledger event whose state carries the figures' digest.
 */
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AnnualReportTable } from '../../db/schema.js';
import { type Actor, hasRole, systemActor } from '../../kernel/actor.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { nowIso, todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { startPeriodic } from '../../kernel/periodic.js';
import { appendEvent } from '../../ledger/index.js';
import { casesForTrace, yearActivity } from '../cases/index.js';
import { publicationActivity } from '../disclosure/index.js';
import { canSeeAgency, listGovernmentTree, resolveScope } from '../org/index.js';
import { chartData, computeFigures, type Figure, figureSections, sourcesDigest } from './figures.js';

export type ReportRow = Selectable<AnnualReportTable>;
export type ScopeKind = 'agency' | 'government';

export interface Narrative {
  overview: string;
  problems: string;
  plans: string;
}

const emptyNarrative: Narrative = { overview: '', problems: '', plans: '' };

/** The day a year's report is due: 31 January of the next year (task list item 15). */
export function reportDueOn(year: number): string {
  return `${year + 1}-01-31`;
}

function figuresOf(row: ReportRow): Figure[] {
  return JSON.parse(row.figures) as Figure[];
}

function digestOf(figures: Figure[]): string {
  return createHash('sha256')
    .update(canonicalJson(figures.map((f) => ({ key: f.key, value: f.value, sources: sourcesDigest(f) }))))
    .digest('hex');
}

/** What the ledger records of a report: enough to detect any change to its figures, words or status. */
export function reportState(row: ReportRow) {
  return {
    id: row.id,
    scopeKind: row.scope_kind,
    scopeId: row.scope_id,
    year: Number(row.year),
    status: row.status,
    figuresDigest: digestOf(figuresOf(row)),
    figuresAsOf: row.figures_as_of,
    narrativeDigest: createHash('sha256').update(row.narrative).digest('hex'),
    publishedOn: row.published_on,
    version: Number(row.version),
  };
}

interface ScopeInfo {
  kind: ScopeKind;
  id: string;
  name: string;
  governmentId: string;
  agencyIds: string[];
}

/** The agencies a report covers: one agency, or every enforcement agency of a government and those below it. */
async function scopeInfo(db: Executor, kind: ScopeKind, id: string): Promise<ScopeInfo> {
  if (kind === 'agency') {
    const agency = await db.selectFrom('agencies').select(['id', 'name', 'government_id', 'kind']).where('id', '=', id).executeTakeFirst();
    if (!agency) throw new DomainError('reports.not_found', '未找到该执法机关');
    return { kind, id, name: agency.name, governmentId: agency.government_id, agencyIds: [agency.id] };
  }
  const government = await db.selectFrom('governments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!government) throw new DomainError('reports.not_found', '未找到该人民政府');
  const tree = await listGovernmentTree(db, id);
  const agencies = await db.selectFrom('agencies').select('id').where('government_id', 'in', tree).where('kind', '!=', 'justice').execute();
  return { kind, id, name: government.name, governmentId: government.id, agencyIds: agencies.map((a) => a.id) };
}

/** Who may draft, edit and publish: the agency's head for an agency; the justice bureau (supervisor) for a government. */
async function requireKeeper(db: Executor, actor: Actor, scope: ScopeInfo, doing: string): Promise<void> {
  if (actor.kind === 'system' || hasRole(actor, 'administrator')) return;
  if (scope.kind === 'agency' && actor.agencyId === scope.id && hasRole(actor, 'agency_head')) return;
  if (scope.kind === 'government' && hasRole(actor, 'supervisor') && actor.governmentId) {
    if ((await listGovernmentTree(db, actor.governmentId)).includes(scope.id)) return;
  }
  throw new DomainError(
    'auth.forbidden',
    scope.kind === 'agency' ? `只有本机关负责人可以${doing}本机关的统计年报` : `只有本级司法行政机关（执法监督）可以${doing}政府的统计年报`,
  );
}

/** Whether the actor's scope covers the report's: its agency, or (supervisors) its government. */
async function coversScope(db: Executor, actor: Actor, row: ReportRow): Promise<boolean> {
  const scope = await resolveScope(db, actor);
  return row.scope_kind === 'agency'
    ? canSeeAgency(scope, { id: row.scope_id, government_id: row.government_id })
    : scope.kind === 'all' || (scope.kind === 'governments' && scope.governmentIds.includes(row.scope_id));
}

/** Staff may read the drafts of what they may see and every published report; 404 otherwise. */
async function requireVisible(db: Executor, actor: Actor, row: ReportRow): Promise<void> {
  if (row.status === 'published') return;
  if (!(await coversScope(db, actor, row))) throw new DomainError('reports.not_found', '未找到该统计年报，或您无权查看');
}

async function computeFor(db: Executor, scope: ScopeInfo, year: number): Promise<{ figures: Figure[]; asOf: string }> {
  const asOf = todayInChina();
  const [activity, publications] = await Promise.all([
    yearActivity(db, scope.agencyIds, year),
    publicationActivity(db, scope.agencyIds, year),
  ]);
  return { figures: computeFigures({ year, asOf, ...activity, publications }), asOf };
}

async function record(trx: Executor, actor: Actor, row: ReportRow, action: string): Promise<void> {
  await appendEvent(trx, {
    actor,
    agencyId: row.scope_kind === 'agency' ? row.scope_id : null,
    subjectType: 'annual_report',
    subjectId: row.id,
    action,
    state: reportState(row),
  });
}

function actorId(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : `system:${actor.label}`;
}

function checkYear(year: number): void {
  const current = Number(todayInChina().slice(0, 4));
  if (!Number.isInteger(year) || year < 2015 || year >= current) {
    throw new DomainError('reports.invalid', `统计年度须为已经结束的年度（2015年至${current - 1}年）`);
  }
}

function findReport(db: Executor, scope: ScopeInfo, year: number) {
  return db
    .selectFrom('annual_reports')
    .selectAll()
    .where('scope_kind', '=', scope.kind)
    .where('scope_id', '=', scope.id)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** Drafts a year's report, or answers the one that exists (drafting twice is not an error: the January sweep runs often). */
export async function draftReport(ctx: AppContext, actor: Actor, input: { scopeKind: ScopeKind; scopeId: string; year: number }) {
  checkYear(input.year);
  const scope = await scopeInfo(ctx.db, input.scopeKind, input.scopeId);
  await requireKeeper(ctx.db, actor, scope, '起草');
  const existing = await findReport(ctx.db, scope, input.year);
  if (existing) return presentReport(existing);
  const { figures, asOf } = await computeFor(ctx.db, scope, input.year);
  const now = nowIso();
  const row: ReportRow = {
    id: newId(),
    scope_kind: scope.kind,
    scope_id: scope.id,
    scope_name: scope.name,
    government_id: scope.governmentId,
    year: input.year,
    status: 'draft',
    figures: JSON.stringify(figures),
    figures_as_of: asOf,
    narrative: JSON.stringify(emptyNarrative),
    narrative_by: null,
    drafted_by: actorId(actor),
    published_by: null,
    published_by_label: null,
    published_on: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('annual_reports').values(row).execute();
      await record(trx, actor, row, 'report.drafted');
    });
  } catch (error) {
    // Another process drafted the same report a moment earlier (unique scope and year): answer that one.
    const other = await findReport(ctx.db, scope, input.year);
    if (other) return presentReport(other);
    throw error;
  }
  return presentReport(row);
}

async function loadReport(db: Executor, id: string): Promise<ReportRow> {
  const row = await db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('reports.not_found', '未找到该统计年报，或您无权查看');
  return row;
}

async function changeDraft(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  doing: string,
  change: (row: ReportRow, scope: ScopeInfo) => Promise<Partial<ReportRow>>,
  action: string,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadReport(trx, id);
    await requireVisible(trx, actor, row);
    const scope = await scopeInfo(trx, row.scope_kind as ScopeKind, row.scope_id);
    await requireKeeper(trx, actor, scope, doing);
    if (row.status !== 'draft') throw new DomainError('reports.state_invalid', '统计年报已经公开，数据和文字不能再改动');
    if (Number(row.version) !== version) throw new DomainError('reports.version_conflict', '统计年报已被他人更新，请刷新后重试');
    const next: ReportRow = { ...row, ...(await change(row, scope)), version: Number(row.version) + 1, updated_at: nowIso() };
    const updated = await trx
      .updateTable('annual_reports')
      .set({
        status: next.status,
        figures: next.figures,
        figures_as_of: next.figures_as_of,
        narrative: next.narrative,
        narrative_by: next.narrative_by,
        published_by: next.published_by,
        published_by_label: next.published_by_label,
        published_on: next.published_on,
        version: next.version,
        updated_at: next.updated_at,
      })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('reports.version_conflict', '统计年报已被他人更新，请刷新后重试');
    await record(trx, actor, next, action);
    return presentReport(next);
  });
}

/** Recounts a draft's figures from the record as it stands today. */
export async function refreshReport(ctx: AppContext, actor: Actor, id: string, input: { version: number }) {
  return changeDraft(
    ctx,
    actor,
    id,
    input.version,
    '更新',
    async (row, scope) => {
      const { figures, asOf } = await computeFor(ctx.db, scope, Number(row.year));
      return { figures: JSON.stringify(figures), figures_as_of: asOf };
    },
    'report.refreshed',
  );
}

const narrativeLimit = 5000;

/** The written account beside the figures. */
export async function editNarrative(ctx: AppContext, actor: Actor, id: string, input: Narrative & { version: number }) {
  const narrative: Narrative = { overview: input.overview.trim(), problems: input.problems.trim(), plans: input.plans.trim() };
  for (const [key, text] of Object.entries(narrative)) {
    if (text.length > narrativeLimit) {
      throw new DomainError('reports.invalid', `文字说明每部分不超过 ${narrativeLimit} 字`, {
        errors: [{ pointer: `/${key}`, detail: `不超过 ${narrativeLimit} 字` }],
      });
    }
  }
  return changeDraft(
    ctx,
    actor,
    id,
    input.version,
    '编写',
    async () => ({ narrative: JSON.stringify(narrative), narrative_by: actorId(actor) }),
    'report.narrative_edited',
  );
}

/** Publishes the report with its figures frozen; the person who wrote its account does not publish it. */
export async function publishReport(ctx: AppContext, actor: Actor, id: string, input: { version: number }) {
  return changeDraft(
    ctx,
    actor,
    id,
    input.version,
    '公开',
    async (row) => {
      const narrative = JSON.parse(row.narrative) as Narrative;
      if (!narrative.overview) {
        throw new DomainError('reports.invalid', '请先编写年度行政执法总体情况的文字说明', {
          errors: [{ pointer: '/overview', detail: '总体情况不能为空' }],
        });
      }
      if (actor.kind === 'user' && row.narrative_by === actor.userId) {
        throw new DomainError('reports.same_person', '文字说明由您编写，须由另一名负责人审核后公开');
      }
      return {
        status: 'published',
        published_by: actorId(actor),
        published_by_label: actor.kind === 'user' ? `${actor.displayName}（${actor.username}）` : actor.label,
        published_on: todayInChina(),
      };
    },
    'report.published',
  );
}

export function presentReport(row: ReportRow) {
  const figures = figuresOf(row);
  const dueOn = reportDueOn(Number(row.year));
  const today = todayInChina();
  return {
    id: row.id,
    scopeKind: row.scope_kind as ScopeKind,
    scopeId: row.scope_id,
    scopeName: row.scope_name,
    year: Number(row.year),
    title: `${row.scope_name}${row.year}年度行政执法统计年报`,
    status: row.status as 'draft' | 'published',
    statusLabel: row.status === 'published' ? '已公开' : '草稿',
    dueOn,
    /** A draft past 31 January; a report published after it. */
    isOverdue: row.status === 'draft' ? today > dueOn : (row.published_on ?? '') > dueOn,
    figuresAsOf: row.figures_as_of,
    figuresDigest: digestOf(figures),
    sections: Object.entries(figureSections).map(([key, label]) => ({
      key,
      label,
      figures: figures
        .filter((f) => f.section === key)
        .map((f) => ({
          key: f.key,
          label: f.label,
          value: f.value,
          unit: f.unit,
          note: f.note ?? null,
          sourceKind: f.sources.kind,
          sourceCount: f.sources.ids.length,
          sourcesDigest: sourcesDigest(f),
        })),
    })),
    charts: chartData(figures),
    narrative: JSON.parse(row.narrative) as Narrative,
    publishedOn: row.published_on,
    publishedBy: row.published_by_label,
    version: Number(row.version),
  };
}

export interface ReportQuery {
  year?: number | undefined;
  status?: 'draft' | 'published' | undefined;
}

/** Staff: the reports they may see (drafts of their scope, and every published one). */
export async function listReports(ctx: AppContext, actor: Actor, query: ReportQuery) {
  let q = ctx.db.selectFrom('annual_reports').selectAll();
  if (query.year) q = q.where('year', '=', query.year);
  if (query.status) q = q.where('status', '=', query.status);
  const rows = await q.orderBy('year', 'desc').orderBy('scope_kind', 'desc').orderBy('scope_name').execute();
  const visible: ReportRow[] = [];
  for (const row of rows) {
    try {
      await requireVisible(ctx.db, actor, row);
      visible.push(row);
    } catch {
      // not theirs
    }
  }
  return { items: visible.map(presentReport) };
}

export async function getReport(ctx: AppContext, actor: Actor, id: string) {
  const row = await loadReport(ctx.db, id);
  await requireVisible(ctx.db, actor, row);
  return presentReport(row);
}

/** The public: published reports only. */
export async function listPublishedReports(ctx: AppContext, query: { year?: number | undefined }) {
  let q = ctx.db.selectFrom('annual_reports').selectAll().where('status', '=', 'published');
  if (query.year) q = q.where('year', '=', query.year);
  const rows = await q.orderBy('year', 'desc').orderBy('scope_kind', 'desc').orderBy('scope_name').execute();
  return { items: rows.map(presentReport) };
}

export async function getPublishedReport(ctx: AppContext, id: string) {
  const row = await loadReport(ctx.db, id);
  if (row.status !== 'published') throw new DomainError('reports.not_found', '未找到该统计年报');
  const event = await ctx.db
    .selectFrom('ledger_events')
    .select('seq')
    .where('subject_type', '=', 'annual_report')
    .where('subject_id', '=', id)
    .where('action', '=', 'report.published')
    .executeTakeFirst();
  return { ...presentReport(row), ledgerSeq: event ? Number(event.seq) : null };
}

/** Staff: the records a figure counts (cases with their numbers; publications by their case). */
export async function figureSources(ctx: AppContext, actor: Actor, id: string, key: string) {
  const row = await loadReport(ctx.db, id);
  if (!(await coversScope(ctx.db, actor, row))) throw new DomainError('reports.not_found', '未找到该统计年报，或您无权查看其统计来源');
  const figure = figuresOf(row).find((f) => f.key === key);
  if (!figure) throw new DomainError('reports.not_found', '统计年报中没有这一项');
  let caseIds = figure.sources.ids;
  if (figure.sources.kind === 'publication' && caseIds.length > 0) {
    const scope = await scopeInfo(ctx.db, row.scope_kind as ScopeKind, row.scope_id);
    const wanted = new Set(caseIds);
    caseIds = (await publicationActivity(ctx.db, scope.agencyIds, Number(row.year)))
      .filter((p) => wanted.has(p.publicationId))
      .map((p) => p.caseId);
  }
  const cases = await casesForTrace(ctx.db, caseIds);
  return {
    key: figure.key,
    label: figure.label,
    value: figure.value,
    unit: figure.unit,
    sourcesDigest: sourcesDigest(figure),
    items: cases.map((c) => ({ caseId: c.id, caseNumber: c.number, title: c.title, openedOn: c.opened_on, status: c.status })),
  };
}

/**
 * Each January (China time) drafts the previous year's report of every enforcement agency and government that has
 * none, so that the keepers start from the figures. Several processes may sweep: a duplicate draft is refused by the
 * unique index and answered with the existing one.
 */
export async function draftDueReports(ctx: AppContext, today = todayInChina()): Promise<number> {
  if (today.slice(5, 7) !== '01') return 0;
  const year = Number(today.slice(0, 4)) - 1;
  const system = systemActor('统计年报自动起草');
  const existing = new Set(
    (await ctx.db.selectFrom('annual_reports').select(['scope_kind', 'scope_id']).where('year', '=', year).execute()).map(
      (r) => `${r.scope_kind}:${r.scope_id}`,
    ),
  );
  let drafted = 0;
  const agencies = await ctx.db.selectFrom('agencies').select('id').where('kind', '!=', 'justice').where('is_active', '=', 1).execute();
  const governments = await ctx.db.selectFrom('governments').select('id').execute();
  for (const [kind, ids] of [
    ['agency', agencies.map((a) => a.id)],
    ['government', governments.map((g) => g.id)],
  ] as [ScopeKind, string[]][]) {
    for (const id of ids) {
      if (existing.has(`${kind}:${id}`)) continue;
      await draftReport(ctx, system, { scopeKind: kind, scopeId: id, year });
      drafted += 1;
    }
  }
  return drafted;
}

export function startReportMonitor(ctx: AppContext, log: { error(object: unknown, message: string): void }, intervalMs = 60 * 60_000) {
  return startPeriodic(() => draftDueReports(ctx), log, '统计年报自动起草失败', intervalMs);
}
