import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The portal's record indexes carry what its filters test, so that a count (at most 1,001 rows) is read from the index
 * alone instead of fetching each record for `is_visible` or `amount` — at a million records a record fetched costs
 * 10–20 µs, an index entry almost nothing (bench/RESULTS.md, 执法机关 + 日期范围 and 数额范围 with new queries):
 * - by agency and date, with is_visible; by amount and date, with is_visible;
 * - the newest-first listing, with the amount (a page filtered by amount tests it in the index, reading newest first).
 * SQLite keeps no planner statistics until ANALYZE, and without them takes `is_visible = 1` on the listing for a
 * selective condition (and read the whole listing to find a few records by id): the migration gathers them.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.dropIndex('public_records_agency').execute();
  await db.schema.dropIndex('public_records_amount').execute();
  await db.schema.dropIndex('public_records_listing').execute();
  await db.schema.createIndex('public_records_agency').on('public_records').columns(['agency_id', 'decided_on', 'is_visible']).execute();
  await db.schema.createIndex('public_records_amount').on('public_records').columns(['amount', 'decided_on', 'is_visible']).execute();
  await db.schema.createIndex('public_records_listing').on('public_records').columns(['is_visible', 'decided_on', 'amount']).execute();
  if (dialect === 'sqlite') await sql`analyze public_records`.execute(db);
}
