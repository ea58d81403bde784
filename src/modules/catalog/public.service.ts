/** What the portal shows of the catalog: published versions and their history, never drafts. */
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { type ActionType, actionTypes, type CatalogKind, catalogKinds } from '../../kernel/vocabulary.js';
import * as repo from './catalog.repo.js';
import type { CatalogEntry } from './entries.js';

const publicStatuses = ['published', 'superseded'];

function publicVersion(row: repo.VersionRow, agencyName: string, ledgerSeq: number | null) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    agencyName,
    kind: row.kind,
    kindLabel: catalogKinds[row.kind as CatalogKind] ?? row.kind,
    version: Number(row.version),
    status: row.status,
    statusLabel: row.status === 'published' ? '现行版本' : '历史版本',
    basedOn: row.based_on === null ? null : Number(row.based_on),
    note: row.note,
    entryCount: Number(row.entry_count),
    entriesSha256: row.entries_sha256,
    reviewedAt: row.reviewed_at,
    publishedAt: row.published_at,
    supersededAt: row.superseded_at,
    /** Index of the ledger event that published this version: its inclusion proof shows the publication happened. */
    ledgerSeq,
  };
}

async function activeAgency(ctx: AppContext, agencyId: string) {
  const agency = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('id', '=', agencyId)
    .where('is_active', '=', 1)
    .executeTakeFirst();
  if (!agency) throw new DomainError('org.not_found', '未找到该执法机关');
  return agency;
}

async function publicationSeqs(ctx: AppContext, versionIds: string[]): Promise<Map<string, number>> {
  if (versionIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('ledger_events')
    .select(['subject_id', 'seq'])
    .where('subject_type', '=', 'catalog_version')
    .where('action', '=', 'catalog.published')
    .where('subject_id', 'in', versionIds)
    .execute();
  return new Map(rows.map((r) => [r.subject_id, Number(r.seq)]));
}

export async function readPublicAgencyCatalog(ctx: AppContext, agencyId: string) {
  const agency = await activeAgency(ctx, agencyId);
  const rows = await repo.listVersions(ctx.db, agencyId, undefined, ['published']);
  const seqs = await publicationSeqs(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    agency,
    lists: (Object.keys(catalogKinds) as CatalogKind[]).map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      return { kind, kindLabel: catalogKinds[kind], published: row ? publicVersion(row, agency.name, seqs.get(row.id) ?? null) : null };
    }),
  };
}

export async function readPublicHistory(ctx: AppContext, agencyId: string, kind: CatalogKind) {
  const agency = await activeAgency(ctx, agencyId);
  const rows = await repo.listVersions(ctx.db, agencyId, kind, publicStatuses);
  const seqs = await publicationSeqs(
    ctx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((row) => publicVersion(row, agency.name, seqs.get(row.id) ?? null)) };
}

export async function readPublicVersion(ctx: AppContext, id: string, filter: repo.EntryFilter) {
  const row = await repo.findVersion(ctx.db, id);
  if (!row || !publicStatuses.includes(row.status))
    throw new DomainError('catalog.not_found', '未找到该清单版本（草稿与审核中的版本不公开）');
  const agency = await activeAgency(ctx, row.agency_id);
  const seqs = await publicationSeqs(ctx, [row.id]);
  return { version: publicVersion(row, agency.name, seqs.get(row.id) ?? null), entries: await repo.pageEntries(ctx.db, id, filter) };
}

export interface PublicSearch {
  q?: string | undefined;
  agencyId?: string | undefined;
  kind?: CatalogKind | undefined;
  actionType?: ActionType | undefined;
  limit: number;
  offset: number;
}

/** Search across every active agency's published lists: by words, agency, list and action type. */
export async function searchPublicCatalog(ctx: AppContext, filter: PublicSearch) {
  let agencies = ctx.db.selectFrom('agencies').select('id').where('is_active', '=', 1);
  if (filter.agencyId) agencies = agencies.where('id', '=', filter.agencyId);
  const agencyIds = (await agencies.execute()).map((a) => a.id);
  const { rows, total } = await repo.searchPublished(ctx.db, { ...filter, q: filter.q?.trim() || undefined, agencyIds });
  return {
    items: rows.map((row) => {
      const entry = JSON.parse(row.data) as CatalogEntry;
      return {
        agencyId: row.agency_id,
        agencyName: row.agency_name,
        kind: row.kind,
        kindLabel: catalogKinds[row.kind as CatalogKind] ?? row.kind,
        versionId: row.version_id,
        version: Number(row.version),
        publishedAt: row.published_at,
        code: entry.code,
        name: entry.name,
        actionTypeLabel: entry.actionType ? actionTypes[entry.actionType] : null,
        entry,
      };
    }),
    total,
  };
}
