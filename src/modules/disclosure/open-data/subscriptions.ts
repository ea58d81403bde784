/**
 * Subscriptions without e-mail (订阅): a filter (agency, region, party) and either a webhook URL, to which the worker
 * POSTs each journal entry that matches, signed; or nothing, and the subscriber reads a personal feed URL.
 *
 * Creating or deleting a subscription is NOT a ledger event. The ledger records what the administration decides and
 * publishes, so that nothing can vanish silently; a subscription is a member of the public asking to be told, made
 * anonymously through a rate-limited public form. Logging it would let anyone grow the tamper-evident log at will,
 * would keep forever a webhook address that may identify a person (and could never be erased on request), and would
 * prove nothing anyone needs proved. What subscribers receive is itself proven: every publication, change and
 * withdrawal they are told of is already a ledger event with its inclusion proof on the record's page.
 *
 * Webhooks: `POST <url>` with `Content-Type: application/json` and the body
 *   {"event": "published" | "changed" | "withdrawn", "seq": n, "noticedAt": "…", "record": <the public copy>}
 * or, when a record leaves the portal (its publicity ended), without the record:
 *   {"event": "ended", "seq": n, "noticedAt": "…", "recordId": "…", "ended": {title, agencyName, regionName, reasonLabel, endedOn}}
 * and the headers `X-Lawtrail-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the subscription's
 * secret (its UTF-8 bytes)>`, `X-Lawtrail-Event` and `X-Lawtrail-Delivery: <subscription id>:<seq>` (the same for a
 * retry, so that a receiver can drop duplicates). Entries go one at a time, in journal order; a reply other than 2xx
 * (or none within 10 s) is retried after 30 s, 1, 2, 4 … minutes (at most an hour); after `maxAttempts` failures the
 * subscription is marked failing and stops until its owner resumes it.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { nowIso } from '../../../kernel/clock.js';
import type { AppContext } from '../../../kernel/context.js';
import { DomainError } from '../../../kernel/errors.js';
import { newId, newToken } from '../../../kernel/ids.js';
import { checkUscc } from '../../../kernel/uscc.js';
import type { PublicCopy } from '../public-copy.js';
import { type ChangeFilter, lastSeq, listChanges } from './changes.js';

export const maxAttempts = 6;
export const deliveryTimeoutMs = 10_000;
/** Subscriptions delivered at once in a round. */
const concurrency = 8;
const claimMs = 2 * 60_000;

/** http:// to this machine is accepted only when LAWTRAIL_WEBHOOK_ALLOW_LOCAL=on (tests, a local receiver). */
const allowsLocal = () => process.env.LAWTRAIL_WEBHOOK_ALLOW_LOCAL === 'on';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const signBody = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Loopback, private, link-local, CGNAT, unspecified and unique-local addresses: never a webhook's target. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = address.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

const isLocalHost = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);

/** A webhook URL is https to a public host, or http(s) to this machine when local webhooks are allowed. */
export function checkWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError('open_data.webhook_refused', '推送地址不是有效的网址');
  }
  if (url.username || url.password) throw new DomainError('open_data.webhook_refused', '推送地址不能包含用户名或密码');
  const host = url.hostname.toLowerCase();
  if (isLocalHost(host) && allowsLocal() && (url.protocol === 'http:' || url.protocol === 'https:')) return url;
  if (url.protocol !== 'https:') throw new DomainError('open_data.webhook_refused', '推送地址须以 https:// 开头');
  const literal = host.replace(/^\[|\]$/g, '');
  if (isLocalHost(host) || (isIP(literal) && isPrivateAddress(literal)) || host.endsWith('.localhost')) {
    throw new DomainError('open_data.webhook_refused', '推送地址不能指向本机或内部网络');
  }
  return url;
}

export interface SubscriptionInput {
  agencyId?: string | undefined;
  region?: string | undefined;
  party?: string | undefined;
  webhookUrl?: string | undefined;
}

function checkFilter(input: SubscriptionInput): ChangeFilter {
  const filter: ChangeFilter = {};
  if (input.agencyId) filter.agencyId = input.agencyId;
  if (input.region) {
    if (!/^\d{2,12}$/.test(input.region))
      throw new DomainError('open_data.invalid', '行政区划代码应为 2 至 12 位数字', {
        errors: [{ pointer: '/region', detail: '应为数字' }],
      });
    filter.region = input.region;
  }
  if (input.party) {
    const code = input.party.trim().toUpperCase();
    const check = checkUscc(code);
    if (!check.isValid)
      throw new DomainError('open_data.invalid', `统一社会信用代码不正确：${check.reason}`, {
        errors: [{ pointer: '/party', detail: check.reason }],
      });
    filter.party = code;
  }
  return filter;
}

/** Creates a subscription from now on (its cursor is the journal's current end). The secret is shown once. */
export async function createSubscription(ctx: AppContext, input: SubscriptionInput) {
  const filter = checkFilter(input);
  const webhook = input.webhookUrl ? checkWebhookUrl(input.webhookUrl).toString() : null;
  const id = newId();
  const secret = newToken();
  await ctx.db
    .insertInto('open_data_subscriptions')
    .values({
      id,
      agency_id: filter.agencyId ?? null,
      region: filter.region ?? null,
      party_credit_code: filter.party ?? null,
      webhook_url: webhook,
      secret_sealed: ctx.secrets.seal(secret),
      secret_hash: hashSecret(secret),
      status: 'active',
      cursor: await lastSeq(ctx),
      attempts: 0,
      next_attempt_at: null,
      last_error: null,
      last_delivered_at: null,
      created_at: nowIso(),
    })
    .execute();
  return {
    id,
    secret,
    kind: webhook ? ('webhook' as const) : ('feed' as const),
    filter,
    feedUrl: webhook ? null : `/feeds/subscriptions/${id}.atom?token=${secret}`,
  };
}

/** The subscription, if the secret matches; otherwise "not found", which reveals nothing. */
export async function findSubscription(ctx: AppContext, id: string, secret: string | undefined) {
  const row = await ctx.db.selectFrom('open_data_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  const given = Buffer.from(hashSecret(secret ?? ''), 'hex');
  if (!row || !secret || !timingSafeEqual(given, Buffer.from(row.secret_hash, 'hex'))) {
    throw new DomainError('open_data.not_found', '订阅不存在，或管理密钥不正确');
  }
  return row;
}

export function presentSubscription(row: Awaited<ReturnType<typeof findSubscription>>) {
  return {
    id: row.id,
    kind: row.webhook_url ? ('webhook' as const) : ('feed' as const),
    filter: { agencyId: row.agency_id, region: row.region, party: row.party_credit_code },
    status: row.status as 'active' | 'failing',
    cursor: Number(row.cursor),
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastDeliveredAt: row.last_delivered_at,
    createdAt: row.created_at,
  };
}

export async function deleteSubscription(ctx: AppContext, id: string, secret: string | undefined): Promise<void> {
  await findSubscription(ctx, id, secret);
  await ctx.db.deleteFrom('open_data_subscriptions').where('id', '=', id).execute();
}

/** A failing webhook subscription starts again where it stopped. */
export async function resumeSubscription(ctx: AppContext, id: string, secret: string | undefined) {
  await findSubscription(ctx, id, secret);
  await ctx.db
    .updateTable('open_data_subscriptions')
    .set({ status: 'active', attempts: 0, next_attempt_at: null })
    .where('id', '=', id)
    .execute();
  return presentSubscription(await findSubscription(ctx, id, secret));
}

export const filterOf = (row: { agency_id: string | null; region: string | null; party_credit_code: string | null }): ChangeFilter => ({
  agencyId: row.agency_id ?? undefined,
  region: row.region ?? undefined,
  party: row.party_credit_code ?? undefined,
});

const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);

export interface DeliveryOptions {
  fetch?: typeof fetch;
  /** Entries per subscription per round. */
  batch?: number;
}

async function resolvesPrivately(url: URL): Promise<boolean> {
  if (isLocalHost(url.hostname) && allowsLocal()) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  return addresses.some((a) => isPrivateAddress(a.address));
}

/**
 * One delivery round: each active webhook subscription that is due is claimed (a conditional update, so that several
 * server processes never post the same entry at once), then sent its entries after its cursor, in order, up to the
 * journal's end as read at the start. The cursor moves past each entry delivered, and past entries that do not match.
 */
export async function deliverWebhooks(ctx: AppContext, options: DeliveryOptions = {}): Promise<{ delivered: number; failed: number }> {
  const send = options.fetch ?? fetch;
  const batch = options.batch ?? 20;
  const head = await lastSeq(ctx);
  const at = nowIso();
  const due = await ctx.db
    .selectFrom('open_data_subscriptions')
    .selectAll()
    .where('status', '=', 'active')
    .where('webhook_url', 'is not', null)
    .where('cursor', '<', head)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]))
    .execute();
  let delivered = 0;
  let failed = 0;
  const deliverOne = async (sub: (typeof due)[number]) => {
    const claimed = await ctx.db
      .updateTable('open_data_subscriptions')
      .set({ next_attempt_at: new Date(Date.parse(at) + claimMs).toISOString() })
      .where('id', '=', sub.id)
      .where('cursor', '=', sub.cursor)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    const secret = ctx.secrets.open(sub.secret_sealed);
    let cursor = Number(sub.cursor);
    let attempts = Number(sub.attempts);
    let error: string | null = null;
    const entries = await listChanges(ctx, filterOf(sub), { afterSeq: cursor, upToSeq: head, limit: batch });
    for (const entry of entries) {
      const row = await ctx.db
        .selectFrom('public_records')
        .select(['body', 'is_visible'])
        .where('id', '=', entry.recordId)
        .executeTakeFirst();
      // An entry is sent with the record as it is now, if it is still public; the end of a record's publicity with only
      // what its entry shows. A record that left the portal after an earlier entry is not sent for that entry.
      const body =
        entry.event === 'ended'
          ? JSON.stringify({
              event: entry.event,
              seq: entry.seq,
              noticedAt: entry.noticedAt,
              recordId: entry.recordId,
              ended: entry.summary,
            })
          : row && Number(row.is_visible) === 1
            ? JSON.stringify({ event: entry.event, seq: entry.seq, noticedAt: entry.noticedAt, record: JSON.parse(row.body) as PublicCopy })
            : null;
      if (body !== null) {
        try {
          const url = new URL(sub.webhook_url as string);
          if (await resolvesPrivately(url)) throw new Error('推送地址解析到本机或内部网络，已拒绝');
          const response = await send(url, {
            method: 'POST',
            redirect: 'manual',
            headers: {
              'content-type': 'application/json',
              'x-lawtrail-signature': signBody(secret, body),
              'x-lawtrail-event': entry.event,
              'x-lawtrail-delivery': `${sub.id}:${entry.seq}`,
            },
            body,
            signal: AbortSignal.timeout(deliveryTimeoutMs),
          });
          await response.arrayBuffer().catch(() => undefined);
          if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
        } catch (e) {
          error = (e as Error).message.slice(0, 300);
          break;
        }
        delivered += 1;
      }
      cursor = entry.seq;
      attempts = 0;
    }
    // Nothing more matches up to the journal's end: the cursor moves there, past the entries of other filters.
    if (error === null && entries.length < batch) cursor = Math.max(cursor, head);
    if (error !== null) {
      failed += 1;
      attempts += 1;
    }
    const isFailing = attempts >= maxAttempts;
    await ctx.db
      .updateTable('open_data_subscriptions')
      .set({
        cursor,
        attempts,
        status: isFailing ? 'failing' : 'active',
        next_attempt_at: error === null ? null : new Date(Date.parse(at) + backoffMs(attempts)).toISOString(),
        last_error: error,
        ...(cursor > Number(sub.cursor) ? { last_delivered_at: nowIso() } : {}),
      })
      .where('id', '=', sub.id)
      .execute();
  };
  // Subscriptions are served side by side (a slow receiver delays only its own), each one's entries in order.
  const queue = [...due];
  const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let sub = queue.shift(); sub; sub = queue.shift()) await deliverOne(sub);
  });
  await Promise.all(workers);
  return { delivered, failed };
}
