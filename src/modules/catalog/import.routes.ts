/**
 * Excel import and export of the catalog lists: the template, exports of a version (staff and public), and import
 * jobs. The .xlsx body parser lives only in this plugin's scope.
 */
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { StringEnum, withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { type CatalogKind, catalogKinds } from '../../kernel/vocabulary.js';
import { exportPublicVersion, exportVersion, getImportJob, type ListExport, startImportJob } from './import.service.js';
import { catalogWorkbookStream, xlsxContentType } from './spreadsheet.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const kindNames = Object.keys(catalogKinds) as CatalogKind[];
const Kind = StringEnum(kindNames, { description: kindNames.map((k) => `${k}: ${catalogKinds[k]}`).join('；') });
const maxFileBytes = 50 * 1024 * 1024;

const formatDescription = `**文件格式**（模板的第二个工作表“填写说明”逐列列出）：第一个工作表为清单数据，第一行为中文列名（与模板一致，顺序不限，可另加“序号”列），自第二行起每行一个条目。
- 单选列填中文名称（也接受代码），多选列与多项列（如适用行为类别、处罚种类、申请材料）以全角分号“；”或换行分隔；数字列填数字（也接受文本格式的数字）。
- 法律依据占五列：“法律依据（法律法规名称）”“法律依据（条）”“法律依据（款）”“法律依据（项）”“法律依据（条文内容）”（随机抽查事项为“抽查依据（…）”，服务指南为“设定依据（…）”）。
- 一个条目有多项法律依据、或行政裁量基准有多个裁量阶次时，每项占一行：第一行填写该条目的全部列和第一项；其后各行“编码”与第一行相同（或留空、合并单元格），只填写第二、三……项法律依据或裁量阶次的列，其他列留空或与第一行相同。`;

const Workbook = Type.Unsafe<unknown>({
  description: 'Excel 工作簿（.xlsx）',
  content: { [xlsxContentType]: { schema: { type: 'string', format: 'binary' } } },
});

const RowErrorSchema = Type.Object({
  row: Type.Integer({ description: 'Excel 中的行号（表头为第 1 行）' }),
  column: Type.String({ description: '列名（中文表头）' }),
  detail: Type.String({ description: '问题（中文）' }),
});

const Job = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  status: StringEnum(['queued', 'running', 'succeeded', 'failed'] as const, {
    description: 'queued 排队中；running 正在导入；succeeded 导入成功；failed 导入失败（未导入任何数据）',
  }),
  statusLabel: Type.String(),
  totalRows: Type.Integer({ description: '数据行数（不含表头）；读取前为估计值' }),
  processedRows: Type.Integer({ description: '已校验的行数，每数千行更新一次' }),
  errorCount: Type.Integer({ description: '错误总数；errors 只列出前 200 处' }),
  errors: Type.Array(RowErrorSchema),
  result: Type.Union([
    Type.Object(
      { versionId: Type.String(), version: Type.Integer(), entryCount: Type.Integer() },
      { description: '导入生成或替换的草稿版本' },
    ),
    Type.Null(),
  ]),
  failure: Type.Union([
    Type.Object(
      { code: Type.String(), title: Type.String(), detail: Type.Union([Type.String(), Type.Null()]) },
      { description: '不是逐行错误的失败（如文件损坏、清单正在审核）' },
    ),
    Type.Null(),
  ]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

function sendWorkbook(
  reply: { header(name: string, value: string): unknown; type(t: string): unknown },
  list: ListExport,
  fallback: string,
) {
  reply.header('content-disposition', contentDisposition('attachment', list.filename, fallback));
  reply.header('cache-control', 'no-store');
  reply.type(xlsxContentType);
  return catalogWorkbookStream(list.kind, list.entries, list.source);
}

export function registerImportRoutes(app: App, ctx: AppContext): void {
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
  const tags = ['事前公开'];

  app.post(
    '/api/catalog/imports',
    {
      bodyLimit: maxFileBytes,
      schema: {
        tags,
        summary: '从 Excel 导入清单（后台任务）',
        description: `请求正文为 .xlsx 文件本身（Content-Type: ${xlsxContentType}，不超过 50 MB）。先检查文件并排队，立即返回 202 与任务编号；之后在后台逐行校验并保存，用 GET /api/imports/{id} 查看进度与结果。\n\n只要有一处错误，整个文件都不导入，任务以 failed 结束，errors 按行号、列名、原因列出（最多 200 处）。全部正确时生成本机关该清单的草稿（已有未提交的草稿或退回修改的版本时替换其全部条目），记录账本登记一次；清单正在法制审核时不能导入。只有本机关的执法人员、机关负责人或系统管理员可以导入。\n\n${formatDescription}`,
        consumes: [xlsxContentType],
        querystring: Type.Object({
          agencyId: Id,
          kind: Kind,
          note: Type.Optional(Type.String({ maxLength: 1000, description: '新建草稿时的说明（默认“由 Excel 文件导入”）' })),
        }),
        body: Type.Unsafe<unknown>({ description: '.xlsx 文件', contentMediaType: xlsxContentType }),
        response: withErrors({ 202: Type.Object({ id: Type.String({ description: '导入任务编号' }) }) }),
      },
    },
    async (request, reply) => {
      const actor = await requireActor(ctx, request);
      if (!Buffer.isBuffer(request.body)) {
        throw new DomainError('request.unsupported_media_type', `请以 Content-Type: ${xlsxContentType} 发送 .xlsx 文件本身`);
      }
      const file = request.body;
      const job = await startImportJob(ctx, actor, { ...request.query, file }, (error) =>
        request.log.error({ err: error }, 'catalog import failed'),
      );
      return reply.code(202).header('location', `/api/imports/${job.id}`).send(job);
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary: '导入任务的进度与结果',
        description:
          '状态：queued（排队中）→ running（正在导入，processedRows/totalRows 为进度）→ succeeded（result 为生成的草稿版本）或 failed（errors 为逐行错误，或 failure 为其他原因）。能查看该机关的用户可以查看。',
        params: Type.Object({ id: Id }),
        response: withErrors({ 200: Job }),
      },
    },
    async (request) => getImportJob(ctx, await requireActor(ctx, request), request.params.id),
  );

  app.get(
    '/api/catalog/versions/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出清单版本为 Excel',
        description: `与导入格式完全一致，导出的文件可直接再导入。可查看该版本的用户可以导出（含草稿）。“填写说明”工作表注明版本与条目摘要（SHA-256）。\n\n${formatDescription}`,
        params: Type.Object({ id: Id }),
        response: withErrors({ 200: Workbook }),
      },
    },
    async (request, reply) => {
      const list = await exportVersion(ctx, await requireActor(ctx, request), request.params.id);
      return reply.send(sendWorkbook(reply, list, `lawtrail-${list.kind}.xlsx`));
    },
  );

  app.get(
    '/api/public/catalog/versions/:id/export.xlsx',
    {
      config: { isPublic: true },
      schema: {
        tags: ['公示平台'],
        summary: '下载已公布清单版本（Excel）',
        description: `只提供已公布的现行版本和历史版本。\n\n${formatDescription}`,
        params: Type.Object({ id: Id }),
        response: withErrors({ 200: Workbook }),
      },
    },
    async (request, reply) => {
      const list = await exportPublicVersion(ctx, request.params.id);
      return reply.send(sendWorkbook(reply, list, `lawtrail-${list.kind}.xlsx`));
    },
  );

  app.get(
    '/api/catalog/templates/:kind.xlsx',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '下载清单导入模板（Excel）',
        description: `模板只有表头；第二个工作表“填写说明”逐列列出是否必填、可选值与示例。\n\n${formatDescription}`,
        params: Type.Object({ kind: Kind }),
        response: withErrors({ 200: Workbook }),
      },
    },
    async (request, reply) => {
      const kind = request.params.kind;
      const list: ListExport = { kind, entries: [], filename: `${catalogKinds[kind]}导入模板.xlsx`, source: { lines: [] } };
      return reply.send(sendWorkbook(reply, list, `lawtrail-template-${kind}.xlsx`));
    },
  );
}
