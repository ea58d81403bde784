/** The roster of enforcement personnel (执法人员名册) and their training records. */
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { OfficerTable, TrainingRecordTable } from '../../db/schema.js';
import { containsText } from '../../db/text-search.js';
import { type Actor, hasRole } from '../../kernel/actor.js';
import { nowIso, todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type TrainingCategory, trainingCategories } from '../../kernel/vocabulary.js';
import { appendEvent, listSubjectEvents } from '../../ledger/index.js';
import { canSeeAgency, resolveScope, type Scope } from '../org/index.js';
import { cancelHeldCertificates, presentCertificate } from './certificates.service.js';

export type OfficerRow = Selectable<OfficerTable>;

export function officerState(row: OfficerRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    userId: row.user_id,
    name: row.name,
    post: row.post,
    isAuxiliary: row.is_auxiliary === 1,
    isActive: row.is_active === 1,
    version: Number(row.version),
  };
}

export async function visibleAgency(ctx: AppContext, actor: Actor, agencyId: string) {
  const agency = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'government_id', 'name', 'is_active'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency || !canSeeAgency(await resolveScope(ctx.db, actor), agency)) {
    throw new DomainError('org.not_found', '未找到该执法机关，或您无权查看');
  }
  return agency;
}

/** The head of an agency keeps its roster; administrators any agency's. */
export function requireRosterKeeper(actor: Actor, agencyId: string): void {
  if (actor.kind === 'system' || hasRole(actor, 'administrator')) return;
  if (hasRole(actor, 'agency_head') && actor.agencyId === agencyId) return;
  throw new DomainError('auth.forbidden', '只有本机关负责人或系统管理员可以管理执法人员和执法证件');
}

export async function loadOfficer(ctx: AppContext, actor: Actor, id: string): Promise<OfficerRow> {
  const row = await ctx.db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('personnel.not_found', '未找到该执法人员，或您无权查看');
  try {
    await visibleAgency(ctx, actor, row.agency_id);
  } catch {
    throw new DomainError('personnel.not_found', '未找到该执法人员，或您无权查看');
  }
  return row;
}

function scopeFilter(scope: Scope): { agencyIds?: string[]; governmentIds?: string[]; none?: true } {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'governments':
      return { governmentIds: scope.governmentIds };
    case 'agency':
      return { agencyIds: [scope.agencyId] };
    case 'none':
      return { none: true };
  }
}

export interface OfficerInput {
  agencyId: string;
  name: string;
  post?: string | null | undefined;
  isAuxiliary?: boolean | undefined;
  userId?: string | null | undefined;
}

async function checkUser(db: Executor, userId: string | null | undefined, agencyId: string): Promise<void> {
  if (!userId) return;
  const user = await db.selectFrom('users').select(['id', 'agency_id']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.agency_id !== agencyId) {
    throw new DomainError('personnel.invalid', '关联的用户账号不存在或不属于该执法机关', {
      errors: [{ pointer: '/userId', detail: '关联的用户账号不存在或不属于该执法机关' }],
    });
  }
}

export async function createOfficer(ctx: AppContext, actor: Actor, input: OfficerInput) {
  const agency = await visibleAgency(ctx, actor, input.agencyId);
  requireRosterKeeper(actor, input.agencyId);
  if (!agency.is_active) throw new DomainError('org.agency_inactive', `${agency.name}已停用`);
  await checkUser(ctx.db, input.userId, input.agencyId);
  return ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = newId();
    await trx
      .insertInto('officers')
      .values({
        id,
        agency_id: input.agencyId,
        user_id: input.userId ?? null,
        name: input.name.trim(),
        post: input.post?.trim() || null,
        is_auxiliary: input.isAuxiliary ? 1 : 0,
        is_active: 1,
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const row = (await trx.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst()) as OfficerRow;
    await appendEvent(trx, {
      actor,
      agencyId: input.agencyId,
      subjectType: 'officer',
      subjectId: id,
      action: 'officer.created',
      state: officerState(row),
    });
    return officerState(row);
  });
}

export async function updateOfficer(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; name?: string; post?: string | null; isAuxiliary?: boolean; isActive?: boolean; reason?: string },
) {
  const current = await loadOfficer(ctx, actor, id);
  requireRosterKeeper(actor, current.agency_id);
  if (input.isAuxiliary === true && current.is_auxiliary === 0) {
    const held = await ctx.db
      .selectFrom('certificates')
      .select('number')
      .where('officer_id', '=', id)
      .where('status', 'in', ['valid', 'suspended'])
      .executeTakeFirst();
    if (held) throw new DomainError('personnel.invalid', `该人员持有执法证 ${held.number}，须先注销证件才能改为辅助人员`);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const changes: Partial<OfficerRow> = { updated_at: nowIso(), version: Number(current.version) + 1 };
    if (input.name !== undefined) changes.name = input.name.trim();
    if (input.post !== undefined) changes.post = input.post?.trim() || null;
    if (input.isAuxiliary !== undefined) changes.is_auxiliary = input.isAuxiliary ? 1 : 0;
    if (input.isActive !== undefined) changes.is_active = input.isActive ? 1 : 0;
    const result = await trx
      .updateTable('officers')
      .set(changes)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new DomainError('org.version_conflict', `该记录当前版本为 ${current.version}，您提交的是 ${input.version}`);
    const row = (await trx.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst()) as OfficerRow;
    await appendEvent(trx, {
      actor,
      agencyId: row.agency_id,
      subjectType: 'officer',
      subjectId: id,
      action: input.isActive === false ? 'officer.deactivated' : 'officer.updated',
      state: { officer: officerState(row), reason: input.reason ?? null },
    });
    // Someone moved off enforcement no longer holds a certificate: it is cancelled with them, in the same transaction.
    if (input.isActive === false && current.is_active === 1) {
      await cancelHeldCertificates(trx, actor, id, `调离执法岗位：${input.reason ?? '未写明原因'}`);
    }
    return officerState(row);
  });
}

export interface OfficerFilter {
  agencyId?: string | undefined;
  q?: string | undefined;
  isAuxiliary?: boolean | undefined;
  limit: number;
  offset: number;
}

/** The roster the actor may see, each officer with their current certificate. */
export async function findOfficers(ctx: AppContext, actor: Actor, filter: OfficerFilter) {
  const scope = scopeFilter(await resolveScope(ctx.db, actor));
  if (scope.none) return { items: [], total: 0 };
  let query = ctx.db.selectFrom('officers as o').innerJoin('agencies as a', 'a.id', 'o.agency_id');
  if (scope.agencyIds) query = query.where('o.agency_id', 'in', scope.agencyIds);
  if (scope.governmentIds) query = query.where('a.government_id', 'in', scope.governmentIds);
  if (filter.agencyId) query = query.where('o.agency_id', '=', filter.agencyId);
  if (filter.isAuxiliary !== undefined) query = query.where('o.is_auxiliary', '=', filter.isAuxiliary ? 1 : 0);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        containsText(eb.ref('o.name'), q),
        eb.exists(
          eb
            .selectFrom('certificates as c')
            .select('c.id')
            .whereRef('c.officer_id', '=', 'o.id')
            .where((e) => containsText(e.ref('c.number'), q)),
        ),
      ]),
    );
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('o')
    .select('a.name as agency_name')
    .orderBy('a.name')
    .orderBy('o.name')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const ids = rows.map((row) => row.id);
  const certificates = ids.length
    ? await ctx.db.selectFrom('certificates').selectAll().where('officer_id', 'in', ids).orderBy('issued_on', 'desc').execute()
    : [];
  // The current certificate: the one held (valid or suspended), else the latest.
  const current = (officerId: string) => {
    const own = certificates.filter((c) => c.officer_id === officerId);
    const held = own.find((c) => c.status === 'valid' || c.status === 'suspended') ?? own[0];
    return held ? presentCertificate(held) : null;
  };
  return {
    items: rows.map((row) => ({ ...officerState(row), agencyName: row.agency_name, certificate: current(row.id) })),
    total: Number(total),
  };
}

export async function getOfficerHistory(ctx: AppContext, actor: Actor, id: string) {
  await loadOfficer(ctx, actor, id);
  const certificates = await ctx.db.selectFrom('certificates').select('id').where('officer_id', '=', id).execute();
  const events = [
    ...(await listSubjectEvents(ctx.db, 'officer', id)),
    ...(await Promise.all(certificates.map((c) => listSubjectEvents(ctx.db, 'certificate', c.id)))).flat(),
    ...(
      await Promise.all(
        (
          await ctx.db.selectFrom('training_records').select('id').where('officer_id', '=', id).execute()
        ).map((t) => listSubjectEvents(ctx.db, 'training_record', t.id)),
      )
    ).flat(),
  ];
  return { items: events.sort((a, b) => a.seq - b.seq) };
}

// ---- Training ----

export type TrainingRow = Selectable<TrainingRecordTable>;

export function trainingState(row: TrainingRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    officerId: row.officer_id,
    userId: row.user_id,
    personName: row.person_name,
    course: row.course,
    category: row.category,
    categoryLabel: trainingCategories[row.category as TrainingCategory] ?? row.category,
    hours: Number(row.hours),
    completedOn: row.completed_on,
    provider: row.provider,
  };
}

export interface TrainingInput {
  officerId?: string | undefined;
  userId?: string | undefined;
  course: string;
  category: TrainingCategory;
  hours: number;
  completedOn: string;
  provider?: string | undefined;
}

/** Training of an officer (by roster entry) or of a legal reviewer (by user account). */
export async function recordTraining(ctx: AppContext, actor: Actor, input: TrainingInput) {
  if ((input.officerId ? 1 : 0) + (input.userId ? 1 : 0) !== 1) {
    throw new DomainError('personnel.invalid', '请指定一名执法人员（officerId）或一名法制审核人员（userId）', {
      errors: [{ pointer: '/officerId', detail: '执法人员与法制审核人员须二选一' }],
    });
  }
  let agencyId: string;
  let personName: string;
  if (input.officerId) {
    const officer = await loadOfficer(ctx, actor, input.officerId);
    agencyId = officer.agency_id;
    personName = officer.name;
  } else {
    const user = await ctx.db
      .selectFrom('users')
      .select(['id', 'agency_id', 'display_name'])
      .where('id', '=', input.userId as string)
      .executeTakeFirst();
    const roles = user ? await ctx.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute() : [];
    if (!user?.agency_id || !roles.some((r) => r.role === 'reviewer')) {
      throw new DomainError('personnel.not_found', '未找到该法制审核人员');
    }
    await visibleAgency(ctx, actor, user.agency_id);
    agencyId = user.agency_id;
    personName = user.display_name;
  }
  requireRosterKeeper(actor, agencyId);
  if (input.completedOn > todayInChina()) {
    throw new DomainError('personnel.invalid', '培训完成日期不能晚于今天', {
      errors: [{ pointer: '/completedOn', detail: '培训完成日期不能晚于今天' }],
    });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const id = newId();
    await trx
      .insertInto('training_records')
      .values({
        id,
        agency_id: agencyId,
        officer_id: input.officerId ?? null,
        user_id: input.userId ?? null,
        person_name: personName,
        course: input.course.trim(),
        category: input.category,
        hours: input.hours,
        completed_on: input.completedOn,
        provider: input.provider?.trim() || null,
        created_by: actor.kind === 'user' ? actor.userId : `system:${actor.label}`,
        created_at: nowIso(),
      })
      .execute();
    const row = (await trx.selectFrom('training_records').selectAll().where('id', '=', id).executeTakeFirst()) as TrainingRow;
    await appendEvent(trx, {
      actor,
      agencyId,
      subjectType: 'training_record',
      subjectId: id,
      action: 'training.recorded',
      state: trainingState(row),
    });
    return trainingState(row);
  });
}

export async function listTraining(
  ctx: AppContext,
  actor: Actor,
  filter: { agencyId: string; officerId?: string | undefined; userId?: string | undefined },
) {
  await visibleAgency(ctx, actor, filter.agencyId);
  let query = ctx.db.selectFrom('training_records').selectAll().where('agency_id', '=', filter.agencyId);
  if (filter.officerId) query = query.where('officer_id', '=', filter.officerId);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  const rows = await query.orderBy('completed_on', 'desc').execute();
  const items = rows.map(trainingState);
  return { items, totalHours: items.reduce((sum, r) => sum + r.hours, 0) };
}
