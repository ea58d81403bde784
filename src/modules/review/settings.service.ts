/**
 * Each agency's own terms of legal review (法制审核办法): how many working days the review office has, and the longest
 * extension the agency head may approve. Without its own row an agency uses five working days and five more, the usual
 * figures. A submission records the terms it was made under, so a later change never moves a running review's deadline.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ReviewSettingsTable } from '../../db/schema.js';
import { type Actor, hasRole } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { appendEvent } from '../../ledger/index.js';
import { canSeeAgency, resolveScope } from '../org/index.js';

export interface ReviewTerms {
  reviewDays: number;
  maxExtensionDays: number;
  basis: string;
}

export const defaultReviewTerms: ReviewTerms = {
  reviewDays: 5,
  maxExtensionDays: 5,
  basis: '重大执法决定法制审核制度（本机关未另行规定的，审核期限五个工作日，经机关负责人批准可延长五个工作日）',
};

export type ReviewSettingsRow = Selectable<ReviewSettingsTable>;

export function reviewSettingsState(row: ReviewSettingsRow) {
  return {
    agencyId: row.agency_id,
    reviewDays: Number(row.review_days),
    maxExtensionDays: Number(row.max_extension_days),
    basis: row.basis,
    version: Number(row.version),
  };
}

/** The terms an agency reviews under today. */
export async function reviewTermsOf(db: Executor, agencyId: string): Promise<ReviewTerms & { isDefault: boolean; version: number }> {
  const row = await db.selectFrom('review_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
  if (!row) return { ...defaultReviewTerms, isDefault: true, version: 0 };
  return {
    reviewDays: Number(row.review_days),
    maxExtensionDays: Number(row.max_extension_days),
    basis: row.basis,
    isDefault: false,
    version: Number(row.version),
  };
}

async function visibleAgency(ctx: AppContext, actor: Actor, agencyId: string) {
  const agency = await ctx.db.selectFrom('agencies').select(['id', 'government_id']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency || !canSeeAgency(await resolveScope(ctx.db, actor), agency)) {
    throw new DomainError('org.not_found', '未找到该执法机关，或您无权查看');
  }
  return agency;
}

export async function getReviewTerms(ctx: AppContext, actor: Actor, agencyId: string) {
  await visibleAgency(ctx, actor, agencyId);
  return { agencyId, ...(await reviewTermsOf(ctx.db, agencyId)) };
}

export interface ReviewTermsInput extends ReviewTerms {
  /** The version the caller saw (0 when the agency had no terms of its own), so two heads do not overwrite each other. */
  version: number;
}

/** The agency head (or an administrator) sets the agency's review terms; each change is a ledger event. */
export async function setReviewTerms(ctx: AppContext, actor: Actor, agencyId: string, input: ReviewTermsInput) {
  await visibleAgency(ctx, actor, agencyId);
  const isHead = actor.kind === 'user' && hasRole(actor, 'agency_head') && actor.agencyId === agencyId;
  if (actor.kind === 'user' && !isHead && !hasRole(actor, 'administrator')) {
    throw new DomainError('auth.forbidden', '只有本机关负责人或系统管理员可以设置法制审核期限');
  }
  const basis = input.basis.trim();
  if (basis.length < 4) {
    throw new DomainError('review.invalid', '请写明审核期限的依据（本机关的法制审核办法及其条款）', {
      errors: [{ pointer: '/basis', detail: '请写明审核期限的依据' }],
    });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('review_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
    const version = current ? Number(current.version) : 0;
    if (version !== input.version) throw new DomainError('review.version_conflict', '审核期限设置已被他人修改，请刷新后重试');
    const row: ReviewSettingsRow = {
      agency_id: agencyId,
      review_days: input.reviewDays,
      max_extension_days: input.maxExtensionDays,
      basis,
      version: version + 1,
      updated_by: actor.kind === 'user' ? actor.userId : `system:${actor.label}`,
      updated_at: nowIso(),
    };
    if (current) {
      await trx
        .updateTable('review_settings')
        .set({
          review_days: row.review_days,
          max_extension_days: row.max_extension_days,
          basis,
          version: row.version,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        })
        .where('agency_id', '=', agencyId)
        .execute();
    } else await trx.insertInto('review_settings').values(row).execute();
    await appendEvent(trx, {
      actor,
      agencyId,
      subjectType: 'review_settings',
      subjectId: agencyId,
      action: 'review.terms_set',
      state: reviewSettingsState(row),
    });
    return { ...reviewSettingsState(row), isDefault: false };
  });
}
