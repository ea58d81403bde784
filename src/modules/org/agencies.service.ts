import { isUniqueViolation } from '../../db/database.js';
import { type Actor, hasRole } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { checkUscc, normalizeUscc } from '../../kernel/uscc.js';
import { appendEvent, listSubjectEvents } from '../../ledger/index.js';
import * as repo from './agencies.repo.js';
import type { CreateAgencyInput, UpdateAgencyInput } from './org.schema.js';
import { type Agency, presentAgency } from './presenters.js';
import { canSeeAgency, resolveScope } from './scope.js';

function requireAdministrator(actor: Actor): void {
  if (actor.kind === 'system' || hasRole(actor, 'administrator')) return;
  throw new DomainError('auth.forbidden', '只有系统管理员可以新增、修改或停用执法机关');
}

function validUscc(value: string): string {
  const uscc = normalizeUscc(value);
  const check = checkUscc(uscc);
  if (!check.isValid) {
    throw new DomainError('org.uscc_invalid', check.reason, { errors: [{ pointer: '/uscc', detail: check.reason }] });
  }
  return uscc;
}

function usccTaken(uscc: string): DomainError {
  const detail = `统一社会信用代码 ${uscc} 已登记为另一执法机关`;
  return new DomainError('org.uscc_taken', detail, { errors: [{ pointer: '/uscc', detail }] });
}

/** Loads an agency the actor may see; "not yours" answers as "not found". */
async function loadVisible(ctx: AppContext, actor: Actor, id: string): Promise<repo.AgencyRow> {
  const row = await repo.findAgencyById(ctx.db, id);
  if (!row || !canSeeAgency(await resolveScope(ctx.db, actor), row)) {
    throw new DomainError('org.not_found', '未找到该执法机关，或您无权查看');
  }
  return row;
}

export async function findAgencies(ctx: AppContext, actor: Actor, filter: repo.AgencyFilter) {
  const scope = await resolveScope(ctx.db, actor);
  const { rows, total } = await repo.findAgencies(ctx.db, scope, filter);
  return { items: rows.map(presentAgency), total };
}

export async function getAgency(ctx: AppContext, actor: Actor, id: string): Promise<Agency> {
  return presentAgency(await loadVisible(ctx, actor, id));
}

export async function getAgencyHistory(ctx: AppContext, actor: Actor, id: string) {
  await loadVisible(ctx, actor, id);
  return { items: await listSubjectEvents(ctx.db, 'agency', id) };
}

export async function createAgency(ctx: AppContext, actor: Actor, input: CreateAgencyInput): Promise<Agency> {
  requireAdministrator(actor);
  const uscc = validUscc(input.uscc);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const government = await trx.selectFrom('governments').select('id').where('id', '=', input.governmentId).executeTakeFirst();
      if (!government) {
        throw new DomainError('org.government_not_found', '所选人民政府不存在', {
          errors: [{ pointer: '/governmentId', detail: '所选人民政府不存在' }],
        });
      }
      if (await repo.findAgencyByUscc(trx, uscc)) throw usccTaken(uscc);
      const at = nowIso();
      const id = newId();
      await repo.insertAgency(trx, {
        id,
        government_id: input.governmentId,
        name: input.name.trim(),
        short_name: input.shortName ?? null,
        uscc,
        kind: input.kind,
        is_justice_bureau: input.kind === 'justice' ? 1 : 0,
        address: input.address ?? null,
        phone: input.phone ?? null,
        supervision_phone: input.supervisionPhone ?? null,
        complaint_channel: input.complaintChannel ?? null,
        website: input.website ?? null,
        office_hours: input.officeHours ?? null,
        is_active: 1,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      const agency = presentAgency((await repo.findAgencyById(trx, id)) as repo.AgencyRow);
      await appendEvent(trx, { actor, agencyId: id, subjectType: 'agency', subjectId: id, action: 'agency.created', state: agency });
      return agency;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw usccTaken(uscc);
    throw error;
  }
}

const contactFields = ['address', 'phone', 'supervisionPhone', 'complaintChannel', 'website', 'officeHours'] as const;
const columnOf = {
  name: 'name',
  shortName: 'short_name',
  uscc: 'uscc',
  kind: 'kind',
  address: 'address',
  phone: 'phone',
  supervisionPhone: 'supervision_phone',
  complaintChannel: 'complaint_channel',
  website: 'website',
  officeHours: 'office_hours',
} as const;

/**
 * Administrators change any field; an agency head may keep their own agency's contact and
 * supervision channels up to date, but not its name, code or kind.
 */
export async function updateAgency(ctx: AppContext, actor: Actor, id: string, input: UpdateAgencyInput): Promise<Agency> {
  const current = await loadVisible(ctx, actor, id);
  const isAdministrator = actor.kind === 'system' || hasRole(actor, 'administrator');
  const { version, ...fields } = input;
  const touched = Object.keys(fields).filter((key) => fields[key as keyof typeof fields] !== undefined);
  if (!isAdministrator) {
    const isOwnHead = hasRole(actor, 'agency_head') && actor.kind === 'user' && actor.agencyId === id;
    const onlyContact = touched.every((key) => (contactFields as readonly string[]).includes(key));
    if (!isOwnHead || !onlyContact) {
      throw new DomainError('auth.forbidden', '机关负责人只能修改本机关的联系方式与监督渠道');
    }
  }
  const changes: Record<string, unknown> = {};
  for (const key of touched) {
    let value = fields[key as keyof typeof fields];
    if (key === 'uscc' && typeof value === 'string') value = validUscc(value);
    if (key === 'name' && typeof value === 'string') value = value.trim();
    changes[columnOf[key as keyof typeof columnOf]] = value;
  }
  if (changes.kind !== undefined) changes.is_justice_bureau = changes.kind === 'justice' ? 1 : 0;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (typeof changes.uscc === 'string' && changes.uscc !== current.uscc) {
        if (await repo.findAgencyByUscc(trx, changes.uscc)) throw usccTaken(changes.uscc);
      }
      const isSaved = await repo.updateAgency(trx, id, version, { ...changes, updated_at: nowIso() });
      if (!isSaved) throw new DomainError('org.version_conflict', `该记录当前版本为 ${current.version}，您提交的是 ${version}`);
      const agency = presentAgency((await repo.findAgencyById(trx, id)) as repo.AgencyRow);
      await appendEvent(trx, {
        actor,
        agencyId: id,
        subjectType: 'agency',
        subjectId: id,
        action: 'agency.updated',
        state: { agency, changed: touched },
      });
      return agency;
    });
  } catch (error) {
    if (isUniqueViolation(error) && typeof changes.uscc === 'string') throw usccTaken(changes.uscc);
    throw error;
  }
}

export async function setAgencyActive(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; isActive: boolean; reason?: string },
): Promise<Agency> {
  requireAdministrator(actor);
  const current = await loadVisible(ctx, actor, id);
  return ctx.db.transaction().execute(async (trx) => {
    const isSaved = await repo.updateAgency(trx, id, input.version, { is_active: input.isActive ? 1 : 0, updated_at: nowIso() });
    if (!isSaved) throw new DomainError('org.version_conflict', `该记录当前版本为 ${current.version}，您提交的是 ${input.version}`);
    const agency = presentAgency((await repo.findAgencyById(trx, id)) as repo.AgencyRow);
    await appendEvent(trx, {
      actor,
      agencyId: id,
      subjectType: 'agency',
      subjectId: id,
      action: input.isActive ? 'agency.activated' : 'agency.deactivated',
      state: { agency, reason: input.reason ?? null },
    });
    return agency;
  });
}
