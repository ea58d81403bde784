import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { Actor } from '../kernel/actor.js';
import { canonicalJson } from '../kernel/canonical-json.js';
import { nowIso } from '../kernel/clock.js';
import { newId } from '../kernel/ids.js';
import { hashLeaf } from './merkle.js';

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
  /** RFC 6962 leaf hash of the entry, hex. */
  leafHash: string;
}

function digests(text: string): { sha256: string; sm3: string } {
  return {
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    sm3: createHash('sm3').update(text, 'utf8').digest('hex'),
  };
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
  const stateJson = canonicalJson(input.state);
  // The entry: canonical JSON (RFC 8785) with a random salt, so that a leaf hash handed out in a proof says nothing
  // about a private event; it carries SHA-256 and SM3 digests of the state it records.
  const payload = canonicalJson({
    salt: randomBytes(16).toString('hex'),
    id,
    occurredAt,
    actor,
    agencyId: input.agencyId,
    subject: { type: input.subjectType, id: input.subjectId },
    action: input.action,
    state: JSON.parse(stateJson),
    stateDigest: digests(stateJson),
  });
  const leafHash = hashLeaf(Buffer.from(payload, 'utf8')).toString('hex');
  const payloadSm3 = createHash('sm3').update(payload, 'utf8').digest('hex');
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
      leaf_hash: leafHash,
      payload_sm3: payloadSm3,
    })
    .execute();
  return { seq, id, leafHash };
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
