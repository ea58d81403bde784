import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AgencyTable } from '../../db/schema.js';
import { containsText } from '../../db/text-search.js';
import type { Scope } from './scope.js';

export type AgencyRow = Selectable<AgencyTable> & { government_name: string };

export interface AgencyFilter {
  q?: string | undefined;
  governmentId?: string | undefined;
  isActive?: boolean | undefined;
  limit: number;
  offset: number;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('agencies')
    .innerJoin('governments', 'governments.id', 'agencies.government_id')
    .selectAll('agencies')
    .select('governments.name as government_name');
}

function scoped<Q extends ReturnType<typeof baseQuery>>(query: Q, scope: Scope): Q {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'governments':
      return query.where('agencies.government_id', 'in', scope.governmentIds) as Q;
    case 'agency':
      return query.where('agencies.id', '=', scope.agencyId) as Q;
    case 'none':
      return query.where('agencies.id', '=', '') as Q;
  }
}

export async function findAgencies(db: Executor, scope: Scope, filter: AgencyFilter) {
  let query = scoped(baseQuery(db), scope);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        containsText(eb.ref('agencies.name'), q),
        containsText(eb.ref('agencies.uscc'), q),
        containsText(eb.ref('agencies.short_name'), q),
      ]),
    );
  }
  if (filter.governmentId) query = query.where('agencies.government_id', '=', filter.governmentId);
  if (filter.isActive !== undefined) query = query.where('agencies.is_active', '=', filter.isActive ? 1 : 0);
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy('agencies.is_justice_bureau', 'desc')
    .orderBy('agencies.name')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows: rows as AgencyRow[], total: Number(total) };
}

export async function findAgencyById(db: Executor, id: string): Promise<AgencyRow | undefined> {
  return (await baseQuery(db).where('agencies.id', '=', id).executeTakeFirst()) as AgencyRow | undefined;
}

export async function findAgencyByUscc(db: Executor, uscc: string) {
  return db.selectFrom('agencies').select(['id']).where('uscc', '=', uscc).executeTakeFirst();
}

export async function insertAgency(db: Executor, row: Insertable<AgencyTable>): Promise<void> {
  await db.insertInto('agencies').values(row).execute();
}

/** Optimistic update: succeeds only if the row still has `version`; returns whether it did. */
export async function updateAgency(db: Executor, id: string, version: number, changes: Updateable<AgencyTable>): Promise<boolean> {
  const result = await db
    .updateTable('agencies')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listPublicAgencies(db: Executor) {
  return db.selectFrom('agencies').selectAll().where('is_active', '=', 1).orderBy('is_justice_bureau', 'desc').orderBy('name').execute();
}
