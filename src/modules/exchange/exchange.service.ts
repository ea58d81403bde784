import { type Actor, hasRole } from '../../kernel/actor.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { intakeKinds, registerOrigin } from './intake.js';
import { outboxSummary, recentItems } from './outbox.js';

/** Who may see the exchange: administrators, supervisors (justice bureau) and auditors. */
function requireViewer(actor: Actor): void {
  if (!hasRole(actor, 'administrator', 'supervisor', 'auditor')) {
    throw new DomainError('auth.forbidden', '只有系统管理员、执法监督人员和审计人员可以查看数据交换');
  }
}

export async function exchangeStatus(ctx: AppContext, actor: Actor) {
  requireViewer(actor);
  const summary = await outboxSummary(ctx.db);
  const items = await recentItems(ctx.db, 50);
  const origins = await ctx.db
    .selectFrom('exchange_origins')
    .selectAll('exchange_origins')
    .select((eb) =>
      eb
        .selectFrom('exchange_receipts')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('exchange_receipts.origin', '=', 'exchange_origins.origin')
        .as('received_count'),
    )
    .orderBy('name')
    .execute();
  return {
    origin: ctx.ledgerKeys.origin,
    upstream: ctx.config.exchangeUpstream,
    outbox: {
      total: summary.total,
      delivered: summary.delivered,
      pending: summary.pending,
      failing: summary.failing,
      lastDeliveredAt: summary.lastDeliveredAt,
    },
    items: items.map((row) => ({
      seq: Number(row.seq),
      kind: row.kind,
      key: row.key,
      createdAt: row.created_at,
      status: row.delivered_at ? ('delivered' as const) : row.last_error ? ('failing' as const) : ('pending' as const),
      deliveredAt: row.delivered_at,
      attempts: Number(row.attempts),
      nextAttemptAt: row.delivered_at ? null : row.next_attempt_at,
      lastError: row.last_error,
    })),
    origins: origins.map((row) => ({
      origin: row.origin,
      name: row.name,
      verifierKeys: row.verifier_keys.split('\n'),
      lastSeq: Number(row.last_seq),
      receivedCount: Number(row.received_count ?? 0),
      registeredAt: row.registered_at,
      lastReceivedAt: row.last_received_at,
    })),
    intakeKinds: intakeKinds(),
  };
}

export async function addOrigin(ctx: AppContext, actor: Actor, input: { origin: string; name: string; verifierKeys: string[] }) {
  if (!hasRole(actor, 'administrator')) throw new DomainError('auth.forbidden', '只有系统管理员可以登记下级平台');
  await registerOrigin(ctx, actor, input);
  const status = await exchangeStatus(ctx, actor);
  return status.origins.find((o) => o.origin === input.origin.trim()) as (typeof status.origins)[number];
}
