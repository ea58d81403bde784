import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, makeUscc, type TestOrg } from '../../test/support/factories.js';
import { dialects, openTestSystem, type TestSystem } from '../../test/support/system.js';
import { systemActor } from '../kernel/actor.js';
import { createAgency } from '../modules/org/index.js';
import { appendEvent, readLedgerStatus } from './index.js';
import { verifyLedger } from './verify.js';

describe.each(dialects)('the event ledger (%s)', (dialect) => {
  let system: TestSystem;
  let org: TestOrg;

  beforeAll(async () => {
    system = await openTestSystem(dialect);
    org = await createTestOrg(system.ctx);
  });
  afterAll(async () => {
    await system.close();
  });

  it('has one event for each change made by the organisation factory, numbered from 0 without gaps', async () => {
    const rows = await system.ctx.db.selectFrom('ledger_events').select(['seq', 'action']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i));
    expect(rows.filter((r) => r.action === 'agency.created')).toHaveLength(5);
    expect((await verifyLedger(system.ctx.db)).isIntact).toBe(true);
  });

  it('refuses UPDATE and DELETE of an event at the database itself', async () => {
    await expect(sql`update ledger_events set action = 'agency.deleted' where seq = 0`.execute(system.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from ledger_events where seq = 0`.execute(system.ctx.db)).rejects.toThrow(/append-only/);
    const first = await system.ctx.db.selectFrom('ledger_events').select('action').where('seq', '=', 0).executeTakeFirstOrThrow();
    expect(first.action).toBe('government.created');
  });

  it('rolls the event back with the change when the transaction fails', async () => {
    const before = await readLedgerStatus(system.ctx.db);
    await expect(
      system.ctx.db.transaction().execute(async (trx) => {
        await appendEvent(trx, {
          actor: systemActor('测试'),
          agencyId: null,
          subjectType: 'test',
          subjectId: 'x',
          action: 'test.happened',
          state: {},
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await readLedgerStatus(system.ctx.db)).toEqual(before);
  });

  it('assigns gapless indices to concurrent writers', async () => {
    const before = (await readLedgerStatus(system.ctx.db)).size;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createAgency(system.ctx, systemActor('并发测试'), {
          governmentId: org.countyId,
          name: `并发机关${i}`,
          uscc: makeUscc(),
          kind: 'other',
        }),
      ),
    );
    const status = await readLedgerStatus(system.ctx.db);
    expect(status).toEqual({ size: before + 12, isConsistent: true });
  });

  it('lets `verify` find an event whose content was changed behind the application', async () => {
    if (dialect === 'sqlite') {
      await sql`drop trigger ledger_events_no_update`.execute(system.ctx.db);
    } else {
      await sql`alter table ledger_events disable trigger ledger_events_no_change`.execute(system.ctx.db);
    }
    await sql`update ledger_events set payload = replace(payload, '沙坡头区市场监督管理局', '某某局') where action = 'agency.created'`.execute(
      system.ctx.db,
    );
    const report = await verifyLedger(system.ctx.db);
    expect(report.isIntact).toBe(false);
    expect(report.lines.join('\n')).toMatch(/第 \d+ 条记录的内容与其摘要不符（已被改动）/);
  });
});
