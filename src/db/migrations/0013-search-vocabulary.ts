import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * SQLite: a view of the portal's full-text index by trigram (fts5vocab, `row`: how many records hold each trigram), so
 * that a long search term is looked up through its rarest trigrams instead of all of them (search-adapter.ts). It stores
 * nothing: FTS5 answers it from the index. PostgreSQL has no counterpart (pg_trgm's GIN index is used as it is).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`create virtual table public_records_fts_vocab using fts5vocab(public_records_fts, row)`.execute(db);
}
