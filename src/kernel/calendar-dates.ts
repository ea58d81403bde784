/**
 * Dates as the working-day calendar handles them: 'YYYY-MM-DD' strings of the Gregorian calendar, without time or time
 * zone (a date in China is a date). Pure TypeScript without Node imports, so the web app can use it too.
 */
import { DomainError } from './errors.js';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

export const weekdayNames = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a valid 'YYYY-MM-DD', or null when the text is not such a date (2026-02-30, 2026-2-3). */
export function dayNumberOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = isoPattern.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day) / msPerDay;
}

export function isIsoDate(value: unknown): value is string {
  return dayNumberOf(value) !== null;
}

/**
 * The day number of a date, or a `request.invalid` error naming what was wrong. `what` names the value in the message
 * (e.g. 起算日期).
 */
export function parseIsoDate(value: string, what = '日期'): number {
  const day = dayNumberOf(value);
  if (day === null) {
    throw new DomainError('request.invalid', `${what}“${String(value)}”不是有效的日期：应为 YYYY-MM-DD 格式的公历日期，如 2026-11-22`);
  }
  return day;
}

/** 'YYYY-MM-DD' of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function weekdayOf(date: string): number {
  return weekdayOfDay(parseIsoDate(date));
}

export function isWeekend(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

export function yearOf(date: string): number {
  parseIsoDate(date);
  return Number(date.slice(0, 4));
}

/** Plain calendar arithmetic: the date n days after `date` (n may be negative). Needs no holiday data. */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new DomainError('request.invalid', `天数应为整数，收到 ${String(n)}`);
  return isoOfDay(parseIsoDate(date) + n);
}
