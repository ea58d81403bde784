import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Annual enforcement statistics reports (行政执法统计年报, task list item 15): one per agency or government and year,
 * drafted from the record each January, reviewed and published by 31 January. The row is current state (its figures
 * and narrative while a draft, frozen once published), checked by `lawtrail verify` against its latest ledger event.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('scope_name', 'text', (c) => c.notNull())
    .addColumn('government_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('figures_as_of', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('narrative_by', 'text')
    .addColumn('drafted_by', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_by_label', 'text')
    .addColumn('published_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('annual_reports_scope_year')
    .on('annual_reports')
    .columns(['scope_kind', 'scope_id', 'year'])
    .unique()
    .execute();
  await db.schema.createIndex('annual_reports_published').on('annual_reports').columns(['status', 'year']).execute();
}
