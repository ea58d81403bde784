import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Open data (开放数据), read from the portal's public copies only:
 * - `open_data_files`: the daily bulk files (CSV and JSON Lines of every visible public record), kept in the blob store
 *   under their digest; this table names them and says their size, SHA-256 and record count.
 * - `open_data_changes`: a journal of what the public saw change (published, changed, withdrawn), numbered without gaps by
 *   `open_data_state.last_seq`, so that a subscription's cursor is one number and nothing is skipped or sent twice.
 *   `public_records.updated_on` is a date, not an instant, so it cannot serve as that cursor by itself: the journal is
 *   built by comparing each record's digest (`open_data_seen`) on every scan of the days not yet closed.
 * - `open_data_subscriptions`: e-mail-free subscriptions (a filter, and a webhook or a personal feed).
 * The index on `public_records.updated_on` lets the scan read only the recent days.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('public_records_updated_on').on('public_records').columns(['updated_on', 'id']).execute();

  await db.schema
    .createTable('open_data_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    /** The first day the next scan reads (updated_on ≥ this); null before the first scan. */
    .addColumn('scan_from', 'text')
    /** The day whose bulk files are being (or were) written, and until when the writer's claim holds. */
    .addColumn('export_day', 'text')
    .addColumn('export_claimed_until', 'text')
    .execute();
  await db
    .insertInto('open_data_state' as never)
    .values({ id: 1, last_seq: 0, scan_from: null, export_day: null, export_claimed_until: null } as never)
    .execute();

  await db.schema
    .createTable('open_data_seen')
    .addColumn('record_id', 'text', (c) => c.primaryKey())
    .addColumn('digest', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('open_data_changes')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('party_credit_code', 'text')
    /** What the feed shows of the record as it was then (public copy fields only). */
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('noticed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('open_data_changes_agency').on('open_data_changes').columns(['agency_id', 'seq']).execute();
  await db.schema.createIndex('open_data_changes_party').on('open_data_changes').columns(['party_credit_code', 'seq']).execute();

  await db.schema
    .createTable('open_data_files')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('blob_digest', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('open_data_files_day').on('open_data_files').columns(['day']).execute();

  await db.schema
    .createTable('open_data_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text')
    .addColumn('region', 'text')
    .addColumn('party_credit_code', 'text')
    /** Null for a feed subscription. */
    .addColumn('webhook_url', 'text')
    /** The secret, sealed with the platform's secret box: the webhook signatures need it. */
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    /** SHA-256 of the secret, to check it when it is presented (delete, personal feed). */
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    /** active · failing */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cursor', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('open_data_subscriptions_due').on('open_data_subscriptions').columns(['status', 'next_attempt_at']).execute();
}
