import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { Actor } from '../kernel/actor.js';
import { canonicalJson } from '../kernel/canonical-json.js';
import { nowIso } from '../kernel/clock.js';
import { newId } from '../kernel/ids.js';

export interface EventInput {
  actor: Actor;
  /** The agency whose data changed, if any: scopes who may read the event. */
  agencyId: string | null;
  subjectType: string;
  subjectId: string;
  /** What happened, as `subject.verb`, e.g. `agency.created`. */
  action: string;
  /** The new state of the subject (or what the action carried), without secrets. */
  state: unknown;
}

export interface AppendedEvent {
  seq: number;
  id: string;
  payloadSha256: string;
}

function actorOf(actor: Actor): { id: string | null; label: string } {
  return actor.kind === 'user'
    ? { id: actor.userId, label: `${actor.displayName}（${actor.username}）` }
    : { id: null, label: actor.label };
}

/**
 * Appends one event to the ledger inside the caller's transaction. The next index comes from
 * the single `ledger_state` row, whose UPDATE is the one sequencing point: concurrent writers
 * (also several server processes on one PostgreSQL) queue on its row lock, so indices have no gaps.
 */
export async function appendEvent(trx: Executor, input: EventInput): Promise<AppendedEvent> {
  const actor = actorOf(input.actor);
  const id = newId();
  const occurredAt = nowIso();
  const payload = canonicalJson({
    id,
    occurredAt,
    actor,
    agencyId: input.agencyId,
    subject: { type: input.subjectType, id: input.subjectId },
    action: input.action,
    state: input.state,
  });
  const payloadSha256 = createHash('sha256').update(payload, 'utf8').digest('hex');
  const { size } = await trx
    .updateTable('ledger_state')
    .set((eb) => ({ size: eb('size', '+', 1) }))
    .where('id', '=', 1)
    .returning('size')
    .executeTakeFirstOrThrow();
  const seq = Number(size) - 1;
  await trx
    .insertInto('ledger_events')
    .values({
      seq,
      id,
      occurred_at: occurredAt,
      actor_id: actor.id,
      actor_label: actor.label,
      agency_id: input.agencyId,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      action: input.action,
      payload,
      payload_sha256: payloadSha256,
    })
    .execute();
  return { seq, id, payloadSha256 };
}

export interface LedgerStatus {
  size: number;
  isConsistent: boolean;
}

/**
 * Size from the sequencing row, checked against the last stored index (a primary-key lookup, so
 * cheap at any size; `verify` does the full recount).
 */
export async function readLedgerStatus(db: Executor): Promise<LedgerStatus> {
  const state = await db.selectFrom('ledger_state').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
  const last = await db.selectFrom('ledger_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const size = Number(state.size);
  const max = last === undefined ? -1 : Number(last.seq);
  return { size, isConsistent: max === size - 1 };
}

export interface StoredEvent {
  seq: number;
  occurredAt: string;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string;
}

export async function listSubjectEvents(db: Executor, subjectType: string, subjectId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('ledger_events')
    .select(['seq', 'occurred_at', 'actor_label', 'action', 'subject_type', 'subject_id'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorLabel: row.actor_label,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
  }));
}
