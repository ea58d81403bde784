import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { integrate, verifyLedger } from '../../ledger/index.js';
import { calendarStateChecks, loadCalendar } from './index.js';

// An arrangement for 2027 made up for the test (the real notice comes out in November 2026): Friday 2027-01-01 is 元旦;
// make-up working days on Saturdays 02-20, 05-08, 10-09 and Sunday 09-26.
const year2027 = {
  year: 2027,
  holidays: [
    ...['01-01', '01-02', '01-03'],
    ...['02-05', '02-06', '02-07', '02-08', '02-09', '02-10', '02-11', '02-12'],
    ...['04-03', '04-04', '04-05'],
    ...['05-01', '05-02', '05-03', '05-04', '05-05'],
    '06-09',
    '09-15',
    ...['10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07'],
  ].map((md) => `2027-${md}`),
  workdays: ['2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
  source: '国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）',
};

describe.each(dialects)('the working-day calendar over HTTP (%s)', (dialect) => {
  const t = useTestApp(dialect);
  const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
  const ledgerSize = async () => Number((await t.system.ctx.db.selectFrom('ledger_state').select('size').executeTakeFirstOrThrow()).size);
  const rowCount = async () => (await t.system.ctx.db.selectFrom('calendar_years').select('year').execute()).length;

  it('answers the public, without signing in, around National Day and Spring Festival', async () => {
    for (const [date, days, expected] of [
      ['2024-09-30', 7, '2024-10-15'],
      ['2025-09-30', 7, '2025-10-16'],
      ['2026-02-14', 7, '2026-03-03'],
      ['2019-02-01', 7, '2019-02-15'],
      ['2026-02-15', 0, '2026-02-24'],
    ] as const) {
      const response = await anonymous(`/api/calendar/add-working-days?date=${date}&days=${days}`);
      expect([date, response.statusCode, response.json()]).toEqual([date, 200, { date: expected }]);
    }
    const between = await anonymous('/api/calendar/working-days-between?from=2024-02-09&to=2024-02-26');
    expect(between.json()).toEqual({ days: 7 });
    expect((await anonymous('/api/calendar/working-days-between?from=2024-02-26&to=2024-02-09')).json()).toEqual({ days: -7 });
  });

  it('answers a wrong date or count with a Chinese problem naming the field', async () => {
    for (const url of [
      '/api/calendar/add-working-days?date=2026-02-30&days=1',
      '/api/calendar/add-working-days?date=2026/03/01&days=1',
      '/api/calendar/add-working-days?days=1',
    ]) {
      const response = await anonymous(url);
      expect([url, response.statusCode, response.headers['content-type']]).toEqual([url, 400, 'application/problem+json; charset=utf-8']);
      expect(response.json()).toMatchObject({ code: 'request.invalid', title: '请求参数不符合要求', errors: [{ pointer: '/date' }] });
    }
    const negative = await anonymous('/api/calendar/add-working-days?date=2026-03-02&days=-1');
    expect(negative.json()).toMatchObject({ status: 400, errors: [{ pointer: '/days', detail: '不能小于0' }] });
  });

  it('refuses a date beyond the known years instead of guessing', async () => {
    for (const url of [
      '/api/calendar/add-working-days?date=2026-12-31&days=1',
      '/api/calendar/add-working-days?date=2014-06-03&days=1',
      '/api/calendar/working-days-between?from=2026-12-01&to=2027-01-08',
      '/api/calendar/years/2030',
    ]) {
      const response = await anonymous(url);
      expect([url, response.statusCode]).toEqual([url, 400]);
      expect(response.json()).toMatchObject({ code: 'calendar.year_unknown', title: '日期超出已知的工作日历年份' });
      expect(response.json().detail).toContain('2015年至2026年');
    }
  });

  it('lists the known years with their source, and shows one year day by day', async () => {
    const list = (await anonymous('/api/calendar/years')).json();
    expect(list.items.map((y: { year: number }) => y.year)).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
    expect(list.items[0]).toMatchObject({ year: 2015, origin: 'shipped', checkedAgainstNotice: false, notice: null, holidayCount: 25 });
    expect(list.items[9]).toMatchObject({
      year: 2024,
      checkedAgainstNotice: true,
      notice: { title: '国务院办公厅关于2024年部分节假日安排的通知', docNo: '国办发明电〔2023〕7号' },
      holidayCount: 28,
      workdayCount: 8,
    });
    expect(list.description).toContain('chinese-days 1.5.7');
    const year = (await anonymous('/api/calendar/years/2026')).json();
    expect(year.workdays).toEqual([
      { date: '2026-01-04', weekday: '星期日', name: '元旦' },
      { date: '2026-02-14', weekday: '星期六', name: '春节' },
      { date: '2026-02-28', weekday: '星期六', name: '春节' },
      { date: '2026-05-09', weekday: '星期六', name: '劳动节' },
      { date: '2026-09-20', weekday: '星期日', name: '国庆节' },
      { date: '2026-10-10', weekday: '星期六', name: '国庆节' },
    ]);
    expect(year.holidays).toHaveLength(33);
  });

  it('lets only an administrator add a year', async () => {
    // Signing in is itself recorded, so count after it.
    const others = await Promise.all(['supervisor', 'officer.a', 'head.a'].map((username) => signIn(t.app, username)));
    const [sizeBefore, rowsBefore] = [await ledgerSize(), await rowCount()];
    const stranger = await t.app.inject({ method: 'POST', url: '/api/calendar/years', payload: year2027 });
    expect(stranger.statusCode).toBe(401);
    for (const client of others) {
      const response = await client.request({ method: 'POST', url: '/api/calendar/years', payload: year2027 });
      expect([client.username, response.statusCode, response.json().title]).toEqual([client.username, 403, '无权进行此操作']);
    }
    expect([await ledgerSize(), await rowCount()]).toEqual([sizeBefore, rowsBefore]);
  });

  it('refuses a malformed or inconsistent year with JSON pointers and stores nothing', async () => {
    const [sizeBefore, rowsBefore] = [await ledgerSize(), await rowCount()];
    const post = (payload: unknown) => t.admin.request({ method: 'POST', url: '/api/calendar/years', payload: payload as object });

    const malformed = await post({ year: '2027', holidays: ['2027-1-1'], extra: true });
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/extra', '/holidays/0', '/source', '/workdays', '/year']);

    const inconsistent = await post({
      ...year2027,
      holidays: [...year2027.holidays.filter((d) => d !== '2027-05-02'), '2026-12-31'],
      workdays: ['2027-02-10', '2027-02-20'],
    });
    expect(inconsistent.statusCode).toBe(400);
    const problem = inconsistent.json();
    expect(problem).toMatchObject({ code: 'calendar.invalid', title: '节假日安排不正确' });
    expect(problem.errors).toEqual([
      { pointer: '/holidays/27', detail: '2026-12-31 不在2027年内：每年只录入落在该年的日期' },
      { pointer: '/workdays/0', detail: '调休上班日应为星期六或星期日，2027-02-10 是星期三' },
      { pointer: '/workdays/0', detail: '2027-02-10 同时列为放假日期，一天不能既放假又上班' },
      { pointer: '/holidays', detail: expect.stringContaining('缺少法定节假日 2027-05-02（劳动节）') },
    ]);

    const skipping = await post({ ...year2028(), source: '国务院办公厅关于2028年部分节假日安排的通知' });
    expect(skipping.statusCode).toBe(400);
    expect(skipping.json().errors[0]).toEqual({
      pointer: '/year',
      detail: '只能录入2027年：工作日历已收录2015年至2026年，新的年份须紧接最后一个已知年份',
    });

    const shipped = await post({ ...year2027, year: 2026, holidays: [], workdays: [] });
    expect(shipped.statusCode).toBe(409);
    expect(shipped.json()).toMatchObject({ code: 'calendar.year_exists', errors: [{ pointer: '/year' }] });

    expect([await ledgerSize(), await rowCount()]).toEqual([sizeBefore, rowsBefore]);
  });

  it('adds 2027 as an administrator: deadlines reach into 2027, and the ledger records it', async () => {
    const sizeBefore = await ledgerSize();
    const created = await t.admin.request({ method: 'POST', url: '/api/calendar/years', payload: year2027 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ year: 2027, origin: 'added', source: year2027.source, notice: null });
    expect(created.json().workdays[0]).toEqual({ date: '2027-02-20', weekday: '星期六', name: null });

    expect((await anonymous('/api/calendar/add-working-days?date=2026-12-31&days=1')).json()).toEqual({ date: '2027-01-04' });
    expect((await anonymous('/api/calendar/add-working-days?date=2027-09-30&days=3')).json()).toEqual({ date: '2027-10-11' });
    expect((await loadCalendar(t.system.ctx.db)).knownYears().at(-1)).toBe(2027);
    const list = (await anonymous('/api/calendar/years')).json();
    expect(list.items.at(-1)).toMatchObject({ year: 2027, origin: 'added', holidayCount: 28, workdayCount: 4 });
    expect((await anonymous('/api/calendar/add-working-days?date=2027-12-31&days=1')).json().detail).toContain('2015年至2027年');

    expect(await ledgerSize()).toBe(sizeBefore + 1);
    const event = await t.system.ctx.db.selectFrom('ledger_events').selectAll().where('seq', '=', sizeBefore).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'calendar.year_added', subject_type: 'calendar_year', subject_id: '2027', agency_id: null });
    expect(JSON.parse(event.payload).state).toMatchObject({ year: 2027, workdays: year2027.workdays, source: year2027.source });

    const again = await t.admin.request({ method: 'POST', url: '/api/calendar/years', payload: year2027 });
    expect(again.statusCode).toBe(409);
    expect(await ledgerSize()).toBe(sizeBefore + 1);
  });

  it('lets lawtrail verify find an added year changed by SQL behind the application', async () => {
    const { db, dialect: d, ledgerKeys } = t.system.ctx;
    await integrate(db, d, ledgerKeys);
    expect((await verifyLedger(db, ledgerKeys, calendarStateChecks)).findings).toEqual([]);
    const days = JSON.stringify({ holidays: year2027.holidays.filter((date) => date !== '2027-10-07'), workdays: year2027.workdays });
    await sql`update calendar_years set days = ${days} where year = 2027`.execute(db);
    expect((await verifyLedger(db, ledgerKeys, calendarStateChecks)).findings).toEqual([
      '工作日历年份 2027 的数据与账本最近一条记录不符（字段：holidays）：数据被绕过系统改动',
    ]);
    await sql`delete from calendar_years where year = 2027`.execute(db);
    expect((await verifyLedger(db, ledgerKeys, calendarStateChecks)).findings).toEqual(['工作日历年份 2027 已被删除，账本中仍有其记录']);
  });
});

function year2028() {
  return {
    year: 2028,
    holidays: ['2028-01-01', '2028-05-01', '2028-05-02', '2028-10-01', '2028-10-02', '2028-10-03'],
    workdays: [],
  };
}
