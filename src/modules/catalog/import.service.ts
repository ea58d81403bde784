/**
 * Importing a list from an .xlsx file and exporting a version as one. An import reads and checks every row, then
 * saves all entries through createDraft / saveDraft (so the list's rules, the access checks and the one ledger event
 * per version apply), or saves nothing and names each problem by row, column and reason.
 *
 * Over HTTP an import is a job: the file is checked and queued, read in the background (one job at a time per
 * server process), and `import_jobs` shows its progress. Job rows are bookkeeping, not ledger events: what the
 * import changes is the draft, which the catalog service records.
 */
import type { Actor } from '../../kernel/actor.js';
import { now, nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError, errorTable } from '../../kernel/errors.js';
import { type CatalogKind, catalogKinds } from '../../kernel/vocabulary.js';
import { enqueueImportJob, importJobStatuses, type ImportJobStatus as JobStatus } from '../imports/index.js';
import { canSeeAgency, resolveScope } from '../org/index.js';
import * as repo from './catalog.repo.js';
import { type CatalogVersion, createDraft, readVersionEntries, requireCompiler, saveDraft } from './catalog.service.js';
import type { CatalogEntry } from './entries.js';
import { maxReportedErrors, validateEntries } from './rules.js';
import { checkWorkbookFile, type ReadProgress, readCatalogWorkbook, type WorkbookSource } from './spreadsheet.js';
import { type Assembled, type RowError, rowErrorsFor, sortRowErrors } from './spreadsheet-rows.js';

export type { RowError } from './spreadsheet-rows.js';

export interface ImportInput {
  agencyId: string;
  kind: CatalogKind;
  file: Buffer;
  note?: string | undefined;
}

export type ImportOutcome =
  | { isImported: true; version: CatalogVersion; totalRows: number }
  | { isImported: false; errors: RowError[]; errorCount: number; totalRows: number };

/**
 * Who may import: the agency's compilers, as for createDraft (which checks again when saving); and the list must not
 * be in legal review. Returns the open draft the import will replace, if there is one.
 */
export async function checkImportAllowed(ctx: AppContext, actor: Actor, agencyId: string, kind: CatalogKind) {
  const agency = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'government_id', 'name', 'is_active'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency || !canSeeAgency(await resolveScope(ctx.db, actor), agency)) {
    throw new DomainError('org.not_found', '未找到该执法机关，或您无权查看');
  }
  requireCompiler(actor, agencyId);
  if (!agency.is_active) throw new DomainError('org.agency_inactive', `${agency.name}已停用，不能编制清单`);
  const open = await repo.listVersions(ctx.db, agencyId, kind, ['draft', 'returned', 'submitted']);
  const submitted = open.find((v) => v.status === 'submitted');
  if (submitted) {
    throw new DomainError(
      'catalog.state_invalid',
      `${agency.name}的${catalogKinds[kind]}第 ${submitted.version} 版正在法制审核，审核完成（或退回）后才能导入`,
    );
  }
  return { agency, openDraft: open[0] };
}

function errorOutcome(kind: CatalogKind, errors: RowError[], errorCount: number, totalRows: number): ImportOutcome {
  return { isImported: false, errors: sortRowErrors(kind, errors).slice(0, maxReportedErrors), errorCount, totalRows };
}

function ruleErrors(kind: CatalogKind, assembled: Assembled, error: unknown): RowError[] {
  if (error instanceof DomainError && error.code === 'catalog.entry_invalid' && error.errors) {
    return rowErrorsFor(kind, assembled, error.errors);
  }
  throw error;
}

/** Reads, checks and (only when every row is right) saves; `onProgress` hears every few thousand rows. */
export async function importCatalogFile(
  ctx: AppContext,
  actor: Actor,
  input: ImportInput,
  onProgress?: (progress: ReadProgress) => void | Promise<void>,
): Promise<ImportOutcome> {
  await checkImportAllowed(ctx, actor, input.agencyId, input.kind);
  const read = await readCatalogWorkbook(input.kind, input.file, { onProgress });
  if (read.kind === 'header') return errorOutcome(input.kind, read.errors, read.errors.length, read.totalRows);
  const { assembled, totalRows } = read;
  if (assembled.errorCount > 0) {
    // Report what the rules find as well, so that one round of corrections fixes everything.
    let more: RowError[] = [];
    try {
      validateEntries(input.kind, assembled.entries);
    } catch (error) {
      more = ruleErrors(input.kind, assembled, error);
    }
    return errorOutcome(input.kind, [...assembled.errors, ...more], assembled.errorCount + more.length, totalRows);
  }
  try {
    const { openDraft } = await checkImportAllowed(ctx, actor, input.agencyId, input.kind);
    const entries: unknown[] = assembled.entries;
    const version = openDraft
      ? await saveDraft(ctx, actor, openDraft.id, { rowVersion: Number(openDraft.row_version), entries })
      : await createDraft(ctx, actor, { agencyId: input.agencyId, kind: input.kind, entries, note: input.note ?? '由 Excel 文件导入' });
    return { isImported: true, version, totalRows };
  } catch (error) {
    const errors = ruleErrors(input.kind, assembled, error);
    return errorOutcome(input.kind, errors, errors.length, totalRows);
  }
}

// ---- Jobs ----

const lostAfterMs = 3 * 3_600_000;

/**
 * Checks the caller, the list and the file, records a queued job and starts it; the answer comes before the rows are
 * read. `onError` hears an unexpected failure of the background work (the job is marked failed either way).
 */
export async function startImportJob(ctx: AppContext, actor: Actor, input: ImportInput, onError: (error: unknown) => void) {
  await checkImportAllowed(ctx, actor, input.agencyId, input.kind);
  const check = await checkWorkbookFile(input.file);
  return enqueueImportJob(
    ctx,
    actor,
    { agencyId: input.agencyId, target: `catalog:${input.kind}`, totalRows: check.totalRows },
    async (onProgress) => {
      const outcome = await importCatalogFile(ctx, actor, input, onProgress);
      if (!outcome.isImported) return outcome;
      const { version } = outcome;
      return {
        isImported: true,
        totalRows: outcome.totalRows,
        result: { versionId: version.id, version: version.version, entryCount: version.entryCount },
      };
    },
    onError,
  );
}

export async function getImportJob(ctx: AppContext, actor: Actor, id: string) {
  const job = await ctx.db
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', id)
    .where('target', 'like', 'catalog:%')
    .executeTakeFirst();
  const agency = job
    ? await ctx.db.selectFrom('agencies').select(['id', 'government_id', 'name']).where('id', '=', job.agency_id).executeTakeFirst()
    : undefined;
  if (!job || !agency || !canSeeAgency(await resolveScope(ctx.db, actor), agency)) {
    throw new DomainError('import.not_found', '未找到该导入任务，或您无权查看');
  }
  const kind = job.target.replace(/^catalog:/, '') as CatalogKind;
  const errors = job.errors ? (JSON.parse(job.errors) as { count: number; items: RowError[] }) : { count: 0, items: [] };
  const result = job.result
    ? (JSON.parse(job.result) as {
        versionId?: string;
        version?: number;
        entryCount?: number;
        failure?: { code: string; title: string; detail: string | null };
      })
    : {};
  // Jobs live in the memory of the server process that took them; one unfinished long after it began was lost with its
  // process (a restart), and is shown as failed.
  const isLost = (job.status === 'queued' || job.status === 'running') && Date.parse(job.created_at) < now().getTime() - lostAfterMs;
  const failure = isLost
    ? { code: 'internal', title: errorTable.internal.title, detail: '导入任务已中断（服务可能已重启），请查看该清单的草稿后重新导入' }
    : (result.failure ?? null);
  return {
    id: job.id,
    agencyId: job.agency_id,
    agencyName: agency.name,
    kind,
    kindLabel: catalogKinds[kind] ?? job.target,
    status: isLost ? 'failed' : (job.status as JobStatus),
    statusLabel: isLost ? importJobStatuses.failed : (importJobStatuses[job.status as JobStatus] ?? job.status),
    totalRows: Number(job.total_rows),
    processedRows: Number(job.processed_rows),
    errorCount: errors.count,
    errors: errors.items,
    result:
      result.versionId === undefined
        ? null
        : { versionId: result.versionId, version: result.version ?? 0, entryCount: result.entryCount ?? 0 },
    failure,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

// ---- Exports ----

export interface ListExport {
  kind: CatalogKind;
  entries: CatalogEntry[];
  /** `沙坡头区市场监督管理局-行政执法事项清单-第2版.xlsx` */
  filename: string;
  source: WorkbookSource;
}

function exportOf(
  row: { kind: string; version: number; entriesSha256: string; statusLabel: string },
  agencyName: string,
  entries: CatalogEntry[],
): ListExport {
  const kind = row.kind as CatalogKind;
  const label = catalogKinds[kind];
  return {
    kind,
    entries,
    filename: `${agencyName}-${label}-第${row.version}版.xlsx`.replace(/[\\/:*?"<>|]/g, '_'),
    source: {
      lines: [
        `导出自：${agencyName} ${label} 第 ${row.version} 版（${row.statusLabel}），共 ${entries.length} 个条目，导出时间 ${nowIso()}。`,
        `条目摘要（SHA-256）：${row.entriesSha256}，可与记录账本中该版本的登记核对。`,
      ],
    },
  };
}

/** A version as staff see it (drafts included, within the caller's scope). */
export async function exportVersion(ctx: AppContext, actor: Actor, id: string): Promise<ListExport> {
  const { version, entries } = await readVersionEntries(ctx, actor, id);
  return exportOf(version, version.agencyName, entries);
}

/** A published or superseded version, as the public sees it. */
export async function exportPublicVersion(ctx: AppContext, id: string): Promise<ListExport> {
  const row = await repo.findVersion(ctx.db, id);
  const agency = row
    ? await ctx.db.selectFrom('agencies').select('name').where('id', '=', row.agency_id).where('is_active', '=', 1).executeTakeFirst()
    : undefined;
  if (!row || !agency || !['published', 'superseded'].includes(row.status)) {
    throw new DomainError('catalog.not_found', '未找到该清单版本（草稿与审核中的版本不公开）');
  }
  const statusLabel = row.status === 'published' ? '现行版本' : '历史版本';
  return exportOf(
    { kind: row.kind, version: Number(row.version), entriesSha256: row.entries_sha256, statusLabel },
    agency.name,
    await repo.readEntries(ctx.db, row.id),
  );
}
