/** The party's right to reply (当事人陈述): staff record, issue reply codes, check; the party submits online with its code. */
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import * as replies from './replies.service.js';

/** Online submissions per client address and minute. */
export const replySubmitRateLimit = 10;

const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = Type.Object({ id: Id });
const Version = Type.Integer({ minimum: 1, description: '当前版本号（乐观锁）' });
const Text = Type.String({ minLength: 1, maxLength: replies.replyMaxLength, description: `陈述内容，不超过${replies.replyMaxLength}字` });
const Reply = Type.Object(
  {
    id: Type.String(),
    publicationId: Type.String(),
    channel: Type.String(),
    channelLabel: Type.String(),
    text: Type.String({ description: '收到的原文（不公开）' }),
    publicText: Type.String({ description: '经去标识化处理、审核后公开的文本' }),
    receivedOn: Type.String(),
    status: Type.String(),
    statusLabel: Type.String(),
    version: Type.Integer(),
  },
  { additionalProperties: true, description: '一份当事人陈述' },
);

export function registerReplyRoutes(app: App, ctx: AppContext): void {
  const tags = ['事后公开'];
  app.get(
    '/api/disclosure/publications/:id/replies',
    {
      schema: {
        tags,
        summary: '一项公开的当事人陈述（新的在前）',
        params: IdParams,
        response: withErrors({ 200: Type.Object({ items: Type.Array(Reply) }) }),
      },
    },
    async (request) => replies.listReplies(ctx, await requireActor(ctx, request), request.params.id),
  );
  app.post(
    '/api/disclosure/publications/:id/replies',
    {
      schema: {
        tags,
        summary: '录入当事人书面提交的陈述（待另一人审核后公开）',
        params: IdParams,
        body: Type.Object(
          { text: Text, receivedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '收到日期 YYYY-MM-DD' }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Reply }),
      },
    },
    async (request) => replies.recordWrittenReply(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.post(
    '/api/disclosure/publications/:id/reply-code',
    {
      schema: {
        tags,
        summary: '为当事人生成在线提交陈述的一次性陈述码（只显示一次）',
        params: IdParams,
        response: withErrors({ 200: Type.Object({ code: Type.String(), expiresOn: Type.String() }) }),
      },
    },
    async (request) => replies.issueReplyCode(ctx, await requireActor(ctx, request), request.params.id),
  );
  app.post(
    '/api/disclosure/replies/:id/approve',
    {
      schema: {
        tags,
        summary: '审核通过并公开当事人陈述（须为录入人以外的负责人或法制审核人员）',
        params: IdParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: withErrors({ 200: Reply }),
      },
    },
    async (request) => replies.approveReply(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.post(
    '/api/disclosure/replies/:id/return',
    {
      schema: {
        tags,
        summary: '退回当事人陈述（写明理由）',
        params: IdParams,
        body: Type.Object({ version: Version, reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
        response: withErrors({ 200: Reply }),
      },
    },
    async (request) => replies.returnReply(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.post(
    '/api/public/replies',
    {
      config: { isPublic: true, rateLimit: { max: replySubmitRateLimit, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '当事人凭陈述码在线提交陈述（经去标识化处理和执法机关审核后，在决定页面公开）',
        body: Type.Object(
          { code: Type.String({ minLength: 12, maxLength: 20, description: '执法机关给出的陈述码，如 7KQ2-M8XD-4PRT' }), text: Text },
          { additionalProperties: false },
        ),
        response: withErrors({
          200: Type.Object({ id: Type.String(), receivedOn: Type.String(), status: Type.String(), statusLabel: Type.String() }),
        }),
      },
    },
    async (request) => replies.submitReplyOnline(ctx, request.body),
  );
}
