import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerExchangeRoutes } from './exchange.routes.js';

export { batchFormat, type ExchangeBatch, type ExchangeItem, signBatch } from './batch.js';
export { type IntakeHandler, type IntakeItem, type IntakeResult, onIntake, receiveBatch, registerOrigin } from './intake.js';
export { enqueueOutbox, type OutboxInput, type OutboxKind, outboxKinds } from './outbox.js';
export { lastSeqHeader, newPusherId, type PushOptions, type PushOutcome, pushOnce, startExchangePusher } from './push.js';
export { exchangeStateChecks } from './state-checks.js';

export function registerExchangeModule(app: App, ctx: AppContext): void {
  registerExchangeRoutes(app, ctx);
}
