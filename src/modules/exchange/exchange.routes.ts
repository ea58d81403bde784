import { requireActor } from '../../http/auth.js';
import { withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { ExchangeStatus, IntakeBody, IntakeResult, OriginView, RegisterOriginBody } from './exchange.schema.js';
import { addOrigin, exchangeStatus } from './exchange.service.js';
import { receiveBatch } from './intake.js';
import { lastSeqHeader } from './push.js';

/**
 * Intake requests per client address and minute: a pusher with a backlog sends at most 20 batches (≤ 100 items each) a
 * second, so a lower-level platform is never held back, while a flood of requests is; a refused push (429) is retried
 * after its backoff, losing nothing.
 */
export const intakeRateLimit = 1_200;

export function registerExchangeRoutes(app: App, ctx: AppContext): void {
  const tags = ['数据交换'];

  app.post(
    '/api/exchange/intake',
    {
      // Public: the batch's signature, by a registered lower-level platform's key, is what authenticates it.
      config: { isPublic: true, rateLimit: { max: intakeRateLimit, timeWindow: 60_000 } },
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary: '接收下级平台推送的公示数据（以批次签名认证，无需登录）',
        description:
          '下级平台把每一次公开、变更和撤下按序号成批推送到此。本平台须已登记其来源名与验证密钥（lawtrail exchange add-origin）。' +
          '每条按序号依次接收，各在一个事务中处理并记入记录账本（exchange.received）；已接收过的序号不再处理、照常确认，故重发不会重复。' +
          '每个应答（包括错误）都带响应头 Lawtrail-Exchange-Last-Seq：本平台已接收的该来源最后序号，发送方据此标记已送达或从该处续发。' +
          '未登记的来源返回 403 exchange.origin_unknown；签名无效或内容被改动返回 403 exchange.signature_invalid；' +
          '格式不正确返回 400 exchange.batch_invalid；序号不连续（前面的条目尚未收到）返回 409 exchange.sequence_gap；' +
          '不接收的种类返回 422 exchange.kind_unknown；中途失败返回 500 exchange.apply_failed，已接收的部分保留。' +
          `每个地址每分钟最多 ${intakeRateLimit} 次，超过返回 429 request.rate_limited（推送方按退避时间重试，不丢失数据）。`,
        body: IntakeBody,
        response: withErrors({ 200: IntakeResult }),
      },
    },
    async (request, reply) => {
      const result = await receiveBatch(ctx, request.body.batch);
      return reply.header(lastSeqHeader, String(result.lastSeq)).send(result);
    },
  );

  app.get(
    '/api/exchange/status',
    {
      schema: {
        tags,
        summary: '数据交换状态：推送队列与已登记的下级平台（系统管理员、执法监督人员、审计人员）',
        response: withErrors({ 200: ExchangeStatus }),
      },
    },
    async (request) => exchangeStatus(ctx, await requireActor(ctx, request)),
  );

  app.post(
    '/api/exchange/origins',
    {
      schema: {
        tags,
        summary: '登记下级平台或更新其验证密钥（系统管理员）',
        description:
          '验证密钥取自下级平台的 /api/ledger/public-key，名称须与来源名一致。登记与其账本事件（exchange.origin_registered）同一事务写入。',
        body: RegisterOriginBody,
        response: withErrors({ 200: OriginView }),
      },
    },
    async (request) => addOrigin(ctx, await requireActor(ctx, request), request.body),
  );
}
