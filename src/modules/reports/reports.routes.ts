import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { StringEnum, withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { reportPdf, reportWorkbook } from './render.js';
import * as reports from './reports.service.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Year = Type.Integer({ minimum: 2015, maximum: 2100, description: '统计年度' });
const Version = Type.Integer({ minimum: 1, description: '当前 version（乐观锁）' });
const Series = Type.Array(Type.Object({ name: Type.String(), value: Type.Number() }));
const Report = Type.Object(
  {
    id: Type.String(),
    scopeKind: StringEnum(['agency', 'government'] as const),
    scopeId: Type.String(),
    scopeName: Type.String(),
    year: Type.Integer(),
    title: Type.String(),
    status: StringEnum(['draft', 'published'] as const),
    statusLabel: Type.String(),
    dueOn: Type.String({ description: '公开期限：次年1月31日' }),
    isOverdue: Type.Boolean(),
    figuresAsOf: Type.String(),
    figuresDigest: Type.String({ description: '全部数据及其统计来源的 SHA-256 摘要' }),
    sections: Type.Array(
      Type.Object({
        key: Type.String(),
        label: Type.String(),
        figures: Type.Array(
          Type.Object({
            key: Type.String(),
            label: Type.String(),
            value: Type.Union([Type.Number(), Type.Null()]),
            unit: Type.String(),
            note: Type.Union([Type.String(), Type.Null()]),
            sourceKind: Type.String(),
            sourceCount: Type.Integer(),
            sourcesDigest: Type.String({ description: '所统计记录标识（排序后逐行）的 SHA-256' }),
          }),
        ),
      }),
    ),
    charts: Type.Object({ byActionType: Series, outcomes: Series, review: Series, disclosure: Series }),
    narrative: Type.Object({ overview: Type.String(), problems: Type.String(), plans: Type.String() }),
    publishedOn: Type.Union([Type.String(), Type.Null()]),
    publishedBy: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    ledgerSeq: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  },
  { description: '行政执法统计年报' },
);
const Params = Type.Object({ id: Id });
const FileBytes = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });

export function registerReportRoutes(app: App, ctx: AppContext): void {
  const tags = ['统计年报'];
  const verifyUrl = (id: string) => `${ctx.config.publicUrl ?? ''}/reports/${id}`;

  app.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: '统计年报（工作人员）：可见范围内的草稿和已公开的年报',
        querystring: Type.Object({ year: Type.Optional(Year), status: Type.Optional(StringEnum(['draft', 'published'] as const)) }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(Report) }) }),
      },
    },
    async (request) => reports.listReports(ctx, await requireActor(ctx, request), request.query),
  );
  app.post(
    '/api/reports',
    {
      schema: {
        tags,
        summary: '起草统计年报（已有的直接返回）：本机关负责人起草本机关的，司法行政机关起草本级政府的',
        body: Type.Object(
          { scopeKind: StringEnum(['agency', 'government'] as const), scopeId: Id, year: Year },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Report }),
      },
    },
    async (request) => reports.draftReport(ctx, await requireActor(ctx, request), request.body),
  );
  app.get(
    '/api/reports/:id',
    { schema: { tags, summary: '一份统计年报', params: Params, response: withErrors({ 200: Report }) } },
    async (request) => reports.getReport(ctx, await requireActor(ctx, request), request.params.id),
  );
  app.post(
    '/api/reports/:id/refresh',
    {
      schema: {
        tags,
        summary: '按当前记录重新统计草稿的数据',
        params: Params,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: withErrors({ 200: Report }),
      },
    },
    async (request) => reports.refreshReport(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.put(
    '/api/reports/:id/narrative',
    {
      schema: {
        tags,
        summary: '编写文字说明：总体情况、存在的问题、下一步工作',
        params: Params,
        body: Type.Object(
          {
            overview: Type.String({ maxLength: 5000 }),
            problems: Type.String({ maxLength: 5000 }),
            plans: Type.String({ maxLength: 5000 }),
            version: Version,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Report }),
      },
    },
    async (request) => reports.editNarrative(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.post(
    '/api/reports/:id/publish',
    {
      schema: {
        tags,
        summary: '审核并公开统计年报（数据冻结；文字说明的编写人不能公开）',
        params: Params,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: withErrors({ 200: Report }),
      },
    },
    async (request) => reports.publishReport(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.get(
    '/api/reports/:id/figures/:key/sources',
    {
      schema: {
        tags,
        summary: '一项数据统计了哪些案件（追溯）',
        params: Type.Object({ id: Id, key: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: withErrors({
          200: Type.Object({
            key: Type.String(),
            label: Type.String(),
            value: Type.Union([Type.Number(), Type.Null()]),
            unit: Type.String(),
            sourcesDigest: Type.String(),
            items: Type.Array(
              Type.Object({
                caseId: Type.String(),
                caseNumber: Type.String(),
                title: Type.String(),
                openedOn: Type.String(),
                status: Type.String(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => reports.figureSources(ctx, await requireActor(ctx, request), request.params.id, request.params.key),
  );

  // ---- Public ----
  app.get(
    '/api/public/reports',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '已公开的统计年报（无需登录）',
        querystring: Type.Object({ year: Type.Optional(Year) }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(Report) }) }),
      },
    },
    async (request) => reports.listPublishedReports(ctx, request.query),
  );
  app.get(
    '/api/public/reports/:id',
    {
      config: { isPublic: true },
      schema: { tags, summary: '一份已公开的统计年报（无需登录）', params: Params, response: withErrors({ 200: Report }) },
    },
    async (request) => reports.getPublishedReport(ctx, request.params.id),
  );
  app.get(
    '/api/public/reports/:id/pdf',
    {
      config: { isPublic: true },
      schema: { tags, summary: '统计年报 PDF（无需登录）', params: Params, response: withErrors({ 200: FileBytes('PDF 文件') }) },
    },
    async (request, reply) => {
      const report = await reports.getPublishedReport(ctx, request.params.id);
      const pdf = await reportPdf(report, verifyUrl(report.id));
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', contentDisposition('attachment', `${report.title}.pdf`, `annual-report-${report.year}.pdf`));
      return reply.send(pdf);
    },
  );
  app.get(
    '/api/public/reports/:id/xlsx',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '统计年报 Excel（无需登录）',
        params: Params,
        response: withErrors({ 200: FileBytes('Excel 工作簿（.xlsx）') }),
      },
    },
    async (request, reply) => {
      const report = await reports.getPublishedReport(ctx, request.params.id);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', contentDisposition('attachment', `${report.title}.xlsx`, `annual-report-${report.year}.xlsx`));
      return reply.send(await reportWorkbook(report));
    },
  );
}
