import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { now } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { signBatch } from './batch.js';
import { markDelivered, markFailed, pendingItems, redeliverFrom, releaseLease, takeLease, toExchangeItem } from './outbox.js';

/** The header that carries the receiver's last applied sequence for this origin, on answers and refusals alike. */
export const lastSeqHeader = 'lawtrail-exchange-last-seq';

export interface PushOptions {
  /** The higher-level platform's base URL (`LAWTRAIL_EXCHANGE_UPSTREAM`). */
  upstream: string;
  /** Who holds the lease: one id per server process. */
  owner: string;
  batchSize?: number;
  maxBatchBytes?: number;
  /** Batches pushed per call at most (so one call never runs for ever). */
  maxBatches?: number;
  leaseMs?: number;
  timeoutMs?: number;
  /** Backoff after a failed push: base × 2^(attempts − 1), capped, with ±50 % jitter. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  fetch?: typeof fetch;
}

export type PushOutcome =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'waiting'; until: string }
  | { kind: 'pushed'; delivered: number; batches: number }
  | { kind: 'failed'; delivered: number; error: string; retryAt: string };

export function backoffMs(attempts: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.5 + random()));
}

export function newPusherId(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

function readLastSeq(response: Response): number | null {
  const value = response.headers.get(lastSeqHeader);
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

async function describe(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string; code?: string };
    return `HTTP ${response.status} ${problem.code ?? ''} ${problem.title ?? ''}${problem.detail ? `：${problem.detail}` : ''}`.trim();
  } catch {
    return `HTTP ${response.status} ${text.slice(0, 200)}`.trim();
  }
}

/**
 * Pushes the outbox to the upstream, batch after batch, while this process holds the push lease. An item is marked
 * delivered only when the upstream says it has applied it (its last sequence, in a header). A failure (network,
 * timeout, refusal) leaves the batch pending with its error and a next attempt after an exponential backoff with
 * jitter; the upstream applies each sequence once, so pushing a batch again never duplicates anything.
 */
export async function pushOnce(ctx: AppContext, options: PushOptions): Promise<PushOutcome> {
  const batchSize = options.batchSize ?? 100;
  const maxBatchBytes = options.maxBatchBytes ?? 4_000_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const doFetch = options.fetch ?? fetch;
  const url = `${options.upstream.replace(/\/+$/, '')}/api/exchange/intake`;
  let delivered = 0;
  let batches = 0;
  if (!(await takeLease(ctx.db, options.owner, leaseMs, now()))) return { kind: 'busy' };
  for (let round = 0; round < (options.maxBatches ?? 20); round++) {
    if (round > 0 && !(await takeLease(ctx.db, options.owner, leaseMs, now()))) return { kind: 'busy' };
    const rows = await pendingItems(ctx.db, batchSize, maxBatchBytes);
    const head = rows[0];
    if (!head) {
      await releaseLease(ctx.db, options.owner);
      return batches === 0 ? { kind: 'idle' } : { kind: 'pushed', delivered, batches };
    }
    if (head.next_attempt_at > now().toISOString()) {
      return batches === 0 ? { kind: 'waiting', until: head.next_attempt_at } : { kind: 'pushed', delivered, batches };
    }
    const first = Number(head.seq);
    const last = Number((rows[rows.length - 1] as typeof head).seq);
    const note = signBatch({ origin: ctx.ledgerKeys.origin, items: rows.map(toExchangeItem) }, ctx.ledgerKeys.signers);
    let error: string;
    let lastSeq: number | null = null;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ batch: note }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      lastSeq = readLastSeq(response);
      if (response.ok && lastSeq !== null && lastSeq >= last) {
        await response.body?.cancel();
        await markDelivered(ctx.db, first, last);
        delivered += rows.length;
        batches++;
        continue;
      }
      if (response.status === 409 && lastSeq !== null && lastSeq < first - 1) {
        // The upstream has less than it acknowledged (restored from a backup): send again from what it has.
        await response.body?.cancel();
        await redeliverFrom(ctx.db, lastSeq + 1);
        continue;
      }
      error = await describe(response);
    } catch (caught) {
      const cause = (caught as Error & { cause?: Error }).cause;
      error = `${(caught as Error).name === 'TimeoutError' ? '上级平台未在时限内应答' : '无法连接上级平台'}：${cause?.message ?? (caught as Error).message}`;
    }
    // Whatever the upstream applied before it failed is delivered; the rest waits for the next attempt.
    if (lastSeq !== null && lastSeq >= first) {
      await markDelivered(ctx.db, first, Math.min(lastSeq, last));
      delivered += Math.min(lastSeq, last) - first + 1;
    }
    const failedSeqs = rows.map((row) => Number(row.seq)).filter((seq) => lastSeq === null || seq > lastSeq);
    const retryAt = new Date(
      now().getTime() + backoffMs(Number(head.attempts) + 1, options.backoffBaseMs ?? 1000, options.backoffCapMs ?? 600_000),
    ).toISOString();
    await markFailed(ctx.db, failedSeqs, error, retryAt);
    return { kind: 'failed', delivered, error, retryAt };
  }
  return { kind: 'pushed', delivered, batches };
}

/** Pushes every `intervalMs` in `serve` (each process; the lease lets one push at a time). Returns a stop function. */
export function startExchangePusher(
  ctx: AppContext,
  log: FastifyBaseLogger,
  options: Omit<PushOptions, 'owner'> & { intervalMs?: number },
): () => Promise<void> {
  const owner = newPusherId();
  let running: Promise<unknown> = Promise.resolve();
  let lastError = '';
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        const outcome = await pushOnce(ctx, { ...options, owner });
        if (outcome.kind === 'failed' && outcome.error !== lastError)
          log.warn({ error: outcome.error, retryAt: outcome.retryAt }, '数据交换推送失败');
        if (outcome.kind === 'pushed') log.info({ delivered: outcome.delivered }, '数据交换已推送');
        lastError = outcome.kind === 'failed' ? outcome.error : '';
      } catch (error) {
        log.error({ err: error }, '数据交换推送出错');
      }
    });
  }, options.intervalMs ?? 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await releaseLease(ctx.db, owner).catch(() => {});
  };
}
