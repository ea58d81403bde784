import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { UserTable } from '../../db/schema.js';
import { containsText } from '../../db/text-search.js';
import type { Role } from '../../kernel/actor.js';
import type { Scope } from './scope.js';

export type UserRow = Selectable<UserTable> & {
  agency_name: string | null;
  government_id: string | null;
  agency_is_active: number | null;
  roles: Role[];
};

export interface UserFilter {
  q?: string | undefined;
  agencyId?: string | undefined;
  role?: Role | undefined;
  isActive?: boolean | undefined;
  limit: number;
  offset: number;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .selectAll('users')
    .select(['agencies.name as agency_name', 'agencies.government_id as government_id', 'agencies.is_active as agency_is_active']);
}

async function withRoles(db: Executor, rows: Omit<UserRow, 'roles'>[]): Promise<UserRow[]> {
  if (rows.length === 0) return [];
  const roleRows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return rows.map((row) => ({
    ...row,
    roles: roleRows
      .filter((r) => r.user_id === row.id)
      .map((r) => r.role as Role)
      .sort(),
  }));
}

export async function findUsers(db: Executor, scope: Scope, filter: UserFilter) {
  let query = baseQuery(db);
  if (scope.kind === 'governments') query = query.where('agencies.government_id', 'in', scope.governmentIds);
  if (scope.kind === 'agency') query = query.where('users.agency_id', '=', scope.agencyId);
  if (scope.kind === 'none') query = query.where('users.id', '=', '');
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([containsText(eb.ref('users.username'), q), containsText(eb.ref('users.display_name'), q)]));
  }
  if (filter.agencyId) query = query.where('users.agency_id', '=', filter.agencyId);
  if (filter.isActive !== undefined) query = query.where('users.is_active', '=', filter.isActive ? 1 : 0);
  if (filter.role) {
    const role = filter.role;
    query = query.where('users.id', 'in', (eb) => eb.selectFrom('user_roles').select('user_id').where('role', '=', role));
  }
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query.orderBy('agencies.name').orderBy('users.username').limit(filter.limit).offset(filter.offset).execute();
  return { rows: await withRoles(db, rows), total: Number(total) };
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const row = await baseQuery(db).where('users.id', '=', id).executeTakeFirst();
  return row ? (await withRoles(db, [row]))[0] : undefined;
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const row = await baseQuery(db).where('users.username', '=', username).executeTakeFirst();
  return row ? (await withRoles(db, [row]))[0] : undefined;
}

export async function insertUser(db: Executor, row: Insertable<UserTable>, roles: Role[]): Promise<void> {
  await db.insertInto('users').values(row).execute();
  await db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: row.id, role })))
    .execute();
}

export async function replaceRoles(db: Executor, userId: string, roles: Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  await db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: userId, role })))
    .execute();
}

/** Unconditional update for bookkeeping the user does not edit (failed logins, TOTP step). */
export async function patchUser(db: Executor, id: string, changes: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** Optimistic update of what a person edits: succeeds only at `version`. */
export async function updateUserAtVersion(db: Executor, id: string, version: number, changes: Updateable<UserTable>): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
