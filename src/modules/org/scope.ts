import type { Executor } from '../../db/database.js';
import { type Actor, hasRole } from '../../kernel/actor.js';

/** What part of the organisation an actor may see. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'governments'; governmentIds: string[] }
  | { kind: 'agency'; agencyId: string }
  | { kind: 'none' };

/** The government and every government below it (a county and its townships). */
export async function listGovernmentTree(db: Executor, rootId: string): Promise<string[]> {
  const all = await db.selectFrom('governments').select(['id', 'parent_id']).execute();
  const children = new Map<string, string[]>();
  for (const row of all) {
    if (!row.parent_id) continue;
    children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);
  }
  const result: string[] = [];
  const queue = [rootId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    result.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return result;
}

/**
 * Administrators see everything; the supervisor (justice bureau) and auditors see every agency of
 * their government and the governments below it; everybody else sees their own agency only.
 */
export async function resolveScope(db: Executor, actor: Actor): Promise<Scope> {
  if (actor.kind === 'system' || hasRole(actor, 'administrator')) return { kind: 'all' };
  if (hasRole(actor, 'supervisor', 'auditor') && actor.governmentId) {
    return { kind: 'governments', governmentIds: await listGovernmentTree(db, actor.governmentId) };
  }
  if (actor.agencyId) return { kind: 'agency', agencyId: actor.agencyId };
  return { kind: 'none' };
}

export function canSeeAgency(scope: Scope, agency: { id: string; government_id: string }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'governments':
      return scope.governmentIds.includes(agency.government_id);
    case 'agency':
      return scope.agencyId === agency.id;
    case 'none':
      return false;
  }
}
