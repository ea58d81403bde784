import dayjs, { type Dayjs } from 'dayjs';
import { todayInChina } from '../../shared/format';

/** DatePicker shows 2026年11月22日 and also accepts 2026-11-22 typed in. */
export const dateFormats = ['YYYY年M月D日', 'YYYY-MM-DD'];

/** The API's YYYY-MM-DD. */
export function toDateText(value: Dayjs): string {
  return value.format('YYYY-MM-DD');
}

export function optionalDateText(value: Dayjs | null | undefined): string | undefined {
  return value ? toDateText(value) : undefined;
}

export function fromDateText(value: string | null | undefined): Dayjs | undefined {
  return value ? dayjs(value) : undefined;
}

/**
 * Today in Beijing time as a DatePicker value: the default of a form's date.
 * The server counts dates in China (UTC+8), so a browser set to another zone
 * (or a test machine in UTC after 16:00) still proposes the day the server accepts.
 */
export function today(): Dayjs {
  return dayjs(todayInChina());
}

/** DatePicker's disabledDate for "not in the future": days after today in China. */
export function isAfterToday(day: Dayjs): boolean {
  return day.isAfter(today(), 'day');
}
