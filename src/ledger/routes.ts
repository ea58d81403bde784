import { Type } from 'typebox';
import { optionalActor } from '../http/auth.js';
import { Problem, withErrors } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { hasRole } from '../kernel/actor.js';
import type { AppContext } from '../kernel/context.js';
import { DomainError } from '../kernel/errors.js';
import { canSeeAgency, resolveScope } from '../modules/org/index.js';
import { findCheckpoint, integrate } from './checkpoint.js';
import { withCosignatures } from './collect.js';
import { proveConsistency, proveInclusion, readLeaves } from './proofs.js';
import { addCheckpoint } from './witness.js';

const Hex = Type.String({ pattern: '^[0-9a-f]{64}$', description: '32 字节哈希的十六进制' });
const Size = Type.Integer({ minimum: 0, maximum: 2 ** 52 });

const howToVerify = `**如何手工验证包含证明（RFC 9162 §2.1.3.2）**

1. 取得签名检查点 \`GET /api/ledger/checkpoint\`（或某一规模的 \`GET /api/ledger/checkpoint/{size}\`），用 \`GET /api/ledger/public-key\` 的验证密钥核对签名（C2SP signed-note，Ed25519），第三行是该规模下树根的 base64。
2. 记录本身的叶哈希 = SHA-256(0x00 ‖ 记录的规范 JSON 字节)；本接口返回的 \`leafHash\` 应与之相同。
3. 令 fn = index，sn = size − 1，r = leafHash。对 proof 中每个哈希 p（十六进制）依次：若 sn = 0 则失败；若 fn 为奇数或 fn = sn，则 r = SHA-256(0x01 ‖ p ‖ r)，且当 fn 为偶数时把 fn、sn 同时右移直到 fn 为奇数或为 0；否则 r = SHA-256(0x01 ‖ r ‖ p)；然后 fn、sn 各右移一位。
4. 最后 sn 必须为 0，且 r 等于检查点中的树根。

例如在 shell 中计算一步：\`printf '\\x01' | cat - <(xxd -r -p <<< "$p$r") | sha256sum\`。
规模必须是已签名检查点的规模：证明永远针对所请求的规模计算，而不是“当前”规模。`;

/**
 * Events whose content is public by nature: what the portal itself publishes (a catalog version's publication and its
 * replacement, a year of the working-day calendar). Anyone may read these entries in full; other entries show only
 * their leaf hash to those outside their scope.
 */
export const publicLedgerActions: ReadonlySet<string> = new Set(['catalog.published', 'catalog.superseded', 'calendar.year_added']);

export function registerLedgerRoutes(app: App, ctx: AppContext): void {
  const tags = ['记录账本'];
  const text = (reply: { type: (t: string) => unknown }, body: string) => {
    reply.type('text/plain; charset=utf-8');
    return body;
  };

  app.get(
    '/api/ledger/checkpoint',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '最新的签名检查点（C2SP tlog-checkpoint，text/plain）',
        description:
          '第一行为本平台的来源名（origin），第二行为树的规模，第三行为树根（base64），空行后为签名行；见证方（如上级司法局的平台）的副署签名（C2SP tlog-cosignature）附在其后。',
        response: withErrors({ 200: Type.String() }),
      },
    },
    async (_request, reply) => text(reply, await withCosignatures(ctx, await integrate(ctx.db, ctx.dialect, ctx.ledgerKeys))),
  );

  app.get(
    '/api/ledger/checkpoint/:size',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '某一规模的签名检查点（每个检查点都永久保存）',
        params: Type.Object({ size: Size }),
        response: withErrors({ 200: Type.String() }),
      },
    },
    async (request, reply) => {
      const checkpoint = await findCheckpoint(ctx.db, request.params.size);
      if (!checkpoint) throw new DomainError('ledger.size_not_checkpointed', `规模 ${request.params.size} 没有签名检查点`);
      return text(reply, checkpoint.note);
    },
  );

  app.post(
    '/api/witness/add-checkpoint',
    {
      config: { isPublic: true },
      schema: {
        tags: ['见证'],
        summary: '见证：为另一平台的检查点副署（C2SP tlog-witness）',
        description:
          '请求正文（text/plain）：`old <本见证方上次副署的规模>`、一致性证明（每行一个 base64 哈希）、空行、签名检查点。200 返回副署签名行；409 表示 old 与本见证方记录的规模不符，正文为该规模；422 表示一致性证明不成立；403 表示检查点签名无效；404 表示本见证方不见证该来源。',
        body: Type.String({ maxLength: 65_536 }),
        response: {
          200: Type.String(),
          400: Type.String(),
          403: Type.String(),
          404: Type.String(),
          409: Type.String(),
          422: Type.String(),
          '5xx': Problem,
        },
      },
    },
    async (request, reply) => {
      const answer = await addCheckpoint(ctx, ctx.cosigner, request.body);
      return reply.code(answer.status).type(answer.contentType).send(answer.body);
    },
  );

  app.get(
    '/api/witness/key',
    {
      config: { isPublic: true },
      schema: { tags: ['见证'], summary: '本平台作为见证方的副署验证密钥（text/plain）', response: withErrors({ 200: Type.String() }) },
    },
    async (_request, reply) =>
      text(
        reply,
        `${ctx.cosigner.verifierKey}
`,
      ),
  );

  app.get(
    '/api/ledger/public-key',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '检查点的验证密钥（signed-note 格式，每行一个，最新的在前；轮换前的旧密钥继续公布）',
        response: withErrors({ 200: Type.String() }),
      },
    },
    async (_request, reply) => text(reply, `${ctx.ledgerKeys.verifierKeys.join('\n')}\n`),
  );

  app.get(
    '/api/ledger/proof/inclusion',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '包含证明：第 index 条记录在规模为 size 的树中',
        description: howToVerify,
        querystring: Type.Object({ index: Size, size: Size }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ leafHash: Hex, proof: Type.Array(Hex) }) }),
      },
    },
    async (request) => proveInclusion(ctx.db, request.query.index, request.query.size),
  );

  app.get(
    '/api/ledger/proof/consistency',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '一致性证明：规模 first 的树是规模 second 的树的前缀（什么都没有被删改）',
        description: '按 RFC 9162 §2.1.4.2 验证；first 与 second 都须为已签名检查点的规模。',
        querystring: Type.Object({ first: Size, second: Size }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ proof: Type.Array(Hex) }) }),
      },
    },
    async (request) => proveConsistency(ctx.db, request.query.first, request.query.second),
  );

  app.get(
    '/api/ledger/leaves',
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: '叶哈希（分页，每页最多 1000 条，end 不含）',
        description:
          '`entries` 给出调用者有权查看的记录内容（规范 JSON），其余为 null：公众只能看到已公开记录的内容（清单的公布与被替代、工作日历年度），工作人员可看到本人权限范围内的记录。',
        querystring: Type.Object({ start: Size, end: Size }, { additionalProperties: false }),
        response: withErrors({
          200: Type.Object({ leaves: Type.Array(Hex), entries: Type.Array(Type.Union([Type.String(), Type.Null()])) }),
        }),
      },
    },
    async (request) => {
      const rows = await readLeaves(ctx.db, request.query.start, request.query.end);
      const actor = await optionalActor(ctx, request);
      const scope = actor ? await resolveScope(ctx.db, actor) : { kind: 'none' as const };
      const agencyIds = [...new Set(rows.map((row) => row.agencyId).filter((id): id is string => id !== null))];
      const agencies =
        agencyIds.length > 0
          ? await ctx.db.selectFrom('agencies').select(['id', 'government_id']).where('id', 'in', agencyIds).execute()
          : [];
      const governmentOf = new Map(agencies.map((a) => [a.id, a.government_id]));
      // Account events (sign-ins, lockouts, addresses) are for administrators and auditors only.
      const seesAccounts = actor !== null && hasRole(actor, 'administrator', 'auditor');
      const isVisible = (row: (typeof rows)[number]) =>
        publicLedgerActions.has(row.action) ||
        ((row.subjectType !== 'user' || seesAccounts) &&
          (scope.kind === 'all' ||
            (row.agencyId !== null && canSeeAgency(scope, { id: row.agencyId, government_id: governmentOf.get(row.agencyId) ?? '' }))));
      return { leaves: rows.map((row) => row.leafHash), entries: rows.map((row) => (isVisible(row) ? row.payload : null)) };
    },
  );
}
