import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Enforcement documents (执法文书): each issued document, its two files (PDF and Word, in `stored_files`), their
 * digests and the platform's signature; the counters that hand out document numbers per agency, year and series
 * without gaps; and each agency's number format.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // The case and step are the cases module's; no foreign key, so documents do not depend on its tables.
    .addColumn('case_id', 'text')
    .addColumn('step_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('pdf_file_id', 'text', (c) => c.notNull().references('stored_files.id'))
    .addColumn('docx_file_id', 'text', (c) => c.notNull().references('stored_files.id'))
    .addColumn('pdf_sha256', 'text', (c) => c.notNull())
    .addColumn('pdf_sm3', 'text', (c) => c.notNull())
    .addColumn('docx_sha256', 'text', (c) => c.notNull())
    .addColumn('docx_sm3', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_agency_number').on('documents').columns(['agency_id', 'number']).unique().execute();
  await db.schema.createIndex('documents_case').on('documents').columns(['case_id']).execute();
  await db.schema.createIndex('documents_pdf_sha256').on('documents').columns(['pdf_sha256']).execute();
  await db.schema.createIndex('documents_docx_sha256').on('documents').columns(['docx_sha256']).execute();

  await db.schema
    .createTable('document_number_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('next_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_number_counters_pk', ['agency_id', 'year', 'series'])
    .execute();

  await db.schema
    .createTable('document_number_formats')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
