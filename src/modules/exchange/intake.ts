/**
 * The intake side: a higher-level platform (the city's unified platform) accepts batches from the lower-level
 * platforms it registered (origin name and verifier keys). Each item is applied once, in order, in a transaction of
 * its own with its receipt and a ledger event (`exchange.received`): a batch that fails midway keeps what it applied,
 * answers with how far it got, and the sender's retry finds the applied items acknowledged as duplicates.
 */
import { createHash } from 'node:crypto';
import type { Executor, Trx } from '../../db/database.js';
import { type Actor, systemActor } from '../../kernel/actor.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError, isDomainError } from '../../kernel/errors.js';
import { appendEvent, parseLedgerVerifierKey } from '../../ledger/index.js';
import { batchOrigin, type ExchangeItem, openBatch } from './batch.js';
import { lastSeqHeader } from './push.js';

export interface IntakeItem extends ExchangeItem {
  /** The lower-level platform the item comes from (its ledger origin). */
  origin: string;
  /** The name it was registered under, e.g. 沙坡头区. */
  originName: string;
}

/** Applies one received item inside the receiving transaction (e.g. upserts or withdraws a public copy). */
export type IntakeHandler = (trx: Trx, item: IntakeItem, ctx: AppContext) => Promise<void>;

const handlers = new Map<string, IntakeHandler>();

/**
 * Registers what applying an item of `kind` means; the module that owns the kind calls it (once, when it is imported).
 * Returns an undo that puts back the handler it replaced (tests replace one for a while).
 */
export function onIntake(kind: string, handler: IntakeHandler): () => void {
  const previous = handlers.get(kind);
  handlers.set(kind, handler);
  return () => {
    if (handlers.get(kind) !== handler) return;
    if (previous) handlers.set(kind, previous);
    else handlers.delete(kind);
  };
}

export function intakeKinds(): string[] {
  return [...handlers.keys()].sort();
}

export interface OriginState {
  origin: string;
  name: string;
  verifierKeys: string[];
  lastSeq: number;
}

export function presentOrigin(row: { origin: string; name: string; verifier_keys: string; last_seq: number }): OriginState {
  return { origin: row.origin, name: row.name, verifierKeys: row.verifier_keys.split('\n'), lastSeq: Number(row.last_seq) };
}

export async function findOrigin(db: Executor, origin: string) {
  return db.selectFrom('exchange_origins').selectAll().where('origin', '=', origin).executeTakeFirst();
}

/**
 * Registers a lower-level platform (or replaces its keys, e.g. after it rotated them): its ledger origin, a name, and
 * its verifier keys (what its `/api/ledger/public-key` serves). A ledger event.
 */
export async function registerOrigin(
  ctx: AppContext,
  actor: Actor,
  input: { origin: string; name: string; verifierKeys: string[] },
): Promise<OriginState> {
  const origin = input.origin.trim();
  const name = input.name.trim();
  if (!origin || /[\s+]/.test(origin)) throw new DomainError('exchange.invalid', '来源名不能为空，且不能含空白或加号');
  if (!name) throw new DomainError('exchange.invalid', '请填写下级平台名称');
  const keys = input.verifierKeys.map((key) => key.trim()).filter(Boolean);
  if (keys.length === 0) throw new DomainError('exchange.invalid', '请至少提供一个验证密钥');
  for (const key of keys) {
    try {
      const verifier = parseLedgerVerifierKey(key);
      if (verifier.name !== origin) throw new Error(`密钥名称 ${verifier.name} 与来源名 ${origin} 不符`);
    } catch (error) {
      throw new DomainError('exchange.invalid', `验证密钥不正确：${(error as Error).message}`);
    }
  }
  return ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const existing = await findOrigin(trx, origin);
    if (existing) {
      await trx
        .updateTable('exchange_origins')
        .set({ name, verifier_keys: keys.join('\n'), updated_at: at })
        .where('origin', '=', origin)
        .execute();
    } else {
      await trx
        .insertInto('exchange_origins')
        .values({ origin, name, verifier_keys: keys.join('\n'), last_seq: 0, registered_at: at, updated_at: at, last_received_at: null })
        .execute();
    }
    const state = presentOrigin((await findOrigin(trx, origin)) as NonNullable<Awaited<ReturnType<typeof findOrigin>>>);
    await appendEvent(trx, {
      actor,
      agencyId: null,
      subjectType: 'exchange_origin',
      subjectId: origin,
      action: existing ? 'exchange.origin_updated' : 'exchange.origin_registered',
      state,
    });
    return state;
  });
}

export interface IntakeResult {
  origin: string;
  lastSeq: number;
  applied: number;
  duplicates: number;
}

function withLastSeq(error: DomainError, lastSeq: number): DomainError {
  return new DomainError(error.code, error.detail, {
    errors: error.errors,
    headers: { ...error.headers, [lastSeqHeader]: String(lastSeq) },
  });
}

/** Applies one item unless it was applied before; returns 'applied', 'duplicate' or the sequence expected instead. */
async function applyItem(ctx: AppContext, origin: string, item: ExchangeItem): Promise<'applied' | 'duplicate' | { expected: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    // The conditional update is the idempotency check and the lock: a concurrent delivery of the same item waits on
    // the row (PostgreSQL) or the writer (SQLite), then finds the sequence moved on and counts it a duplicate.
    const at = nowIso();
    const moved = await trx
      .updateTable('exchange_origins')
      .set({ last_seq: item.seq, last_received_at: at })
      .where('origin', '=', origin)
      .where('last_seq', '=', item.seq - 1)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) {
      const row = await findOrigin(trx, origin);
      const lastSeq = Number(row?.last_seq ?? 0);
      return item.seq <= lastSeq ? 'duplicate' : { expected: lastSeq + 1 };
    }
    const row = (await findOrigin(trx, origin)) as NonNullable<Awaited<ReturnType<typeof findOrigin>>>;
    const handler = handlers.get(item.kind);
    if (!handler) throw new DomainError('exchange.kind_unknown', `本平台不接收 ${item.kind}（第 ${item.seq} 条）`);
    await handler(trx, { ...item, origin, originName: row.name }, ctx);
    const payloadSha256 = createHash('sha256').update(canonicalJson(item.payload), 'utf8').digest('hex');
    const event = await appendEvent(trx, {
      actor: systemActor(`数据交换：${row.name}（${origin}）`),
      agencyId: null,
      subjectType: 'exchange_origin',
      subjectId: origin,
      action: 'exchange.received',
      state: { ...presentOrigin(row), item: { seq: item.seq, kind: item.kind, key: item.key, payloadSha256 } },
    });
    await trx
      .insertInto('exchange_receipts')
      .values({
        origin,
        seq: item.seq,
        kind: item.kind,
        key: item.key,
        payload_sha256: payloadSha256,
        ledger_seq: event.seq,
        received_at: at,
      })
      .execute();
    return 'applied';
  });
}

/**
 * Receives a signed batch: the origin must be registered and the signature its own; items already applied are
 * acknowledged without applying them again; an item after a gap is refused (409) with the receiver's last sequence,
 * from which the sender pushes again. Every answer, refusals included, carries that last sequence in a header.
 */
export async function receiveBatch(ctx: AppContext, note: string): Promise<IntakeResult> {
  const origin = batchOrigin(note);
  const registered = await findOrigin(ctx.db, origin);
  if (!registered)
    throw new DomainError('exchange.origin_unknown', `本平台未登记来源 ${origin}，请由系统管理员执行 lawtrail exchange add-origin`);
  const verifiers = registered.verifier_keys.split('\n').map((key) => parseLedgerVerifierKey(key));
  let lastSeq = Number(registered.last_seq);
  let batch: ReturnType<typeof openBatch>;
  try {
    batch = openBatch(note, origin, verifiers);
  } catch (error) {
    throw isDomainError(error) ? withLastSeq(error, lastSeq) : error;
  }
  let applied = 0;
  let duplicates = 0;
  for (const item of batch.items) {
    let outcome: Awaited<ReturnType<typeof applyItem>>;
    try {
      outcome = await applyItem(ctx, origin, item);
    } catch (error) {
      const row = await findOrigin(ctx.db, origin);
      lastSeq = Number(row?.last_seq ?? lastSeq);
      if (isDomainError(error)) throw withLastSeq(error, lastSeq);
      // The cause is logged by the error handler, never sent: it may name tables or values.
      throw Object.assign(
        new DomainError('exchange.apply_failed', `第 ${item.seq} 条未能接收，已接收至第 ${lastSeq} 条；请稍后重发`, {
          headers: { [lastSeqHeader]: String(lastSeq) },
        }),
        { cause: error },
      );
    }
    if (outcome === 'applied') {
      applied++;
      lastSeq = item.seq;
    } else if (outcome === 'duplicate') {
      duplicates++;
      lastSeq = Math.max(lastSeq, item.seq);
    } else {
      throw new DomainError('exchange.sequence_gap', `应从第 ${outcome.expected} 条开始发送，收到第 ${item.seq} 条`, {
        headers: { [lastSeqHeader]: String(outcome.expected - 1) },
      });
    }
  }
  return { origin, lastSeq, applied, duplicates };
}
