/**
 * Each agency's document-number format (文号格式). Without one the default `{abbr}{series}〔{year}〕{n}号` applies,
 * with the agency's short name (or an abbreviation made from its name). Changing it is the agency head's or an
 * administrator's decision, and a ledger event.
 */
import { type Actor, hasRole } from '../../kernel/actor.js';
import { nowIso, todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { appendEvent } from '../../ledger/index.js';
import { canSeeAgency, resolveScope } from '../org/index.js';
import { checkNumberFormat, defaultNumberFormat, deriveAbbreviation, formatDocumentNumber } from './numbering.js';

async function findAgency(ctx: AppContext, actor: Actor, agencyId: string) {
  const agency = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'government_id', 'name', 'short_name'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency || !canSeeAgency(await resolveScope(ctx.db, actor), agency)) throw new DomainError('org.not_found', '未找到该执法机关');
  return agency;
}

export async function readNumberFormat(ctx: AppContext, actor: Actor, agencyId: string) {
  const agency = await findAgency(ctx, actor, agencyId);
  const row = await ctx.db.selectFrom('document_number_formats').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
  const format = row?.format ?? defaultNumberFormat;
  const abbreviation = agency.short_name?.trim() || deriveAbbreviation(agency.name);
  return {
    agencyId,
    format,
    isDefault: !row,
    abbreviation,
    example: formatDocumentNumber(format, { abbr: abbreviation, series: '罚', year: Number(todayInChina().slice(0, 4)), n: 12 }),
    updatedAt: row?.updated_at ?? null,
  };
}

export async function setNumberFormat(ctx: AppContext, actor: Actor, agencyId: string, format: string) {
  const agency = await findAgency(ctx, actor, agencyId);
  const isHead = actor.kind === 'user' && hasRole(actor, 'agency_head') && actor.agencyId === agency.id;
  if (!(actor.kind === 'system' || hasRole(actor, 'administrator') || isHead)) {
    throw new DomainError('auth.forbidden', '只有本机关负责人或系统管理员可以设置文号格式');
  }
  const trimmed = format.trim();
  checkNumberFormat(trimmed);
  const at = nowIso();
  const by = actor.kind === 'user' ? actor.userId : `system:${actor.label}`;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('document_number_formats')
      .values({ agency_id: agencyId, format: trimmed, updated_by: by, updated_at: at })
      .onConflict((oc) => oc.column('agency_id').doUpdateSet({ format: trimmed, updated_by: by, updated_at: at }))
      .execute();
    await appendEvent(trx, {
      actor,
      agencyId,
      subjectType: 'document_number_format',
      subjectId: agencyId,
      action: 'document_number_format.set',
      state: { agencyId, format: trimmed },
    });
  });
  return readNumberFormat(ctx, actor, agencyId);
}
