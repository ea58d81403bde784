/**
 * China's official working-day calendar: Monday to Friday are working days, except the days off that the State Council
 * General Office's yearly notice (国务院办公厅关于某年部分节假日安排的通知) names, plus the make-up working days (调休上班)
 * it moves onto Saturdays and Sundays. Pure TypeScript without Node imports, so the web app could use it too.
 *
 * Counting (RULES.md; docs/decisions/0007-working-day-calendar.md): a period starts the day after the event, so the start
 * day is never counted. A calendar knows only the years it was given: any date it would have to look at outside them
 * is refused with `calendar.year_unknown`, never guessed.
 */

import shippedData from './calendar-data.json' with { type: 'json' };
import { dayNumberOf, isoOfDay, parseIsoDate, weekdayOfDay } from './calendar-dates.js';
import { DomainError } from './errors.js';

export { addCalendarDays, isIsoDate, weekdayNames } from './calendar-dates.js';

/** One year of the calendar: the dates that fall in that year. */
export interface CalendarYear {
  year: number;
  /** Days off (放假) of the year's arrangement; weekend days inside a break may be listed too. */
  holidays: readonly string[];
  /** Make-up working days (调休上班): Saturdays or Sundays that are working days. */
  workdays: readonly string[];
}

interface YearSets {
  holidays: Set<string>;
  workdays: Set<string>;
}

/** "2015年至2026年", or with gaps "2015年至2020年、2022年". */
export function describeYears(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    runs.push(i === j ? `${sorted[i]}年` : `${sorted[i]}年至${sorted[j]}年`);
    i = j + 1;
  }
  return runs.length === 0 ? '（无）' : runs.join('、');
}

function requireCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new DomainError('request.invalid', `${what}应为不小于 0 的整数，收到 ${String(n)}`);
}

const noDaysOff: YearSets = { holidays: new Set(), workdays: new Set() };

export class WorkCalendar {
  private readonly years = new Map<number, YearSets>();
  /** Set on a calendar from `assumingWeekdays()`: years it does not know count Monday to Friday as working days. */
  private assumeWeekdays = false;
  /** The unknown years such a calendar has had to assume so far. */
  readonly assumedYears = new Set<number>();

  /** Refuses a year given twice, a date outside its year, and a date that is both a day off and a make-up working day. */
  constructor(years: Iterable<CalendarYear>) {
    for (const entry of years) {
      if (!Number.isSafeInteger(entry.year)) throw new DomainError('calendar.invalid', `年份 ${String(entry.year)} 不正确`);
      if (this.years.has(entry.year)) throw new DomainError('calendar.year_exists', `${entry.year}年的节假日安排重复`);
      const sets: YearSets = { holidays: new Set(), workdays: new Set() };
      for (const [list, into] of [
        [entry.holidays, sets.holidays],
        [entry.workdays, sets.workdays],
      ] as const) {
        for (const date of list) {
          if (dayNumberOf(date) === null || !date.startsWith(`${entry.year}-`)) {
            throw new DomainError('calendar.invalid', `${entry.year}年的节假日安排中的日期“${date}”不正确或不在该年内`);
          }
          into.add(date);
        }
      }
      const both = [...sets.workdays].filter((date) => sets.holidays.has(date));
      if (both.length > 0) throw new DomainError('calendar.invalid', `${both.join('、')} 既是放假日又是调休上班日`);
      this.years.set(entry.year, sets);
    }
  }

  /** The years this calendar knows, ascending. */
  knownYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  /** A make-up working day is a working day; a listed day off is not; otherwise Monday to Friday are. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(parseIsoDate(date));
  }

  /**
   * The n-th working day after `date`; the start day is not counted (RULES.md: a period starts the day after the
   * event). n = 0 gives `date` itself if it is a working day, else the next working day. `date` may be a rest day.
   */
  addWorkingDays(date: string, n: number): string {
    requireCount(n, '工作日天数');
    let day = parseIsoDate(date, '起算日期');
    this.requireDay(day);
    if (n === 0) return this.onOrAfter(day);
    for (let counted = 0; counted < n; ) {
      day += 1;
      if (this.isWorkingDayNumber(day)) counted += 1;
    }
    return isoOfDay(day);
  }

  /**
   * The working days after `from` up to and including `to`: `workingDaysBetween(d, addWorkingDays(d, n)) === n` for
   * n ≥ 1. Equal dates give 0; when `to` is before `from` the count is negative (−workingDaysBetween(to, from)).
   */
  workingDaysBetween(from: string, to: string): number {
    const start = parseIsoDate(from, '起始日期');
    const end = parseIsoDate(to, '截止日期');
    this.requireDay(start);
    this.requireDay(end);
    const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
    let count = 0;
    for (let day = low + 1; day <= high; day++) if (this.isWorkingDayNumber(day)) count += 1;
    return sign * count;
  }

  /**
   * A period of n calendar days from `date` (start day not counted); when its last day is a rest day the deadline
   * moves to the next working day (RULES.md).
   */
  calendarDeadline(date: string, n: number): string {
    requireCount(n, '天数');
    const start = parseIsoDate(date, '起算日期');
    this.requireDay(start);
    return this.onOrAfter(start + n);
  }

  /** The first working day on or after the day. */
  private onOrAfter(start: number): string {
    let day = start;
    while (!this.isWorkingDayNumber(day)) day += 1;
    return isoOfDay(day);
  }

  /**
   * The same calendar, except that a year it does not know (the next year, before the State Council publishes its
   * holidays) counts Monday to Friday as working days instead of refusing; `assumedYears` then names those years, so a
   * deadline computed this way can be shown as provisional.
   */
  assumingWeekdays(): WorkCalendar {
    const copy = new WorkCalendar([]);
    for (const [year, sets] of this.years) copy.years.set(year, sets);
    copy.assumeWeekdays = true;
    return copy;
  }

  private requireDay(day: number): YearSets {
    const year = Number(isoOfDay(day).slice(0, 4));
    const sets = this.years.get(year);
    if (!sets && this.assumeWeekdays) {
      this.assumedYears.add(year);
      return noDaysOff;
    }
    if (!sets) throw this.unknownYear(year);
    return sets;
  }

  private isWorkingDayNumber(day: number): boolean {
    const sets = this.requireDay(day);
    const date = isoOfDay(day);
    if (sets.workdays.has(date)) return true;
    if (sets.holidays.has(date)) return false;
    const weekday = weekdayOfDay(day);
    return weekday !== 0 && weekday !== 6;
  }

  private unknownYear(year: number): DomainError {
    const known = this.knownYears();
    const last = known[known.length - 1];
    const hint = last !== undefined && year > last ? `；${year}年的安排由国务院办公厅公布后，系统管理员可在“工作日历”中录入` : '';
    return new DomainError(
      'calendar.year_unknown',
      `工作日历中没有${year}年的节假日安排（已收录${describeYears(known)}），不能按工作日计算${hint}`,
    );
  }
}

/** A shipped year as it is stored in calendar-data.json, with the festival names the source gives. */
export interface ShippedYear {
  year: number;
  source: string;
  checkedAgainstNotice: boolean;
  notice: { title: string; docNo: string; docNoVerification: string; issued: string } | null;
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The years shipped with Lawtrail (2015–2026), from calendar-data.json; see its `source` block. */
export function shippedYears(): readonly ShippedYear[] {
  return shippedData.years as unknown as ShippedYear[];
}

/** Where the shipped years come from (package, notices, what was checked). */
export const shippedSource = shippedData.source;

let shipped: WorkCalendar | undefined;

/** The calendar of the shipped years only. Years an administrator added are in `loadCalendar(db)` (calendar module). */
export function shippedCalendar(): WorkCalendar {
  shipped ??= new WorkCalendar(shippedYears().map(toCalendarYear));
  return shipped;
}

export function toCalendarYear(year: ShippedYear): CalendarYear {
  return { year: year.year, holidays: Object.keys(year.holidays), workdays: Object.keys(year.workdays) };
}
