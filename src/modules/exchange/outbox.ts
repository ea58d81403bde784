/**
 * The outbox: what this platform pushes to its higher-level platform. A module writes an item inside the transaction
 * that makes the change (`enqueueOutbox`), so the item exists exactly when the change does. Items are numbered by the
 * single `exchange_state` row without gaps — a rolled-back change takes its number back with it — so the receiver can
 * apply them in order and notice a gap.
 *
 * Delivery status (delivered_at, attempts, next attempt, last error) and the push lease are operational state, not a
 * record anyone decides: they are not ledger events. The change itself is recorded by its module's own event, and the
 * receiver records each item it applies as an event of its ledger.
 */
import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { nowIso } from '../../kernel/clock.js';
import type { ExchangeItem } from './batch.js';

/**
 * Every action that changes what the public sees of a record: published, changed, withdrawn, ended, and the two that add
 * to a published copy — the original decision upheld on reconsideration or litigation (维持), and the party's
 * statement (当事人陈述) approved for publication.
 */
export const outboxKinds = [
  'publication.published',
  'publication.changed',
  'publication.withdrawn',
  'publication.ended',
  'publication.upheld',
  'publication.statement_published',
] as const;
export type OutboxKind = (typeof outboxKinds)[number];

export interface OutboxInput {
  kind: OutboxKind;
  /** What the item is about (e.g. the public copy's id): the receiver replaces or withdraws by it. */
  key: string;
  /** The public copy (JSON): never anything that is not already public. */
  payload: unknown;
}

/**
 * Writes an item to the outbox in the caller's transaction; returns its sequence number.
 *
 * Lock order (PostgreSQL): the ledger's sequencing row first, then the outbox counter — whether the caller appends
 * its ledger event before or after, every writer takes the two rows in the same order and none waits for another
 * in a cycle. SQLite has one writer at a time.
 */
export async function enqueueOutbox(trx: Executor, input: OutboxInput): Promise<number> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx.executeQuery(CompiledQuery.raw('select size from ledger_state where id = 1 for update', []));
  }
  const { outbox_size: seq } = await trx
    .updateTable('exchange_state')
    .set((eb) => ({ outbox_size: eb('outbox_size', '+', 1) }))
    .where('id', '=', 1)
    .returning('outbox_size')
    .executeTakeFirstOrThrow();
  const at = nowIso();
  await trx
    .insertInto('exchange_outbox')
    .values({
      seq: Number(seq),
      kind: input.kind,
      key: input.key,
      payload: canonicalJson(input.payload),
      created_at: at,
      delivered_at: null,
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
    })
    .execute();
  return Number(seq);
}

/** The first undelivered items, in order, at most `limit` of them and about `maxBytes` of payload (at least one). */
export async function pendingItems(db: Executor, limit: number, maxBytes: number) {
  const rows = await db.selectFrom('exchange_outbox').selectAll().where('delivered_at', 'is', null).orderBy('seq').limit(limit).execute();
  const taken: typeof rows = [];
  let bytes = 0;
  for (const row of rows) {
    bytes += row.payload.length;
    if (taken.length > 0 && bytes > maxBytes) break;
    taken.push(row);
  }
  return taken;
}

export function toExchangeItem(row: { seq: number; kind: string; key: string; payload: string; created_at: string }): ExchangeItem {
  return { seq: Number(row.seq), kind: row.kind, key: row.key, payload: JSON.parse(row.payload), createdAt: row.created_at };
}

/** The upstream acknowledged everything up to `through`. */
export async function markDelivered(db: Executor, from: number, through: number): Promise<void> {
  if (through < from) return;
  await db
    .updateTable('exchange_outbox')
    .set({ delivered_at: nowIso(), last_error: null })
    .where('delivered_at', 'is', null)
    .where('seq', '>=', from)
    .where('seq', '<=', through)
    .execute();
}

/** The upstream lost what it had acknowledged (restored from a backup): deliver again from `from`. */
export async function redeliverFrom(db: Executor, from: number): Promise<void> {
  await db
    .updateTable('exchange_outbox')
    .set({ delivered_at: null, next_attempt_at: nowIso() })
    .where('seq', '>=', from)
    .where('delivered_at', 'is not', null)
    .execute();
}

export async function markFailed(db: Executor, seqs: number[], error: string, nextAttemptAt: string): Promise<void> {
  if (seqs.length === 0) return;
  await db
    .updateTable('exchange_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000), next_attempt_at: nextAttemptAt }))
    .where('seq', 'in', seqs)
    .where('delivered_at', 'is', null)
    .execute();
}

/**
 * Takes (or renews) the push lease for `ttlMs`: one conditional UPDATE of the lease row, atomic on both dialects, so
 * of several server processes exactly one pushes at a time; a process that dies loses the lease when it expires.
 */
export async function takeLease(db: Executor, owner: string, ttlMs: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('exchange_leases')
    .set({ owner, expires_at: new Date(at.getTime() + ttlMs).toISOString() })
    .where('name', '=', 'push')
    .where((eb) => eb.or([eb('owner', 'is', null), eb('owner', '=', owner), eb('expires_at', '<', at.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Executor, owner: string): Promise<void> {
  await db
    .updateTable('exchange_leases')
    .set({ owner: null, expires_at: null })
    .where('name', '=', 'push')
    .where('owner', '=', owner)
    .execute();
}

export async function outboxSummary(db: Executor) {
  const counts = await db
    .selectFrom('exchange_outbox')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('delivered_at').as('delivered'),
      eb.fn.max('delivered_at').as('lastDeliveredAt'),
    ])
    .executeTakeFirstOrThrow();
  const failing = await db
    .selectFrom('exchange_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('delivered_at', 'is', null)
    .where('last_error', 'is not', null)
    .executeTakeFirstOrThrow();
  const lease = await db.selectFrom('exchange_leases').selectAll().where('name', '=', 'push').executeTakeFirst();
  return {
    total: Number(counts.total),
    delivered: Number(counts.delivered),
    pending: Number(counts.total) - Number(counts.delivered),
    failing: Number(failing.n),
    lastDeliveredAt: counts.lastDeliveredAt ?? null,
    lease: lease?.owner ? { owner: lease.owner, expiresAt: lease.expires_at } : null,
  };
}

/** The newest items first (undelivered ones before delivered), for the staff view. */
export async function recentItems(db: Executor, limit: number) {
  return db
    .selectFrom('exchange_outbox')
    .select(['seq', 'kind', 'key', 'created_at', 'delivered_at', 'attempts', 'next_attempt_at', 'last_error'])
    .orderBy(sql`case when delivered_at is null then 0 else 1 end`)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
