/**
 * Dates in the staff app and the portal are written the way Chinese official
 * documents write them: 2026年11月22日, and with a time 2026年11月22日 14:05.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');
dayjs.extend(utc);

/** Beijing time, UTC+8 all year: the zone every date and time on the platform is counted in. */
const CHINA_OFFSET_MINUTES = 8 * 60;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

type DateInput = string | number | Date | null | undefined;

/**
 * A value as Beijing time, whatever zone the browser is set to: a timestamp is
 * moved to UTC+8, a date alone (YYYY-MM-DD) is already a date in China and stays as it is.
 */
function inChina(value: string | number | Date): Dayjs {
  return typeof value === 'string' && DATE_ONLY.test(value) ? dayjs(value) : dayjs(value).utcOffset(CHINA_OFFSET_MINUTES);
}

/** Today's date in China as YYYY-MM-DD, the date the server counts deadlines and records in. */
export function todayInChina(): string {
  return dayjs().utcOffset(CHINA_OFFSET_MINUTES).format('YYYY-MM-DD');
}

export function formatDate(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = inChina(value);
  return d.isValid() ? d.format('YYYY年M月D日') : '—';
}

export function formatDateTime(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = inChina(value);
  return d.isValid() ? d.format('YYYY年M月D日 HH:mm') : '—';
}

/** A short description of a browser's user-agent string, for the sessions list. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return '未知';
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /(Chrome|Chromium)\//.test(ua)
        ? /HeadlessChrome/.test(ua)
          ? 'Chromium（无界面）'
          : 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (!browser && !os) return ua.length > 40 ? `${ua.slice(0, 40)}…` : ua;
  return [browser, os].filter(Boolean).join(' · ');
}

/** Placeholder for an empty optional value. */
export function orDash(value: string | null | undefined): string {
  return value && value.trim() !== '' ? value : '—';
}
