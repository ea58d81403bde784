import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { NoContent, StringEnum, withErrors } from '../../../http/schemas.js';
import type { App } from '../../../http/types.js';
import type { AppContext } from '../../../kernel/context.js';
import { DomainError } from '../../../kernel/errors.js';
import { contentTypes, findBulkFile, listBulkFiles } from './bulk.js';
import type { ChangeFilter } from './changes.js';
import { dictionary } from './dictionary.js';
import { buildFeed, feedTitle } from './feed.js';
import {
  createSubscription,
  deleteSubscription,
  filterOf,
  findSubscription,
  maxAttempts,
  presentSubscription,
  resumeSubscription,
} from './subscriptions.js';

/** Subscriptions created per client address and minute. */
export const subscribeRateLimit = 10;
/** Feed reads per client address and minute. */
export const feedRateLimit = 120;

const tags = ['开放数据'];
const FileName = Type.String({
  pattern: '^public-records-\\d{4}-\\d{2}-\\d{2}\\.(csv|jsonl)$',
  description: '如 public-records-2026-11-23.csv',
});
const Region = Type.String({ pattern: '^\\d{2,12}$', description: '行政区划代码（前缀匹配：640500 含其下各区县）' });
const Party = Type.String({ minLength: 18, maxLength: 18, description: '当事人统一社会信用代码' });
const Agency = Type.String({ minLength: 1, maxLength: 64, description: '执法机关编号' });
const FeedQuery = Type.Object(
  { agency: Type.Optional(Agency), region: Type.Optional(Region), party: Type.Optional(Party) },
  { additionalProperties: false },
);

const BulkFile = Type.Object({
  name: Type.String(),
  day: Type.String({ description: '生成日期（北京时间）' }),
  format: StringEnum(['csv', 'jsonl'] as const),
  size: Type.Integer({ description: '字节数' }),
  sha256: Type.String({ description: '文件的 SHA-256（十六进制）' }),
  records: Type.Integer({ description: '记录条数' }),
  createdAt: Type.String(),
  url: Type.String({ description: '下载地址' }),
});

const Dictionary = Type.Object({
  title: Type.String(),
  encoding: Type.String(),
  files: Type.String(),
  fields: Type.Array(
    Type.Object({
      name: Type.String({ description: '字段名（CSV 表头）' }),
      label: Type.String({ description: '中文含义' }),
      type: StringEnum(['text', 'date', 'number', 'code'] as const, {
        description: 'text 文本；date 日期 YYYY-MM-DD；number 数值；code 代码',
      }),
      example: Type.String({ description: '示例' }),
      description: Type.Optional(Type.String()),
    }),
  ),
});

const SubscriptionBody = Type.Object(
  {
    agencyId: Type.Optional(Agency),
    region: Type.Optional(Region),
    party: Type.Optional(Party),
    webhookUrl: Type.Optional(Type.String({ maxLength: 2000, description: '推送地址（https://）；不填则得到一个个人订阅源（Atom）地址' })),
  },
  { additionalProperties: false },
);
const Filter = Type.Object({
  agencyId: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  party: Type.Optional(Type.String()),
});
const Created = Type.Object({
  id: Type.String(),
  secret: Type.String({ description: '管理密钥：删除订阅、读取个人订阅源、校验推送签名都要用它；只显示这一次' }),
  kind: StringEnum(['webhook', 'feed'] as const),
  filter: Filter,
  feedUrl: Type.Union([Type.String(), Type.Null()], { description: '个人订阅源地址（含密钥），仅 feed 订阅' }),
});
const Subscription = Type.Object({
  id: Type.String(),
  kind: StringEnum(['webhook', 'feed'] as const),
  filter: Type.Object({
    agencyId: Type.Union([Type.String(), Type.Null()]),
    region: Type.Union([Type.String(), Type.Null()]),
    party: Type.Union([Type.String(), Type.Null()]),
  }),
  status: StringEnum(['active', 'failing'] as const, { description: `active 正常；failing 连续 ${maxAttempts} 次推送失败，已暂停` }),
  cursor: Type.Integer({ description: '已推送到的公开动态序号' }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastDeliveredAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const SecretHeaders = Type.Object({ authorization: Type.Optional(Type.String({ description: 'Bearer <管理密钥>' })) });
const secretOf = (authorization: string | undefined) => /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];

const webhookDescription = `按执法机关（agencyId）、行政区划（region，前缀匹配）或当事人（party，统一社会信用代码）订阅公开动态，无需电子邮箱：
- 填写 webhookUrl（https://）：每当有符合条件的决定公开、变更或撤下，平台向该地址 POST JSON：\`{"event":"published"|"changed"|"withdrawn","seq":序号,"noticedAt":"时间","record":公开副本}\`；
  决定公示期满或因信用修复提前停止公示时，推送 \`{"event":"ended","seq":序号,"noticedAt":"时间","recordId":"记录编号","ended":{"title","agencyName","regionName","reasonLabel","endedOn"}}\`（不含当事人和决定内容，收到后应撤下该记录；按当事人订阅的不推送此类消息）；
  请求头 \`X-Lawtrail-Signature: sha256=<十六进制>\` 是以管理密钥（UTF-8）为密钥、对原始请求正文计算的 HMAC-SHA256；\`X-Lawtrail-Delivery: <订阅编号>:<序号>\` 重试时不变，可用来去重；
  按序号逐条推送；未在 10 秒内返回 2xx 的，30 秒、1、2、4……分钟后重试（最长间隔 1 小时），连续 ${maxAttempts} 次失败后暂停（status=failing），可用 resume 恢复；
- 不填 webhookUrl：返回个人订阅源地址 \`/feeds/subscriptions/{id}.atom?token=管理密钥\`。
返回的管理密钥只显示一次。每个地址每分钟最多创建 ${subscribeRateLimit} 个订阅。`;

export function registerOpenDataRoutes(app: App, ctx: AppContext): void {
  const open = { isPublic: true };
  app.get(
    '/api/open-data/files',
    {
      config: open,
      schema: { tags, summary: '批量数据文件（每日生成的 CSV 与 JSON Lines）', response: withErrors({ 200: Type.Array(BulkFile) }) },
    },
    async () => listBulkFiles(ctx),
  );
  app.get(
    '/api/open-data/files/:name',
    {
      config: open,
      schema: {
        tags,
        summary: '下载一个批量数据文件',
        description: 'CSV 为 UTF-8（带 BOM）、RFC 4180；JSON Lines 每行一条公开副本。可用列表中的 SHA-256 核对。',
        params: Type.Object({ name: FileName }),
        response: withErrors({ 200: Type.Unsafe<Readable>({ type: 'string', format: 'binary', description: 'CSV 或 JSON Lines 文件' }) }),
      },
    },
    async (request, reply) => {
      const file = await findBulkFile(ctx, request.params.name);
      if (!file) throw new DomainError('open_data.not_found', `没有文件 ${request.params.name}`);
      return reply
        .header('content-type', contentTypes[file.format])
        .header('content-length', String(file.size))
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('x-content-sha256', file.sha256)
        .header('cache-control', 'public, max-age=3600')
        .send(ctx.blobs.open(file.blob_digest));
    },
  );
  app.get(
    '/api/open-data/dictionary',
    {
      config: open,
      schema: {
        tags,
        summary: '批量数据文件的数据字典（每个字段：名称、中文含义、类型、示例）',
        response: withErrors({ 200: Dictionary }),
      },
    },
    async () => dictionary,
  );

  const baseUrl = (request: { protocol: string; host: string }) => ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
  const atom = 'application/atom+xml; charset=utf-8';

  app.get(
    '/feeds/decisions.atom',
    {
      config: { isPublic: true, rateLimit: { max: feedRateLimit, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '执法决定公开动态（Atom 订阅源）',
        description:
          '最近 50 条公开、变更和撤下，最新的在前；可按 agency（执法机关编号）、region（行政区划代码前缀）、party（统一社会信用代码）筛选。',
        querystring: FeedQuery,
        response: withErrors({ 200: Type.String({ description: 'Atom 1.0（RFC 4287）XML，application/atom+xml' }) }),
      },
    },
    async (request, reply) => {
      const filter: ChangeFilter = { agencyId: request.query.agency, region: request.query.region, party: request.query.party };
      const query = new URLSearchParams(Object.entries(request.query).filter(([, v]) => v) as [string, string][]).toString();
      const self = `${baseUrl(request)}/feeds/decisions.atom${query ? `?${query}` : ''}`;
      const xml = await buildFeed(ctx, filter, {
        baseUrl: baseUrl(request),
        selfUrl: self,
        title: feedTitle(filter),
        key: `decisions${query ? `?${query}` : ''}`,
      });
      return reply.type(atom).send(xml);
    },
  );
  app.get(
    '/feeds/subscriptions/:id.atom',
    {
      config: { isPublic: true, rateLimit: { max: feedRateLimit, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '个人订阅源（Atom）',
        params: IdParams,
        querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: '管理密钥' }) }),
        response: withErrors({ 200: Type.String({ description: 'Atom 1.0（RFC 4287）XML，application/atom+xml' }) }),
      },
    },
    async (request, reply) => {
      const row = await findSubscription(ctx, request.params.id, request.query.token);
      const filter = filterOf(row);
      const self = `${baseUrl(request)}/feeds/subscriptions/${row.id}.atom`;
      const xml = await buildFeed(ctx, filter, {
        baseUrl: baseUrl(request),
        selfUrl: self,
        title: feedTitle(filter),
        key: `subscriptions/${row.id}`,
      });
      return reply.type(atom).send(xml);
    },
  );

  app.post(
    '/api/open-data/subscriptions',
    {
      config: { isPublic: true, rateLimit: { max: subscribeRateLimit, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '订阅公开动态（推送或个人订阅源，无需电子邮箱）',
        description: webhookDescription,
        body: SubscriptionBody,
        response: withErrors({ 201: Created }),
      },
    },
    async (request, reply) => reply.code(201).send(await createSubscription(ctx, request.body)),
  );
  app.get(
    '/api/open-data/subscriptions/:id',
    {
      config: open,
      schema: {
        tags,
        summary: '查看订阅状态（请求头 Authorization: Bearer 管理密钥）',
        params: IdParams,
        headers: SecretHeaders,
        response: withErrors({ 200: Subscription }),
      },
    },
    async (request) => presentSubscription(await findSubscription(ctx, request.params.id, secretOf(request.headers.authorization))),
  );
  app.post(
    '/api/open-data/subscriptions/:id/resume',
    {
      config: open,
      schema: {
        tags,
        summary: '恢复暂停的推送订阅（从暂停处继续）',
        params: IdParams,
        headers: SecretHeaders,
        response: withErrors({ 200: Subscription }),
      },
    },
    async (request) => resumeSubscription(ctx, request.params.id, secretOf(request.headers.authorization)),
  );
  app.delete(
    '/api/open-data/subscriptions/:id',
    {
      config: open,
      schema: {
        tags,
        summary: '删除订阅（请求头 Authorization: Bearer 管理密钥）',
        params: IdParams,
        headers: SecretHeaders,
        response: withErrors({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await deleteSubscription(ctx, request.params.id, secretOf(request.headers.authorization));
      return reply.code(204).send(null);
    },
  );
}
