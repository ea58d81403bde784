import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestSystem, type TestSystem } from '../../test/support/system.js';
import { systemActor } from '../kernel/actor.js';
import { appendEvent, appendEvents, verifyLedger } from './index.js';
import { hashLeaf } from './merkle.js';

describe.each(dialects)('appending events in bulk (%s)', (dialect) => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await openTestSystem(dialect);
  });
  afterAll(async () => system.close());

  const event = (n: number) => ({
    actor: systemActor('批量导入'),
    agencyId: null,
    subjectType: 'test_subject',
    subjectId: `s-${n}`,
    action: 'test.imported',
    state: { n, name: `第${n}条` },
  });

  it('reserves the indices once and stores every event in order, without gaps, between single appends', async () => {
    const db = system.ctx.db;
    const appended = await db.transaction().execute(async (trx) => {
      const before = await appendEvent(trx, event(-1));
      const batch = await appendEvents(
        trx,
        Array.from({ length: 1001 }, (_, n) => event(n)),
      );
      const after = await appendEvent(trx, event(1001));
      return [before, ...batch, after];
    });
    expect(appended.map((e) => e.seq)).toEqual(Array.from({ length: 1003 }, (_, i) => i));
    const rows = await db.selectFrom('ledger_events').select(['seq', 'payload', 'leaf_hash', 'subject_id']).orderBy('seq').execute();
    expect(rows.map((r) => r.subject_id)).toEqual(Array.from({ length: 1003 }, (_, i) => `s-${i - 1}`));
    for (const row of rows) expect(hashLeaf(Buffer.from(row.payload, 'utf8')).toString('hex')).toBe(row.leaf_hash);
    expect(JSON.parse(rows[500]?.payload as string).state).toEqual({ n: 499, name: '第499条' });
    expect((await verifyLedger(db, system.ctx.ledgerKeys)).findings).toEqual([]);
  });

  it('takes nothing when the transaction rolls back', async () => {
    const db = system.ctx.db;
    const size = async () => Number((await db.selectFrom('ledger_state').select('size').executeTakeFirstOrThrow()).size);
    const before = await size();
    await expect(
      db.transaction().execute(async (trx) => {
        await appendEvents(trx, [event(1), event(2)]);
        throw new Error('导入失败');
      }),
    ).rejects.toThrow('导入失败');
    expect(await size()).toBe(before);
  });
});
