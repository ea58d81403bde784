import { sql } from 'kysely';
import type { Db, Dialect, Executor } from '../db/database.js';
import { nowIso } from '../kernel/clock.js';
import type { LedgerKeys } from './keys.js';
import { type Hash, rootOf } from './merkle.js';
import { signNote, verifyNote } from './note.js';
import { growTiles, TileReader } from './tiles.js';

/** The body of a C2SP tlog-checkpoint: origin, tree size, base64 root hash, one per line. */
export function checkpointBody(origin: string, size: number, root: Hash): string {
  return `${origin}\n${size}\n${root.toString('base64')}\n`;
}

export function parseCheckpointBody(text: string): { origin: string; size: number; root: Hash } {
  const [origin, size, root] = text.split('\n');
  if (!origin || !size || !/^\d+$/.test(size) || !root) throw new Error('malformed checkpoint');
  const hash = Buffer.from(root, 'base64');
  if (hash.length !== 32) throw new Error('malformed checkpoint root');
  return { origin, size: Number(size), root: hash };
}

export interface StoredCheckpoint {
  size: number;
  rootHash: string;
  note: string;
  createdAt: string;
}

export async function latestCheckpoint(db: Executor): Promise<StoredCheckpoint | undefined> {
  const row = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
  return row && { size: Number(row.size), rootHash: row.root_hash, note: row.note, createdAt: row.created_at };
}

export async function findCheckpoint(db: Executor, size: number): Promise<StoredCheckpoint | undefined> {
  const row = await db.selectFrom('ledger_checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
  return row && { size: Number(row.size), rootHash: row.root_hash, note: row.note, createdAt: row.created_at };
}

/**
 * Brings the stored tree up to the ledger's size and signs a checkpoint for it. Runs after the writes it covers
 * (every second in the server, and on demand); several processes may run it at once: tiles and checkpoints are
 * deterministic and keyed, and on PostgreSQL an advisory lock lets one do the work at a time.
 */
export async function integrate(db: Db, dialect: Dialect, keys: LedgerKeys): Promise<StoredCheckpoint> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${7_341_201})`.execute(trx);
    const latest = await latestCheckpoint(trx);
    const state = await trx.selectFrom('ledger_state').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
    const size = Number(state.size);
    if (latest && latest.size >= size) return latest;
    await growTiles(trx, latest?.size ?? 0, size);
    const root = await rootOf(new TileReader(trx, { maxCachedTiles: 64 }).node, size);
    const note = signNote(checkpointBody(keys.origin, size, root), keys.signers);
    const checkpoint = { size, root_hash: root.toString('hex'), note, created_at: nowIso() };
    await trx
      .insertInto('ledger_checkpoints')
      .values(checkpoint)
      .onConflict((oc) => oc.column('size').doNothing())
      .execute();
    return { size, rootHash: checkpoint.root_hash, note, createdAt: checkpoint.created_at };
  });
}

export function isSignedBy(note: string, keys: LedgerKeys): boolean {
  try {
    return verifyNote(note, keys.verifiers).verifiedBy.includes(keys.origin);
  } catch {
    return false;
  }
}
