import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { withErrors } from '../../http/schemas.js';
import { type App, paging } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import * as service from './documents.service.js';
import * as formats from './number-formats.service.js';
import { verifyDocumentBytes } from './verify.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = Type.Object({ id: Id });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Hex = (description: string) => Type.String({ pattern: '^[0-9a-f]{64}$', description });
const maxVerifyBytes = 64 * 1024 * 1024;
const verifyTypes = ['application/pdf', 'application/octet-stream', service.documentMediaTypes.docx];

const DocumentInfo = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  caseId: Nullable(Type.String()),
  stepId: Nullable(Type.String()),
  kind: Type.String({ description: '文书种类代码，如 penalty_decision' }),
  kindLabel: Type.String({ description: '文书种类名称，如 行政处罚决定书' }),
  series: Type.String({ description: '文书代字，如 罚' }),
  title: Type.String(),
  number: Type.String({ description: '文号，如 沙市监罚〔2026〕12号' }),
  issuedOn: Type.String({ description: '签发日期 YYYY-MM-DD' }),
  pdfFileId: Type.String(),
  docxFileId: Type.String(),
  pdfSha256: Hex('PDF 文件的 SHA-256'),
  pdfSm3: Hex('PDF 文件的 SM3'),
  docxSha256: Hex('Word 文件的 SHA-256'),
  docxSm3: Hex('Word 文件的 SM3'),
  signature: Type.String({ description: '平台以记录账本的密钥对文书摘要的签名（C2SP signed note；Ed25519，启用国密时另有 SM2）' }),
  keyId: Type.String({ description: '签名密钥：名称+密钥哈希' }),
  createdBy: Type.String(),
  createdAt: Type.String(),
  verifyUrl: Type.String({ description: '二维码中的核验地址' }),
  ledgerSeq: Type.Union([Type.Integer(), Type.Null()], { description: '签发记录在账本中的序号' }),
});

const DocumentListItem = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  caseId: Nullable(Type.String()),
  stepId: Nullable(Type.String()),
  kind: Type.String(),
  kindLabel: Type.String(),
  title: Type.String(),
  number: Type.String(),
  issuedOn: Type.String(),
  createdAt: Type.String(),
});

const Verdict = Type.Object({
  issued: Type.Boolean({ description: '是否为本平台签发的文书（文件逐字节一致）' }),
  sha256: Hex('所提交文件的 SHA-256'),
  reason: Type.Optional(Type.String()),
  format: Type.Optional(Type.String({ description: 'pdf 或 docx' })),
  document: Type.Optional(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      number: Type.String(),
      kind: Type.String(),
      kindLabel: Type.String(),
      agencyId: Type.String(),
      agencyName: Type.String(),
      issuedOn: Type.String(),
      caseId: Nullable(Type.String()),
    }),
  ),
  signatureValid: Type.Optional(Type.Boolean({ description: '平台签名是否有效' })),
  ledgerSeq: Type.Optional(Type.Integer()),
});

const PublicDocument = Type.Object({
  id: Type.String(),
  title: Type.String(),
  number: Type.String(),
  agencyName: Type.String(),
  issuedOn: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  pdfSha256: Hex('PDF 文件的 SHA-256'),
  docxSha256: Hex('Word 文件的 SHA-256'),
  ledgerSeq: Type.Union([Type.Integer(), Type.Null()], { description: '签发记录在账本中的序号，可在“记录核验”页核对' }),
});

const NumberFormat = Type.Object({
  agencyId: Type.String(),
  format: Type.String({ description: '占位符：{abbr} 机关代字、{series} 文书代字、{year} 年份、{n} 序号（{n:3} 补零至3位）' }),
  isDefault: Type.Boolean(),
  abbreviation: Type.String({ description: '机关代字：机关简称，或由名称生成' }),
  example: Type.String({ description: '按此格式的示例文号' }),
  updatedAt: Nullable(Type.String()),
});

const FileBytes = (description: string) => Type.Unsafe<Readable>({ type: 'string', format: 'binary', description });

export function registerDocumentRoutes(app: App, ctx: AppContext): void {
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(verifyTypes, { parseAs: 'buffer', bodyLimit: maxVerifyBytes }, (_r, body, done) => done(null, body));
    routes(scope, ctx);
  });
}

function routes(app: App, ctx: AppContext): void {
  const tags = ['执法文书'];

  app.get(
    '/api/documents',
    {
      schema: {
        tags,
        summary: '文书列表（按案件或执法机关）',
        querystring: Type.Object({
          caseId: Type.Optional(Id),
          agencyId: Type.Optional(Id),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(DocumentListItem), total: Type.Integer() }) }),
      },
    },
    async (request) => service.listDocuments(ctx, await requireActor(ctx, request), { ...request.query, ...paging(request.query) }),
  );

  app.get(
    '/api/documents/:id',
    { schema: { tags, summary: '文书信息：文号、摘要、签名与账本记录', params: IdParams, response: withErrors({ 200: DocumentInfo }) } },
    async (request) => service.presentDocument(ctx, await service.getDocument(ctx, await requireActor(ctx, request), request.params.id)),
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/api/documents/:id/${format}`,
      {
        schema: {
          tags,
          summary: format === 'pdf' ? '下载文书 PDF（调阅，记入记录账本）' : '下载文书 Word 文件（调阅，记入记录账本）',
          description:
            '必须以 `purpose` 说明调阅目的（2–200 字），缺少时返回 400（documents.purpose_required）。每次下载在记录账本中登记一条 `document.downloaded`：谁、何时、哪个文件、为何调阅。',
          params: IdParams,
          querystring: Type.Object({ purpose: Type.Optional(Type.String({ maxLength: 200, description: '调阅目的（必填）' })) }),
          response: withErrors({ 200: FileBytes(format === 'pdf' ? 'PDF 文件' : 'Word 文件（.docx）') }),
        },
      },
      async (request, reply) => {
        const actor = await requireActor(ctx, request);
        const file = await service.openDocumentFile(ctx, actor, request.params.id, format, request.query.purpose);
        return reply
          .header('Content-Type', file.mediaType)
          .header('Content-Length', String(file.size))
          .header('Cache-Control', 'no-store')
          .header('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
          .header('Content-Disposition', contentDisposition('attachment', file.fileName, `document-${request.params.id}.${format}`))
          .send(file.stream);
      },
    );
  }

  app.post(
    '/api/documents/verify',
    {
      bodyLimit: maxVerifyBytes,
      schema: {
        tags,
        summary: '核验文书文件：是否为本平台签发、未被改动',
        description:
          '请求正文为文件本身（Content-Type: application/pdf、application/octet-stream 或 .docx 的类型，不超过 64 MB）。按 SHA-256 查找签发记录，以记录账本中登记的摘要为准，并核验平台签名。改动任何一个字节都会得到 issued: false。',
        consumes: verifyTypes,
        body: Type.Unsafe<unknown>({ description: '要核验的 PDF 或 Word 文件' }),
        response: withErrors({ 200: Verdict }),
      },
    },
    async (request) => {
      await requireActor(ctx, request);
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
        throw new DomainError(
          'request.unsupported_media_type',
          '请以 Content-Type: application/pdf（或 application/octet-stream）发送文件本身',
        );
      }
      return verifyDocumentBytes(ctx, request.body);
    },
  );

  app.get(
    '/api/documents/number-formats/:agencyId',
    {
      schema: {
        tags,
        summary: '执法机关的文号格式',
        params: Type.Object({ agencyId: Id }),
        response: withErrors({ 200: NumberFormat }),
      },
    },
    async (request) => formats.readNumberFormat(ctx, await requireActor(ctx, request), request.params.agencyId),
  );

  app.put(
    '/api/documents/number-formats/:agencyId',
    {
      schema: {
        tags,
        summary: '设置执法机关的文号格式（机关负责人或系统管理员；记入记录账本）',
        params: Type.Object({ agencyId: Id }),
        body: Type.Object({ format: Type.String({ minLength: 3, maxLength: 60, description: '如 {abbr}{series}〔{year}〕{n}号' }) }),
        response: withErrors({ 200: NumberFormat }),
      },
    },
    async (request) => formats.setNumberFormat(ctx, await requireActor(ctx, request), request.params.agencyId, request.body.format),
  );

  app.get(
    '/api/public/documents/:id',
    {
      config: { isPublic: true },
      schema: {
        tags: ['公示平台'],
        summary: '文书核验：按二维码中的编号查看文书的签发信息与文件摘要',
        description:
          '文书二维码指向 /verify/document/{id}，该页调用本接口。只公开文书名称、文号、制作机关、签发日期、种类、文件摘要与账本序号，不含当事人信息与文书内容。',
        params: IdParams,
        response: withErrors({ 200: PublicDocument }),
      },
    },
    async (request) => service.readPublicDocument(ctx, request.params.id),
  );
}
