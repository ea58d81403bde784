import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { NoContent, withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import * as service from './files.service.js';
import { sendStoredFile } from './send.js';

const tusVersion = '1.0.0';
const uploadStream = 'application/offset+octet-stream';
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

function checkTusVersion(request: FastifyRequest): void {
  const version = request.headers['tus-resumable'];
  if (version !== undefined && version !== tusVersion) {
    throw new DomainError('files.tus_version', `本平台支持 tus ${tusVersion}，请求为 ${String(version)}`);
  }
}

function integerHeader(request: FastifyRequest, name: string): number {
  const raw = request.headers[name];
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw new DomainError('files.invalid_upload', `请求头 ${name} 须为非负整数`);
  return Number(raw);
}

/** tus Upload-Metadata: comma-separated `key base64value` pairs. */
function parseMetadata(raw: string | string[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof raw !== 'string' || raw.trim() === '') return result;
  for (const pair of raw.split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (!key) continue;
    result[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return result;
}

function tusHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('Tus-Resumable', tusVersion).header('Cache-Control', 'no-store');
}

/** Bytes streamed from the blob store (binary in OpenAPI; a stream, or empty text, in the handler). */
/** A file's bytes in an OpenAPI response. */
export const FileBytes = (description: string) => Type.Unsafe<Readable | string>({ type: 'string', format: 'binary', description });

const FileInfo = Type.Object({
  id: Type.String(),
  agencyId: Type.Union([Type.String(), Type.Null()]),
  algorithm: Type.String({ description: 'sha256 或 sm3' }),
  digest: Type.String({ description: '文件内容的摘要（十六进制），登记在记录账本中' }),
  size: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  createdAt: Type.String(),
  ledgerSeq: Type.Union([Type.Integer(), Type.Null()], { description: '登记该文件的账本记录序号' }),
});

export function registerFileRoutes(app: App, ctx: AppContext): void {
  const tags = ['文件'];
  // A tus PATCH body is the raw stream: hashed and written as it arrives, never buffered.
  app.addContentTypeParser(uploadStream, (_request, payload, done) => done(null, payload));

  app.options(
    '/api/uploads',
    { config: { isPublic: true }, schema: { tags, summary: 'tus 协议能力（断点续传）', response: withErrors({ 204: NoContent }) } },
    async (_request, reply) =>
      tusHeaders(reply)
        .header('Tus-Version', tusVersion)
        .header('Tus-Extension', 'creation')
        .header('Tus-Max-Size', String(ctx.config.maxUploadBytes))
        .code(204)
        .send(),
  );

  app.post(
    '/api/uploads',
    {
      schema: {
        tags,
        summary: '新建上传（tus 1.0.0 creation）',
        description:
          '请求头 `Upload-Length`（字节数）与 `Upload-Metadata`（`filename <base64>,filetype <base64>`）；返回 201 与 `Location`。之后以 `PATCH`（`Content-Type: application/offset+octet-stream`，`Upload-Offset`）分段上传，可随时用 `HEAD` 查询已收到的字节数并从该处续传。服务器边接收边计算摘要（SHA-256 或 SM3），上传完毕即登记到记录账本。',
        response: withErrors({ 201: NoContent }),
      },
    },
    async (request, reply) => {
      checkTusVersion(request);
      const actor = await requireActor(ctx, request);
      const metadata = parseMetadata(request.headers['upload-metadata']);
      const upload = await service.createUpload(ctx, actor, {
        length: integerHeader(request, 'upload-length'),
        fileName: metadata.filename ?? metadata.name ?? '未命名文件',
        mediaType: metadata.filetype ?? metadata.type ?? 'application/octet-stream',
      });
      return tusHeaders(reply).header('Location', `/api/uploads/${upload.id}`).header('Upload-Offset', '0').code(201).send();
    },
  );

  app.head(
    '/api/uploads/:id',
    { schema: { tags, summary: '查询上传进度（Upload-Offset）', params: IdParams, response: withErrors({ 200: NoContent }) } },
    async (request, reply) => {
      checkTusVersion(request);
      const upload = await service.findOwnUpload(ctx, await requireActor(ctx, request), request.params.id);
      tusHeaders(reply).header('Upload-Offset', String(upload.offset)).header('Upload-Length', String(upload.length));
      if (upload.file_id) reply.header('Lawtrail-File-Id', upload.file_id);
      return reply.code(200).send(null);
    },
  );

  app.patch(
    '/api/uploads/:id',
    {
      schema: {
        tags,
        summary: '上传一段数据（tus PATCH）',
        description:
          '409 表示 Upload-Offset 与服务器已收到的字节数不符（请先 HEAD 再续传）。最后一段完成后响应头 `Lawtrail-File-Id` 给出文件编号。',
        params: IdParams,
        response: withErrors({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      checkTusVersion(request);
      const actor = await requireActor(ctx, request);
      if (request.headers['content-type'] !== uploadStream) {
        throw new DomainError('request.unsupported_media_type', `PATCH 的 Content-Type 须为 ${uploadStream}`);
      }
      const result = await service.appendToUpload(
        ctx,
        actor,
        request.params.id,
        integerHeader(request, 'upload-offset'),
        request.body as Readable,
      );
      tusHeaders(reply).header('Upload-Offset', String(result.offset));
      if (result.file)
        reply.header('Lawtrail-File-Id', result.file.id).header('Lawtrail-File-Digest', `${result.file.algorithm}:${result.file.digest}`);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/files/:id',
    { schema: { tags, summary: '文件信息：名称、大小、摘要与账本记录', params: IdParams, response: withErrors({ 200: FileInfo }) } },
    async (request) => service.presentFile(ctx, await service.getFile(ctx, await requireActor(ctx, request), request.params.id)),
  );

  app.get(
    '/api/files/:id/content',
    {
      schema: {
        tags,
        summary: '文件内容（支持 Range，可在浏览器中播放音视频）',
        params: IdParams,
        querystring: Type.Object({ download: Type.Optional(Type.Boolean()) }),
        response: withErrors({
          200: FileBytes('文件内容（响应头 Digest 给出其摘要）'),
          206: FileBytes('所请求范围的内容'),
          416: Type.String({ description: '请求的范围超出文件' }),
        }),
      },
    },
    async (request, reply) => {
      const file = await service.getFile(ctx, await requireActor(ctx, request), request.params.id);
      // Evidence is read through the case, naming a purpose, so that every look is recorded (调阅).
      const evidence = await ctx.db.selectFrom('evidence_items').select('id').where('file_id', '=', file.id).executeTakeFirst();
      if (evidence) throw new DomainError('auth.forbidden', '该文件是案件证据，请在案件中调阅并注明调阅目的');
      return sendStoredFile(ctx, request, reply, file, request.query.download ? 'attachment' : 'inline');
    },
  );
}
