/**
 * Spreadsheet imports as background jobs, for every module that imports: a row in `import_jobs` with its progress,
 * run one at a time in this process (a large file is held in memory while it waits). The job row is bookkeeping, not
 * domain state: what an import stores is recorded in the ledger by the module that stores it.
 */
import type { Actor } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError, type ErrorCode, errorTable } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';

export const importJobStatuses = { queued: '排队中', running: '正在导入', succeeded: '导入成功', failed: '导入失败' } as const;
export type ImportJobStatus = keyof typeof importJobStatuses;

export interface ImportProgress {
  processedRows: number;
  totalRows: number | null;
}

/** How a job's work ended: stored (with what it made), or refused with every row's problem. */
export type ImportJobOutcome =
  | { isImported: true; totalRows: number; result: unknown }
  | { isImported: false; totalRows: number; errors: unknown[]; errorCount: number };

let queue: Promise<void> = Promise.resolve();

async function updateJob(ctx: AppContext, id: string, changes: Record<string, unknown>): Promise<void> {
  await ctx.db.updateTable('import_jobs').set(changes).where('id', '=', id).execute();
}

async function runJob(ctx: AppContext, id: string, work: (onProgress: (p: ImportProgress) => Promise<void>) => Promise<ImportJobOutcome>) {
  await updateJob(ctx, id, { status: 'running' });
  try {
    const outcome = await work((progress) =>
      updateJob(ctx, id, {
        processed_rows: progress.processedRows,
        ...(progress.totalRows === null ? {} : { total_rows: Math.max(progress.totalRows, progress.processedRows) }),
      }),
    );
    const done = { total_rows: outcome.totalRows, processed_rows: outcome.totalRows, finished_at: nowIso() };
    await updateJob(
      ctx,
      id,
      outcome.isImported
        ? { ...done, status: 'succeeded', result: JSON.stringify(outcome.result) }
        : { ...done, status: 'failed', errors: JSON.stringify({ count: outcome.errorCount, items: outcome.errors }) },
    );
  } catch (error) {
    const code: ErrorCode = error instanceof DomainError ? error.code : 'internal';
    const detail = error instanceof DomainError ? error.detail : '导入时发生内部错误，请联系系统管理员';
    await updateJob(ctx, id, {
      status: 'failed',
      finished_at: nowIso(),
      result: JSON.stringify({ failure: { code, title: errorTable[code].title, detail: detail ?? null } }),
    }).catch(() => {});
    if (!(error instanceof DomainError)) throw error;
  }
}

/**
 * Records a queued job and runs `work` after the jobs before it; answers at once with the job's id. `onError` hears an
 * unexpected failure of the work (the job is marked failed either way).
 */
export async function enqueueImportJob(
  ctx: AppContext,
  actor: Actor,
  job: { agencyId: string; target: string; totalRows: number | null },
  work: (onProgress: (p: ImportProgress) => Promise<void>) => Promise<ImportJobOutcome>,
  onError: (error: unknown) => void,
): Promise<{ id: string }> {
  const id = newId();
  await ctx.db
    .insertInto('import_jobs')
    .values({
      id,
      agency_id: job.agencyId,
      target: job.target,
      status: 'queued',
      total_rows: job.totalRows ?? 0,
      processed_rows: 0,
      errors: null,
      result: null,
      created_by: actor.kind === 'user' ? actor.userId : `system:${actor.label}`,
      created_at: nowIso(),
      finished_at: null,
    })
    .execute();
  queue = queue.then(() => runJob(ctx, id, work).catch(onError));
  return { id };
}
