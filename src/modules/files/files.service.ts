/**
 * Stored files and resumable uploads (the tus 1.0.0 core protocol with its creation extension). The bytes are hashed
 * while they arrive and kept in the blob store under their digest; finishing an upload records the file — digest,
 * size, name, who — in the ledger, so `lawtrail verify` can tell if the stored bytes were ever changed.
 */
import { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import { UploadOffsetError, UploadTooLargeError } from '../../blob/store.js';
import type { Executor } from '../../db/database.js';
import type { StoredFileTable, UploadTable } from '../../db/schema.js';
import type { Actor } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { appendEvent } from '../../ledger/index.js';
import { canSeeAgency, resolveScope } from '../org/index.js';

export type StoredFileRow = Selectable<StoredFileTable>;
export type UploadRow = Selectable<UploadTable>;

export function fileState(row: StoredFileRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    algorithm: row.algorithm,
    digest: row.digest,
    size: Number(row.size),
    fileName: row.file_name,
    mediaType: row.media_type,
  };
}

const mediaTypePattern = /^[a-z]+\/[0-9a-z.+-]+$/;

function actorId(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : `system:${actor.label}`;
}

export interface NewUpload {
  length: number;
  fileName: string;
  mediaType: string;
}

export async function createUpload(ctx: AppContext, actor: Actor, input: NewUpload): Promise<UploadRow> {
  if (actor.kind === 'user' && !actor.agencyId) throw new DomainError('auth.forbidden', '只有执法机关的工作人员可以上传文件');
  if (!Number.isSafeInteger(input.length) || input.length < 0) {
    throw new DomainError('files.invalid_upload', 'Upload-Length 须为非负整数（字节数）');
  }
  if (input.length > ctx.config.maxUploadBytes) {
    throw new DomainError('files.too_large', `文件大小 ${input.length} 字节超过上限 ${ctx.config.maxUploadBytes} 字节`);
  }
  const fileName =
    input.fileName
      .trim()
      .replace(/[\\/\r\n\t]/g, '_')
      .slice(0, 200) || '未命名文件';
  const mediaType = mediaTypePattern.test(input.mediaType) ? input.mediaType : 'application/octet-stream';
  const at = nowIso();
  const row: UploadRow = {
    id: newId(),
    agency_id: actor.kind === 'user' ? actor.agencyId : null,
    created_by: actorId(actor),
    length: input.length,
    offset: 0,
    file_name: fileName,
    media_type: mediaType,
    status: 'open',
    file_id: null,
    created_at: at,
    updated_at: at,
  };
  await ctx.db.insertInto('uploads').values(row).execute();
  return row;
}

/** An upload belongs to whoever created it; anybody else is told it does not exist. */
export async function findOwnUpload(ctx: AppContext, actor: Actor, id: string): Promise<UploadRow> {
  const row = await ctx.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.created_by !== actorId(actor)) throw new DomainError('files.not_found', '未找到该上传任务');
  return row;
}

type FileSource = Pick<UploadRow, 'agency_id' | 'file_name' | 'media_type' | 'created_by'>;

async function recordFile(trx: Executor, actor: Actor, upload: FileSource, stored: { digest: string; size: number }, algorithm: string) {
  const id = newId();
  await trx
    .insertInto('stored_files')
    .values({
      id,
      agency_id: upload.agency_id,
      algorithm,
      digest: stored.digest,
      size: stored.size,
      file_name: upload.file_name,
      media_type: upload.media_type,
      created_by: upload.created_by,
      created_at: nowIso(),
    })
    .execute();
  const row = (await trx.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst()) as StoredFileRow;
  await appendEvent(trx, {
    actor,
    agencyId: row.agency_id,
    subjectType: 'stored_file',
    subjectId: id,
    action: 'file.stored',
    state: fileState(row),
  });
  return row;
}

/**
 * Stores bytes the platform made itself (an issued document's PDF or Word file) as a stored file, recorded in the
 * caller's transaction. The blob is written first and is content-addressed, so a transaction that rolls back leaves
 * at most an unreferenced blob, never a row without its bytes.
 */
export async function storeFileBytes(
  trx: Executor,
  ctx: AppContext,
  actor: Actor,
  input: { agencyId: string | null; fileName: string; mediaType: string; bytes: Buffer },
): Promise<StoredFileRow> {
  const uploadId = newId();
  await ctx.blobs.append(uploadId, Readable.from([input.bytes]), 0, input.bytes.length);
  const stored = await ctx.blobs.finish(uploadId);
  const source = { agency_id: input.agencyId, file_name: input.fileName, media_type: input.mediaType, created_by: actorId(actor) };
  return recordFile(trx, actor, source, stored, ctx.blobs.algorithm);
}

export interface AppendResult {
  offset: number;
  file: StoredFileRow | null;
}

/** One tus PATCH: bytes appended at the stated offset; when the last byte arrives the file is stored and recorded. */
export async function appendToUpload(ctx: AppContext, actor: Actor, id: string, offset: number, body: Readable): Promise<AppendResult> {
  const upload = await findOwnUpload(ctx, actor, id);
  if (upload.status !== 'open') {
    body.resume();
    throw new DomainError('files.upload_finished', '该文件已上传完毕，不能再追加');
  }
  let newOffset: number;
  try {
    newOffset = await ctx.blobs.append(id, body, offset, Number(upload.length) - offset);
  } catch (error) {
    if (error instanceof UploadOffsetError) {
      throw new DomainError('files.offset_mismatch', `服务器已收到 ${error.actual} 字节，请从该位置继续上传`);
    }
    if (error instanceof UploadTooLargeError) throw new DomainError('files.too_large', `超出声明的文件大小 ${upload.length} 字节`);
    throw error;
  }
  await ctx.db.updateTable('uploads').set({ offset: newOffset, updated_at: nowIso() }).where('id', '=', id).execute();
  if (newOffset < Number(upload.length)) return { offset: newOffset, file: null };
  const stored = await ctx.blobs.finish(id);
  const file = await ctx.db.transaction().execute(async (trx) => {
    const row = await recordFile(trx, actor, upload, stored, ctx.blobs.algorithm);
    await trx.updateTable('uploads').set({ status: 'finished', file_id: row.id, updated_at: nowIso() }).where('id', '=', id).execute();
    return row;
  });
  return { offset: newOffset, file };
}

/** A stored file the actor may see (its agency is in their scope). */
export async function getFile(ctx: AppContext, actor: Actor, id: string): Promise<StoredFileRow> {
  const row = await ctx.db.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('files.not_found', '未找到该文件，或您无权查看');
  if (row.agency_id !== null) {
    const agency = await ctx.db.selectFrom('agencies').select(['id', 'government_id']).where('id', '=', row.agency_id).executeTakeFirst();
    if (!agency || !canSeeAgency(await resolveScope(ctx.db, actor), agency))
      throw new DomainError('files.not_found', '未找到该文件，或您无权查看');
  } else if (!(actor.kind === 'system' || actor.roles.includes('administrator'))) {
    throw new DomainError('files.not_found', '未找到该文件，或您无权查看');
  }
  return row;
}

export async function presentFile(ctx: AppContext, row: StoredFileRow) {
  const event = await ctx.db
    .selectFrom('ledger_events')
    .select('seq')
    .where('subject_type', '=', 'stored_file')
    .where('subject_id', '=', row.id)
    .orderBy('seq')
    .executeTakeFirst();
  return { ...fileState(row), createdAt: row.created_at, ledgerSeq: event ? Number(event.seq) : null };
}
