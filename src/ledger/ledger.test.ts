import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, makeUscc, type TestOrg } from '../../test/support/factories.js';
import { dialects, openTestSystem, type TestDialect, type TestSystem } from '../../test/support/system.js';
import { systemActor } from '../kernel/actor.js';
import { createAgency, orgStateChecks } from '../modules/org/index.js';
import { appendEvent, createLedgerKey, integrate, loadLedgerKeys, readLedgerStatus, verifyLedger } from './index.js';
import { hashLeaf, inclusionProof, memoryReader, rootOf, verifyConsistency, verifyInclusion } from './merkle.js';
import { parseVerifierKey, verifyNote } from './note.js';
import { proveConsistency, proveInclusion } from './proofs.js';

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
    const rows = await system.ctx.db.selectFrom('ledger_events').select(['seq', 'action', 'payload', 'leaf_hash']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i));
    expect(rows.filter((r) => r.action === 'agency.created')).toHaveLength(5);
    const entry = JSON.parse(rows[0]?.payload as string);
    expect(entry.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(entry.stateDigest).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), sm3: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(rows[0]?.leaf_hash).toBe(hashLeaf(Buffer.from(rows[0]?.payload as string)).toString('hex'));
  });

  it('refuses UPDATE and DELETE of an event and of a checkpoint at the database itself', async () => {
    await integrate(system.ctx.db, system.ctx.dialect, system.ctx.ledgerKeys);
    await expect(sql`update ledger_events set action = 'agency.deleted' where seq = 0`.execute(system.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from ledger_events where seq = 0`.execute(system.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`update ledger_checkpoints set note = 'x'`.execute(system.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_tiles`.execute(system.ctx.db)).rejects.toThrow(/ledger_tiles/);
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
    expect(await readLedgerStatus(system.ctx.db)).toEqual({ size: before + 12, isConsistent: true });
  });

  it('assigns gapless indices when several OS processes append to the same database at once', async () => {
    const before = (await readLedgerStatus(system.ctx.db)).size;
    const db = system.config.database;
    const env = {
      ...process.env,
      LAWTRAIL_DATA: system.dataDir,
      LAWTRAIL_DB: db.dialect === 'sqlite' ? `sqlite:${db.file}` : db.url,
      LAWTRAIL_DEMO: 'off',
      LOG_LEVEL: 'silent',
    };
    const worker = path.resolve(import.meta.dirname, '../../test/support/append-worker.ts');
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');
    const codes = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [tsx, worker, '40'], { env, stdio: 'inherit' });
            child.on('close', resolve);
          }),
      ),
    );
    expect(codes).toEqual([0, 0, 0]);
    expect(await readLedgerStatus(system.ctx.db)).toEqual({ size: before + 120, isConsistent: true });
    const seqs = await system.ctx.db.selectFrom('ledger_events').select('seq').orderBy('seq').execute();
    expect(seqs.map((r) => Number(r.seq))).toEqual(seqs.map((_, i) => i));
  });

  it('signs a checkpoint whose root is the RFC 9162 root of all leaves, verifiable with the published key', async () => {
    const checkpoint = await integrate(system.ctx.db, system.ctx.dialect, system.ctx.ledgerKeys);
    const size = (await readLedgerStatus(system.ctx.db)).size;
    expect(checkpoint.size).toBe(size);
    const leaves = await system.ctx.db.selectFrom('ledger_events').select('leaf_hash').orderBy('seq').execute();
    const root = await rootOf(memoryReader(leaves.map((l) => Buffer.from(l.leaf_hash, 'hex'))), size);
    expect(checkpoint.rootHash).toBe(root.toString('hex'));
    const verifier = parseVerifierKey(system.ctx.ledgerKeys.verifierKeys[0] as string);
    const { text, verifiedBy } = verifyNote(checkpoint.note, [verifier]);
    expect(verifiedBy).toEqual([system.ctx.ledgerKeys.origin]);
    expect(text).toBe(`${system.ctx.ledgerKeys.origin}\n${size}\n${root.toString('base64')}\n`);
    expect((await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, orgStateChecks)).findings).toEqual([]);
  });

  it('answers proofs from stored tiles, full ones included, that check against the signed roots', async () => {
    const earlier = await integrate(system.ctx.db, system.ctx.dialect, system.ctx.ledgerKeys);
    await system.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 700; i++) {
        await appendEvent(trx, {
          actor: systemActor('测试'),
          agencyId: null,
          subjectType: 'test',
          subjectId: String(i),
          action: 'test.bulk',
          state: { i },
        });
      }
    });
    const later = await integrate(system.ctx.db, system.ctx.dialect, system.ctx.ledgerKeys);
    const leaves = (await system.ctx.db.selectFrom('ledger_events').select('leaf_hash').orderBy('seq').execute()).map((r) =>
      Buffer.from(r.leaf_hash, 'hex'),
    );
    const memory = memoryReader(leaves);
    expect(later.rootHash).toBe((await rootOf(memory, later.size)).toString('hex'));
    for (const index of [0, 255, 256, 511, 600, later.size - 1]) {
      const { leafHash, proof } = await proveInclusion(system.ctx.db, index, later.size);
      expect(proof).toEqual((await inclusionProof(memory, index, later.size)).map((h) => h.toString('hex')));
      expect(
        verifyInclusion(
          index,
          later.size,
          Buffer.from(leafHash, 'hex'),
          proof.map((h) => Buffer.from(h, 'hex')),
          Buffer.from(later.rootHash, 'hex'),
        ),
      ).toBe(true);
    }
    const { proof } = await proveConsistency(system.ctx.db, earlier.size, later.size);
    expect(
      verifyConsistency(
        earlier.size,
        later.size,
        Buffer.from(earlier.rootHash, 'hex'),
        Buffer.from(later.rootHash, 'hex'),
        proof.map((h) => Buffer.from(h, 'hex')),
      ),
    ).toBe(true);
  });

  it('keeps old checkpoints verifiable after the signing key is rotated', async () => {
    const before = await integrate(system.ctx.db, system.ctx.dialect, system.ctx.ledgerKeys);
    createLedgerKey(system.dataDir);
    const rotated = loadLedgerKeys(system.dataDir, system.ctx.ledgerKeys.origin);
    expect(rotated.verifierKeys).toHaveLength(2);
    expect(rotated.verifierKeys[1]).toBe(system.ctx.ledgerKeys.verifierKeys[0]);
    await createAgency(system.ctx, systemActor('测试'), {
      governmentId: org.countyId,
      name: '轮换后机关',
      uscc: makeUscc(),
      kind: 'other',
    });
    const after = await integrate(system.ctx.db, system.ctx.dialect, rotated);
    const [newKey, oldKey] = rotated.verifierKeys.map((key) => parseVerifierKey(key)) as [
      ReturnType<typeof parseVerifierKey>,
      ReturnType<typeof parseVerifierKey>,
    ];
    expect(verifyNote(after.note, [newKey]).verifiedBy).toHaveLength(1);
    expect(verifyNote(before.note, [newKey]).verifiedBy).toHaveLength(0);
    expect(verifyNote(before.note, [oldKey]).verifiedBy).toHaveLength(1);
    expect((await verifyLedger(system.ctx.db, rotated, orgStateChecks)).findings).toEqual([]);
  });
});

/** A fresh, integrated system on which `tamper` works behind the application's back. */
async function verifyAfter(dialect: TestDialect, tamper: (system: TestSystem, org: TestOrg) => Promise<void>): Promise<string[]> {
  const system = await openTestSystem(dialect);
  try {
    const org = await createTestOrg(system.ctx);
    await integrate(system.ctx.db, system.ctx.dialect, system.ctx.ledgerKeys);
    expect((await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, orgStateChecks)).isIntact).toBe(true);
    await tamper(system, org);
    return (await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, orgStateChecks)).findings;
  } finally {
    await system.close();
  }
}

async function dropEventGuards(system: TestSystem): Promise<void> {
  if (system.ctx.dialect === 'sqlite') {
    await sql`drop trigger ledger_events_no_update`.execute(system.ctx.db);
    await sql`drop trigger ledger_events_no_delete`.execute(system.ctx.db);
  } else {
    await sql`alter table ledger_events disable trigger user`.execute(system.ctx.db);
  }
}

describe.each(dialects)('lawtrail verify finds what was done behind the application (%s)', (dialect) => {
  it('names the agency and the field changed by a direct SQL UPDATE', async () => {
    let agencyId = '';
    const findings = await verifyAfter(dialect, async (system, org) => {
      agencyId = org.agencyA.id;
      await sql`update agencies set supervision_phone = '0955-7999999' where id = ${agencyId}`.execute(system.ctx.db);
    });
    expect(findings).toEqual([`执法机关 ${agencyId} 的数据与账本最近一条记录不符（字段：supervisionPhone）：数据被绕过系统改动`]);
  });

  it('names the user and the field when someone grants a role by SQL', async () => {
    let userId = '';
    const findings = await verifyAfter(dialect, async (system, org) => {
      userId = org.users.officerA.id;
      await sql`insert into user_roles (user_id, role) values (${userId}, 'administrator')`.execute(system.ctx.db);
    });
    expect(findings).toEqual([`用户 ${userId} 的数据与账本最近一条记录不符（字段：roles）：数据被绕过系统改动`]);
  });

  it('names the index of a deleted event', async () => {
    const findings = await verifyAfter(dialect, async (system) => {
      await dropEventGuards(system);
      await sql`delete from ledger_events where seq = 7`.execute(system.ctx.db);
    });
    expect(findings).toContain('缺少第 7 条记录（已被删除）');
  });

  it('names the index of an event whose content was edited', async () => {
    const findings = await verifyAfter(dialect, async (system) => {
      await dropEventGuards(system);
      await sql`update ledger_events set payload = replace(payload, '沙坡头区市场监督管理局', '某某局') where action = 'agency.created' and payload like ${'%沙坡头区市场监督管理局%'}`.execute(
        system.ctx.db,
      );
    });
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatch(/^第 \d+ 条记录的内容已被改动（与其叶哈希或 SM3 摘要不符）$/);
    // the edited event no longer describes the row it recorded, and verify says so too
    expect(findings[1]).toMatch(/^执法机关 .+ 的数据与账本最近一条记录不符（字段：name）/);
  });

  it('names both indices of two events that swapped places', async () => {
    const findings = await verifyAfter(dialect, async (system) => {
      await dropEventGuards(system);
      await sql`update ledger_events set seq = -1 where seq = 3`.execute(system.ctx.db);
      await sql`update ledger_events set seq = 3 where seq = 4`.execute(system.ctx.db);
      await sql`update ledger_events set seq = 4 where seq = -1`.execute(system.ctx.db);
    });
    expect(findings).toEqual([
      '第 3 条记录与已签名的树不符（记录被替换或调换了顺序）',
      '第 4 条记录与已签名的树不符（记录被替换或调换了顺序）',
    ]);
  });

  it('names a tile whose stored inner levels were changed', async () => {
    const findings = await verifyAfter(dialect, async (system) => {
      // the first tile is partial (a few dozen events), so its row may still be rewritten at the same width
      const tile = await system.ctx.db
        .selectFrom('ledger_tiles')
        .select(['width', 'hashes'])
        .where('level', '=', 0)
        .where('tile_index', '=', 0)
        .executeTakeFirstOrThrow();
      const bytes = Buffer.from(tile.hashes);
      expect(tile.width).toBeLessThan(256);
      expect(bytes.length).toBeGreaterThan(tile.width * 32);
      bytes[tile.width * 32] = (bytes[tile.width * 32] as number) ^ 1;
      await system.ctx.db.updateTable('ledger_tiles').set({ hashes: bytes }).where('level', '=', 0).where('tile_index', '=', 0).execute();
    });
    expect(findings).toContain('树的第 0 层第 0 块中的内层哈希与该块不符（存储的树层被改动）');
  });

  it('names an event inserted beyond the ledger and a forged checkpoint signature', async () => {
    const findings = await verifyAfter(dialect, async (system) => {
      const size = Number((await system.ctx.db.selectFrom('ledger_state').select('size').executeTakeFirstOrThrow()).size);
      const payload = '{"forged":true}';
      await system.ctx.db
        .insertInto('ledger_events')
        .values({
          seq: size,
          id: 'forged',
          occurred_at: new Date().toISOString(),
          actor_id: null,
          actor_label: 'x',
          agency_id: null,
          subject_type: 'x',
          subject_id: 'x',
          action: 'x.forged',
          payload,
          leaf_hash: hashLeaf(Buffer.from(payload)).toString('hex'),
          payload_sm3: (await import('node:crypto')).createHash('sm3').update(payload).digest('hex'),
        })
        .execute();
      if (system.ctx.dialect === 'sqlite') await sql`drop trigger ledger_checkpoints_no_update`.execute(system.ctx.db);
      else await sql`alter table ledger_checkpoints disable trigger user`.execute(system.ctx.db);
      await sql`update ledger_checkpoints set note = replace(note, '— ', '— x')`.execute(system.ctx.db);
    });
    expect(findings.some((f) => /^第 \d+ 条记录不在账本之内/.test(f))).toBe(true);
    expect(findings.some((f) => /检查点(签名无效|格式已被破坏)/.test(f))).toBe(true);
  });
});
