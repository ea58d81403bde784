import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/** Organisations, people, sessions and the append-only event ledger. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('governments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('governments.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('government_id', 'text', (c) => c.notNull().references('governments.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('is_justice_bureau', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('supervision_phone', 'text')
    .addColumn('complaint_channel', 'text')
    .addColumn('website', 'text')
    .addColumn('office_hours', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agencies_government').on('agencies').column('government_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('post', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_login_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_pending_secret', 'text')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_agency').on('users').column('agency_id').execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('ledger_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addColumn('payload_sm3', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_events_subject').on('ledger_events').columns(['subject_type', 'subject_id']).execute();

  await db.schema
    .createTable('ledger_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into ledger_state (id, size) values (1, 0)`.execute(db);

  // Stored tree levels: tile (level L, index N) holds up to 256 hashes of tree level 8·L, nodes [256·N, 256·N + width).
  // Derived from the leaves (verify recomputes them); a partial tile grows in place, a full one is frozen.
  await db.schema
    .createTable('ledger_tiles')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('tile_index', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('hashes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_tiles_pk', ['level', 'tile_index'])
    .execute();

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('size', 'bigint', (c) => c.primaryKey())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Cosignatures other Lawtrails (witnesses) gave our checkpoints.
  await db.schema
    .createTable('ledger_cosignatures')
    .addColumn('witness', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_cosignatures_pk', ['witness', 'size'])
    .execute();

  // Logs this Lawtrail witnesses: the last checkpoint it cosigned for each.
  await db.schema
    .createTable('witnessed_logs')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    .addColumn('verifier_keys', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await refuseChanges(db, dialect, 'ledger_events');
  await refuseChanges(db, dialect, 'ledger_checkpoints');
  await refuseChanges(db, dialect, 'ledger_cosignatures');
  await freezeFullTiles(db, dialect);
}

/** A tile may only grow while partial; once it holds 256 hashes it never changes, and no tile is ever deleted. */
async function freezeFullTiles(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql
      .raw(
        `create trigger ledger_tiles_frozen before update on ledger_tiles
         when old.width = 256 or new.width < old.width
         begin select raise(abort, 'ledger_tiles: a full tile cannot change'); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ledger_tiles_no_delete before delete on ledger_tiles begin select raise(abort, 'ledger_tiles is append-only'); end`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create or replace function lawtrail_freeze_tile() returns trigger language plpgsql as $$
       begin
         if tg_op = 'DELETE' or old.width = 256 or new.width < old.width then
           raise exception 'ledger_tiles: a full tile cannot change';
         end if;
         return new;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(`create trigger ledger_tiles_frozen before update or delete on ledger_tiles for each row execute function lawtrail_freeze_tile()`)
    .execute(db);
}

/** Ledger tables are insert-only: the database itself refuses UPDATE, DELETE (and TRUNCATE). */
export async function refuseChanges(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['update', 'delete']) {
      await sql
        .raw(`create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, '${table} is append-only'); end`)
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `create or replace function lawtrail_refuse_change() returns trigger language plpgsql as $$
       begin raise exception 'ledger table % is append-only', tg_table_name; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_no_change before update or delete on ${table}
       for each row execute function lawtrail_refuse_change()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_no_truncate before truncate on ${table}
       for each statement execute function lawtrail_refuse_change()`,
    )
    .execute(db);
}
