import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import QRCode from 'qrcode';
import type { SessionTable } from '../../db/schema.js';
import { type Actor, rolesRequiringSecondFactor, type UserActor } from '../../kernel/actor.js';
import { now, nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId, newToken } from '../../kernel/ids.js';
import { burnPasswordCheck, checkPasswordStrength, hashPassword, verifyPassword } from '../../kernel/password.js';
import { matchTotp, newTotpSecret, otpauthUrl } from '../../kernel/totp.js';
import { appendEvent } from '../../ledger/index.js';
import * as users from './users.repo.js';

export const maxFailedAttempts = 5;
export const lockoutMinutes = 15;
const pendingSessionMs = 5 * 60_000;
const idleSessionMs = 2 * 60 * 60_000;
const absoluteSessionMs = 12 * 60 * 60_000;

/** `second_factor`: password passed, TOTP code outstanding; `enrollment`: must bind a TOTP first. */
export type SessionStage = 'active' | 'second_factor' | 'enrollment';
export type Session = Selectable<SessionTable>;

export interface SignedIn {
  token: string;
  session: Session;
  user: users.UserRow;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function presentMe(user: users.UserRow) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: user.roles,
    agency: user.agency_id ? { id: user.agency_id, name: user.agency_name ?? '' } : null,
    hasSecondFactor: user.totp_secret !== null,
  };
}

export function toActor(user: users.UserRow, session: Session): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    agencyId: user.agency_id,
    governmentId: user.government_id,
    roles: user.roles,
    sessionId: session.id,
  };
}

function stageFor(user: users.UserRow): SessionStage {
  if (user.totp_secret) return 'second_factor';
  if (user.roles.some((role) => rolesRequiringSecondFactor.includes(role))) return 'enrollment';
  return 'active';
}

function lockedError(lockedUntil: string): DomainError {
  const until = new Date(lockedUntil);
  const minutes = Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 60_000));
  return new DomainError(
    'auth.account_locked',
    `连续${maxFailedAttempts}次验证失败，账号已锁定，请${minutes}分钟后再试或联系系统管理员解锁`,
    {
      headers: { 'retry-after': String(minutes * 60) },
    },
  );
}

/** Counts a failed password or code; the fifth in a row locks the account. Recorded in the ledger. */
async function recordFailure(ctx: AppContext, user: users.UserRow, what: 'password' | 'second_factor'): Promise<string | null> {
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = await trx.selectFrom('users').select(['failed_login_count']).where('id', '=', user.id).executeTakeFirstOrThrow();
    const count = fresh.failed_login_count + 1;
    const isLocking = count >= maxFailedAttempts;
    const lockedUntil = isLocking ? new Date(now().getTime() + lockoutMinutes * 60_000).toISOString() : null;
    await users.patchUser(trx, user.id, { failed_login_count: isLocking ? 0 : count, ...(isLocking && { locked_until: lockedUntil }) });
    const actor: Actor = { kind: 'system', label: `登录验证（${user.username}）` };
    await appendEvent(trx, {
      actor,
      agencyId: user.agency_id,
      subjectType: 'user',
      subjectId: user.id,
      action: isLocking ? 'user.locked' : 'user.sign_in_failed',
      state: { failed: what, consecutiveFailures: count, lockedUntil },
    });
    return lockedUntil;
  });
}

export async function signIn(
  ctx: AppContext,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<SignedIn> {
  const user = await users.findUserByUsername(ctx.db, input.username.trim().toLowerCase());
  if (!user) {
    await burnPasswordCheck(input.password);
    throw new DomainError('auth.invalid_credentials');
  }
  if (user.locked_until && user.locked_until > nowIso()) throw lockedError(user.locked_until);
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const lockedUntil = await recordFailure(ctx, user, 'password');
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new DomainError(
      'auth.invalid_credentials',
      `再失败${maxFailedAttempts - ((user.failed_login_count + 1) % maxFailedAttempts)}次账号将被锁定${lockoutMinutes}分钟`,
    );
  }
  if (user.is_active !== 1) throw new DomainError('auth.account_inactive', '该账号已停用，请联系系统管理员');
  if (user.agency_id && user.agency_is_active !== 1) throw new DomainError('auth.account_inactive', '所属执法机关已停用');
  const stage = stageFor(user);
  const token = newToken();
  const at = now();
  const session: Session = {
    id: newId(),
    token_hash: hashToken(token),
    user_id: user.id,
    csrf_token: newToken(),
    stage,
    created_at: at.toISOString(),
    last_seen_at: at.toISOString(),
    expires_at: new Date(at.getTime() + (stage === 'active' ? absoluteSessionMs : pendingSessionMs)).toISOString(),
    revoked_at: null,
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (user.failed_login_count > 0) await users.patchUser(trx, user.id, { failed_login_count: 0 });
    await trx.insertInto('sessions').values(session).execute();
    await appendEvent(trx, {
      actor: toActor(user, session),
      agencyId: user.agency_id,
      subjectType: 'user',
      subjectId: user.id,
      action: stage === 'active' ? 'user.signed_in' : 'user.password_verified',
      state: { sessionId: session.id, stage, ip: session.ip },
    });
  });
  return { token, session, user };
}

/** Finds the live session behind a cookie token, refreshing its idle timer at most once a minute. */
export async function findSession(ctx: AppContext, token: string): Promise<{ session: Session; user: users.UserRow } | null> {
  const session = await ctx.db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!session || session.revoked_at) return null;
  const at = now();
  const isExpired =
    session.expires_at <= at.toISOString() ||
    (session.stage === 'active' && at.getTime() - Date.parse(session.last_seen_at) > idleSessionMs);
  if (isExpired) return null;
  const user = await users.findUserById(ctx.db, session.user_id);
  if (user?.is_active !== 1 || (user.agency_id && user.agency_is_active !== 1)) return null;
  if (at.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: at.toISOString() }).where('id', '=', session.id).execute();
  }
  return { session, user };
}

async function promote(
  ctx: AppContext,
  session: Session,
  user: users.UserRow,
  step: number,
  action: string,
  userChanges: Parameters<typeof users.patchUser>[2] = {},
): Promise<Session> {
  const at = now();
  const csrfToken = newToken();
  const expiresAt = new Date(at.getTime() + absoluteSessionMs).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await users.patchUser(trx, user.id, { ...userChanges, totp_last_step: step, failed_login_count: 0 });
    await trx
      .updateTable('sessions')
      .set({ stage: 'active', csrf_token: csrfToken, expires_at: expiresAt, last_seen_at: at.toISOString() })
      .where('id', '=', session.id)
      .execute();
    await appendEvent(trx, {
      actor: toActor(user, session),
      agencyId: user.agency_id,
      subjectType: 'user',
      subjectId: user.id,
      action,
      state: { sessionId: session.id, stage: 'active' },
    });
  });
  return { ...session, stage: 'active', csrf_token: csrfToken, expires_at: expiresAt };
}

export async function passSecondFactor(ctx: AppContext, session: Session, user: users.UserRow, code: string): Promise<Session> {
  if (session.stage !== 'second_factor' || !user.totp_secret) {
    throw new DomainError('auth.forbidden', '当前会话不需要输入动态验证码');
  }
  if (user.locked_until && user.locked_until > nowIso()) throw lockedError(user.locked_until);
  const step = matchTotp(ctx.secrets.open(user.totp_secret), code.trim(), now(), user.totp_last_step);
  if (step === null) {
    const lockedUntil = await recordFailure(ctx, user, 'second_factor');
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new DomainError('auth.second_factor_invalid', '请输入身份验证器当前显示的6位数字');
  }
  return promote(ctx, session, user, step, 'user.signed_in');
}

export async function startEnrollment(ctx: AppContext, session: Session, user: users.UserRow) {
  if (user.totp_secret) throw new DomainError('auth.second_factor_already_enabled');
  const secret = newTotpSecret();
  await ctx.db.transaction().execute(async (trx) => {
    await users.patchUser(trx, user.id, { totp_pending_secret: ctx.secrets.seal(secret) });
    await appendEvent(trx, {
      actor: toActor(user, session),
      agencyId: user.agency_id,
      subjectType: 'user',
      subjectId: user.id,
      action: 'user.second_factor_enrollment_started',
      state: { sessionId: session.id },
    });
  });
  const url = otpauthUrl(secret, user.username, '阳光执法平台');
  return { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 220 }) };
}

export async function completeEnrollment(ctx: AppContext, session: Session, user: users.UserRow, code: string): Promise<Session> {
  if (user.totp_secret) throw new DomainError('auth.second_factor_already_enabled');
  if (!user.totp_pending_secret) throw new DomainError('auth.second_factor_enrollment_required', '请先生成动态验证码密钥');
  const secret = ctx.secrets.open(user.totp_pending_secret);
  const step = matchTotp(secret, code.trim(), now(), null);
  if (step === null) throw new DomainError('auth.second_factor_invalid', '验证码与新密钥不匹配，请核对身份验证器');
  return promote(ctx, session, user, step, 'user.second_factor_enabled', {
    totp_secret: user.totp_pending_secret,
    totp_pending_secret: null,
  });
}

export async function signOut(ctx: AppContext, actor: UserActor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ revoked_at: nowIso() }).where('id', '=', actor.sessionId).execute();
    await appendEvent(trx, {
      actor,
      agencyId: actor.agencyId,
      subjectType: 'user',
      subjectId: actor.userId,
      action: 'user.signed_out',
      state: { sessionId: actor.sessionId },
    });
  });
}

/** Changing the password ends every other session of the user. */
export async function changePassword(ctx: AppContext, actor: UserActor, input: { currentPassword: string; newPassword: string }) {
  const user = (await users.findUserById(ctx.db, actor.userId)) as users.UserRow;
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new DomainError('auth.invalid_credentials', '当前密码不正确', {
      errors: [{ pointer: '/currentPassword', detail: '当前密码不正确' }],
    });
  }
  if (input.currentPassword === input.newPassword) {
    throw new DomainError('auth.password_reused', undefined, { errors: [{ pointer: '/newPassword', detail: '新密码不能与当前密码相同' }] });
  }
  const weakness = checkPasswordStrength(input.newPassword, user.username);
  if (weakness) throw new DomainError('auth.weak_password', weakness, { errors: [{ pointer: '/newPassword', detail: weakness }] });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    await users.patchUser(trx, user.id, { password_hash: passwordHash, password_changed_at: at });
    await trx
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', user.id)
      .where('id', '!=', actor.sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    await appendEvent(trx, {
      actor,
      agencyId: user.agency_id,
      subjectType: 'user',
      subjectId: user.id,
      action: 'user.password_changed',
      state: { otherSessionsEnded: true },
    });
  });
}

export async function listSessions(ctx: AppContext, actor: UserActor) {
  const rows = await ctx.db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .orderBy('last_seen_at', 'desc')
    .execute();
  return {
    items: rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      ip: row.ip,
      userAgent: row.user_agent,
      isCurrent: row.id === actor.sessionId,
    })),
  };
}

export async function revokeSession(ctx: AppContext, actor: UserActor, sessionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('sessions')
      .set({ revoked_at: nowIso() })
      .where('id', '=', sessionId)
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('auth.session_not_found');
    await appendEvent(trx, {
      actor,
      agencyId: actor.agencyId,
      subjectType: 'user',
      subjectId: actor.userId,
      action: 'user.session_revoked',
      state: { sessionId },
    });
  });
}
