import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { StringEnum, withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import type { AppContext } from '../../kernel/context.js';
import { actionTypes } from '../../kernel/vocabulary.js';
import { getPartyHistory, getPublicRecord, searchPublicRecords } from './public.service.js';
import { cachedAnswer } from './public-cache.js';
import { correctionSources, withdrawalGrounds } from './public-copy.js';
import * as publications from './publications.service.js';

/** Public reads per client address and minute: generous for people, a brake on scraping (bulk files come later). */
export const publicRateLimit = 300;

const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = Type.Object({ id: Id });
/** A calendar date: 2024-13-45 is refused (the search turns dates into days; an impossible one would mean no range). */
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date', description: 'YYYY-MM-DD' });
const Version = Type.Integer({ minimum: 1, description: '当前版本号（乐观锁）' });
const enumOf = <T extends Record<string, string>>(values: T, title: string) =>
  StringEnum(Object.keys(values) as (keyof T & string)[], {
    description: `${title}：${Object.entries(values)
      .map(([k, v]) => `${k} ${v}`)
      .join('；')}`,
  });
const Open = (properties: Parameters<typeof Type.Object>[0], description: string) =>
  Type.Object(properties, { additionalProperties: true, description });

const Classified = Type.Array(
  Type.Object(
    {
      kind: StringEnum(['state_secret', 'trade_secret'] as const, { description: 'state_secret 国家秘密；trade_secret 商业秘密' }),
      reason: Type.String({ minLength: 1, maxLength: 500, description: '不予公开的理由（记录在案）' }),
      passage: Type.Optional(Type.String({ maxLength: 2000, description: '涉密的段落；不填表示整份决定涉密' })),
    },
    { additionalProperties: false },
  ),
  { maxItems: 20, description: '标记为国家秘密或商业秘密的内容：出现在公开副本中的，不予公开' },
);

const Publication = Open(
  {
    id: Type.String(),
    caseId: Type.String(),
    caseNumber: Type.String(),
    status: Type.String(),
    statusLabel: Type.String(),
    dueOn: Type.String(),
    isOverdue: Type.Boolean(),
    version: Type.Integer(),
  },
  '一项事后公开：所依据的公开事项及时限、状态、公开副本（待审核时）、撤下或变更期限',
);

const PublicSummary = Open(
  {
    id: Type.String(),
    title: Type.String(),
    caseTitle: Type.String(),
    documentNumber: Type.String(),
    agencyName: Type.String(),
    actionType: Type.String(),
    actionTypeLabel: Type.String(),
    partyName: Type.String(),
    partyCreditCode: Type.Union([Type.String(), Type.Null()]),
    decision: Type.String(),
    amount: Type.Union([Type.Number(), Type.Null()]),
    decidedOn: Type.String(),
    status: StringEnum(['published', 'changed', 'withdrawn'] as const, {
      description: 'published 已公开；changed 已变更；withdrawn 已撤下',
    }),
  },
  '一条公开的执法决定（摘要）',
);
const Page = (description: string) =>
  Type.Object(
    {
      page: Type.Integer(),
      pageSize: Type.Integer(),
      total: Type.Integer({ description: '匹配条数，最多计到 1000' }),
      totalIsLowerBound: Type.Optional(Type.Boolean({ description: 'true：匹配超过 1000 条，total 只计到 1000' })),
      items: Type.Array(PublicSummary),
    },
    { description, additionalProperties: true },
  );

const PublicRecord = Open(
  {
    id: Type.String(),
    title: Type.String(),
    documentNumber: Type.String(),
    documentId: Type.Union([Type.String(), Type.Null()], { description: '决定文书；可在 /verify/document/{documentId} 核验真伪' }),
    status: Type.String(),
    origin: Type.Optional(
      Type.Object(
        { origin: Type.String(), name: Type.String() },
        { description: '由下级平台推送而来时（数据交换）：其来源名与名称；本平台自己的记录没有此项' },
      ),
    ),
    ledger: Type.Array(
      Type.Object({
        index: Type.Integer({ description: '账本序号：/api/ledger/proof/inclusion?index=…' }),
        action: Type.String(),
        label: Type.String(),
        occurredAt: Type.String(),
      }),
    ),
  },
  '执法决定的公开副本（已脱敏）：机关、当事人、事实、决定、依据；被撤下的附撤下说明，被变更的附原决定和变更后的决定；及其账本记录序号',
);

const searchDescription = `在本平台所有执法机关已公开的执法决定中检索（无需登录）。只读取公开副本：自然人姓名已隐去（张某某，按本平台 LAWTRAIL_NAME_MASK 设置），不含身份证号码、住址、电话。
- q：关键词，空格分隔的多个词须同时出现（名称、统一社会信用代码、文号、事实、依据）；
- 每个地址每分钟最多 ${publicRateLimit} 次，超出返回 429；
- 相同的检索（及当事人页面）的结果最多缓存 10 秒，本平台公开、变更或撤下任一决定即失效；
- 共找到的条数最多数到 1,000（totalIsLowerBound 为 true 表示还有更多）。`;

export function registerPublicationRoutes(app: App, ctx: AppContext): void {
  const tags = ['事后公开'];

  // ---- Staff ----
  app.get(
    '/api/disclosure/publications',
    {
      schema: {
        tags,
        summary: '信息公示：待公开、待审核、已公开的执法决定及其期限（逾期的报执法监督）',
        querystring: Type.Object({
          agencyId: Type.Optional(Id),
          status: Type.Optional(enumOf(publications.publicationStatuses, '状态')),
          overdue: Type.Optional(Type.Boolean({ description: 'true：只看逾期未公开或逾期未撤下、变更的' })),
        }),
        response: withErrors({ 200: Type.Object({ today: Type.String(), items: Type.Array(Publication) }) }),
      },
    },
    async (request) => publications.listPublications(ctx, await requireActor(ctx, request), request.query),
  );
  app.get(
    '/api/disclosure/publications/:id',
    { schema: { tags, summary: '一项事后公开', params: IdParams, response: withErrors({ 200: Publication }) } },
    async (request) => publications.getPublication(ctx, await requireActor(ctx, request), request.params.id),
  );
  app.post(
    '/api/disclosure/publications/:id/preview',
    {
      schema: {
        tags,
        summary: '预览公开副本（不保存）：脱敏后的内容和隐去了什么；涉密的说明不予公开的理由',
        params: IdParams,
        body: Type.Object({ classified: Type.Optional(Classified) }, { additionalProperties: false }),
        response: withErrors({
          200: Type.Object({
            copy: Type.Union([Open({ id: Type.String() }, '公开副本'), Type.Null()]),
            findings: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), count: Type.Integer() })),
            blocked: Type.Union([Type.Object({ kind: Type.String(), reason: Type.String() }), Type.Null()]),
          }),
        }),
      },
    },
    async (request) => publications.previewPublication(ctx, await requireActor(ctx, request), request.params.id, request.body.classified),
  );
  app.post(
    '/api/disclosure/publications/:id/prepare',
    {
      schema: {
        tags,
        summary: '制作公开副本，提交本机关审核（涉密的记录不予公开的理由）',
        params: IdParams,
        body: Type.Object({ version: Version, classified: Type.Optional(Classified) }, { additionalProperties: false }),
        response: withErrors({ 200: Publication }),
      },
    },
    async (request) => publications.preparePublication(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.post(
    '/api/disclosure/publications/:id/approve',
    {
      schema: {
        tags,
        summary: '审核通过并公开（须由制作人以外的负责人或法制审核人员办理）',
        params: IdParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: withErrors({ 200: Publication }),
      },
    },
    async (request) => publications.approvePublication(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.post(
    '/api/disclosure/publications/:id/return',
    {
      schema: {
        tags,
        summary: '退回重新制作公开副本',
        params: IdParams,
        body: Type.Object({ version: Version, opinion: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
        response: withErrors({ 200: Publication }),
      },
    },
    async (request) => publications.returnPublication(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.post(
    '/api/disclosure/publications/:id/withdraw',
    {
      schema: {
        tags,
        summary:
          '撤下或变更：决定被撤销、确认违法、确认无效的，以撤下说明替换公开副本；被变更的，同时公开原决定和变更后的决定（三个工作日内）',
        params: IdParams,
        body: Type.Object(
          {
            version: Version,
            ground: enumOf(withdrawalGrounds, '情形'),
            source: enumOf(correctionSources, '来源'),
            reason: Type.String({ minLength: 1, maxLength: 2000, description: '理由（公开）' }),
            currentDecision: Type.Optional(Type.String({ maxLength: 2000, description: '变更后的处理结果（变更时必填）' })),
            currentAmount: Type.Optional(
              Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description: '变更后的罚没款数额（元）' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Publication }),
      },
    },
    async (request) => publications.withdrawPublication(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.post(
    '/api/disclosure/publications/:id/confirm',
    {
      schema: {
        tags,
        summary: '复议或诉讼维持原决定：确认继续公开（决定页面显示“行政复议/行政诉讼：维持”）',
        params: IdParams,
        body: Type.Object(
          {
            version: Version,
            note: Type.String({ minLength: 1, maxLength: 1000 }),
            source: Type.Optional(
              StringEnum(['reconsideration', 'litigation'] as const, {
                description: 'reconsideration 行政复议；litigation 行政诉讼；不填时取案件记录的救济方式',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Publication }),
      },
    },
    async (request) => publications.confirmPublication(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );
  app.post(
    '/api/disclosure/publications/:id/end',
    {
      schema: {
        tags,
        summary: '结束公示（信用修复提前撤出平台）：撤出公示平台，账本记录保留',
        params: IdParams,
        body: Type.Object(
          { version: Version, reason: enumOf(publications.endReasons, '原因'), note: Type.String({ maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Publication }),
      },
    },
    async (request) => publications.endPublicity(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  // ---- Public ----
  const publicConfig = { isPublic: true, rateLimit: { max: publicRateLimit, timeWindow: 60_000 } };
  app.get(
    '/api/public/decisions',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: '检索公开的执法决定（分页）',
        description: searchDescription,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          agencyId: Type.Optional(Id),
          actionType: Type.Optional(enumOf(actionTypes, '行为类别')),
          from: Type.Optional(DateText),
          to: Type.Optional(DateText),
          region: Type.Optional(Type.String({ pattern: '^\\d{6}(\\d{3})?$', description: '区划代码，含下级（640502 含其乡镇）' })),
          minAmount: Type.Optional(Type.Number({ minimum: 0, description: '罚没款等数额下限（元）' })),
          maxAmount: Type.Optional(Type.Number({ minimum: 0, description: '数额上限（元）' })),
          status: Type.Optional(
            StringEnum(['published', 'changed', 'withdrawn'] as const, {
              description: 'published 已公开；changed 已变更；withdrawn 已撤下',
            }),
          ),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: withErrors({ 200: Page('一页检索结果，按决定日期从新到旧') }),
      },
    },
    async (request) => cachedAnswer(ctx.db, `search:${canonicalJson(request.query)}`, () => searchPublicRecords(ctx, request.query)),
  );
  app.get(
    '/api/public/decisions/:id',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: '一项公开的执法决定（含撤下说明或变更情况、账本序号）',
        params: IdParams,
        response: withErrors({ 200: PublicRecord }),
      },
    },
    async (request) => getPublicRecord(ctx, request.params.id),
  );
  app.get(
    '/api/public/parties/:creditCode',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: '按统一社会信用代码查看一个当事人的全部公开执法记录',
        params: Type.Object({ creditCode: Type.String({ pattern: '^[0-9A-Za-z]{18}$' }) }),
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }),
        response: withErrors({
          200: Type.Object(
            {
              creditCode: Type.String(),
              partyName: Type.String(),
              countsByActionType: Type.Record(Type.String(), Type.Integer()),
              page: Type.Integer(),
              pageSize: Type.Integer(),
              total: Type.Integer(),
              items: Type.Array(PublicSummary),
            },
            { additionalProperties: true },
          ),
        }),
      },
    },
    async (request) => {
      const code = request.params.creditCode.toUpperCase();
      const page = request.query.page ?? 1;
      return cachedAnswer(ctx.db, `party:${code}:${page}`, () => getPartyHistory(ctx, code, page));
    },
  );
}
