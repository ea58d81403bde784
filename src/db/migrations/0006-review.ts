import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { refuseChanges } from './0001-foundation.js';

/**
 * Legal review (法制审核): each reviewer's qualification (Penalty Law Art. 58 ¶2: a person reviewing for the first time
 * holds the national legal-profession qualification) as insert-only records, and each agency's own review terms
 * (time limit and the longest extension its head may approve) as one row per agency, checked against its ledger event.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('reviewer_qualifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text')
    .addColumn('obtained_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reviewer_qualifications_user').on('reviewer_qualifications').columns(['user_id']).execute();
  await refuseChanges(db, dialect, 'reviewer_qualifications');

  await db.schema
    .createTable('review_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('review_days', 'integer', (c) => c.notNull())
    .addColumn('max_extension_days', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
