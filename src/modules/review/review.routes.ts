import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { reviewQueue, reviewStatistics } from './review.service.js';
import { getReviewTerms, setReviewTerms } from './settings.service.js';

const Open = (properties: Parameters<typeof Type.Object>[0], description: string) =>
  Type.Object(properties, { additionalProperties: true, description });

export function registerReviewRoutes(app: App, ctx: AppContext): void {
  const tags = ['法制审核'];
  app.get(
    '/api/reviews/queue',
    {
      schema: {
        tags,
        summary: '法制审核队列：已送审、尚未审核的案件，按审核期限排序',
        querystring: Type.Object({ agencyId: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: withErrors({
          200: Type.Object({
            today: Type.String(),
            items: Type.Array(
              Open({ caseId: Type.String(), caseNumber: Type.String(), dueOn: Type.Union([Type.String(), Type.Null()]) }, '待审核案件'),
            ),
          }),
        }),
      },
    },
    async (request) => reviewQueue(ctx, await requireActor(ctx, request), request.query),
  );
  app.get(
    '/api/reviews/statistics',
    {
      schema: {
        tags,
        summary: '法制审核统计（按执法机关）：送审、审核、通过与退回、平均用时（工作日）、逾期、审核人员比例与培训学时',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2015, maximum: 2100 })) }),
        response: withErrors({
          200: Type.Object({
            year: Type.Integer(),
            items: Type.Array(Open({ agencyId: Type.String(), agencyName: Type.String() }, '一个执法机关')),
          }),
        }),
      },
    },
    async (request) => reviewStatistics(ctx, await requireActor(ctx, request), request.query),
  );

  const Terms = Type.Object({
    agencyId: Type.String(),
    reviewDays: Type.Integer(),
    maxExtensionDays: Type.Integer(),
    basis: Type.String(),
    isDefault: Type.Boolean(),
    version: Type.Integer(),
  });
  const AgencyParams = Type.Object({ agencyId: Type.String({ minLength: 1, maxLength: 64 }) });
  app.get(
    '/api/reviews/terms/:agencyId',
    {
      schema: {
        tags,
        summary: '本机关法制审核期限：审核工作日数与经负责人批准的最长延长',
        params: AgencyParams,
        response: withErrors({ 200: Terms }),
      },
    },
    async (request) => getReviewTerms(ctx, await requireActor(ctx, request), request.params.agencyId),
  );
  app.put(
    '/api/reviews/terms/:agencyId',
    {
      schema: {
        tags,
        summary: '设置本机关法制审核期限（机关负责人或系统管理员；已送审的案件仍按送审时的期限计算）',
        params: AgencyParams,
        body: Type.Object(
          {
            reviewDays: Type.Integer({ minimum: 1, maximum: 30, description: '审核期限（工作日）' }),
            maxExtensionDays: Type.Integer({ minimum: 0, maximum: 30, description: '经负责人批准最多延长的工作日数' }),
            basis: Type.String({ minLength: 1, maxLength: 500, description: '依据：本机关的法制审核办法及其条款' }),
            version: Type.Integer({ minimum: 0, description: '读取时的 version；尚无本机关设置时为 0' }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Terms }),
      },
    },
    async (request) => setReviewTerms(ctx, await requireActor(ctx, request), request.params.agencyId, request.body),
  );
}
