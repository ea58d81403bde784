/**
 * Ex-post disclosure and the exchange with the higher-level platform. Every publication, change, withdrawal and end of
 * publicity, every outcome upheld and every party's statement published goes to the outbox in the transaction that makes it, carrying the public copy (`publicRecordOf`) and
 * nothing else; a platform that receives them (the city's unified platform) keeps them in its own `public_records`, so
 * its portal shows the county's decisions and their withdrawals beside its own.
 */
import type { Executor, Trx } from '../../db/database.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { enqueueOutbox, type IntakeItem, type OutboxKind, onIntake, outboxKinds } from '../exchange/index.js';
import { publicRecordOf } from './public.service.js';
import type { PublicCopy } from './public-copy.js';
import { writePublicRecord } from './publications.service.js';

export const exchangedActions: readonly string[] = outboxKinds;

/** Puts the record's public copy in the outbox, in the caller's transaction (called for each public action). */
export async function enqueuePublicRecord(trx: Executor, action: string, id: string): Promise<void> {
  if (!exchangedActions.includes(action)) return;
  const record = await publicRecordOf(trx, id);
  if (!record) return;
  await enqueueOutbox(trx, { kind: action as OutboxKind, key: id, payload: record });
}

function isPublicCopy(value: unknown, key: string): value is PublicCopy {
  const copy = value as Partial<PublicCopy> | null;
  return (
    !!copy &&
    copy.id === key &&
    typeof copy.caseTitle === 'string' &&
    typeof copy.documentNumber === 'string' &&
    typeof copy.decidedOn === 'string' &&
    ['published', 'changed', 'withdrawn'].includes(String(copy.status)) &&
    !!copy.agency &&
    typeof copy.agency.name === 'string' &&
    !!copy.party &&
    typeof copy.party.name === 'string' &&
    !!copy.region
  );
}

/**
 * Applies a received public copy, tagged with the platform it came from: it replaces the one kept under its key,
 * visible or not as the sender says. A key held by this platform's own record, or by another platform's, is refused:
 * a lower-level platform replaces only what it sent.
 */
export async function applyReceived(trx: Trx, item: IntakeItem, ctx: AppContext): Promise<void> {
  const payload = item.payload as { copy?: unknown; isVisible?: unknown } | null;
  if (!payload || !isPublicCopy(payload.copy, item.key) || typeof payload.isVisible !== 'boolean') {
    throw new DomainError('disclosure.invalid', `第 ${item.seq} 条不是有效的公开副本`);
  }
  const existing = await trx.selectFrom('public_records').select('body').where('id', '=', item.key).executeTakeFirst();
  if (existing && (JSON.parse(existing.body) as PublicCopy).origin?.origin !== item.origin) {
    throw new DomainError('disclosure.invalid', `第 ${item.seq} 条的编号 ${item.key} 已属本平台或其他平台的公开信息`);
  }
  const copy: PublicCopy = { ...payload.copy, origin: { origin: item.origin, name: item.originName } };
  await writePublicRecord(trx, ctx, copy, payload.isVisible, copy.publishedOn ?? copy.decidedOn);
}

/** Registers the intake of every public action (once, at import of the disclosure module). */
export function registerPublicationIntake(): void {
  for (const kind of exchangedActions) onIntake(kind, applyReceived);
}
