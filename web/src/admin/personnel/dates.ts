import dayjs, { type Dayjs } from 'dayjs';

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
