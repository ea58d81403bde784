import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Ex-ante disclosure: the catalog of powers (versioned lists, reviewed before publication), officers with their
 * certificates and training, the working-day calendar's added years, and import jobs.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // One row per version of one agency's list of one kind. A draft is edited in place; once submitted its entries are
  // frozen. At most one version per (agency, kind) is published; the one it replaced becomes `superseded`.
  await db.schema
    .createTable('catalog_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('based_on', 'integer')
    .addColumn('note', 'text')
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    .addColumn('entries_sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_opinion', 'text')
    .addColumn('published_at', 'text')
    .addColumn('superseded_at', 'text')
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('catalog_versions_number', ['agency_id', 'kind', 'version'])
    .execute();
  await db.schema
    .createIndex('catalog_versions_one_published')
    .on('catalog_versions')
    .columns(['agency_id', 'kind'])
    .unique()
    .where(sql.ref('status'), '=', 'published')
    .execute();
  await db.schema
    .createIndex('catalog_versions_one_open')
    .on('catalog_versions')
    .columns(['agency_id', 'kind'])
    .unique()
    .where(sql.ref('status'), 'in', ['draft', 'submitted', 'returned'])
    .execute();

  // The entries of each version, in order. `data` is the entry as canonical JSON; the other columns are projections
  // for search and lookups. `entries_sha256` of the version is the digest of the entries' canonical JSON array.
  await db.schema
    .createTable('catalog_entries')
    .addColumn('version_id', 'text', (c) => c.notNull().references('catalog_versions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('action_type', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_entries_pk', ['version_id', 'position'])
    .addUniqueConstraint('catalog_entries_code', ['version_id', 'code'])
    .execute();
  await db.schema.createIndex('catalog_entries_agency_kind').on('catalog_entries').columns(['agency_id', 'kind']).execute();

  // The roster of enforcement personnel (执法人员名册); an officer may have a user account.
  await db.schema
    .createTable('officers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('user_id', 'text', (c) => c.unique().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('post', 'text')
    .addColumn('is_auxiliary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('officers_agency').on('officers').column('agency_id').execute();

  // Enforcement certificates (行政执法证). `categories` is a JSON array of enforcement categories; `region_code` a
  // division code: the certificate covers that division and every division below it.
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_name', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'text')
    .addColumn('last_reviewed_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('certificates_officer').on('certificates').column('officer_id').execute();

  // Training of officers and legal reviewers (培训记录). Exactly one of officer_id / user_id is set.
  await db.schema
    .createTable('training_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('officer_id', 'text', (c) => c.references('officers.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('course', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('hours', 'real', (c) => c.notNull())
    .addColumn('completed_on', 'text', (c) => c.notNull())
    .addColumn('provider', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_records_agency').on('training_records').column('agency_id').execute();

  // Years of the working-day calendar added by an administrator (the shipped years are data in the code).
  // `days` is JSON: { holidays: [YYYY-MM-DD…], workdays: [YYYY-MM-DD…] } (days off, make-up working days).
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('days', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Spreadsheet imports, so that the UI and the CLI can show progress of a long one.
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'text')
    .addColumn('result', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}
