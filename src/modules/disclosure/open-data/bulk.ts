/**
 * The daily bulk files (批量下载): every record on the portal, as CSV (with the data dictionary) and as JSON Lines.
 *
 * Generation streams: it reads `public_records` (the public copies; never the private tables) in pages of `pageSize`
 * by keyset on the primary key and writes each page before reading the next, waiting for the sinks to drain, so memory
 * stays flat whatever the number of records. Both files are written in one pass. Their content depends only on the
 * records (sorted by id, no timestamp inside), so a day without changes yields the same bytes — and the same blob.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Executor } from '../../../db/database.js';
import { nowIso, todayInChina } from '../../../kernel/clock.js';
import type { AppContext } from '../../../kernel/context.js';
import { newId } from '../../../kernel/ids.js';
import type { PublicCopy } from '../public-copy.js';
import { csvHeader, csvLine, csvRow } from './dictionary.js';

export const bulkFormats = ['csv', 'jsonl'] as const;
export type BulkFormat = (typeof bulkFormats)[number];

export const fileNameOf = (day: string, format: BulkFormat) => `public-records-${day}.${format}`;
export const contentTypes: Record<BulkFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonl; charset=utf-8',
};

/** The portal page of a record: absolute when the platform's public address is configured. */
export function recordUrl(ctx: AppContext, id: string): string {
  return `${ctx.config.publicUrl ?? ''}/ex-post/decisions/${id}`;
}

interface Counted {
  sink: Writable;
  hash: ReturnType<typeof createHash>;
  size: number;
}

async function write(target: Counted, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  target.hash.update(bytes);
  target.size += bytes.length;
  if (!target.sink.write(bytes)) {
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        target.sink.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        target.sink.off('drain', onDrain);
        reject(error);
      };
      target.sink.once('drain', onDrain);
      target.sink.once('error', onError);
    });
  }
}

export interface BulkResult {
  records: number;
  csv: { size: number; sha256: string };
  jsonl: { size: number; sha256: string };
}

/**
 * Every visible public record, keyset-paged by id, into the two sinks (which the caller ends). The CSV starts with a
 * UTF-8 byte order mark so that Excel reads Chinese correctly.
 */
export async function writeBulk(
  db: Executor,
  urlOf: (id: string) => string,
  sinks: { csv: Writable; jsonl: Writable },
  options: { pageSize?: number } = {},
): Promise<BulkResult> {
  const pageSize = options.pageSize ?? 1000;
  const csv: Counted = { sink: sinks.csv, hash: createHash('sha256'), size: 0 };
  const jsonl: Counted = { sink: sinks.jsonl, hash: createHash('sha256'), size: 0 };
  await write(csv, `\uFEFF${csvLine(csvHeader)}`);
  let after: string | null = null;
  let records = 0;
  for (;;) {
    // Visibility is checked here, not in SQL: with `is_visible = 1` in the query SQLite picks the listing index and
    // sorts every visible row for each page (quadratic); keyset on the primary key alone reads each row once.
    let query = db.selectFrom('public_records').select(['id', 'body', 'updated_on', 'is_visible']);
    if (after !== null) query = query.where('id', '>', after);
    const rows = await query.orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) break;
    let csvChunk = '';
    let jsonChunk = '';
    let visible = 0;
    for (const row of rows) {
      if (Number(row.is_visible) !== 1) continue;
      visible += 1;
      const copy = JSON.parse(row.body) as PublicCopy;
      const extra = { updatedOn: row.updated_on, url: urlOf(row.id) };
      csvChunk += csvRow(copy, extra);
      jsonChunk += `${JSON.stringify({ ...copy, ...extra })}\n`;
    }
    await write(csv, csvChunk);
    await write(jsonl, jsonChunk);
    records += visible;
    after = (rows[rows.length - 1] as { id: string }).id;
    if (rows.length < pageSize) break;
  }
  return {
    records,
    csv: { size: csv.size, sha256: csv.hash.digest('hex') },
    jsonl: { size: jsonl.size, sha256: jsonl.hash.digest('hex') },
  };
}

/** `lawtrail export-public --out DIR`: the two files of today into a folder. */
export async function exportToDirectory(ctx: AppContext, dir: string, day = todayInChina()) {
  const files = { csv: path.join(dir, fileNameOf(day, 'csv')), jsonl: path.join(dir, fileNameOf(day, 'jsonl')) };
  const csv = createWriteStream(files.csv);
  const jsonl = createWriteStream(files.jsonl);
  try {
    const result = await writeBulk(ctx.db, (id) => recordUrl(ctx, id), { csv, jsonl });
    csv.end();
    jsonl.end();
    await Promise.all([finished(csv), finished(jsonl)]);
    return { ...result, files };
  } catch (error) {
    csv.destroy();
    jsonl.destroy();
    throw error;
  }
}

/**
 * Today's files into the blob store, named in `open_data_files`. Streams into the store's upload (hashed on the way)
 * through a PassThrough, so nothing is staged twice.
 */
export async function publishBulkFiles(ctx: AppContext, day = todayInChina()): Promise<BulkResult> {
  const uploads = { csv: newId(), jsonl: newId() };
  const csv = new PassThrough({ highWaterMark: 1 << 20 });
  const jsonl = new PassThrough({ highWaterMark: 1 << 20 });
  const stored = Promise.all([
    ctx.blobs.append(uploads.csv, csv, 0, Number.MAX_SAFE_INTEGER),
    ctx.blobs.append(uploads.jsonl, jsonl, 0, Number.MAX_SAFE_INTEGER),
  ]);
  let result: BulkResult;
  try {
    result = await writeBulk(ctx.db, (id) => recordUrl(ctx, id), { csv, jsonl });
  } catch (error) {
    csv.destroy(error as Error);
    jsonl.destroy(error as Error);
    await stored.catch(() => {});
    throw error;
  }
  csv.end();
  jsonl.end();
  await stored;
  const blobs = { csv: await ctx.blobs.finish(uploads.csv), jsonl: await ctx.blobs.finish(uploads.jsonl) };
  const createdAt = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    for (const format of bulkFormats) {
      const name = fileNameOf(day, format);
      await trx.deleteFrom('open_data_files').where('name', '=', name).execute();
      await trx
        .insertInto('open_data_files')
        .values({
          name,
          day,
          format,
          size: result[format].size,
          sha256: result[format].sha256,
          blob_digest: blobs[format].digest,
          records: result.records,
          created_at: createdAt,
        })
        .execute();
    }
  });
  return result;
}

/** How many days of files the list offers and the store keeps (pruneBulkFiles removes older ones). */
export const listedDays = 14;

/**
 * Removes the bulk files of all but the newest `keepDays` days: their rows, and their blobs unless a stored file
 * (evidence, a document) or a kept day's file has the same bytes. Each day's files are the whole public record of that
 * day — about 2 GB at a million records — so keeping every day would fill the disk within weeks; the records
 * themselves stay in `public_records` and the ledger. Returns how many files were removed.
 */
export async function pruneBulkFiles(ctx: AppContext, keepDays = listedDays): Promise<number> {
  const kept = await ctx.db.selectFrom('open_data_files').select('day').distinct().orderBy('day', 'desc').limit(keepDays).execute();
  const oldest = kept.at(-1)?.day;
  if (kept.length < keepDays || !oldest) return 0;
  const old = await ctx.db.selectFrom('open_data_files').select(['name', 'blob_digest']).where('day', '<', oldest).execute();
  for (const file of old) {
    await ctx.db.deleteFrom('open_data_files').where('name', '=', file.name).execute();
    const stillUsed =
      (await ctx.db.selectFrom('open_data_files').select('name').where('blob_digest', '=', file.blob_digest).executeTakeFirst()) ??
      (await ctx.db.selectFrom('stored_files').select('id').where('digest', '=', file.blob_digest).executeTakeFirst());
    if (!stillUsed) await ctx.blobs.remove(file.blob_digest);
  }
  return old.length;
}

export async function listBulkFiles(ctx: AppContext) {
  const days = await ctx.db.selectFrom('open_data_files').select('day').distinct().orderBy('day', 'desc').limit(listedDays).execute();
  if (days.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('open_data_files')
    .selectAll()
    .where(
      'day',
      'in',
      days.map((d) => d.day),
    )
    .orderBy('day', 'desc')
    .orderBy('format')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    day: r.day,
    format: r.format as BulkFormat,
    size: Number(r.size),
    sha256: r.sha256,
    records: Number(r.records),
    createdAt: r.created_at,
    url: `/api/open-data/files/${r.name}`,
  }));
}

export async function findBulkFile(ctx: AppContext, name: string) {
  const row = await ctx.db.selectFrom('open_data_files').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? { ...row, size: Number(row.size), format: row.format as BulkFormat } : null;
}

const claimHours = 2;

/**
 * Writes today's files unless they exist or another process is writing them: the claim is a conditional update of
 * the state row (today's day, held for two hours), so several server processes write each day's files once.
 */
export async function publishDailyIfDue(ctx: AppContext): Promise<BulkResult | null> {
  const day = todayInChina();
  const existing = await ctx.db.selectFrom('open_data_files').select('name').where('day', '=', day).executeTakeFirst();
  if (existing) return null;
  const at = nowIso();
  const claim = await ctx.db
    .updateTable('open_data_state')
    .set({ export_day: day, export_claimed_until: new Date(Date.parse(at) + claimHours * 3_600_000).toISOString() })
    .where('id', '=', 1)
    .where((eb) => eb.or([eb('export_day', 'is', null), eb('export_day', '<>', day), eb('export_claimed_until', '<', at)]))
    .executeTakeFirst();
  if (Number(claim.numUpdatedRows) !== 1) return null;
  const result = await publishBulkFiles(ctx, day);
  await pruneBulkFiles(ctx);
  return result;
}
