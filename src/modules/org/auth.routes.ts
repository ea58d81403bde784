import { Type } from 'typebox';
import { authenticate, clearSessionCookies, requireActor, setSessionCookies } from '../../http/auth.js';
import { NoContent, StringEnum, withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { passwordRule } from '../../kernel/password.js';
import { RoleSchema } from './org.schema.js';
import * as sessions from './sessions.service.js';
import * as users from './users.repo.js';

const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  agency: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  hasSecondFactor: Type.Boolean(),
});
const SessionState = Type.Object({
  stage: StringEnum(['active', 'second_factor', 'enrollment'] as const, {
    description: 'active：已登录；second_factor：还需输入动态验证码；enrollment：须先绑定动态验证码',
  }),
  csrfToken: Type.String({ description: '之后每个 POST/PUT/PATCH/DELETE 请求须在 X-CSRF-Token 请求头中携带' }),
  user: Me,
});
const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 10 }) }, { additionalProperties: false });

export function registerAuthRoutes(app: App, ctx: AppContext): void {
  const tags = ['登录与安全'];
  const state = (session: sessions.Session, user: users.UserRow) => ({
    stage: session.stage as sessions.SessionStage,
    csrfToken: session.csrf_token,
    user: sessions.presentMe(user),
  });

  app.post(
    '/api/auth/login',
    {
      config: { isPublic: true, rateLimit: { max: ctx.config.loginRateLimit, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '用户名密码登录',
        description: `连续${sessions.maxFailedAttempts}次失败锁定${sessions.lockoutMinutes}分钟。系统管理员与法制审核人员还须通过动态验证码（TOTP）。`,
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: SessionState }),
      },
    },
    async (request, reply) => {
      const signedIn = await sessions.signIn(ctx, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookies(ctx, reply, signedIn.token, signedIn.session);
      return state(signedIn.session, signedIn.user);
    },
  );

  app.post(
    '/api/auth/second-factor',
    { schema: { tags, summary: '提交动态验证码完成登录', body: Code, response: withErrors({ 200: SessionState }) } },
    async (request, reply) => {
      const { session, user } = await authenticate(ctx, request, ['second_factor']);
      const promoted = await sessions.passSecondFactor(ctx, session, user, request.body.code);
      setSessionCookies(ctx, reply, request.cookies.lt_session as string, promoted);
      return state(promoted, user);
    },
  );

  app.post(
    '/api/auth/second-factor/setup',
    {
      schema: {
        tags,
        summary: '生成动态验证码密钥（绑定第一步）',
        response: withErrors({ 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrDataUrl: Type.String() }) }),
      },
    },
    async (request) => {
      const { session, user } = await authenticate(ctx, request, ['active', 'enrollment']);
      return sessions.startEnrollment(ctx, session, user);
    },
  );

  app.post(
    '/api/auth/second-factor/enable',
    { schema: { tags, summary: '输入验证码确认绑定动态验证码', body: Code, response: withErrors({ 200: SessionState }) } },
    async (request, reply) => {
      const { session, user } = await authenticate(ctx, request, ['active', 'enrollment']);
      const promoted = await sessions.completeEnrollment(ctx, session, user, request.body.code);
      setSessionCookies(ctx, reply, request.cookies.lt_session as string, promoted);
      const fresh = (await users.findUserById(ctx.db, user.id)) as users.UserRow;
      return state(promoted, fresh);
    },
  );

  app.get('/api/auth/session', { schema: { tags, summary: '当前会话', response: withErrors({ 200: SessionState }) } }, async (request) => {
    const { session, user } = await authenticate(ctx, request, ['active', 'second_factor', 'enrollment']);
    return state(session, user);
  });

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: '退出登录（任何登录阶段均可）', response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      const { session, user } = await authenticate(ctx, request, ['active', 'second_factor', 'enrollment']);
      await sessions.signOut(ctx, sessions.toActor(user, session));
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: '修改密码（并结束其他会话）',
        description: `新密码规则：${passwordRule}`,
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await sessions.changePassword(ctx, await requireActor(ctx, request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      schema: {
        tags,
        summary: '我的会话',
        response: withErrors({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                createdAt: Type.String(),
                lastSeenAt: Type.String(),
                ip: Type.Union([Type.String(), Type.Null()]),
                userAgent: Type.Union([Type.String(), Type.Null()]),
                isCurrent: Type.Boolean(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => sessions.listSessions(ctx, await requireActor(ctx, request)),
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      schema: {
        tags,
        summary: '注销我的某个会话',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: withErrors({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const actor = await requireActor(ctx, request);
      if (request.params.id === actor.sessionId) throw new DomainError('auth.forbidden', '请使用“退出登录”结束当前会话');
      await sessions.revokeSession(ctx, actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
