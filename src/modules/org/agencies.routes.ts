import { requireActor } from '../../http/auth.js';
import { withErrors } from '../../http/schemas.js';
import { type App, paging } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import * as agencies from './agencies.service.js';
import * as governments from './governments.service.js';
import {
  Agency,
  AgencyList,
  AgencyQuery,
  CreateAgencyBody,
  CreateGovernmentBody,
  DeactivateBody,
  Government,
  GovernmentList,
  HistoryList,
  IdParams,
  PublicPortal,
  UpdateAgencyBody,
  VersionBody,
} from './org.schema.js';

export function registerAgencyRoutes(app: App, ctx: AppContext): void {
  const tags = ['组织机构'];

  app.get(
    '/api/governments',
    { schema: { tags, summary: '人民政府（行政区划）列表', response: withErrors({ 200: GovernmentList }) } },
    async (request) => governments.listGovernments(ctx, await requireActor(ctx, request)),
  );

  app.post(
    '/api/governments',
    { schema: { tags, summary: '新增人民政府（系统管理员）', body: CreateGovernmentBody, response: withErrors({ 201: Government }) } },
    async (request, reply) => reply.code(201).send(await governments.createGovernment(ctx, await requireActor(ctx, request), request.body)),
  );

  app.get(
    '/api/agencies',
    { schema: { tags, summary: '执法机关列表（按权限范围）', querystring: AgencyQuery, response: withErrors({ 200: AgencyList }) } },
    async (request) => {
      const actor = await requireActor(ctx, request);
      return agencies.findAgencies(ctx, actor, { ...request.query, ...paging(request.query) });
    },
  );

  app.get(
    '/api/agencies/:id',
    { schema: { tags, summary: '执法机关详情', params: IdParams, response: withErrors({ 200: Agency }) } },
    async (request) => agencies.getAgency(ctx, await requireActor(ctx, request), request.params.id),
  );

  app.get(
    '/api/agencies/:id/history',
    { schema: { tags, summary: '执法机关的变更记录（记录账本）', params: IdParams, response: withErrors({ 200: HistoryList }) } },
    async (request) => agencies.getAgencyHistory(ctx, await requireActor(ctx, request), request.params.id),
  );

  app.post(
    '/api/agencies',
    {
      schema: {
        tags,
        summary: '新增执法机关（系统管理员）',
        description: '统一社会信用代码按 GB 32100-2015 校验第18位校验码；校验失败返回 400，errors[].pointer 为 /uscc。',
        body: CreateAgencyBody,
        response: withErrors({ 201: Agency }),
      },
    },
    async (request, reply) => reply.code(201).send(await agencies.createAgency(ctx, await requireActor(ctx, request), request.body)),
  );

  app.patch(
    '/api/agencies/:id',
    {
      schema: {
        tags,
        summary: '修改执法机关',
        description: '须提交当前 version（乐观锁）。机关负责人只能修改本机关的联系方式与监督渠道。',
        params: IdParams,
        body: UpdateAgencyBody,
        response: withErrors({ 200: Agency }),
      },
    },
    async (request) => agencies.updateAgency(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  app.post(
    '/api/agencies/:id/deactivate',
    {
      schema: {
        tags,
        summary: '停用执法机关（系统管理员）',
        params: IdParams,
        body: DeactivateBody,
        response: withErrors({ 200: Agency }),
      },
    },
    async (request) =>
      agencies.setAgencyActive(ctx, await requireActor(ctx, request), request.params.id, { ...request.body, isActive: false }),
  );

  app.post(
    '/api/agencies/:id/activate',
    { schema: { tags, summary: '启用执法机关（系统管理员）', params: IdParams, body: VersionBody, response: withErrors({ 200: Agency }) } },
    async (request) =>
      agencies.setAgencyActive(ctx, await requireActor(ctx, request), request.params.id, { ...request.body, isActive: true }),
  );

  app.get(
    '/api/public/portal',
    {
      config: { isPublic: true },
      schema: {
        tags: ['公示平台'],
        summary: '公示平台首页：本级人民政府及其执法机关的联系方式与监督渠道（无需登录）',
        response: withErrors({ 200: PublicPortal }),
      },
    },
    async () => governments.readPublicPortal(ctx),
  );
}
