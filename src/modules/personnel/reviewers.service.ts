/**
 * Legal reviewers (法制审核人员): who they are, their qualification and training. Penalty Law Art. 58 ¶2: a person who
 * reviews penalty decisions for the first time holds the national unified legal-profession qualification; those who
 * already reviewed before the revised law took effect (2021-07-15) are recorded as such. Qualifications are records
 * (insert-only, one ledger event each); the legal review refuses a reviewer without one.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ReviewerQualificationTable } from '../../db/schema.js';
import type { Actor } from '../../kernel/actor.js';
import { nowIso, todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type QualificationKind, qualificationKinds } from '../../kernel/vocabulary.js';
import { appendEvent } from '../../ledger/index.js';
import { requireRosterKeeper, visibleAgency } from './officers.service.js';

export { type QualificationKind, qualificationKinds };

/** The day the revised Penalty Law, whose Art. 58 ¶2 asks for the qualification, took effect. */
export const qualificationRequiredFrom = '2021-07-15';

export type QualificationRow = Selectable<ReviewerQualificationTable>;

export function qualificationState(row: QualificationRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    userId: row.user_id,
    personName: row.person_name,
    kind: row.kind,
    kindLabel: qualificationKinds[row.kind as QualificationKind] ?? row.kind,
    certificateNumber: row.certificate_number,
    obtainedOn: row.obtained_on,
    note: row.note,
    createdAt: row.created_at,
  };
}

function invalid(pointer: string, detail: string): DomainError {
  return new DomainError('personnel.invalid', detail, { errors: [{ pointer, detail }] });
}

/** An active account of the agency with the reviewer role, or not found. */
async function loadReviewer(db: Executor, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'agency_id', 'display_name', 'username', 'is_active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  const roles = user ? await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute() : [];
  if (!user?.agency_id || !roles.some((r) => r.role === 'reviewer')) throw new DomainError('personnel.not_found', '未找到该法制审核人员');
  return { ...user, agency_id: user.agency_id };
}

export interface QualificationInput {
  userId: string;
  kind: QualificationKind;
  certificateNumber?: string | undefined;
  obtainedOn: string;
  note?: string | undefined;
}

/** Records a reviewer's qualification (the agency head or an administrator does, as for the roster). */
export async function recordQualification(ctx: AppContext, actor: Actor, input: QualificationInput) {
  const user = await loadReviewer(ctx.db, input.userId);
  await visibleAgency(ctx, actor, user.agency_id);
  requireRosterKeeper(actor, user.agency_id);
  if (input.obtainedOn > todayInChina()) throw invalid('/obtainedOn', '取得日期不能晚于今天');
  const number = input.certificateNumber?.trim() || null;
  if (input.kind === 'legal_profession' && !number) throw invalid('/certificateNumber', '请填写法律职业资格证书编号');
  if (input.kind === 'serving_before_2021' && input.obtainedOn >= qualificationRequiredFrom) {
    throw invalid('/obtainedOn', '2021年7月15日以后初次从事法制审核的，应当取得法律职业资格（《行政处罚法》第五十八条第二款）');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row: QualificationRow = {
      id: newId(),
      agency_id: user.agency_id,
      user_id: user.id,
      person_name: user.display_name,
      kind: input.kind,
      certificate_number: number,
      obtained_on: input.obtainedOn,
      note: input.note?.trim() || null,
      created_by: actor.kind === 'user' ? actor.userId : `system:${actor.label}`,
      created_at: nowIso(),
    };
    await trx.insertInto('reviewer_qualifications').values(row).execute();
    await appendEvent(trx, {
      actor,
      agencyId: row.agency_id,
      subjectType: 'reviewer_qualification',
      subjectId: row.id,
      action: 'reviewer.qualification_recorded',
      state: qualificationState(row),
    });
    return qualificationState(row);
  });
}

/** Whether a user may review: an active reviewer of the agency with a recorded qualification. Reasons when not. */
export async function reviewerStanding(
  db: Executor,
  userId: string,
  agencyId: string,
): Promise<{ isQualified: boolean; reasons: string[] }> {
  const reasons: string[] = [];
  const user = await db.selectFrom('users').select(['id', 'agency_id', 'is_active']).where('id', '=', userId).executeTakeFirst();
  const roles = user ? await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute() : [];
  if (!user || user.agency_id !== agencyId || !roles.some((r) => r.role === 'reviewer')) reasons.push('不是本机关法制审核机构的审核人员');
  else if (Number(user.is_active) !== 1) reasons.push('账号已停用');
  const qualification = await db.selectFrom('reviewer_qualifications').select('id').where('user_id', '=', userId).executeTakeFirst();
  if (!qualification) reasons.push('未登记法律职业资格（《行政处罚法》第五十八条第二款：初次从事法制审核的人员应当取得法律职业资格）');
  return { isQualified: reasons.length === 0, reasons };
}

/** The agency's reviewers with their qualifications and training hours. */
export async function listReviewers(ctx: AppContext, actor: Actor, agencyId: string) {
  await visibleAgency(ctx, actor, agencyId);
  const users = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.username', 'u.post', 'u.is_active'])
    .where('u.agency_id', '=', agencyId)
    .where('r.role', '=', 'reviewer')
    .orderBy('u.display_name')
    .execute();
  const ids = users.map((u) => u.id);
  const qualifications = ids.length
    ? await ctx.db.selectFrom('reviewer_qualifications').selectAll().where('user_id', 'in', ids).orderBy('obtained_on').execute()
    : [];
  const training = ids.length
    ? await ctx.db.selectFrom('training_records').select(['user_id', 'hours']).where('user_id', 'in', ids).execute()
    : [];
  const items = users.map((u) => {
    const own = qualifications.filter((q) => q.user_id === u.id).map(qualificationState);
    return {
      userId: u.id,
      name: u.display_name,
      username: u.username,
      post: u.post,
      isActive: Number(u.is_active) === 1,
      qualifications: own,
      isQualified: own.length > 0,
      trainingHours: training.filter((t) => t.user_id === u.id).reduce((sum, t) => sum + Number(t.hours), 0),
    };
  });
  const active = items.filter((i) => i.isActive);
  return {
    items,
    qualifiedCount: active.filter((i) => i.isQualified).length,
    activeCount: active.length,
  };
}
