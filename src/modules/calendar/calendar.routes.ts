import { requireActor } from '../../http/auth.js';
import { withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import {
  AddWorkingDaysQuery,
  AddWorkingDaysResult,
  AddYearBody,
  BetweenQuery,
  BetweenResult,
  YearDetail,
  YearList,
  YearParams,
} from './calendar.schema.js';
import * as calendar from './calendar.service.js';

const counting =
  '工作日按国务院办公厅每年公布的节假日安排计算：星期一至星期五为工作日，通知中的放假日期除外；通知中的调休上班日（星期六或星期日）为工作日。' +
  '期间从起算日期的次日开始计算，起算日期当日不计入。';
const refusal =
  '工作日历只收录已知年份（随系统发布 2015—2026 年，其后由系统管理员录入）；计算需要查看已知年份以外的任何一天时返回 400 calendar.year_unknown，不作推测。';

export function registerCalendarRoutes(app: App, ctx: AppContext): void {
  const tags = ['工作日历'];

  app.get(
    '/api/calendar/add-working-days',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '某日之后的第 N 个工作日（无需登录）',
        description: `${counting}days = 0 时返回该日本身（该日不是工作日时为其后第一个工作日）。${refusal}\n\n例：\`GET /api/calendar/add-working-days?date=2024-09-30&days=7\` → \`{ "date": "2024-10-15" }\`（10月1日至7日放假，10月12日星期六上班）。`,
        querystring: AddWorkingDaysQuery,
        response: withErrors({ 200: AddWorkingDaysResult }),
      },
    },
    async (request) => calendar.addWorkingDays(ctx, request.query),
  );

  app.get(
    '/api/calendar/working-days-between',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '两个日期之间的工作日天数（无需登录）',
        description: `${counting}计入 from 之后至 to（含）的工作日；to 早于 from 时为负数，两日相同时为 0。${refusal}`,
        querystring: BetweenQuery,
        response: withErrors({ 200: BetweenResult }),
      },
    },
    async (request) => calendar.workingDaysBetween(ctx, request.query),
  );

  app.get(
    '/api/calendar/years',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '工作日历收录的年份及其来源（无需登录）',
        response: withErrors({ 200: YearList }),
      },
    },
    async () => calendar.listYears(ctx),
  );

  app.get(
    '/api/calendar/years/:year',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '某一年的放假日期与调休上班日（无需登录）',
        description: '未收录的年份返回 400 calendar.year_unknown。',
        params: YearParams,
        response: withErrors({ 200: YearDetail }),
      },
    },
    async (request) => calendar.getYear(ctx, request.params.year),
  );

  app.post(
    '/api/calendar/years',
    {
      schema: {
        tags,
        summary: '录入下一年的节假日安排（系统管理员）',
        description:
          '每年 11 月前后国务院办公厅公布下一年的部分节假日安排后，由系统管理员按通知录入：全部放假日期、调休上班日和通知名称及文号。' +
          '只能录入已知最后一年的下一年；日期须在该年内，调休上班日须为星期六或星期日，同一天不能既放假又上班，' +
          '须含《全国年节及纪念日放假办法》规定的固定日期（1月1日、5月1日至2日、10月1日至3日）。' +
          '不符合时返回 400 calendar.invalid，errors[].pointer 指出字段（如 /workdays/2）；该年已存在时返回 409 calendar.year_exists。' +
          '录入与其记录账本事件（calendar.year_added）在同一事务中写入。',
        body: AddYearBody,
        response: withErrors({ 201: YearDetail }),
      },
    },
    async (request, reply) => reply.code(201).send(await calendar.addYear(ctx, await requireActor(ctx, request), request.body)),
  );
}
