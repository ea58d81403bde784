import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Ex-post disclosure (事后公开): each decision's publication as staff handle it (`publications`: scheduled, prepared,
 * checked by a second person, published, withdrawn or changed, ended), and the portal's own read model
 * (`public_records`: the redacted public copy, the only table the portal and the public API read). Both are current
 * state, checked by `lawtrail verify` against their latest ledger event.
 *
 * Chinese full-text search differs by dialect, and only here and in the disclosure module's search adapter: SQLite
 * keeps an FTS5 table with the trigram tokenizer beside the records; PostgreSQL a pg_trgm GIN index on `search_text`.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // The case and its steps are the cases module's; no foreign keys, as with documents.
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('case_title', 'text', (c) => c.notNull())
    .addColumn('action_type', 'text', (c) => c.notNull())
    .addColumn('decision_step_id', 'text', (c) => c.notNull())
    .addColumn('trigger_step_id', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('scheduled_on', 'text', (c) => c.notNull())
    .addColumn('rule_code', 'text')
    .addColumn('rule_name', 'text', (c) => c.notNull())
    .addColumn('rule_basis', 'text', (c) => c.notNull())
    .addColumn('deadline_working_days', 'integer', (c) => c.notNull())
    .addColumn('period_months', 'integer')
    .addColumn('period_text', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('classified', 'text', (c) => c.notNull())
    .addColumn('blocked_reason', 'text')
    .addColumn('prepared_copy', 'text')
    .addColumn('prepared_by', 'text')
    .addColumn('prepared_by_label', 'text')
    .addColumn('checked_by', 'text')
    .addColumn('checked_by_label', 'text')
    .addColumn('published_on', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('correction_due_on', 'text')
    .addColumn('correction_note', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('overdue_recorded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('correction_overdue_recorded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('publications_decision').on('publications').columns(['case_id', 'decision_step_id']).unique().execute();
  await db.schema.createIndex('publications_agency_status').on('publications').columns(['agency_id', 'status', 'due_on']).execute();

  await db.schema
    .createTable('public_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('agency_name', 'text', (c) => c.notNull())
    .addColumn('government_id', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('division_name', 'text', (c) => c.notNull())
    .addColumn('action_type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('party_type', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_credit_code', 'text')
    .addColumn('amount', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_visible', 'integer', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('updated_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_records_party').on('public_records').columns(['party_credit_code', 'decided_on']).execute();
  await db.schema.createIndex('public_records_listing').on('public_records').columns(['is_visible', 'decided_on']).execute();
  await db.schema.createIndex('public_records_agency').on('public_records').columns(['agency_id', 'decided_on']).execute();

  if (dialect === 'postgres') {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index public_records_search on public_records using gin (search_text gin_trgm_ops)`.execute(db);
  } else {
    await sql`create virtual table public_records_fts using fts5(record_id unindexed, search_text, tokenize = 'trigram')`.execute(db);
  }
}
