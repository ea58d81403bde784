/**
 * The legal review as reviewers and supervisors see it, read from the cases' record: the queue of submissions waiting
 * for review with their clocks, and per agency the reviews done, their outcomes, the time taken, overdue reviews and
 * the reviewers' ratio and training. The review itself is a step of the case (see src/modules/cases: submit_review,
 * legal_review, deliberate and the gate on every decision).
 */
import { type Actor, hasRole } from '../../kernel/actor.js';
import { todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { loadCalendar } from '../calendar/index.js';
import { findAgencies, resolveScope } from '../org/index.js';
import { reviewerRatios } from '../personnel/index.js';

interface ReviewStepRow {
  case_id: string;
  position: number;
  step_key: string;
  occurred_on: string;
  data: string;
  actor_label: string;
}

const passed = new Set(['approved', 'approved_with_changes']);
export const opinionLabels: Record<string, string> = {
  approved: '同意',
  approved_with_changes: '修改后同意',
  returned: '退回补充调查',
  recommend_transfer: '建议移送司法机关',
};

async function visibleCases(ctx: AppContext, actor: Actor, agencyId: string | undefined) {
  const scope = await resolveScope(ctx.db, actor);
  if (scope.kind === 'none') return [];
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select(['c.id', 'c.agency_id', 'c.number', 'c.title', 'c.party_name', 'c.procedure_key', 'a.name as agency_name']);
  if (scope.kind === 'agency') q = q.where('c.agency_id', '=', scope.agencyId);
  if (scope.kind === 'governments') q = q.where('a.government_id', 'in', scope.governmentIds);
  if (agencyId) q = q.where('c.agency_id', '=', agencyId);
  return q.execute();
}

async function reviewSteps(ctx: AppContext, caseIds: string[]): Promise<ReviewStepRow[]> {
  if (caseIds.length === 0) return [];
  return ctx.db
    .selectFrom('case_steps')
    .select(['case_id', 'position', 'step_key', 'occurred_on', 'data', 'actor_label'])
    .where('step_key', 'in', ['submit_review', 'assign_review', 'extend_review', 'legal_review', 'dispute_review', 'deliberate'])
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .orderBy('position')
    .execute();
}

/** Submissions not yet reviewed, oldest deadline first: what a reviewer has to do. */
export async function reviewQueue(ctx: AppContext, actor: Actor, query: { agencyId?: string | undefined }) {
  if (actor.kind === 'user' && !hasRole(actor, 'reviewer', 'agency_head', 'supervisor', 'administrator', 'auditor')) {
    throw new DomainError('auth.forbidden', '只有法制审核人员、机关负责人和执法监督人员可以查看法制审核队列');
  }
  const cases = await visibleCases(ctx, actor, query.agencyId);
  const steps = await reviewSteps(
    ctx,
    cases.map((c) => c.id),
  );
  const calendar = (await loadCalendar(ctx.db)).assumingWeekdays();
  const today = todayInChina();
  const clocks = await ctx.db
    .selectFrom('case_clocks')
    .select(['case_id', 'due_on'])
    .where('clock_key', '=', 'legal_review')
    .where('stopped_on', 'is', null)
    .where('case_id', 'in', cases.length ? cases.map((c) => c.id) : [''])
    .execute();
  const items = [];
  for (const kase of cases) {
    const own = steps.filter((s) => s.case_id === kase.id);
    const submission = own.filter((s) => s.step_key === 'submit_review').at(-1);
    const review = own.filter((s) => s.step_key === 'legal_review').at(-1);
    if (!submission || (review && review.position > submission.position)) continue;
    const data = JSON.parse(submission.data) as Record<string, unknown>;
    const dueOn = clocks.find((c) => c.case_id === kase.id)?.due_on ?? null;
    const sinceSubmission = own.filter((s) => s.position > submission.position);
    const assignment = sinceSubmission.filter((s) => s.step_key === 'assign_review').at(-1);
    const extension = sinceSubmission.filter((s) => s.step_key === 'extend_review').at(-1);
    items.push({
      caseId: kase.id,
      caseNumber: kase.number,
      caseTitle: kase.title,
      partyName: kase.party_name,
      agencyName: kase.agency_name,
      submittedOn: submission.occurred_on,
      submittedBy: submission.actor_label,
      majorReasons: Array.isArray(data.majorReasons) ? (data.majorReasons as string[]) : [],
      isResubmission: own.filter((s) => s.step_key === 'submit_review').length > 1,
      assignedReviewer: assignment ? String((JSON.parse(assignment.data) as Record<string, unknown>).reviewerName ?? '') : null,
      extendedDays: extension ? Number((JSON.parse(extension.data) as Record<string, unknown>).days) : 0,
      dueOn,
      isOverdue: dueOn !== null && today > dueOn,
      workingDaysLeft: dueOn ? calendar.workingDaysBetween(today, dueOn) : null,
    });
  }
  items.sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  return { today, items };
}

/** Per agency: submissions, reviews and their outcomes, working days taken, overdue reviews, reviewers and training. */
export async function reviewStatistics(ctx: AppContext, actor: Actor, query: { year?: number | undefined }) {
  if (actor.kind === 'user' && !hasRole(actor, 'supervisor', 'agency_head', 'administrator', 'auditor', 'reviewer')) {
    throw new DomainError('auth.forbidden', '只有执法监督人员、机关负责人和法制审核人员可以查看法制审核统计');
  }
  const year = query.year ?? Number(todayInChina().slice(0, 4));
  const cases = await visibleCases(ctx, actor, undefined);
  const steps = (
    await reviewSteps(
      ctx,
      cases.map((c) => c.id),
    )
  ).filter((s) => s.occurred_on.startsWith(`${year}-`));
  const calendar = (await loadCalendar(ctx.db)).assumingWeekdays();
  // Overdue: finished after the deadline, or still open past it (the clocks' projection holds both dates).
  const today = todayInChina();
  const reviewClocks = await ctx.db
    .selectFrom('case_clocks')
    .select(['agency_id', 'due_on', 'stopped_on', 'started_on'])
    .where('clock_key', '=', 'legal_review')
    .where('started_on', 'like', `${year}-%`)
    .execute();
  const isOverdue = (c: { due_on: string | null; stopped_on: string | null }) =>
    c.due_on !== null && (c.stopped_on === null ? today > c.due_on : c.stopped_on > c.due_on);
  const ratios = await reviewerRatios(ctx, actor);
  const { items: agencies } = await findAgencies(ctx, actor, { limit: 10_000, offset: 0 });
  const training = await ctx.db
    .selectFrom('training_records')
    .select(['agency_id', (eb) => eb.fn.sum<number>('hours').as('hours')])
    .where('category', '=', 'legal_review')
    .where('completed_on', 'like', `${year}-%`)
    .groupBy('agency_id')
    .execute();
  const items = agencies
    .filter((agency) => agency.kind !== 'justice')
    .map((agency) => {
      const mine = new Set(cases.filter((c) => c.agency_id === agency.id).map((c) => c.id));
      const own = steps.filter((s) => mine.has(s.case_id));
      const reviews = own.filter((s) => s.step_key === 'legal_review');
      const opinions = reviews.map((s) => String((JSON.parse(s.data) as Record<string, unknown>).opinion));
      const days = reviews
        .map((review) => {
          const submission = own
            .filter((s) => s.case_id === review.case_id && s.step_key === 'submit_review' && s.position < review.position)
            .at(-1);
          return submission ? calendar.workingDaysBetween(submission.occurred_on, review.occurred_on) : null;
        })
        .filter((d): d is number => d !== null);
      const ratio = ratios.items.find((r: { agencyId: string }) => r.agencyId === agency.id) as Record<string, unknown> | undefined;
      return {
        agencyId: agency.id,
        agencyName: agency.name,
        submissions: own.filter((s) => s.step_key === 'submit_review').length,
        reviews: reviews.length,
        passed: opinions.filter((o) => passed.has(o)).length,
        returned: opinions.filter((o) => o === 'returned').length,
        transferRecommended: opinions.filter((o) => o === 'recommend_transfer').length,
        passRate: reviews.length ? opinions.filter((o) => passed.has(o)).length / reviews.length : null,
        deliberations: own.filter((s) => s.step_key === 'deliberate').length,
        disputes: own.filter((s) => s.step_key === 'dispute_review').length,
        extensions: own.filter((s) => s.step_key === 'extend_review').length,
        averageWorkingDays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
        overdueReviews: reviewClocks.filter((c) => c.agency_id === agency.id && isOverdue(c)).length,
        reviewerRatio: ratio ?? null,
        reviewerTrainingHours: Number(training.find((t) => t.agency_id === agency.id)?.hours ?? 0),
      };
    });
  return { year, items };
}
