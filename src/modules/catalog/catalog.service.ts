import { type Executor, isUniqueViolation } from '../../db/database.js';
import { type Actor, hasRole } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type CatalogKind, type CatalogVersionStatus, catalogKinds, catalogVersionStatuses } from '../../kernel/vocabulary.js';
import { appendEvent, listSubjectEvents } from '../../ledger/index.js';
import { canSeeAgency, resolveScope } from '../org/index.js';
import * as repo from './catalog.repo.js';
import type { CatalogEntry } from './entries.js';
import { validateEntries } from './rules.js';

/** The state of a version as the ledger records it: ids and digests, no names (names can change). */
export function versionState(row: repo.VersionRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    kind: row.kind,
    version: Number(row.version),
    status: row.status,
    basedOn: row.based_on === null ? null : Number(row.based_on),
    note: row.note,
    entryCount: Number(row.entry_count),
    entriesSha256: row.entries_sha256,
    createdBy: row.created_by,
    submittedBy: row.submitted_by,
    reviewedBy: row.reviewed_by,
    reviewOpinion: row.review_opinion,
    publishedAt: row.published_at,
    supersededAt: row.superseded_at,
    rowVersion: Number(row.row_version),
  };
}

export type CatalogVersion = ReturnType<typeof versionState> & {
  kindLabel: string;
  statusLabel: string;
  agencyName: string;
  createdByName: string | null;
  submittedByName: string | null;
  reviewedByName: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
};

async function presentVersions(db: Executor, rows: repo.VersionRow[]): Promise<CatalogVersion[]> {
  const userIds = [...new Set(rows.flatMap((r) => [r.created_by, r.submitted_by, r.reviewed_by]).filter((id): id is string => !!id))];
  const agencyIds = [...new Set(rows.map((r) => r.agency_id))];
  const users = userIds.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [];
  const agencies = agencyIds.length ? await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', agencyIds).execute() : [];
  const nameOf = new Map(users.map((u) => [u.id, u.display_name]));
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const name = (id: string | null) => (id === null ? null : (nameOf.get(id) ?? (id.startsWith('system:') ? id.slice(7) : null)));
  return rows.map((row) => ({
    ...versionState(row),
    kindLabel: catalogKinds[row.kind as CatalogKind] ?? row.kind,
    statusLabel: catalogVersionStatuses[row.status as CatalogVersionStatus] ?? row.status,
    agencyName: agencyName.get(row.agency_id) ?? '',
    createdByName: name(row.created_by),
    submittedByName: name(row.submitted_by),
    reviewedByName: name(row.reviewed_by),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    reviewedAt: row.reviewed_at,
  }));
}

async function presentVersion(db: Executor, row: repo.VersionRow): Promise<CatalogVersion> {
  return (await presentVersions(db, [row]))[0] as CatalogVersion;
}

function actorId(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : `system:${actor.label}`;
}

async function requireVisibleAgency(ctx: AppContext, actor: Actor, agencyId: string) {
  const agency = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'government_id', 'name', 'is_active'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency || !canSeeAgency(await resolveScope(ctx.db, actor), agency)) {
    throw new DomainError('org.not_found', '未找到该执法机关，或您无权查看');
  }
  return agency;
}

/** Officers and the head of an agency compile its lists; administrators may act for any agency. */
export function requireCompiler(actor: Actor, agencyId: string): void {
  if (actor.kind === 'system' || hasRole(actor, 'administrator')) return;
  if (hasRole(actor, 'officer', 'agency_head') && actor.agencyId === agencyId) return;
  throw new DomainError('auth.forbidden', '只有本机关的执法人员、机关负责人或系统管理员可以编制清单');
}

async function loadVersion(ctx: AppContext, actor: Actor, id: string): Promise<repo.VersionRow> {
  const row = await repo.findVersion(ctx.db, id);
  if (!row) throw new DomainError('catalog.not_found', '未找到该清单版本，或您无权查看');
  try {
    await requireVisibleAgency(ctx, actor, row.agency_id);
  } catch {
    throw new DomainError('catalog.not_found', '未找到该清单版本，或您无权查看');
  }
  return row;
}

function requireStatus(row: repo.VersionRow, allowed: CatalogVersionStatus[], action: string): void {
  if (!allowed.includes(row.status as CatalogVersionStatus)) {
    const label = catalogVersionStatuses[row.status as CatalogVersionStatus] ?? row.status;
    throw new DomainError('catalog.state_invalid', `该版本当前为“${label}”，不能${action}`);
  }
}

function requireRowVersion(row: repo.VersionRow, rowVersion: number): void {
  if (Number(row.row_version) !== rowVersion) {
    throw new DomainError('org.version_conflict', `该记录当前版本为 ${row.row_version}，您提交的是 ${rowVersion}`);
  }
}

/** Codes of the agency's published enforcement items, which benchmarks and major-decision rules may refer to. */
async function publishedItemCodes(db: Executor, agencyId: string): Promise<Set<string>> {
  const published = await repo.findPublishedVersion(db, agencyId, 'enforcement_item');
  if (!published) return new Set();
  const rows = await db.selectFrom('catalog_entries').select('code').where('version_id', '=', published.id).execute();
  return new Set(rows.map((r) => r.code));
}

async function checkedEntries(db: Executor, agencyId: string, kind: CatalogKind, entries: unknown[]): Promise<CatalogEntry[]> {
  const needsItems = kind === 'discretion_benchmark' || kind === 'major_decision_rule';
  return validateEntries(kind, entries, needsItems ? await publishedItemCodes(db, agencyId) : undefined);
}

async function record(trx: Executor, actor: Actor, row: repo.VersionRow, action: string, extra: Record<string, unknown> = {}) {
  await appendEvent(trx, {
    actor,
    agencyId: row.agency_id,
    subjectType: 'catalog_version',
    subjectId: row.id,
    action,
    state: { version: versionState(row), ...extra },
  });
}

async function reload(trx: Executor, id: string): Promise<repo.VersionRow> {
  return (await repo.findVersion(trx, id)) as repo.VersionRow;
}

async function updateVersion(trx: Executor, row: repo.VersionRow, changes: Record<string, unknown>): Promise<repo.VersionRow> {
  const result = await trx
    .updateTable('catalog_versions')
    .set({ ...changes, row_version: Number(row.row_version) + 1, updated_at: nowIso() })
    .where('id', '=', row.id)
    .where('row_version', '=', row.row_version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new DomainError('org.version_conflict', '该清单版本已被他人修改，请刷新后重试');
  }
  return reload(trx, row.id);
}

// ---- Staff: read ----

export async function getAgencyCatalog(ctx: AppContext, actor: Actor, agencyId: string) {
  const agency = await requireVisibleAgency(ctx, actor, agencyId);
  const rows = await repo.listVersions(ctx.db, agencyId, undefined, ['published', 'draft', 'submitted', 'returned']);
  const versions = await presentVersions(ctx.db, rows);
  return {
    agency: { id: agency.id, name: agency.name },
    lists: (Object.keys(catalogKinds) as CatalogKind[]).map((kind) => ({
      kind,
      kindLabel: catalogKinds[kind],
      published: versions.find((v) => v.kind === kind && v.status === 'published') ?? null,
      open: versions.find((v) => v.kind === kind && v.status !== 'published') ?? null,
    })),
  };
}

export async function listVersionHistory(ctx: AppContext, actor: Actor, agencyId: string, kind: CatalogKind) {
  await requireVisibleAgency(ctx, actor, agencyId);
  return { items: await presentVersions(ctx.db, await repo.listVersions(ctx.db, agencyId, kind)) };
}

export async function getVersion(ctx: AppContext, actor: Actor, id: string, filter: repo.EntryFilter) {
  const row = await loadVersion(ctx, actor, id);
  return { version: await presentVersion(ctx.db, row), entries: await repo.pageEntries(ctx.db, id, filter) };
}

export async function getVersionEvents(ctx: AppContext, actor: Actor, id: string) {
  await loadVersion(ctx, actor, id);
  return { items: await listSubjectEvents(ctx.db, 'catalog_version', id) };
}

/** All entries of a version, for export. */
export async function readVersionEntries(ctx: AppContext, actor: Actor, id: string) {
  const row = await loadVersion(ctx, actor, id);
  return { version: await presentVersion(ctx.db, row), entries: await repo.readEntries(ctx.db, id) };
}

// ---- Staff: the review workflow ----

export interface CreateDraftInput {
  agencyId: string;
  kind: CatalogKind;
  note?: string | undefined;
  /** The draft's entries; without them the draft starts as a copy of the published version (a correction). */
  entries?: unknown[] | undefined;
}

export async function createDraft(ctx: AppContext, actor: Actor, input: CreateDraftInput): Promise<CatalogVersion> {
  const agency = await requireVisibleAgency(ctx, actor, input.agencyId);
  requireCompiler(actor, input.agencyId);
  if (!agency.is_active) throw new DomainError('org.agency_inactive', `${agency.name}已停用，不能编制清单`);
  const supplied = input.entries === undefined ? undefined : await checkedEntries(ctx.db, input.agencyId, input.kind, input.entries);
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const published = await repo.findPublishedVersion(trx, input.agencyId, input.kind);
      const entries = supplied ?? (published ? await repo.readEntries(trx, published.id) : []);
      const id = newId();
      const at = nowIso();
      await trx
        .insertInto('catalog_versions')
        .values({
          id,
          agency_id: input.agencyId,
          kind: input.kind,
          version: await repo.nextVersionNumber(trx, input.agencyId, input.kind),
          status: 'draft',
          based_on: published ? Number(published.version) : null,
          note: input.note?.trim() || null,
          entry_count: entries.length,
          entries_sha256: repo.digestEntries(entries),
          created_by: actorId(actor),
          created_at: at,
          updated_at: at,
          submitted_by: null,
          submitted_at: null,
          reviewed_by: null,
          reviewed_at: null,
          review_opinion: null,
          published_at: null,
          superseded_at: null,
          row_version: 1,
        })
        .execute();
      await repo.insertEntries(trx, { id, agencyId: input.agencyId, kind: input.kind }, entries);
      const created = await reload(trx, id);
      await record(trx, actor, created, 'catalog.draft_created');
      return created;
    });
    return presentVersion(ctx.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('catalog.draft_exists', `${agency.name}的${catalogKinds[input.kind]}已有未发布的版本，请在该版本上修改`);
    }
    throw error;
  }
}

export async function saveDraft(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { rowVersion: number; note?: string | undefined; entries: unknown[] },
): Promise<CatalogVersion> {
  const current = await loadVersion(ctx, actor, id);
  requireCompiler(actor, current.agency_id);
  requireStatus(current, ['draft', 'returned'], '修改');
  requireRowVersion(current, input.rowVersion);
  const entries = await checkedEntries(ctx.db, current.agency_id, current.kind as CatalogKind, input.entries);
  const row = await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteEntries(trx, id);
    await repo.insertEntries(trx, { id, agencyId: current.agency_id, kind: current.kind as CatalogKind }, entries);
    const saved = await updateVersion(trx, current, {
      status: 'draft',
      note: input.note === undefined ? current.note : input.note.trim() || null,
      entry_count: entries.length,
      entries_sha256: repo.digestEntries(entries),
    });
    await record(trx, actor, saved, 'catalog.draft_saved');
    return saved;
  });
  return presentVersion(ctx.db, row);
}

export async function submitVersion(ctx: AppContext, actor: Actor, id: string, input: { rowVersion: number }) {
  const current = await loadVersion(ctx, actor, id);
  requireCompiler(actor, current.agency_id);
  requireStatus(current, ['draft'], '提交法制审核');
  requireRowVersion(current, input.rowVersion);
  if (Number(current.entry_count) === 0) throw new DomainError('catalog.state_invalid', '清单没有任何条目，不能提交法制审核');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const submitted = await updateVersion(trx, current, { status: 'submitted', submitted_by: actorId(actor), submitted_at: nowIso() });
    await record(trx, actor, submitted, 'catalog.submitted');
    return submitted;
  });
  return presentVersion(ctx.db, row);
}

/**
 * The agency's legal office checks a submitted list (审核): approving publishes it and retires the version it
 * corrects; returning sends it back with the reviewer's opinion. Nobody reviews a list they compiled or submitted.
 */
export async function reviewVersion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { rowVersion: number; decision: 'approve' | 'return'; opinion?: string | undefined },
) {
  const current = await loadVersion(ctx, actor, id);
  if (!(hasRole(actor, 'reviewer') && actor.kind === 'user' && actor.agencyId === current.agency_id)) {
    throw new DomainError('auth.forbidden', '只有本机关的法制审核人员可以审核清单');
  }
  if (current.created_by === actor.userId || current.submitted_by === actor.userId) {
    throw new DomainError('catalog.same_person', '清单的编制人或提交人不能审核该清单，须由另一名法制审核人员审核');
  }
  requireStatus(current, ['submitted'], '审核');
  requireRowVersion(current, input.rowVersion);
  const opinion = input.opinion?.trim() ?? '';
  if (input.decision === 'return' && opinion === '') {
    throw new DomainError('request.invalid', '退回修改须写明审核意见', {
      errors: [{ pointer: '/opinion', detail: '退回修改须写明审核意见' }],
    });
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const reviewed = { reviewed_by: actor.userId, reviewed_at: at, review_opinion: opinion || null };
    if (input.decision === 'return') {
      const returned = await updateVersion(trx, current, { status: 'returned', ...reviewed });
      await record(trx, actor, returned, 'catalog.returned');
      return returned;
    }
    const previous = await repo.findPublishedVersion(trx, current.agency_id, current.kind as CatalogKind);
    if (previous) {
      const superseded = await updateVersion(trx, previous, { status: 'superseded', superseded_at: at });
      await record(trx, actor, superseded, 'catalog.superseded', { supersededBy: current.id });
    }
    const published = await updateVersion(trx, current, { status: 'published', published_at: at, ...reviewed });
    await record(trx, actor, published, 'catalog.published');
    return published;
  });
  return presentVersion(ctx.db, row);
}

export async function discardVersion(ctx: AppContext, actor: Actor, id: string, input: { rowVersion: number; reason: string }) {
  const current = await loadVersion(ctx, actor, id);
  requireCompiler(actor, current.agency_id);
  requireStatus(current, ['draft', 'returned'], '撤销');
  requireRowVersion(current, input.rowVersion);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const discarded = await updateVersion(trx, current, { status: 'discarded', review_opinion: current.review_opinion });
    await record(trx, actor, discarded, 'catalog.discarded', { reason: input.reason.trim() });
    return discarded;
  });
  return presentVersion(ctx.db, row);
}

// ---- For other modules (cases, review, disclosure) ----

/** One entry of an agency's published list, by code; null when the list or the entry is not published. */
export async function findPublishedEntry<T extends CatalogEntry = CatalogEntry>(
  db: Executor,
  agencyId: string,
  kind: CatalogKind,
  code: string,
): Promise<T | null> {
  const row = await db
    .selectFrom('catalog_entries as e')
    .innerJoin('catalog_versions as v', 'v.id', 'e.version_id')
    .select('e.data')
    .where('v.status', '=', 'published')
    .where('e.agency_id', '=', agencyId)
    .where('e.kind', '=', kind)
    .where('e.code', '=', code)
    .executeTakeFirst();
  return row ? (JSON.parse(row.data) as T) : null;
}

export async function listPublishedEntries<T extends CatalogEntry = CatalogEntry>(
  db: Executor,
  agencyId: string,
  kind: CatalogKind,
): Promise<T[]> {
  const published = await repo.findPublishedVersion(db, agencyId, kind);
  return published ? ((await repo.readEntries(db, published.id)) as T[]) : [];
}
