import { type Kysely, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { rebuildSearchIndex } from '../../modules/disclosure/search-adapter.js';
import type { Dialect } from '../database.js';

/**
 * SQLite: the portal's full-text entries are keyed by the decision's day (`public_records.search_rowid`, see
 * search-adapter.ts), so that the index's order is the date order the portal lists in; and a second full-text index
 * (`public_records_pairs`, contentless: the text is in `public_records`) holds each record's pairs of neighbouring
 * characters and its decision day as words of day blocks, so that two-character words (罚款, 警告, 广告) and words within
 * a date range are looked up instead of tested by LIKE on every record (of the range). The existing
 * records get their keys and both indexes are rebuilt. PostgreSQL gets the column only (its GIN index is used as it is).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('public_records').addColumn('search_rowid', 'bigint').execute();
  if (dialect !== 'sqlite') return;
  await db.schema.createIndex('public_records_search_rowid').on('public_records').columns(['search_rowid', 'is_visible', 'id']).execute();
  await sql`create virtual table public_records_pairs using fts5(
    pairs, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
  await rebuildSearchIndex(db as unknown as Executor);
}
