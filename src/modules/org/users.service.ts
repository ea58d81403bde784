import { type Executor, isUniqueViolation } from '../../db/database.js';
import { type Actor, hasRole, type Role } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { checkPasswordStrength, hashPassword } from '../../kernel/password.js';
import { appendEvent } from '../../ledger/index.js';
import type { CreateUserInput, UpdateUserInput } from './org.schema.js';
import { canSeeAgency, resolveScope } from './scope.js';
import * as repo from './users.repo.js';

export function presentUser(row: repo.UserRow) {
  const isLocked = row.locked_until !== null && row.locked_until > nowIso();
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    post: row.post,
    roles: row.roles,
    isActive: row.is_active === 1,
    hasSecondFactor: row.totp_secret !== null,
    lockedUntil: isLocked ? row.locked_until : null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
export type User = ReturnType<typeof presentUser>;

function requireAdministrator(actor: Actor): void {
  if (actor.kind === 'system' || hasRole(actor, 'administrator')) return;
  throw new DomainError('auth.forbidden', '只有系统管理员可以管理用户账号');
}

const agencyRoles: readonly Role[] = ['officer', 'reviewer', 'agency_head'];

/** Officers, reviewers and heads belong to an enforcement agency; supervisors to a justice bureau. */
async function checkRolesFitAgency(db: Executor, roles: Role[], agencyId: string | null): Promise<void> {
  const agency = agencyId
    ? await db.selectFrom('agencies').select(['id', 'is_justice_bureau', 'is_active']).where('id', '=', agencyId).executeTakeFirst()
    : undefined;
  if (agencyId && !agency) {
    throw new DomainError('org.agency_required', '所选执法机关不存在', {
      errors: [{ pointer: '/agencyId', detail: '所选执法机关不存在' }],
    });
  }
  if (agency && agency.is_active !== 1) throw new DomainError('org.agency_inactive', '不能把用户加入已停用的执法机关');
  if (!agency && roles.some((role) => agencyRoles.includes(role) || role === 'supervisor')) {
    const detail = '执法人员、法制审核人员、机关负责人和执法监督人员必须属于一个执法机关';
    throw new DomainError('org.agency_required', detail, { errors: [{ pointer: '/agencyId', detail }] });
  }
  if (roles.includes('supervisor') && agency?.is_justice_bureau !== 1) {
    const detail = '执法监督人员必须属于司法行政机关（司法局）';
    throw new DomainError('org.role_invalid', detail, { errors: [{ pointer: '/roles', detail }] });
  }
}

async function loadVisible(ctx: AppContext, actor: Actor, id: string): Promise<repo.UserRow> {
  const row = await repo.findUserById(ctx.db, id);
  const scope = await resolveScope(ctx.db, actor);
  const isVisible =
    row &&
    (scope.kind === 'all' ||
      (row.agency_id !== null && canSeeAgency(scope, { id: row.agency_id, government_id: row.government_id ?? '' })));
  if (!row || !isVisible) throw new DomainError('org.not_found', '未找到该用户，或您无权查看');
  return row;
}

export async function findUsers(ctx: AppContext, actor: Actor, filter: repo.UserFilter) {
  const { rows, total } = await repo.findUsers(ctx.db, await resolveScope(ctx.db, actor), filter);
  return { items: rows.map(presentUser), total };
}

export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserInput): Promise<User> {
  requireAdministrator(actor);
  const weakness = checkPasswordStrength(input.password, input.username);
  if (weakness) throw new DomainError('auth.weak_password', weakness, { errors: [{ pointer: '/password', detail: weakness }] });
  const roles = [...new Set(input.roles)];
  const passwordHash = await hashPassword(input.password);
  const taken = () => {
    const detail = `用户名 ${input.username} 已被使用`;
    return new DomainError('org.username_taken', detail, { errors: [{ pointer: '/username', detail }] });
  };
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await checkRolesFitAgency(trx, roles, input.agencyId);
      if (await repo.findUserByUsername(trx, input.username)) throw taken();
      const at = nowIso();
      const id = newId();
      await repo.insertUser(
        trx,
        {
          id,
          username: input.username,
          display_name: input.displayName.trim(),
          agency_id: input.agencyId,
          post: input.post ?? null,
          password_hash: passwordHash,
          password_changed_at: at,
          is_active: 1,
          failed_login_count: 0,
          locked_until: null,
          totp_secret: null,
          totp_pending_secret: null,
          totp_last_step: null,
          version: 1,
          created_at: at,
          updated_at: at,
        },
        roles,
      );
      const user = presentUser((await repo.findUserById(trx, id)) as repo.UserRow);
      await appendEvent(trx, { actor, agencyId: input.agencyId, subjectType: 'user', subjectId: id, action: 'user.created', state: user });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

function conflict(current: number, given: number): DomainError {
  return new DomainError('org.version_conflict', `该记录当前版本为 ${current}，您提交的是 ${given}`);
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
  requireAdministrator(actor);
  const current = await loadVisible(ctx, actor, id);
  return ctx.db.transaction().execute(async (trx) => {
    const roles = input.roles ? [...new Set(input.roles)] : current.roles;
    const agencyId = input.agencyId !== undefined ? input.agencyId : current.agency_id;
    if (input.roles || input.agencyId !== undefined) await checkRolesFitAgency(trx, roles, agencyId);
    const isSaved = await repo.updateUserAtVersion(trx, id, input.version, {
      ...(input.displayName !== undefined && { display_name: input.displayName.trim() }),
      ...(input.post !== undefined && { post: input.post }),
      ...(input.agencyId !== undefined && { agency_id: input.agencyId }),
      updated_at: nowIso(),
    });
    if (!isSaved) throw conflict(current.version, input.version);
    if (input.roles) await repo.replaceRoles(trx, id, roles);
    const user = presentUser((await repo.findUserById(trx, id)) as repo.UserRow);
    await appendEvent(trx, { actor, agencyId: user.agencyId, subjectType: 'user', subjectId: id, action: 'user.updated', state: user });
    return user;
  });
}

/** Deactivating also ends every session of that user at once. */
export async function setUserActive(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; isActive: boolean },
): Promise<User> {
  requireAdministrator(actor);
  if (actor.kind === 'user' && actor.userId === id && !input.isActive) {
    throw new DomainError('auth.forbidden', '不能停用自己的账号');
  }
  const current = await loadVisible(ctx, actor, id);
  return ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const isSaved = await repo.updateUserAtVersion(trx, id, input.version, { is_active: input.isActive ? 1 : 0, updated_at: at });
    if (!isSaved) throw conflict(current.version, input.version);
    if (!input.isActive) {
      await trx.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    }
    const user = presentUser((await repo.findUserById(trx, id)) as repo.UserRow);
    const action = input.isActive ? 'user.activated' : 'user.deactivated';
    await appendEvent(trx, { actor, agencyId: user.agencyId, subjectType: 'user', subjectId: id, action, state: user });
    return user;
  });
}

export async function unlockUser(ctx: AppContext, actor: Actor, id: string, input: { version: number }): Promise<User> {
  requireAdministrator(actor);
  const current = await loadVisible(ctx, actor, id);
  return ctx.db.transaction().execute(async (trx) => {
    const isSaved = await repo.updateUserAtVersion(trx, id, input.version, {
      locked_until: null,
      failed_login_count: 0,
      updated_at: nowIso(),
    });
    if (!isSaved) throw conflict(current.version, input.version);
    const user = presentUser((await repo.findUserById(trx, id)) as repo.UserRow);
    await appendEvent(trx, { actor, agencyId: user.agencyId, subjectType: 'user', subjectId: id, action: 'user.unlocked', state: user });
    return user;
  });
}

/** Binds a TOTP secret directly (demo accounts, and an administrator's CLI recovery). */
export async function bindSecondFactor(ctx: AppContext, actor: Actor, userId: string, secret: string): Promise<void> {
  requireAdministrator(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const user = await repo.findUserById(trx, userId);
    if (!user) throw new DomainError('org.not_found', '未找到该用户');
    await repo.patchUser(trx, userId, { totp_secret: ctx.secrets.seal(secret), totp_pending_secret: null, totp_last_step: null });
    await appendEvent(trx, {
      actor,
      agencyId: user.agency_id,
      subjectType: 'user',
      subjectId: userId,
      action: 'user.second_factor_enabled',
      state: { boundBy: actor.kind === 'system' ? actor.label : actor.username },
    });
  });
}

/**
 * An administrator sets a new password for someone who forgot theirs: the lockout is lifted and every session of
 * that user ends, so whoever held the old password is signed out.
 */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; newPassword: string },
): Promise<User> {
  requireAdministrator(actor);
  const current = await loadVisible(ctx, actor, id);
  const weakness = checkPasswordStrength(input.newPassword, current.username);
  if (weakness) throw new DomainError('auth.weak_password', weakness, { errors: [{ pointer: '/newPassword', detail: weakness }] });
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const isSaved = await repo.updateUserAtVersion(trx, id, input.version, {
      password_hash: passwordHash,
      password_changed_at: at,
      locked_until: null,
      failed_login_count: 0,
      updated_at: at,
    });
    if (!isSaved) throw conflict(current.version, input.version);
    await trx.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    const user = presentUser((await repo.findUserById(trx, id)) as repo.UserRow);
    await appendEvent(trx, {
      actor,
      agencyId: user.agencyId,
      subjectType: 'user',
      subjectId: id,
      action: 'user.password_reset',
      state: { user, sessionsEnded: true },
    });
    return user;
  });
}
