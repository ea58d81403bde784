/**
 * What a year's holiday arrangement must satisfy before it joins the calendar (an administrator types in the State
 * Council General Office's notice each November). Pure TypeScript; the calendar module turns the findings into a 400
 * with JSON-pointer errors, and the staff app could show them before sending.
 */
import { dayNumberOf, weekdayNames, weekdayOfDay } from './calendar-dates.js';
import type { FieldError } from './errors.js';

export interface YearArrangement {
  year: number;
  holidays: readonly string[];
  workdays: readonly string[];
  source: string;
}

/**
 * Dates fixed by 《全国年节及纪念日放假办法》 Art. 2, which every arrangement gives as days off: 元旦 1 January, 劳动节
 * 1 May (and 2 May since the 2024 revision, in force from 2025), 国庆节 1–3 October. The lunar festivals (春节, 清明, 端午,
 * 中秋) move each year and are not checked here.
 */
export function statutoryFixedDays(year: number): { date: string; name: string }[] {
  const days = [
    { md: '01-01', name: '元旦' },
    { md: '05-01', name: '劳动节' },
    ...(year >= 2025 ? [{ md: '05-02', name: '劳动节' }] : []),
    { md: '10-01', name: '国庆节' },
    { md: '10-02', name: '国庆节' },
    { md: '10-03', name: '国庆节' },
  ];
  return days.map(({ md, name }) => ({ date: `${year}-${md}`, name }));
}

function checkDates(list: readonly string[], field: 'holidays' | 'workdays', year: number, errors: FieldError[]): Set<string> {
  const seen = new Map<string, number>();
  list.forEach((date, index) => {
    const pointer = `/${field}/${index}`;
    const day = dayNumberOf(date);
    if (day === null) {
      errors.push({ pointer, detail: `“${String(date)}”不是有效的日期，应为 YYYY-MM-DD 格式，如 ${year}-10-01` });
    } else if (!date.startsWith(`${year}-`)) {
      errors.push({ pointer, detail: `${date} 不在${year}年内：每年只录入落在该年的日期` });
    } else if (seen.has(date)) {
      errors.push({ pointer, detail: `${date} 与第 ${(seen.get(date) as number) + 1} 项重复` });
    } else {
      seen.set(date, index);
      if (field === 'workdays') {
        const weekday = weekdayOfDay(day);
        if (weekday !== 0 && weekday !== 6) {
          errors.push({ pointer, detail: `调休上班日应为星期六或星期日，${date} 是${weekdayNames[weekday]}` });
        }
      }
    }
  });
  return new Set(seen.keys());
}

/** Every problem of the arrangement, each at its JSON pointer; empty when it may be added. */
export function checkYearArrangement(input: YearArrangement): FieldError[] {
  const { year } = input;
  const errors: FieldError[] = [];
  if (!Number.isSafeInteger(year) || year < 2000 || year > 2100) {
    return [{ pointer: '/year', detail: '年份应为 2000 至 2100 之间的整数' }];
  }
  const holidays = checkDates(input.holidays, 'holidays', year, errors);
  const workdays = checkDates(input.workdays, 'workdays', year, errors);
  input.workdays.forEach((date, index) => {
    if (holidays.has(date)) errors.push({ pointer: `/workdays/${index}`, detail: `${date} 同时列为放假日期，一天不能既放假又上班` });
  });
  const missing = statutoryFixedDays(year).filter(({ date }) => !holidays.has(date));
  if (missing.length > 0) {
    errors.push({
      pointer: '/holidays',
      detail: `缺少法定节假日 ${missing.map(({ date, name }) => `${date}（${name}）`).join('、')}：《全国年节及纪念日放假办法》第二条规定这些日期放假`,
    });
  }
  // Every make-up working day pays for a weekday given off, so there are never more of them than weekdays off.
  const weekdaysOff = [...holidays].filter((date) => {
    const weekday = weekdayOfDay(dayNumberOf(date) as number);
    return weekday !== 0 && weekday !== 6;
  }).length;
  if (workdays.size > weekdaysOff) {
    errors.push({
      pointer: '/workdays',
      detail: `调休上班日（${workdays.size}天）多于在工作日放假的天数（${weekdaysOff}天）：每个调休上班日都应对应一个放假的工作日`,
    });
  }
  const source = input.source.trim();
  const named = /关于(\d{4})年部分节假日安排/.exec(source);
  if (source.length < 4) {
    errors.push({
      pointer: '/source',
      detail: `请填写通知的名称和文号，如“国务院办公厅关于${year}年部分节假日安排的通知（国办发明电〔${year - 1}〕X号）”`,
    });
  } else if (named && Number(named[1]) !== year) {
    errors.push({ pointer: '/source', detail: `来源写的是${named[1]}年的通知，录入的却是${year}年` });
  }
  return errors;
}
