import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../kernel/actor.js';
import type { AppContext } from '../kernel/context.js';
import { DomainError } from '../kernel/errors.js';
import { findSession, type Session, type SessionStage, toActor } from '../modules/org/sessions.service.js';
import type { UserRow } from '../modules/org/users.repo.js';

export const sessionCookie = 'lt_session';
/** Readable by the web app, which echoes it in `X-CSRF-Token`; a cross-site page can neither read it nor set the header. */
export const csrfCookie = 'lt_csrf';
export const csrfHeader = 'x-csrf-token';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Authenticated {
  session: Session;
  user: UserRow;
}

export function setSessionCookies(ctx: AppContext, reply: FastifyReply, token: string, session: Session): void {
  const secure = ctx.config.hasSecureCookies;
  const expires = new Date(session.expires_at);
  reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires });
  reply.setCookie(csrfCookie, session.csrf_token, { path: '/', httpOnly: false, sameSite: 'strict', secure, expires });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' });
  reply.clearCookie(csrfCookie, { path: '/' });
}

/**
 * Finds the caller's session. State-changing requests must also carry the session's CSRF token.
 * `stages` lists the sign-in stages this route accepts (most accept only a fully signed-in session).
 */
const found = new WeakMap<FastifyRequest, Authenticated>();

async function lookUp(ctx: AppContext, request: FastifyRequest): Promise<Authenticated> {
  const cached = found.get(request);
  if (cached) return cached;
  const token = request.cookies[sessionCookie];
  const result = token ? await findSession(ctx, token) : null;
  if (!result) throw new DomainError('auth.unauthenticated', '会话不存在或已过期，请重新登录');
  found.set(request, result);
  return result;
}

export async function authenticate(
  ctx: AppContext,
  request: FastifyRequest,
  stages: readonly SessionStage[] = ['active'],
): Promise<Authenticated> {
  const found = await lookUp(ctx, request);
  const stage = found.session.stage as SessionStage;
  if (!stages.includes(stage)) {
    if (stage === 'second_factor') throw new DomainError('auth.second_factor_required');
    if (stage === 'enrollment') throw new DomainError('auth.second_factor_enrollment_required', '您的角色必须使用动态验证码，请先完成绑定');
    throw new DomainError('auth.forbidden');
  }
  if (unsafeMethods.has(request.method) && request.headers[csrfHeader] !== found.session.csrf_token) {
    throw new DomainError('auth.csrf_invalid', '请求缺少有效的 X-CSRF-Token 请求头');
  }
  return found;
}

/** A fully signed-in user, as the actor of the request. */
export async function requireActor(ctx: AppContext, request: FastifyRequest): Promise<UserActor> {
  const { session, user } = await authenticate(ctx, request);
  return toActor(user, session);
}

/**
 * Before any input is validated, every API route not marked `config: { isPublic: true }` needs a
 * session: a caller who is not signed in learns nothing but "please sign in".
 */
export function registerSessionGate(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url;
    if (!url?.startsWith('/api/') || url.startsWith('/api/docs') || url === '/api/openapi.json') return;
    if ((request.routeOptions.config as { isPublic?: boolean }).isPublic) return;
    await lookUp(ctx, request);
  });
}

/** The signed-in user if there is one, for public routes that show more to staff. */
export async function optionalActor(ctx: AppContext, request: FastifyRequest): Promise<UserActor | null> {
  const token = request.cookies[sessionCookie];
  const found = token ? await findSession(ctx, token) : null;
  return found && found.session.stage === 'active' ? toActor(found.user, found.session) : null;
}
