import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';

export interface VerifyReport {
  isIntact: boolean;
  size: number;
  lines: string[];
}

/**
 * Recomputes what can be recomputed from the stored events: indices run 0…size-1 without gaps,
 * the sequencing row agrees, and every payload still hashes to its recorded digest.
 * (The Merkle tree, checkpoints and proofs extend this check.)
 */
export async function verifyLedger(db: Executor, pageSize = 5000): Promise<VerifyReport> {
  const problems: string[] = [];
  const state = await db.selectFrom('ledger_state').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
  const size = Number(state.size);
  let expected = 0;
  for (;;) {
    const rows = await db
      .selectFrom('ledger_events')
      .select(['seq', 'payload', 'payload_sha256'])
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expected) problems.push(`缺少第 ${expected}${seq - 1 > expected ? `–${seq - 1}` : ''} 条记录`);
      const digest = createHash('sha256').update(row.payload, 'utf8').digest('hex');
      if (digest !== row.payload_sha256) problems.push(`第 ${seq} 条记录的内容与其摘要不符（已被改动）`);
      expected = seq + 1;
    }
  }
  if (expected !== size) problems.push(`账本状态记载 ${size} 条，实际存有 ${expected} 条`);
  const lines =
    problems.length === 0
      ? [`记录账本完好：共 ${size} 条记录，序号连续，内容摘要一致`]
      : [`记录账本发现 ${problems.length} 处问题：`, ...problems.map((p) => `  - ${p}`)];
  return { isIntact: problems.length === 0, size, lines };
}
