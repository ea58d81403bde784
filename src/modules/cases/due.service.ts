/**
 * What is due and overdue across cases, for the officer and the agency head, and the record of overdue clocks for
 * supervision: once a clock passes its deadline unstopped, a flag and a ledger event say so (once per clock).
 */
import { type Actor, hasRole, systemActor } from '../../kernel/actor.js';
import { nowIso, todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import { startPeriodic } from '../../kernel/periodic.js';
import { appendEvent } from '../../ledger/index.js';
import { loadCalendar } from '../calendar/index.js';
import { resolveScope } from '../org/index.js';
import { loadDefinition } from './cases.service.js';

export interface DueQuery {
  agencyId?: string | undefined;
  /** Include clocks due within this many calendar days (default 15). */
  withinDays?: number | undefined;
  /** Only cases this officer (roster id) works on. */
  officerId?: string | undefined;
}

export async function listDue(ctx: AppContext, actor: Actor, query: DueQuery) {
  const today = todayInChina();
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + (query.withinDays ?? 15) * 86_400_000).toISOString().slice(0, 10);
  const scope = await resolveScope(ctx.db, actor);
  if (scope.kind === 'none') return { today, items: [] };
  let q = ctx.db
    .selectFrom('case_clocks as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select([
      'k.case_id',
      'k.clock_key',
      'k.started_on',
      'k.due_on',
      'k.overdue_recorded',
      'c.number',
      'c.title',
      'c.status',
      'c.procedure_key',
      'c.procedure_version',
      'c.officer_ids',
      'a.name as agency_name',
    ])
    .where('k.stopped_on', 'is', null)
    .where('k.due_on', 'is not', null)
    .where('k.due_on', '<=', horizon);
  if (scope.kind === 'agency') q = q.where('c.agency_id', '=', scope.agencyId);
  if (scope.kind === 'governments') q = q.where('a.government_id', 'in', scope.governmentIds);
  if (query.agencyId) q = q.where('c.agency_id', '=', query.agencyId);
  const rows = await q.orderBy('k.due_on').limit(500).execute();
  const calendar = (await loadCalendar(ctx.db)).assumingWeekdays();
  const items = [];
  for (const row of rows) {
    if (query.officerId && !(JSON.parse(row.officer_ids) as string[]).includes(query.officerId)) continue;
    const definition = await loadDefinition(ctx.db, row.procedure_key, Number(row.procedure_version));
    const clock = definition.clocks.find((c) => c.key === row.clock_key);
    const dueOn = row.due_on as string;
    items.push({
      caseId: row.case_id,
      caseNumber: row.number,
      caseTitle: row.title,
      agencyName: row.agency_name,
      statusLabel: definition.statuses[row.status] ?? row.status,
      clockKey: row.clock_key,
      label: clock?.label ?? row.clock_key,
      basis: clock?.basis ?? '',
      duty: clock?.duty ?? '',
      startedOn: row.started_on,
      dueOn,
      isOverdue: today > dueOn,
      workingDaysLeft: calendar.workingDaysBetween(today, dueOn),
    });
  }
  return { today, items };
}

/**
 * Records every clock that has passed its deadline unstopped and was not recorded yet: a supervision flag on the case
 * and a `case.clock_overdue` ledger event, in one transaction per clock. Returns how many were recorded.
 */
export async function recordOverdueClocks(ctx: AppContext, today = todayInChina()): Promise<number> {
  const overdue = await ctx.db
    .selectFrom('case_clocks as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .select([
      'k.case_id',
      'k.position',
      'k.clock_key',
      'k.started_on',
      'k.due_on',
      'c.agency_id',
      'c.number',
      'c.procedure_key',
      'c.procedure_version',
    ])
    .where('k.stopped_on', 'is', null)
    .where('k.overdue_recorded', '=', 0)
    .where('k.due_on', '<', today)
    .limit(1000)
    .execute();
  const actor = systemActor('期限监控');
  for (const row of overdue) {
    const definition = await loadDefinition(ctx.db, row.procedure_key, Number(row.procedure_version));
    const clock = definition.clocks.find((c) => c.key === row.clock_key);
    const detail = `${row.number}：“${clock?.label ?? row.clock_key}”已于 ${row.due_on} 到期未办结（${clock?.basis ?? ''}）`;
    await ctx.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('case_clocks')
        .set({ overdue_recorded: 1 })
        .where('case_id', '=', row.case_id)
        .where('position', '=', row.position)
        .where('overdue_recorded', '=', 0)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return;
      const flag = {
        id: newId(),
        case_id: row.case_id,
        agency_id: row.agency_id,
        kind: 'clock_overdue',
        step_id: null,
        detail,
        created_at: nowIso(),
      };
      await trx.insertInto('case_flags').values(flag).execute();
      await appendEvent(trx, {
        actor,
        agencyId: row.agency_id,
        subjectType: 'case_flag',
        subjectId: flag.id,
        action: 'case.clock_overdue',
        state: { flag: { id: flag.id, caseId: row.case_id, kind: flag.kind, detail, clock: row.clock_key, dueOn: row.due_on } },
      });
    });
  }
  return overdue.length;
}

export const flagKinds = {
  limitation_override: '超过追责期限立案',
  discretion_deviation: '超出裁量基准',
  clock_overdue: '办案期限逾期',
} as const;

/** Flags raised for supervision, newest first: the supervisor sees their governments' agencies, a head their own. */
export async function listFlags(ctx: AppContext, actor: Actor, query: { agencyId?: string | undefined; kind?: string | undefined }) {
  if (actor.kind === 'user' && !hasRole(actor, 'supervisor', 'agency_head', 'administrator', 'auditor', 'reviewer')) {
    return { items: [] };
  }
  const scope = await resolveScope(ctx.db, actor);
  if (scope.kind === 'none') return { items: [] };
  let q = ctx.db
    .selectFrom('case_flags as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .innerJoin('agencies as a', 'a.id', 'f.agency_id')
    .select(['f.id', 'f.case_id', 'f.kind', 'f.detail', 'f.created_at', 'c.number', 'c.title', 'a.name as agency_name']);
  if (scope.kind === 'agency') q = q.where('f.agency_id', '=', scope.agencyId);
  if (scope.kind === 'governments') q = q.where('a.government_id', 'in', scope.governmentIds);
  if (query.agencyId) q = q.where('f.agency_id', '=', query.agencyId);
  if (query.kind) q = q.where('f.kind', '=', query.kind);
  const rows = await q.orderBy('f.created_at', 'desc').limit(500).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.number,
      caseTitle: r.title,
      agencyName: r.agency_name,
      kind: r.kind,
      kindLabel: flagKinds[r.kind as keyof typeof flagKinds] ?? r.kind,
      detail: r.detail,
      createdAt: r.created_at,
    })),
  };
}

/**
 * Sweeps for overdue clocks when the server starts and every `intervalMs` after (default 10 minutes). Several server
 * processes may sweep at once: each clock is marked in a conditional update, so it is recorded once.
 */
export function startClockMonitor(ctx: AppContext, log: { error(object: unknown, message: string): void }, intervalMs = 10 * 60_000) {
  return startPeriodic(() => recordOverdueClocks(ctx), log, '办案期限巡查失败', intervalMs);
}
