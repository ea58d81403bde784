/** The officer roster as .xlsx: the template, an agency's export, and import jobs. The .xlsx parser lives in this scope. */
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { StringEnum, withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { getRosterImport, startRosterImport } from './roster-import.js';
import { exportRoster, rosterColumns, rosterWorkbookStream, statusHeader, xlsxContentType } from './roster-spreadsheet.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const maxFileBytes = 50 * 1024 * 1024;

const formatDescription = `**文件格式**（模板的第二个工作表“填写说明”逐列列出）：第一个工作表为名册，第一行为中文列名（顺序不限，可另加“序号”列），自第二行起每行一名人员。列：${rosterColumns
  .map((c) => `“${c.header}”（${c.rule}）`)
  .join('；')}。导出文件另有“${statusHeader}”列，仅供查看，导入时忽略。`;

const Workbook = Type.Unsafe<unknown>({
  description: 'Excel 工作簿（.xlsx）',
  content: { [xlsxContentType]: { schema: { type: 'string', format: 'binary' } } },
});

const Job = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  status: StringEnum(['queued', 'running', 'succeeded', 'failed'] as const, {
    description: 'queued 排队中；running 正在导入；succeeded 导入成功；failed 导入失败（未导入任何数据）',
  }),
  statusLabel: Type.String(),
  totalRows: Type.Integer({ description: '数据行数（不含表头）；读取前为估计值' }),
  processedRows: Type.Integer({ description: '已校验的行数，每 5000 行更新一次' }),
  errorCount: Type.Integer({ description: '错误总数；errors 只列出前 200 处' }),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'Excel 中的行号（表头为第 1 行）' }),
      column: Type.String({ description: '列名（中文表头）' }),
      detail: Type.String({ description: '问题（中文）' }),
    }),
  ),
  result: Type.Union([
    Type.Object({ officerCount: Type.Integer(), certificateCount: Type.Integer() }, { description: '新增的人员与执法证数' }),
    Type.Null(),
  ]),
  failure: Type.Union([
    Type.Object({ code: Type.String(), title: Type.String(), detail: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

export function registerRosterRoutes(app: App, ctx: AppContext): void {
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(
      [xlsxContentType, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: maxFileBytes },
      (_r, body, done) => done(null, body),
    );
    routes(scope, ctx);
  });
}

function routes(app: App, ctx: AppContext): void {
  const tags = ['执法人员'];

  app.get(
    '/api/personnel/roster/template.xlsx',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '下载执法人员名册导入模板（Excel）',
        description: `模板只有表头；第二个工作表“填写说明”逐列列出填写要求与示例。\n\n${formatDescription}`,
        response: withErrors({ 200: Workbook }),
      },
    },
    async (_request, reply) => {
      reply.header('content-disposition', contentDisposition('attachment', '执法人员名册导入模板.xlsx', 'lawtrail-roster-template.xlsx'));
      reply.header('cache-control', 'no-store');
      reply.type(xlsxContentType);
      return reply.send(rosterWorkbookStream([]));
    },
  );

  app.get(
    '/api/agencies/:agencyId/roster.xlsx',
    {
      schema: {
        tags,
        summary: '导出执法人员名册（Excel）',
        description: `本机关在岗人员及其现行执法证，另有“${statusHeader}”列。可查看该机关的用户可以导出。\n\n${formatDescription}`,
        params: Type.Object({ agencyId: Id }),
        response: withErrors({ 200: Workbook }),
      },
    },
    async (request, reply) => {
      const roster = await exportRoster(ctx, await requireActor(ctx, request), request.params.agencyId);
      reply.header('content-disposition', contentDisposition('attachment', roster.filename, 'lawtrail-roster.xlsx'));
      reply.header('cache-control', 'no-store');
      reply.type(xlsxContentType);
      return reply.send(rosterWorkbookStream(roster.rows, roster.source));
    },
  );

  app.post(
    '/api/agencies/:agencyId/roster/import',
    {
      bodyLimit: maxFileBytes,
      schema: {
        tags,
        summary: '从 Excel 导入执法人员名册（后台任务）',
        description: `请求正文为 .xlsx 文件本身（Content-Type: ${xlsxContentType}，不超过 50 MB）。先检查文件并排队，立即返回 202 与任务编号；之后在后台逐行校验，用 GET /api/personnel/roster/imports/{id} 查看进度与结果。\n\n只要有一处错误，整个文件都不导入，任务以 failed 结束，errors 按行号、列名、原因列出（最多 200 处）。全部正确时在一个事务中新增每名人员及其执法证，逐一登记到记录账本。只有本机关负责人或系统管理员可以导入。\n\n${formatDescription}`,
        consumes: [xlsxContentType],
        params: Type.Object({ agencyId: Id }),
        body: Type.Unsafe<unknown>({ description: '.xlsx 文件', contentMediaType: xlsxContentType }),
        response: withErrors({ 202: Type.Object({ id: Type.String({ description: '导入任务编号' }) }) }),
      },
    },
    async (request, reply) => {
      const actor = await requireActor(ctx, request);
      const file = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const job = await startRosterImport(ctx, actor, { agencyId: request.params.agencyId, file }, (error) =>
        request.log.error({ err: error }, 'roster import failed'),
      );
      return reply.code(202).header('location', `/api/personnel/roster/imports/${job.id}`).send(job);
    },
  );

  app.get(
    '/api/personnel/roster/imports/:id',
    {
      schema: {
        tags,
        summary: '名册导入任务的进度与结果',
        description:
          '状态：queued（排队中）→ running（正在导入，processedRows/totalRows 为进度）→ succeeded（result 为新增的人员与执法证数）或 failed（errors 为逐行错误，或 failure 为其他原因）。能查看该机关的用户可以查看。',
        params: Type.Object({ id: Id }),
        response: withErrors({ 200: Job }),
      },
    },
    async (request) => getRosterImport(ctx, await requireActor(ctx, request), request.params.id),
  );
}
