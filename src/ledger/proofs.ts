import type { Executor } from '../db/database.js';
import { DomainError } from '../kernel/errors.js';
import { findCheckpoint, latestCheckpoint } from './checkpoint.js';
import { consistencyProof, emptyRoot, type Hash, inclusionProof, type NodeReader } from './merkle.js';
import { TileReader } from './tiles.js';

/**
 * Proofs are always computed against a size that was checkpointed (so a client can check them against a signed
 * root), never against "whatever is current".
 */
async function requireCheckpointed(db: Executor, size: number, name: string): Promise<void> {
  if (!(await findCheckpoint(db, size))) {
    const latest = await latestCheckpoint(db);
    throw new DomainError('ledger.size_not_checkpointed', `${name}=${size} 不是已签名的检查点规模；最新检查点规模为 ${latest?.size ?? 0}`, {
      errors: [{ pointer: `/${name}`, detail: '须为已签名检查点的规模' }],
    });
  }
}

/** Tiles are immutable once full, so one reader (and its cache) serves every request. */
const readers = new WeakMap<object, TileReader>();
function readerFor(db: Executor): TileReader {
  let reader = readers.get(db);
  if (!reader) {
    reader = new TileReader(db);
    readers.set(db, reader);
  }
  return reader;
}

/**
 * Runs `prove` twice: first with a reader that only notes which nodes it asks for, then, after the tiles holding them
 * were read in one query, for real.
 */
async function withTilesRead(reader: TileReader, prove: (read: NodeReader) => Promise<Hash[]>): Promise<Hash[]> {
  const nodes: Array<[number, number]> = [];
  await prove(async (level, index) => {
    nodes.push([level, index]);
    return emptyRoot;
  });
  await reader.prefetch(nodes);
  return prove(reader.node);
}

export async function proveInclusion(db: Executor, index: number, size: number) {
  if (index >= size) {
    throw new DomainError('ledger.index_out_of_range', `序号 ${index} 不在规模为 ${size} 的树中（序号从 0 起算）`, {
      errors: [{ pointer: '/index', detail: `应小于 ${size}` }],
    });
  }
  await requireCheckpointed(db, size, 'size');
  const row = await db.selectFrom('ledger_events').select('leaf_hash').where('seq', '=', index).executeTakeFirstOrThrow();
  const proof = await withTilesRead(readerFor(db), (read) => inclusionProof(read, index, size));
  return { leafHash: row.leaf_hash, proof: proof.map((h) => h.toString('hex')) };
}

export async function proveConsistency(db: Executor, first: number, second: number) {
  if (first < 1 || first > second) {
    throw new DomainError('ledger.range_invalid', '须满足 1 ≤ first ≤ second', {
      errors: [{ pointer: '/first', detail: '须满足 1 ≤ first ≤ second' }],
    });
  }
  await requireCheckpointed(db, first, 'first');
  await requireCheckpointed(db, second, 'second');
  const proof = await withTilesRead(readerFor(db), (read) => consistencyProof(read, first, second));
  return { proof: proof.map((h) => h.toString('hex')) };
}

export interface LeafRow {
  seq: number;
  leafHash: string;
  payload: string;
  agencyId: string | null;
  subjectType: string;
  action: string;
}

export async function readLeaves(db: Executor, start: number, end: number): Promise<LeafRow[]> {
  const latest = await latestCheckpoint(db);
  const size = latest?.size ?? 0;
  if (start >= end || end - start > 1000 || end > size) {
    throw new DomainError('ledger.range_invalid', `须满足 start < end ≤ ${size}（最新检查点规模），每页最多 1000 条`, {
      errors: [{ pointer: '/end', detail: `须大于 start 且不超过 ${size}，每页最多 1000 条` }],
    });
  }
  const rows = await db
    .selectFrom('ledger_events')
    .select(['seq', 'leaf_hash', 'payload', 'agency_id', 'subject_type', 'action'])
    .where('seq', '>=', start)
    .where('seq', '<', end)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    leafHash: row.leaf_hash,
    payload: row.payload,
    agencyId: row.agency_id,
    subjectType: row.subject_type,
    action: row.action,
  }));
}
