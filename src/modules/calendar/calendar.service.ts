import type { Executor } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { type Actor, hasRole } from '../../kernel/actor.js';
import {
  type CalendarYear,
  describeYears,
  type ShippedYear,
  shippedSource,
  shippedYears,
  toCalendarYear,
  WorkCalendar,
  weekdayNames,
} from '../../kernel/calendar.js';
import { weekdayOf } from '../../kernel/calendar-dates.js';
import { checkYearArrangement } from '../../kernel/calendar-rules.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError, type FieldError } from '../../kernel/errors.js';
import { appendEvent } from '../../ledger/index.js';
import * as repo from './calendar.repo.js';
import type { AddYearInput } from './calendar.schema.js';
import { type AddedYear, presentAddedYear, toCalendarYearOfRow } from './presenters.js';

/**
 * The calendar every deadline uses: the shipped years (src/kernel/calendar-data.json) and the years an administrator
 * added (table calendar_years). Should a later release ship a year that was added here, the added row wins: it is what
 * this deployment recorded in its ledger and has counted with. Read on each call (one small query), so that every server
 * process sees a year as soon as it is added.
 */
export async function loadCalendar(db: Executor): Promise<WorkCalendar> {
  const added = (await repo.listAddedYears(db)).map(presentAddedYear);
  const damaged = added.find((year) => year.damaged !== undefined);
  if (damaged) throw new Error(`工作日历 ${damaged.year} 年的数据已损坏（calendar_years.days 不是有效的日期列表），请运行 lawtrail verify`);
  const addedYears = new Set(added.map((year) => year.year));
  const years: CalendarYear[] = [
    ...shippedYears()
      .filter((year) => !addedYears.has(year.year))
      .map(toCalendarYear),
    ...added.map(toCalendarYearOfRow),
  ];
  try {
    return new WorkCalendar(years);
  } catch (error) {
    throw new Error(`工作日历的数据不一致：${error instanceof Error ? error.message : String(error)}，请运行 lawtrail verify`);
  }
}

export async function addWorkingDays(ctx: AppContext, query: { date: string; days: number }) {
  return { date: (await loadCalendar(ctx.db)).addWorkingDays(query.date, query.days) };
}

export async function workingDaysBetween(ctx: AppContext, query: { from: string; to: string }) {
  return { days: (await loadCalendar(ctx.db)).workingDaysBetween(query.from, query.to) };
}

function summaryOfShipped(year: ShippedYear) {
  return {
    year: year.year,
    origin: 'shipped' as const,
    source: year.source,
    checkedAgainstNotice: year.checkedAgainstNotice,
    notice: year.notice,
    addedAt: null,
  };
}

function summaryOfAdded(year: AddedYear) {
  return {
    year: year.year,
    origin: 'added' as const,
    source: year.source,
    checkedAgainstNotice: false,
    notice: null,
    addedAt: year.createdAt,
  };
}

async function allYears(db: Executor) {
  const added = new Map((await repo.listAddedYears(db)).map((row) => [Number(row.year), presentAddedYear(row)]));
  const shipped = shippedYears().filter((year) => !added.has(year.year));
  return { added, shipped };
}

export async function listYears(ctx: AppContext) {
  const { added, shipped } = await allYears(ctx.db);
  const items = [
    ...shipped.map((year) => ({
      ...summaryOfShipped(year),
      holidayCount: Object.keys(year.holidays).length,
      workdayCount: Object.keys(year.workdays).length,
    })),
    ...[...added.values()].map((year) => ({
      ...summaryOfAdded(year),
      holidayCount: year.holidays.length,
      workdayCount: year.workdays.length,
    })),
  ].sort((a, b) => a.year - b.year);
  const pkg = shippedSource.package;
  const description = [
    `随系统发布的年份来自 npm 包 ${pkg.name} ${pkg.version}（${pkg.files}）。`,
    `${describeYears(shippedSource.checkedAgainstNotices.years)}已与国务院办公厅通知原文逐日核对。`,
    shippedSource.notCheckedHere ?? '',
    added.size > 0 ? `${describeYears([...added.keys()])}由系统管理员根据国务院办公厅通知录入。` : '',
  ].join('');
  return { items, description };
}

const day = (date: string, name: string | null) => ({ date, weekday: weekdayNames[weekdayOf(date)] as string, name });

export async function getYear(ctx: AppContext, year: number) {
  const { added, shipped } = await allYears(ctx.db);
  const row = added.get(year);
  if (row) return presentDetail(row);
  const found = shipped.find((y) => y.year === year);
  if (!found) {
    const known = [...shipped.map((y) => y.year), ...added.keys()];
    throw new DomainError('calendar.year_unknown', `工作日历中没有${year}年的节假日安排（已收录${describeYears(known)}）`);
  }
  return {
    ...summaryOfShipped(found),
    holidays: Object.entries(found.holidays).map(([date, name]) => day(date, name)),
    workdays: Object.entries(found.workdays).map(([date, name]) => day(date, name)),
  };
}

function presentDetail(year: AddedYear) {
  return {
    ...summaryOfAdded(year),
    holidays: year.holidays.map((date) => day(date, null)),
    workdays: year.workdays.map((date) => day(date, null)),
  };
}

function requireAdministrator(actor: Actor): void {
  if (actor.kind === 'system' || hasRole(actor, 'administrator')) return;
  throw new DomainError('auth.forbidden', '只有系统管理员可以录入工作日历');
}

function yearExists(year: number): DomainError {
  const detail = `${year}年的节假日安排已在工作日历中，不能重复录入`;
  return new DomainError('calendar.year_exists', detail, { errors: [{ pointer: '/year', detail }] });
}

/**
 * An administrator adds the next year from the State Council General Office's notice. Only the year after the last known
 * one may be added, so the calendar never has a gap; the row and its ledger event are written in one transaction.
 */
export async function addYear(ctx: AppContext, actor: Actor, input: AddYearInput) {
  requireAdministrator(actor);
  const source = input.source.trim();
  const errors: FieldError[] = checkYearArrangement({ ...input, source });
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const known = (await loadCalendar(trx)).knownYears();
      if (known.includes(input.year)) throw yearExists(input.year);
      const next = (known[known.length - 1] ?? input.year - 1) + 1;
      if (input.year !== next) {
        errors.unshift({
          pointer: '/year',
          detail: `只能录入${next}年：工作日历已收录${describeYears(known)}，新的年份须紧接最后一个已知年份`,
        });
      }
      if (errors.length > 0) {
        throw new DomainError('calendar.invalid', errors.map((e) => e.detail).join('；'), { errors });
      }
      const row = {
        year: input.year,
        days: JSON.stringify({ holidays: [...input.holidays].sort(), workdays: [...input.workdays].sort() }),
        source,
        created_by: actor.kind === 'user' ? actor.userId : `system:${actor.label}`,
        created_at: nowIso(),
      };
      await repo.insertAddedYear(trx, row);
      const added = presentAddedYear(row);
      await appendEvent(trx, {
        actor,
        agencyId: null,
        subjectType: 'calendar_year',
        subjectId: String(input.year),
        action: 'calendar.year_added',
        state: added,
      });
      return presentDetail(added);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw yearExists(input.year);
    throw error;
  }
}
