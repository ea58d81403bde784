import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { CatalogVersionTable } from '../../db/schema.js';
import { containsText } from '../../db/text-search.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import type { CatalogKind } from '../../kernel/vocabulary.js';
import { type CatalogEntry, searchTextOf } from './entries.js';

export type VersionRow = Selectable<CatalogVersionTable>;

/** SHA-256 of the entries' canonical JSON array: what the ledger records for a version's contents. */
export function digestEntries(entries: readonly unknown[]): string {
  return createHash('sha256').update(canonicalJson(entries), 'utf8').digest('hex');
}

export async function findVersion(db: Executor, id: string): Promise<VersionRow | undefined> {
  return db.selectFrom('catalog_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPublishedVersion(db: Executor, agencyId: string, kind: CatalogKind): Promise<VersionRow | undefined> {
  return db
    .selectFrom('catalog_versions')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('kind', '=', kind)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

export async function listVersions(db: Executor, agencyId: string, kind?: CatalogKind, statuses?: string[]): Promise<VersionRow[]> {
  let query = db.selectFrom('catalog_versions').selectAll().where('agency_id', '=', agencyId);
  if (kind) query = query.where('kind', '=', kind);
  if (statuses) query = query.where('status', 'in', statuses);
  return query.orderBy('kind').orderBy('version', 'desc').execute();
}

export async function nextVersionNumber(db: Executor, agencyId: string, kind: CatalogKind): Promise<number> {
  const row = await db
    .selectFrom('catalog_versions')
    .select((eb) => eb.fn.max('version').as('last'))
    .where('agency_id', '=', agencyId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** Both dialects take a few thousand bound parameters per statement at most; 9 columns × 400 rows stays under. */
const insertChunk = 400;

export async function insertEntries(db: Executor, version: { id: string; agencyId: string; kind: CatalogKind }, entries: CatalogEntry[]) {
  for (let start = 0; start < entries.length; start += insertChunk) {
    const rows = entries.slice(start, start + insertChunk).map((entry, offset) => ({
      version_id: version.id,
      position: start + offset,
      agency_id: version.agencyId,
      kind: version.kind,
      code: entry.code,
      name: entry.name,
      action_type: typeof entry.actionType === 'string' ? entry.actionType : null,
      search_text: searchTextOf(entry),
      data: canonicalJson(entry),
    }));
    await db.insertInto('catalog_entries').values(rows).execute();
  }
}

export async function deleteEntries(db: Executor, versionId: string): Promise<void> {
  await db.deleteFrom('catalog_entries').where('version_id', '=', versionId).execute();
}

/** The entries of a version in order, as stored. */
export async function readEntries(db: Executor, versionId: string): Promise<CatalogEntry[]> {
  const rows = await db.selectFrom('catalog_entries').select('data').where('version_id', '=', versionId).orderBy('position').execute();
  return rows.map((row) => JSON.parse(row.data) as CatalogEntry);
}

export interface EntryFilter {
  q?: string | undefined;
  actionType?: string | undefined;
  limit: number;
  offset: number;
}

export async function pageEntries(db: Executor, versionId: string, filter: EntryFilter) {
  let query = db.selectFrom('catalog_entries').where('version_id', '=', versionId);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => containsText(eb.ref('search_text'), q));
  }
  if (filter.actionType) query = query.where('action_type', '=', filter.actionType);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.select('data').orderBy('position').limit(filter.limit).offset(filter.offset).execute();
  return { items: rows.map((row) => JSON.parse(row.data) as CatalogEntry), total: Number(total) };
}

export interface PublishedFilter extends EntryFilter {
  agencyIds: string[];
  kind?: CatalogKind | undefined;
}

/** Entries of published versions only (what the portal may show). */
export async function searchPublished(db: Executor, filter: PublishedFilter) {
  if (filter.agencyIds.length === 0) return { rows: [], total: 0 };
  let query = db
    .selectFrom('catalog_entries as e')
    .innerJoin('catalog_versions as v', 'v.id', 'e.version_id')
    .innerJoin('agencies as a', 'a.id', 'e.agency_id')
    .where('v.status', '=', 'published')
    .where('e.agency_id', 'in', filter.agencyIds);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  if (filter.actionType) query = query.where('e.action_type', '=', filter.actionType);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => containsText(eb.ref('e.search_text'), q));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['e.kind', 'e.data', 'e.agency_id', 'a.name as agency_name', 'v.id as version_id', 'v.version', 'v.published_at'])
    .orderBy('a.name')
    .orderBy('e.kind')
    .orderBy('e.position')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total: Number(total) };
}
