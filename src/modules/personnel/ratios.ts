import type { Actor } from '../../kernel/actor.js';
import type { AppContext } from '../../kernel/context.js';
import { minReviewerRatio } from '../../kernel/vocabulary.js';
import { findAgencies } from '../org/index.js';

/**
 * Legal reviewers against enforcement officers, per agency the actor may see: reviewers are active accounts with the
 * reviewer role, officers the active non-auxiliary people of the roster. Below 5% is flagged.
 */
export async function reviewerRatios(ctx: AppContext, actor: Actor) {
  const { items: agencies } = await findAgencies(ctx, actor, { limit: 10_000, offset: 0 });
  const ids = agencies.map((a) => a.id);
  if (ids.length === 0) return { items: [], minRatio: minReviewerRatio };
  const officers = await ctx.db
    .selectFrom('officers')
    .select(['agency_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agency_id', 'in', ids)
    .where('is_active', '=', 1)
    .where('is_auxiliary', '=', 0)
    .groupBy('agency_id')
    .execute();
  const auxiliaries = await ctx.db
    .selectFrom('officers')
    .select(['agency_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agency_id', 'in', ids)
    .where('is_active', '=', 1)
    .where('is_auxiliary', '=', 1)
    .groupBy('agency_id')
    .execute();
  const reviewers = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.agency_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('u.agency_id', 'in', ids)
    .where('u.is_active', '=', 1)
    .where('r.role', '=', 'reviewer')
    .groupBy('u.agency_id')
    .execute();
  // Reviewers with a recorded qualification (the plans ask each agency to set the share of legal-profession holders).
  const qualified = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.agency_id', (eb) => eb.fn.count<number>('u.id').distinct().as('n')])
    .where('u.agency_id', 'in', ids)
    .where('u.is_active', '=', 1)
    .where('r.role', '=', 'reviewer')
    .where((eb) => eb.exists(eb.selectFrom('reviewer_qualifications as q').select('q.id').whereRef('q.user_id', '=', 'u.id')))
    .groupBy('u.agency_id')
    .execute();
  const count = (rows: { agency_id: string | null; n: number }[], id: string) => Number(rows.find((r) => r.agency_id === id)?.n ?? 0);
  return {
    minRatio: minReviewerRatio,
    items: agencies
      .filter((a) => a.isActive)
      .map((agency) => {
        const officerCount = count(officers, agency.id);
        const reviewerCount = count(reviewers, agency.id);
        const ratio = officerCount === 0 ? null : reviewerCount / officerCount;
        return {
          agencyId: agency.id,
          agencyName: agency.name,
          officerCount,
          auxiliaryCount: count(auxiliaries, agency.id),
          reviewerCount,
          qualifiedReviewerCount: count(qualified, agency.id),
          ratio,
          isBelowMinimum: ratio !== null && ratio < minReviewerRatio,
        };
      }),
  };
}
