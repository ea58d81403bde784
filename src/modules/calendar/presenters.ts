import type { CalendarYear } from '../../kernel/calendar.js';
import type { CalendarYearRow } from './calendar.repo.js';

/** An added year as its row says, and as its ledger event records it. */
export interface AddedYear {
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
  createdBy: string;
  createdAt: string;
}

function dates(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((d) => typeof d === 'string') ? [...value].sort() : null;
}

/**
 * The row's `days` JSON read strictly: a row whose JSON was damaged behind the application's back is presented with its
 * raw text, so that `lawtrail verify` reports it and `loadCalendar` refuses it.
 */
export function presentAddedYear(row: CalendarYearRow): AddedYear & { damaged?: string } {
  let parsed: { holidays?: unknown; workdays?: unknown } | null = null;
  try {
    parsed = JSON.parse(row.days) as { holidays?: unknown; workdays?: unknown };
  } catch {
    parsed = null;
  }
  const holidays = dates(parsed?.holidays);
  const workdays = dates(parsed?.workdays);
  const base = { year: Number(row.year), source: row.source, createdBy: row.created_by, createdAt: row.created_at };
  if (!holidays || !workdays) return { ...base, holidays: [], workdays: [], damaged: row.days };
  return { ...base, holidays, workdays };
}

export function toCalendarYearOfRow(year: AddedYear): CalendarYear {
  return { year: year.year, holidays: year.holidays, workdays: year.workdays };
}
