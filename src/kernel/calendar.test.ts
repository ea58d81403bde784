import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, describeYears, shippedCalendar, shippedSource, shippedYears, toCalendarYear, WorkCalendar } from './calendar.js';
import { isIsoDate, weekdayOf } from './calendar-dates.js';
import { checkYearArrangement } from './calendar-rules.js';
import { DomainError } from './errors.js';

const calendar = shippedCalendar();

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

// Every expected date below was counted by hand from the notice's dates and a weekday table, not from the code.
describe('the n-th working day after a date, around Spring Festival and National Day', () => {
  it.each([
    // 2015 春节 02-18 (Wed)..02-24 off; make-up Sun 02-15, Sat 02-28.
    ['2015-02-17', 7, '2015-03-04'],
    // 2015 国庆 10-01..10-07 off; make-up Sat 10-10.
    ['2015-09-30', 7, '2015-10-15'],
    // 2015-09-03/04 (70th anniversary of the victory) off; make-up Sun 09-06.
    ['2015-09-02', 1, '2015-09-06'],
    // 2019 春节 02-04..02-10 off; make-up Sat 02-02 and Sun 02-03.
    ['2019-02-01', 7, '2019-02-15'],
    ['2019-02-03', 7, '2019-02-19'],
    // 2019 国庆 10-01..10-07 off; make-up Sun 09-29, Sat 10-12.
    ['2019-09-30', 7, '2019-10-15'],
    // 2020 春节 01-24..02-02 off (extended by the State Council; the make-up Saturday 02-01 was cancelled); make-up Sun 01-19.
    ['2020-01-23', 7, '2020-02-11'],
    // 2020 国庆 and 中秋 10-01..10-08 off; make-up Sun 09-27, Sat 10-10.
    ['2020-09-30', 7, '2020-10-16'],
    // 2024 春节 02-10..02-17 off; make-up Sun 02-04 and Sun 02-18.
    ['2024-02-09', 7, '2024-02-26'],
    ['2024-02-09', 1, '2024-02-18'],
    ['2024-02-02', 1, '2024-02-04'],
    // 2024 国庆 10-01..10-07 off; make-up Sun 09-29, Sat 10-12.
    ['2024-09-30', 7, '2024-10-15'],
    // 2025 春节 01-28..02-04 off; make-up Sun 01-26, Sat 02-08.
    ['2025-01-27', 7, '2025-02-12'],
    // 2025 国庆 and 中秋 10-01..10-08 off; make-up Sun 09-28, Sat 10-11.
    ['2025-09-30', 7, '2025-10-16'],
    // 2026 春节 02-15..02-23 off; make-up Sat 02-14, Sat 02-28.
    ['2026-02-14', 7, '2026-03-03'],
    ['2026-02-13', 7, '2026-03-02'],
    // 2026 国庆 10-01..10-07 off; make-up Sun 09-20, Sat 10-10.
    ['2026-09-30', 7, '2026-10-15'],
  ])('addWorkingDays(%s, %i) = %s', (date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
    expect(calendar.workingDaysBetween(date, expected)).toBe(n);
  });

  it('counts make-up Saturdays and Sundays as working days, and holidays on weekdays as rest days', () => {
    for (const date of ['2024-02-04', '2024-02-18', '2024-09-29', '2024-10-12', '2026-01-04', '2026-02-14', '2026-02-28', '2015-09-06']) {
      expect([date, weekdayOf(date) % 6 === 0, calendar.isWorkingDay(date)]).toEqual([date, true, true]);
    }
    for (const date of ['2024-02-12', '2024-10-07', '2025-10-08', '2026-02-23', '2020-01-31', '2015-09-04']) {
      expect([date, calendar.isWorkingDay(date)]).toEqual([date, false]);
    }
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // an ordinary Saturday
    expect(calendar.isWorkingDay('2026-03-09')).toBe(true); // an ordinary Monday
  });

  it('does not count the start day, starts from a rest day too, and gives the day itself (or the next working day) for 0', () => {
    expect(calendar.addWorkingDays('2026-03-09', 1)).toBe('2026-03-10');
    expect(calendar.addWorkingDays('2026-02-15', 1)).toBe('2026-02-24'); // from inside the Spring Festival break
    expect(calendar.addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
    expect(calendar.addWorkingDays('2026-02-15', 0)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-28', 0)).toBe('2026-02-28'); // a make-up Saturday is a working day
  });

  it('crosses month and year boundaries, including the 2019 New Year arranged in 2018', () => {
    expect(calendar.addWorkingDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(calendar.addWorkingDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(calendar.addWorkingDays('2018-12-28', 1)).toBe('2018-12-29'); // make-up Saturday for 2019 元旦
    expect(calendar.addWorkingDays('2018-12-29', 1)).toBe('2019-01-02'); // 12-30 Sun, 12-31 and 01-01 off
    expect(calendar.workingDaysBetween('2018-12-28', '2019-01-02')).toBe(2);
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // 01-01..01-03 off, Sunday 01-04 worked
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
  });

  it('counts the working days of whole years', () => {
    // Weekdays minus weekday holidays plus make-up days: 2024 262 − 19 + 8; 2025 261 − 18 + 5; 2026 261 − 19 + 6.
    expect(calendar.workingDaysBetween('2023-12-31', '2024-12-31')).toBe(251);
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('counts between two dates: after the first, up to and including the second; negative when reversed', () => {
    expect(calendar.workingDaysBetween('2024-02-09', '2024-02-26')).toBe(7);
    expect(calendar.workingDaysBetween('2024-02-26', '2024-02-09')).toBe(-7);
    expect(calendar.workingDaysBetween('2024-02-12', '2024-02-12')).toBe(0);
    expect(calendar.workingDaysBetween('2024-02-10', '2024-02-17')).toBe(0);
  });
});

describe('calendar-day periods', () => {
  it.each([
    ['2024-09-22', 15, '2024-10-08'], // 10-07 is the last day of National Day
    ['2026-07-03', 90, '2026-10-08'], // day 90 is 10-01
    ['2026-02-13', 15, '2026-02-28'], // a make-up Saturday stays
    ['2026-03-06', 1, '2026-03-09'], // an ordinary Saturday moves to Monday
    ['2026-03-07', 0, '2026-03-09'],
    ['2026-03-09', 15, '2026-03-24'],
  ])('calendarDeadline(%s, %i) = %s: a deadline on a rest day moves to the next working day', (date, n, expected) => {
    expect(calendar.calendarDeadline(date, n)).toBe(expected);
  });

  it('adds plain calendar days without any holiday data', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addCalendarDays('2030-01-01', 0)).toBe('2030-01-01');
  });
});

describe('refusing what it does not know', () => {
  it('refuses a date, or a step, outside the known years, naming the year and the range', () => {
    const beyond = errorOf(() => calendar.addWorkingDays('2026-12-31', 1));
    expect(beyond.code).toBe('calendar.year_unknown');
    expect(beyond.detail).toContain('2027年');
    expect(beyond.detail).toContain('2015年至2026年');
    expect(beyond.detail).toContain('系统管理员');
    const before = errorOf(() => calendar.addWorkingDays('2014-12-31', 1));
    expect(before.code).toBe('calendar.year_unknown');
    expect(before.detail).toContain('2014年');
    expect(before.detail).not.toContain('系统管理员');
    for (const run of [
      () => calendar.isWorkingDay('2027-01-04'),
      () => calendar.workingDaysBetween('2026-12-01', '2027-01-05'),
      () => calendar.workingDaysBetween('2014-12-01', '2015-01-05'),
      () => calendar.calendarDeadline('2026-12-20', 15),
    ]) {
      expect(errorOf(run).code).toBe('calendar.year_unknown');
    }
    // Only the days a calculation has to look at must be known: 2026-12-31 is a Thursday.
    expect(calendar.calendarDeadline('2026-12-16', 15)).toBe('2026-12-31');
    expect(calendar.addWorkingDays('2026-12-31', 0)).toBe('2026-12-31');
  });

  it('refuses dates that do not exist or are not written YYYY-MM-DD, and counts that are not whole non-negative numbers', () => {
    for (const date of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-2-3', '20260101', '', '2026-01-01T00:00:00Z', ' 2026-01-05']) {
      expect(isIsoDate(date)).toBe(false);
      const error = errorOf(() => calendar.addWorkingDays(date, 1));
      expect([date, error.code]).toEqual([date, 'request.invalid']);
      expect(error.detail).toContain('不是有效的日期');
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const n of [-1, 1.5, Number.NaN]) expect(errorOf(() => calendar.addWorkingDays('2026-03-09', n)).code).toBe('request.invalid');
  });

  it('knows 2015 to 2026, and takes an added year', () => {
    expect(calendar.knownYears()).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    const with2027 = new WorkCalendar([
      ...shippedYears().map(toCalendarYear),
      { year: 2027, holidays: ['2027-01-01', '2027-02-08'], workdays: ['2027-02-20'] },
    ]);
    expect(with2027.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // Fri 01-01 off
    expect(with2027.addWorkingDays('2027-02-05', 1)).toBe('2027-02-09');
    expect(with2027.isWorkingDay('2027-02-20')).toBe(true);
    expect(describeYears(with2027.knownYears())).toBe('2015年至2027年');
    expect(describeYears([2015, 2016, 2018])).toBe('2015年至2016年、2018年');
  });

  it('refuses year data that contradicts itself', () => {
    expect(errorOf(() => new WorkCalendar([{ year: 2027, holidays: ['2027-02-20'], workdays: ['2027-02-20'] }])).code).toBe(
      'calendar.invalid',
    );
    expect(errorOf(() => new WorkCalendar([{ year: 2027, holidays: ['2026-12-31'], workdays: [] }])).code).toBe('calendar.invalid');
    const twice = { year: 2027, holidays: [], workdays: [] };
    expect(errorOf(() => new WorkCalendar([twice, twice])).code).toBe('calendar.year_exists');
  });
});

interface Notice {
  year: number;
  title: string;
  doc_no: string;
  festivals: { festival: string; days_off: string[]; makeup_workdays: string[] }[];
}

describe('the shipped data', () => {
  const notices = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/public-holiday-notices.json'), 'utf8'))
    .years as Notice[];

  it.each([2024, 2025, 2026])('equals the State Council notice for %i, day for day', (year) => {
    const notice = notices.find((n) => n.year === year) as Notice;
    const shipped = shippedYears().find((y) => y.year === year);
    expect(shipped).toBeDefined();
    if (!shipped) return;
    const sorted = (list: string[]) => [...list].sort();
    expect(sorted(Object.keys(shipped.holidays))).toEqual(sorted(notice.festivals.flatMap((f) => f.days_off)));
    expect(sorted(Object.keys(shipped.workdays))).toEqual(sorted(notice.festivals.flatMap((f) => f.makeup_workdays)));
    // Festival names: the package writes 清明 for the notice's 清明节; 2025 has one break for 国庆节、中秋节.
    for (const festival of notice.festivals) {
      for (const date of [...festival.days_off, ...festival.makeup_workdays]) {
        const name = shipped.holidays[date] ?? shipped.workdays[date] ?? '';
        expect([date, festival.festival.split('、').some((part) => part.startsWith(name) && name !== '')]).toEqual([date, true]);
      }
    }
    expect(shipped.notice).toMatchObject({ title: notice.title, docNo: notice.doc_no });
    expect(shipped.checkedAgainstNotice).toBe(true);
  });

  it('says where each year comes from, and which years were not re-checked here', () => {
    expect(shippedSource.package).toMatchObject({ name: 'chinese-days', version: '1.5.7' });
    expect(shippedSource.checkedAgainstNotices.years).toEqual([2024, 2025, 2026]);
    expect(shippedSource.notCheckedHere).toContain('2015–2023');
    for (const year of shippedYears()) {
      expect(year.source).toBe(`chinese-days 1.5.7（dist/years/${year.year}.json）`);
      expect(year.checkedAgainstNotice).toBe(year.year >= 2024);
    }
  });

  it('passes the rules an added year must pass, every year', () => {
    for (const year of shippedYears()) {
      const source = year.notice?.title ?? `国务院办公厅关于${year.year}年部分节假日安排的通知`;
      const errors = checkYearArrangement({ ...toCalendarYear(year), source });
      expect([year.year, errors]).toEqual([year.year, []]);
    }
  });
});

describe('the rules for an added year', () => {
  const good = {
    year: 2027,
    holidays: ['2027-01-01', '2027-05-01', '2027-05-02', '2027-05-03', '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04'],
    workdays: ['2027-04-25'],
    source: '国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）',
  };

  it('accepts a consistent arrangement', () => {
    expect(checkYearArrangement(good)).toEqual([]);
  });

  it('names each wrong date by its JSON pointer, in Chinese', () => {
    const errors = checkYearArrangement({
      ...good,
      holidays: [...good.holidays, '2026-12-31', '2027-02-30', '2027-01-01'],
      workdays: ['2027-02-10', '2027-10-02', '2027-04-24'],
      source: '国务院办公厅关于2026年部分节假日安排的通知',
    });
    expect(errors).toEqual([
      { pointer: '/holidays/8', detail: expect.stringContaining('不在2027年内') },
      { pointer: '/holidays/9', detail: expect.stringContaining('不是有效的日期') },
      { pointer: '/holidays/10', detail: expect.stringContaining('重复') },
      { pointer: '/workdays/0', detail: '调休上班日应为星期六或星期日，2027-02-10 是星期三' },
      { pointer: '/workdays/1', detail: expect.stringContaining('同时列为放假日期') },
      { pointer: '/source', detail: '来源写的是2026年的通知，录入的却是2027年' },
    ]);
  });

  it('requires the fixed statutory holidays and no more make-up days than weekdays off', () => {
    const errors = checkYearArrangement({
      ...good,
      holidays: ['2027-01-01', '2027-10-01', '2027-10-02', '2027-10-03'],
      workdays: ['2027-04-24', '2027-04-25', '2027-05-08', '2027-05-09'],
    });
    expect(errors).toEqual([
      { pointer: '/holidays', detail: expect.stringContaining('2027-05-01（劳动节）、2027-05-02（劳动节）') },
      { pointer: '/workdays', detail: expect.stringContaining('调休上班日（4天）多于在工作日放假的天数（2天）') },
    ]);
    expect(checkYearArrangement({ ...good, source: ' ' })).toEqual([{ pointer: '/source', detail: expect.stringContaining('请填写') }]);
  });
});
