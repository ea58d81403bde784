import { requireActor } from '../../http/auth.js';
import { withErrors } from '../../http/schemas.js';
import { type App, paging } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { CreateUserBody, IdParams, ResetPasswordBody, UpdateUserBody, User, UserList, UserQuery, VersionBody } from './org.schema.js';
import * as users from './users.service.js';

export function registerUserRoutes(app: App, ctx: AppContext): void {
  const tags = ['用户管理'];

  app.get(
    '/api/users',
    { schema: { tags, summary: '用户列表（按权限范围）', querystring: UserQuery, response: withErrors({ 200: UserList }) } },
    async (request) => users.findUsers(ctx, await requireActor(ctx, request), { ...request.query, ...paging(request.query) }),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: '新增用户（系统管理员）',
        description: '初始密码须至少12位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名。',
        body: CreateUserBody,
        response: withErrors({ 201: User }),
      },
    },
    async (request, reply) => reply.code(201).send(await users.createUser(ctx, await requireActor(ctx, request), request.body)),
  );

  app.patch(
    '/api/users/:id',
    { schema: { tags, summary: '修改用户（系统管理员）', params: IdParams, body: UpdateUserBody, response: withErrors({ 200: User }) } },
    async (request) => users.updateUser(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  for (const [path, summary, change] of [
    ['deactivate', '停用用户并结束其全部会话（系统管理员）', { isActive: false }],
    ['activate', '启用用户（系统管理员）', { isActive: true }],
  ] as const) {
    app.post(
      `/api/users/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body: VersionBody, response: withErrors({ 200: User }) } },
      async (request) => users.setUserActive(ctx, await requireActor(ctx, request), request.params.id, { ...request.body, ...change }),
    );
  }

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置用户密码并结束其全部会话（系统管理员）',
        description: '新密码须至少12位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名；同时解除登录锁定。',
        params: IdParams,
        body: ResetPasswordBody,
        response: withErrors({ 200: User }),
      },
    },
    async (request) => users.resetPassword(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/unlock',
    { schema: { tags, summary: '解除登录锁定（系统管理员）', params: IdParams, body: VersionBody, response: withErrors({ 200: User }) } },
    async (request) => users.unlockUser(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
}
