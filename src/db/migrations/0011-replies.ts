import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * An index for the portal's amount-range search; and the party's right to reply (当事人陈述) beside a published
 * decision: each statement as received (in writing, recorded by staff; or online with a one-time reply code the agency
 * gave the party), its public text after the redaction engine, and the office's check by a second person before it
 * appears on the decision's page. `publication_replies` is current state, checked by `lawtrail verify` against its
 * latest ledger event; `publication_reply_codes` keeps only a code's SHA-256, never the code.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // Portal search by amount range (数额范围): without it a rare range reads every record (issue 7 item 8, bench/RESULTS.md).
  await db.schema.createIndex('public_records_amount').on('public_records').columns(['amount', 'decided_on']).execute();
  await db.schema
    .createTable('publication_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('public_text', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .addColumn('checked_by', 'text')
    .addColumn('checked_by_label', 'text')
    .addColumn('published_on', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('publication_replies_publication')
    .on('publication_replies')
    .columns(['publication_id', 'created_at'])
    .execute();
  await db.schema.createIndex('publication_replies_agency_status').on('publication_replies').columns(['agency_id', 'status']).execute();
  await db.schema
    .createTable('publication_reply_codes')
    .addColumn('code_sha256', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('issued_by', 'text')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}
