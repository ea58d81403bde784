/**
 * Statutory clocks, replayed from a case's steps: which clocks run, when each is due, and what is overdue. Pure
 * functions over the procedure definition, the steps and the working-day calendar (RULES.md: a period starts the day
 * after the event; a deadline on a rest day moves to the next working day).
 */
import { addCalendarDays, type WorkCalendar } from '../../kernel/calendar.js';
import type { ClockDefinition, ProcedureDefinition } from './procedures/index.js';

export interface ReplayStep {
  id: string;
  key: string;
  occurredOn: string;
  data: Record<string, unknown>;
}

export interface ClockRun {
  key: string;
  startedOn: string;
  startedByStepId: string;
  stoppedOn: string | null;
  /** The period set when the clock started (e.g. an agency's own review time limit); null: the definition's. */
  days: number | null;
  /** The longest extension allowed when the clock started; null: the guard's statutory limit, if any. */
  maxExtensionDays: number | null;
  extensionDays: number;
  extensionCount: number;
  /** Intervals (from, to]: the days after `from` up to and including `to` are not counted; `to` null: still paused. */
  pauses: { from: string; to: string | null }[];
  /** The principal for a surcharge, in fen, from the step that fixed it. */
  principalFen: number | null;
}

function numberFor(map: unknown, key: string): number | null {
  if (typeof map !== 'object' || map === null) return null;
  const value = (map as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : null;
}

export function toFen(yuan: unknown): number | null {
  return typeof yuan === 'number' && Number.isFinite(yuan) ? Math.round(yuan * 100) : null;
}

/** Replays the steps' clock effects in order. A stop stops every running instance of that clock. */
export function replayClocks(definition: ProcedureDefinition, steps: readonly ReplayStep[]): ClockRun[] {
  const runs: ClockRun[] = [];
  let principal: number | null = null;
  const running = (key: string) => runs.filter((r) => r.key === key && r.stoppedOn === null);
  for (const step of steps) {
    const fine = toFen(step.data.fineAmount);
    if (fine !== null) principal = fine;
    const effect = definition.steps.find((s) => s.key === step.key)?.clocks;
    if (!effect) continue;
    for (const key of effect.stop ?? []) for (const run of running(key)) run.stoppedOn = step.occurredOn;
    for (const key of effect.pause ?? []) {
      const run = running(key).at(-1);
      if (run && !run.pauses.some((p) => p.to === null)) run.pauses.push({ from: step.occurredOn, to: null });
    }
    for (const key of effect.resume ?? []) {
      const open = running(key)
        .at(-1)
        ?.pauses.find((p) => p.to === null);
      if (open) open.to = step.occurredOn;
    }
    for (const key of effect.extend ?? []) {
      const run = running(key).at(-1);
      const days = step.data.days;
      if (run && typeof days === 'number') {
        run.extensionDays += days;
        run.extensionCount += 1;
      }
    }
    for (const key of effect.start ?? []) {
      runs.push({
        key,
        startedOn: step.occurredOn,
        startedByStepId: step.id,
        stoppedOn: null,
        // A start step may carry the period and extension limit it was started under (set by the server, not the form).
        days: numberFor(step.data.clockDays, key),
        maxExtensionDays: numberFor(step.data.clockMaxExtensionDays, key),
        extensionDays: 0,
        extensionCount: 0,
        pauses: [],
        principalFen: principal,
      });
    }
  }
  return runs;
}

function isPaused(day: string, pauses: ClockRun['pauses']): boolean {
  return pauses.some((p) => day > p.from && (p.to === null || day <= p.to));
}

/** The deadline of a run, or null while a pause that suspends it is open. */
export function dueDate(definition: ClockDefinition, run: ClockRun, calendar: WorkCalendar): string | null {
  const pauses = definition.pauseSuspends === 'surcharge' ? [] : run.pauses;
  if (pauses.some((p) => p.to === null)) return null;
  const total = (run.days ?? definition.days) + run.extensionDays;
  if (pauses.length === 0) {
    return definition.unit === 'working' ? calendar.addWorkingDays(run.startedOn, total) : calendar.calendarDeadline(run.startedOn, total);
  }
  let day = run.startedOn;
  for (let counted = 0; counted < total; ) {
    day = addCalendarDays(day, 1);
    if (isPaused(day, pauses)) continue;
    if (definition.unit === 'calendar' || calendar.isWorkingDay(day)) counted += 1;
  }
  return definition.unit === 'working' ? day : calendar.addWorkingDays(day, 0);
}

/** Calendar days after `dueOn` up to and including `until` that a surcharge accrues on (paused days excluded). */
export function surchargeDays(dueOn: string, until: string, pauses: ClockRun['pauses']): number {
  let days = 0;
  for (let day = addCalendarDays(dueOn, 1); day <= until; day = addCalendarDays(day, 1)) if (!isPaused(day, pauses)) days += 1;
  return days;
}

/** The surcharge in fen: rate × principal per day, never more than the principal (Penalty Law Art. 72). */
export function surchargeFen(principalFen: number, ratePerDay: number, days: number): number {
  return Math.min(principalFen, Math.round(principalFen * ratePerDay * days));
}

export type ClockStatus = 'running' | 'due_soon' | 'overdue' | 'paused' | 'met' | 'late';

export const clockStatusLabels: Record<ClockStatus, string> = {
  running: '计时中',
  due_soon: '即将到期',
  overdue: '已逾期',
  paused: '暂停计算',
  met: '按期完成',
  late: '逾期完成',
};

export interface ClockView {
  key: string;
  label: string;
  basis: string;
  duty: string;
  unit: 'working' | 'calendar';
  days: number;
  startedOn: string;
  dueOn: string | null;
  stoppedOn: string | null;
  extensionDays: number;
  pauses: ClockRun['pauses'];
  status: ClockStatus;
  statusLabel: string;
  /** Days left (by the clock's unit) until due, when running; negative when overdue. */
  daysLeft: number | null;
  surcharge: { days: number; amountFen: number; basis: string } | null;
  /** Set when the deadline falls in a year whose holidays are not in the calendar yet: counted Monday to Friday. */
  provisionalNote: string | null;
}

/** A run as the officer sees it on a given day. Due within 3 working days counts as due soon. */
export function viewClock(definition: ClockDefinition, run: ClockRun, strict: WorkCalendar, today: string): ClockView {
  const calendar = strict.assumingWeekdays();
  const dueOn = dueDate(definition, run, calendar);
  let status: ClockStatus;
  let daysLeft: number | null = null;
  if (run.stoppedOn !== null) status = dueOn !== null && run.stoppedOn > dueOn ? 'late' : 'met';
  else if (dueOn === null) status = 'paused';
  else {
    daysLeft =
      definition.unit === 'working'
        ? calendar.workingDaysBetween(today, dueOn)
        : Math.round((Date.parse(dueOn) - Date.parse(today)) / 86_400_000);
    status = today > dueOn ? 'overdue' : calendar.workingDaysBetween(today, dueOn) <= 3 ? 'due_soon' : 'running';
  }
  let surcharge: ClockView['surcharge'] = null;
  if (definition.surcharge && run.principalFen !== null && dueOn !== null) {
    const until = run.stoppedOn ?? today;
    const days = until > dueOn ? surchargeDays(dueOn, until, run.pauses) : 0;
    surcharge = {
      days,
      amountFen: surchargeFen(run.principalFen, definition.surcharge.ratePerDay, days),
      basis: definition.surcharge.basis,
    };
  }
  return {
    key: run.key,
    label: definition.label,
    basis: definition.basis,
    duty: definition.duty,
    unit: definition.unit,
    days: run.days ?? definition.days,
    startedOn: run.startedOn,
    dueOn,
    stoppedOn: run.stoppedOn,
    extensionDays: run.extensionDays,
    pauses: run.pauses,
    status,
    statusLabel: clockStatusLabels[status],
    daysLeft,
    surcharge,
    provisionalNote:
      calendar.assumedYears.size > 0
        ? `${[...calendar.assumedYears].join('、')}年的节假日安排尚未录入工作日历，该期限暂按周一至周五为工作日推算，录入后以正式安排为准`
        : null,
  };
}

export function viewClocks(
  definition: ProcedureDefinition,
  steps: readonly ReplayStep[],
  calendar: WorkCalendar,
  today: string,
): ClockView[] {
  return replayClocks(definition, steps).map((run) => {
    const clock = definition.clocks.find((c) => c.key === run.key);
    if (!clock) throw new Error(`clock ${run.key} is not defined in ${definition.key}`);
    return viewClock(clock, run, calendar, today);
  });
}
