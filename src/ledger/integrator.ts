import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../kernel/context.js';
import { integrate } from './checkpoint.js';
import { collectCosignatures } from './collect.js';

/**
 * Signs a checkpoint at most a second after a write: every `intervalMs` it extends the stored tree to the ledger's
 * size and signs, when there is something new. Returns a function that stops it.
 */
export function startIntegrator(ctx: AppContext, log: FastifyBaseLogger, intervalMs = 1000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        await integrate(ctx.db, ctx.dialect, ctx.ledgerKeys);
        if (ctx.config.witnesses.length > 0) {
          for (const outcome of await collectCosignatures(ctx, ctx.config.witnesses)) log.info({ witness: outcome }, 'witness');
        }
      } catch (error) {
        log.error({ err: error }, 'ledger integration failed');
      }
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
