import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { refuseChanges } from './0001-foundation.js';

/**
 * Enforcement cases and their whole-process record: the procedure versions cases run, cases, their steps, evidence
 * with its access log (调阅), the recording-device register, supervision flags, and the clocks' projection for due
 * lists. Steps, evidence, accesses and flags are records: insert-only, the database refuses UPDATE and DELETE.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('procedure_versions')
    .addColumn('procedure_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('procedure_versions_pk', ['procedure_key', 'version'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('procedure_key', 'text', (c) => c.notNull())
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    .addColumn('action_type', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('legal_bases', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('division_name', 'text', (c) => c.notNull())
    .addColumn('party_type', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_id_sealed', 'text')
    .addColumn('party_id_masked', 'text')
    .addColumn('party_credit_code', 'text')
    .addColumn('party_address', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('full_process_recording', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('officer_ids', 'text', (c) => c.notNull())
    .addColumn('step_count', 'integer', (c) => c.notNull())
    .addColumn('steps_digest', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_agency_status').on('cases').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('cases_opened').on('cases').columns(['agency_id', 'opened_on']).execute();

  await db.schema
    .createTable('case_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('officer_ids', 'text', (c) => c.notNull())
    .addColumn('recording_ids', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('event_seq', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('case_steps_position', ['case_id', 'position'])
    .execute();

  await db.schema
    .createTable('case_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_flags_agency').on('case_flags').columns(['agency_id', 'created_at']).execute();
  await db.schema.createIndex('case_flags_case').on('case_flags').column('case_id').execute();

  // The clocks as of the last step, for due and overdue lists across cases (rebuilt from the steps on every step).
  await db.schema
    .createTable('case_clocks')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('clock_key', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('stopped_on', 'text')
    .addColumn('overdue_recorded', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('case_clocks_pk', ['case_id', 'position'])
    .execute();
  await db.schema.createIndex('case_clocks_due').on('case_clocks').columns(['agency_id', 'stopped_on', 'due_on']).execute();

  await db.schema
    .createTable('recording_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'text', (c) => c.references('officers.id'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('evidence_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('stored_files.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .addColumn('captured_place', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.references('recording_devices.id'))
    .addColumn('officer_ids', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'text', (c) => c.references('evidence_items.id'))
    .addColumn('correction_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_items_case').on('evidence_items').column('case_id').execute();

  await db.schema
    .createTable('evidence_access')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('event_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_access_case').on('evidence_access').columns(['case_id', 'at']).execute();

  for (const table of ['case_steps', 'case_flags', 'evidence_items', 'evidence_access']) await refuseChanges(db, dialect, table);
}
