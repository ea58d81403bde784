import { type Actor, hasRole } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { checkDivisionCode, type GovernmentLevel } from '../../kernel/division-code.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { appendEvent } from '../../ledger/index.js';
import { listPublicAgencies } from './agencies.repo.js';
import { presentAgencyContact, presentGovernment } from './presenters.js';
import { listGovernmentTree, resolveScope } from './scope.js';

const parentLevel: Record<GovernmentLevel, GovernmentLevel | null> = {
  province: null,
  city: 'province',
  county: 'city',
  township: 'county',
};

export async function listGovernments(ctx: AppContext, actor: Actor) {
  const scope = await resolveScope(ctx.db, actor);
  let query = ctx.db.selectFrom('governments').selectAll().orderBy('division_code');
  if (scope.kind === 'governments') query = query.where('id', 'in', scope.governmentIds);
  if (scope.kind === 'agency') {
    query = query.where('id', 'in', (eb) => eb.selectFrom('agencies').select('government_id').where('id', '=', scope.agencyId));
  }
  if (scope.kind === 'none') return { items: [] };
  return { items: (await query.execute()).map(presentGovernment) };
}

export interface CreateGovernmentInput {
  parentId: string | null;
  level: GovernmentLevel;
  divisionCode: string;
  name: string;
}

export async function createGovernment(ctx: AppContext, actor: Actor, input: CreateGovernmentInput) {
  if (actor.kind !== 'system' && !hasRole(actor, 'administrator')) {
    throw new DomainError('auth.forbidden', '只有系统管理员可以维护行政区划');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const parent = input.parentId
      ? await trx.selectFrom('governments').selectAll().where('id', '=', input.parentId).executeTakeFirst()
      : undefined;
    if (input.parentId && !parent) throw new DomainError('org.government_not_found', '上级人民政府不存在');
    const expectedParent = parentLevel[input.level];
    if ((parent?.level ?? null) !== expectedParent) {
      throw new DomainError('org.division_code_invalid', expectedParent ? '上级人民政府的层级不对' : '省级人民政府没有上级');
    }
    const problem = checkDivisionCode(input.divisionCode, input.level, parent?.division_code);
    if (problem) throw new DomainError('org.division_code_invalid', problem, { errors: [{ pointer: '/divisionCode', detail: problem }] });
    const taken = await trx.selectFrom('governments').select('id').where('division_code', '=', input.divisionCode).executeTakeFirst();
    if (taken) throw new DomainError('org.division_code_invalid', `区划代码 ${input.divisionCode} 已存在`);
    const row = {
      id: newId(),
      parent_id: input.parentId,
      level: input.level,
      division_code: input.divisionCode,
      name: input.name,
      created_at: nowIso(),
    };
    await trx.insertInto('governments').values(row).execute();
    const government = presentGovernment(row);
    await appendEvent(trx, {
      actor,
      agencyId: null,
      subjectType: 'government',
      subjectId: row.id,
      action: 'government.created',
      state: government,
    });
    return government;
  });
}

const levelRank: Record<string, number> = { province: 0, city: 1, county: 2, township: 3 };

/**
 * The portal's view: the deployment's home government — the highest one that has a justice bureau (ties: lowest division
 * code) — with its name as the public knows it, and the active agencies of it and the governments below it.
 */
export async function readPublicPortal(ctx: AppContext) {
  const governments = await ctx.db.selectFrom('governments').selectAll().execute();
  const byId = new Map(governments.map((g) => [g.id, g]));
  const agencies = await listPublicAgencies(ctx.db);
  const bureaus = agencies
    .filter((agency) => agency.is_justice_bureau === 1)
    .map((agency) => ({ agency, government: byId.get(agency.government_id) }))
    .filter((entry) => entry.government !== undefined)
    .sort(
      (a, b) =>
        (levelRank[a.government?.level ?? ''] ?? 9) - (levelRank[b.government?.level ?? ''] ?? 9) ||
        (a.government?.division_code ?? '').localeCompare(b.government?.division_code ?? ''),
    );
  const home = bureaus[0];
  if (!home?.government) return { government: null, justiceBureau: null, agencies: agencies.map(presentAgencyContact) };
  const tree = new Set(await listGovernmentTree(ctx.db, home.government.id));
  const chain: string[] = [home.government.name];
  for (
    let parent = byId.get(home.government.parent_id ?? '');
    parent && parent.level !== 'province';
    parent = byId.get(parent.parent_id ?? '')
  ) {
    chain.unshift(parent.name.replace(/人民政府$/, ''));
  }
  return {
    government: { name: home.government.name, divisionCode: home.government.division_code, fullName: chain.join('') },
    justiceBureau: presentAgencyContact(home.agency),
    agencies: agencies.filter((agency) => agency !== home.agency && tree.has(agency.government_id)).map(presentAgencyContact),
  };
}
