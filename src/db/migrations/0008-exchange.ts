import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Exchange with other Lawtrail platforms (数据交换): the outbox of what this platform pushes to its higher-level platform
 * (publications, changes, withdrawals), numbered without gaps by one counter row; the push lease that lets one server
 * process push at a time; the lower-level platforms this platform accepts batches from, with their keys and the last
 * sequence applied; and one receipt per item applied.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('exchange_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('outbox_size', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('exchange_state' as never)
    .values({ id: 1, outbox_size: 0 } as never)
    .execute();

  await db.schema
    .createTable('exchange_outbox')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('exchange_outbox_pending').on('exchange_outbox').columns(['delivered_at', 'seq']).execute();

  await db.schema
    .createTable('exchange_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text')
    .addColumn('expires_at', 'text')
    .execute();
  await db
    .insertInto('exchange_leases' as never)
    .values({ name: 'push', owner: null, expires_at: null } as never)
    .execute();

  await db.schema
    .createTable('exchange_origins')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('verifier_keys', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_received_at', 'text')
    .execute();

  await db.schema
    .createTable('exchange_receipts')
    .addColumn('origin', 'text', (c) => c.notNull().references('exchange_origins.origin'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('payload_sha256', 'text', (c) => c.notNull())
    .addColumn('ledger_seq', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_receipts_pk', ['origin', 'seq'])
    .execute();
}
