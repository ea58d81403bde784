import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestSystem, type TestSystem } from '../../test/support/system.js';
import { systemActor } from '../kernel/actor.js';
import { appendEvent, readLedgerStatus, verifyLedger } from '../ledger/index.js';
import type { Trx } from './database.js';

// Transactions that arrive while one runs are committed together (group commit, src/db/database.ts). Each must still
// keep or lose its own work alone, and a caller must hear "stored" only after the common COMMIT.
describe.each(dialects)('transactions committed in groups (%s)', (dialect) => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await openTestSystem(dialect);
    // A scratch table: `parent` checked only at COMMIT, so a test can make the common COMMIT itself fail.
    await sql
      .raw(
        'create table group_commit_notes (id integer primary key, note text not null unique, ' +
          'parent integer references group_commit_notes (id) deferrable initially deferred)',
      )
      .execute(system.ctx.db);
  });
  afterAll(async () => system.close());

  const actor = systemActor('分组提交测试');
  let nextId = 1;
  /** One state change as the services make them: a row and its ledger event, in the caller's transaction. */
  const write = async (trx: Trx, note: string, parent: number | null = null) => {
    const id = nextId++;
    await trx
      .insertInto('group_commit_notes' as never)
      .values({ id, note, parent } as never)
      .execute();
    const event = await appendEvent(trx, {
      actor,
      agencyId: null,
      subjectType: 'group_commit_note',
      subjectId: String(id),
      action: 'group_commit_note.created',
      state: { note },
    });
    return { id, seq: event.seq };
  };
  const stored = async () =>
    (await sql<{ note: string }>`select note from group_commit_notes order by id`.execute(system.ctx.db)).rows.map((r) => r.note);
  const events = async () =>
    (
      await system.ctx.db
        .selectFrom('ledger_events')
        .select('subject_id')
        .where('subject_type', '=', 'group_commit_note')
        .orderBy('seq')
        .execute()
    ).map((r) => Number(r.subject_id));

  it('keeps the work of each concurrent transaction, in arrival order, and loses only that of one that failed', async () => {
    const db = system.ctx.db;
    const before = (await readLedgerStatus(db)).size;
    const settled = await Promise.allSettled([
      db.transaction().execute((trx) => write(trx, '甲')),
      db.transaction().execute((trx) => write(trx, '乙')),
      db.transaction().execute(async (trx) => {
        await write(trx, '丙');
        throw new Error('丙 的校验未通过');
      }),
      // A database error inside one transaction (a duplicate) must not poison those after it.
      db.transaction().execute((trx) => write(trx, '甲')),
      db.transaction().execute((trx) => write(trx, '丁')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason.message).toBe('丙 的校验未通过');
    expect(await stored()).toEqual(['甲', '乙', '丁']);
    // The ledger holds the kept transactions' events only, numbered without gaps.
    const kept = settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<{ seq: number }>).value.seq);
    expect(kept).toEqual([before, before + 1, before + 2]);
    const status = await readLedgerStatus(db);
    expect(status.size).toBe(before + 3);
    expect(status.isConsistent).toBe(true);
    expect(await events()).toHaveLength(3);
  });

  // PostgreSQL aborts a transaction at its first failed statement; a transaction that catches that error and returns as if
  // it had succeeded must not let its group report "stored" (a COMMIT of an aborted transaction silently rolls back).
  it.runIf(dialect === 'postgres')('fails the whole group when a transaction swallowed a database error and carried on', async () => {
    const db = system.ctx.db;
    const sizeBefore = (await readLedgerStatus(db)).size;
    const notesBefore = await stored();
    const first = db.transaction().execute((trx) => write(trx, '子'));
    const group = [
      db.transaction().execute((trx) => write(trx, '丑')),
      db.transaction().execute(async (trx) => {
        try {
          await write(trx, '丑');
        } catch {
          // swallowed: the transaction is now aborted
        }
        return 'done';
      }),
      db.transaction().execute((trx) => write(trx, '寅')),
    ];
    await first;
    const settled = await Promise.allSettled(group);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(((settled[0] as PromiseRejectedResult).reason as Error).message).toMatch(/current transaction is aborted/);
    expect(await stored()).toEqual([...notesBefore, '子']);
    expect((await readLedgerStatus(db)).size).toBe(sizeBefore + 1);

    // The same as the last of a group, and alone: its COMMIT would answer ROLLBACK without an error.
    const swallowing = (trx: Trx) =>
      write(trx, '子').then(
        () => 'done',
        () => 'done',
      );
    const blocker = db.transaction().execute((trx) => write(trx, '卯'));
    const last = await Promise.allSettled([
      db.transaction().execute((trx) => write(trx, '辰')),
      db.transaction().execute(async (trx) => {
        await write(trx, '巳');
        return swallowing(trx);
      }),
    ]);
    await blocker;
    expect(last.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    await expect(db.transaction().execute(swallowing)).rejects.toThrow(/current transaction is aborted/);
    expect(await stored()).toEqual([...notesBefore, '子', '卯']);
    expect((await readLedgerStatus(db)).size).toBe(sizeBefore + 2);
  });

  it('resolves only after the common COMMIT, and rejects every transaction of a group whose COMMIT fails', async () => {
    const db = system.ctx.db;
    const sizeBefore = (await readLedgerStatus(db)).size;
    const notesBefore = await stored();
    let firstDone = false;
    const first = db.transaction().execute(async (trx) => {
      const written = await write(trx, '戊');
      firstDone = true;
      return written;
    });
    // These three arrive while 戊 runs, so they are committed together; the middle one breaks a check made at COMMIT.
    const group = [
      db.transaction().execute((trx) => write(trx, '己')),
      db.transaction().execute((trx) => write(trx, '庚', 999_999)),
      db.transaction().execute((trx) => write(trx, '辛')),
    ];
    await first;
    expect(firstDone).toBe(true);
    const settled = await Promise.allSettled(group);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const reason = (settled[0] as PromiseRejectedResult).reason as Error;
    expect(reason).toBe((settled[1] as PromiseRejectedResult).reason);
    expect(reason.message).toMatch(/foreign key/i);
    expect(await stored()).toEqual([...notesBefore, '戊']);
    expect((await readLedgerStatus(db)).size).toBe(sizeBefore + 1);
    // Afterwards the next transactions go through as usual, and the whole ledger still verifies.
    await Promise.all([db.transaction().execute((trx) => write(trx, '壬')), db.transaction().execute((trx) => write(trx, '癸'))]);
    expect((await stored()).slice(-2)).toEqual(['壬', '癸']);
    expect((await verifyLedger(db, system.ctx.ledgerKeys)).findings).toEqual([]);
  });
});
