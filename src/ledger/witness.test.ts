import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, makeUscc, type TestOrg } from '../../test/support/factories.js';
import { buildTestApp } from '../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../test/support/system.js';
import type { App } from '../http/types.js';
import { systemActor } from '../kernel/actor.js';
import { createAgency } from '../modules/org/index.js';
import { checkpointBody, integrate } from './checkpoint.js';
import { collectCosignatures, type WitnessConfig } from './collect.js';
import { verifyCosignature } from './cosignature.js';
import { ed25519Signer, parseNote, signNote } from './note.js';
import { verifyLedger } from './verify.js';
import { addWitnessedLog } from './witness.js';

describe.each(dialects)('a city bureau witnesses a county log (C2SP tlog-witness, %s)', (dialect) => {
  let county: TestSystem;
  let city: TestSystem;
  let countyOrg: TestOrg;
  let cityApp: App;
  let countyApp: App;
  let witnesses: WitnessConfig[];

  beforeAll(async () => {
    county = await openTestSystem(dialect, { LAWTRAIL_ORIGIN: 'shapotou.example/ledger' });
    city = await openTestSystem(dialect, { LAWTRAIL_ORIGIN: 'zhongwei.example/ledger' });
    countyOrg = await createTestOrg(county.ctx);
    cityApp = await buildTestApp(city.ctx);
    countyApp = await buildTestApp(county.ctx);
    const cityUrl = await cityApp.listen({ port: 0, host: '127.0.0.1' });
    await addWitnessedLog(city.ctx, systemActor('测试'), county.ctx.ledgerKeys.origin, county.ctx.ledgerKeys.verifierKeys);
    witnesses = [{ url: cityUrl, key: city.ctx.cosigner.verifierKey }];
  });
  afterAll(async () => {
    await cityApp.close();
    await countyApp.close();
    await county.close();
    await city.close();
  });

  const addRecord = () =>
    createAgency(county.ctx, systemActor('测试'), {
      governmentId: countyOrg.countyId,
      name: `机关${makeUscc()}`,
      uscc: makeUscc(),
      kind: 'other',
    });
  const post = (body: string) =>
    cityApp.inject({ method: 'POST', url: '/api/witness/add-checkpoint', headers: { 'content-type': 'text/plain' }, payload: body });

  it('cosigns the first checkpoint and each one that extends it, and the county shows the cosignature', async () => {
    const first = await integrate(county.ctx.db, county.ctx.dialect, county.ctx.ledgerKeys);
    expect(await collectCosignatures(county.ctx, witnesses)).toEqual([`zhongwei.example/ledger/witness: 已副署规模 ${first.size}`]);
    await addRecord();
    await addRecord();
    const second = await integrate(county.ctx.db, county.ctx.dialect, county.ctx.ledgerKeys);
    expect(await collectCosignatures(county.ctx, witnesses)).toEqual([`zhongwei.example/ledger/witness: 已副署规模 ${second.size}`]);

    const shown = (await countyApp.inject({ method: 'GET', url: '/api/ledger/checkpoint' })).body;
    const { text, signatures } = parseNote(shown);
    expect(signatures.map((s) => s.name)).toEqual(['shapotou.example/ledger', 'zhongwei.example/ledger/witness']);
    const cosignature = shown.trim().split('\n').at(-1) as string;
    expect(verifyCosignature(cosignature, text, city.ctx.cosigner.verifierKey)).toMatchObject({ timestamp: expect.any(Number) });
    const remembered = await city.ctx.db.selectFrom('witnessed_logs').selectAll().executeTakeFirstOrThrow();
    expect(Number(remembered.size)).toBe(second.size);
    const events = await city.ctx.db.selectFrom('ledger_events').select('action').where('subject_type', '=', 'witnessed_log').execute();
    expect(events.map((e) => e.action)).toEqual(['witness.log_registered', 'witness.cosigned', 'witness.cosigned']);
  });

  it('lets verify check every stored cosignature against its witness, and find one altered behind the application', async () => {
    const keys = witnesses.map((w) => w.key);
    const intact = await verifyLedger(county.ctx.db, county.ctx.ledgerKeys, [], keys);
    expect(intact.findings).toEqual([]);
    expect(intact.lines.at(-1)).toBe('见证副署：核验 2 个');
    expect((await verifyLedger(county.ctx.db, county.ctx.ledgerKeys)).lines.at(-1)).toBe(
      '见证副署：核验 0 个；2 个来自未配置验证密钥的见证方，无法核验',
    );
    const first = await county.ctx.db.selectFrom('ledger_cosignatures').select(['size', 'line']).orderBy('size').executeTakeFirstOrThrow();
    if (county.ctx.dialect === 'sqlite') await sql`drop trigger ledger_cosignatures_no_update`.execute(county.ctx.db);
    else await sql`alter table ledger_cosignatures disable trigger user`.execute(county.ctx.db);
    const forged = first.line.replace(/.{6}$/, 'AAAAAA');
    await sql`update ledger_cosignatures set line = ${forged} where size = ${first.size}`.execute(county.ctx.db);
    const tampered = await verifyLedger(county.ctx.db, county.ctx.ledgerKeys, [], keys);
    expect(tampered.findings).toEqual([
      `见证方 zhongwei.example/ledger/witness 对规模 ${Number(first.size)} 的副署签名无效（副署或检查点被改动）`,
    ]);
    await sql`update ledger_cosignatures set line = ${first.line} where size = ${first.size}`.execute(county.ctx.db);
  });

  it('refuses a fork (409 for a stale size, 422 for a tree that does not extend what it cosigned)', async () => {
    const known = Number((await city.ctx.db.selectFrom('witnessed_logs').select('size').executeTakeFirstOrThrow()).size);
    const forged = signNote(checkpointBody(county.ctx.ledgerKeys.origin, known + 3, Buffer.alloc(32, 9)), [county.ctx.ledgerKeys.signer]);
    const stale = await post(`old ${known - 1}\n\n${forged}`);
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('text/x.tlog.size');
    expect(stale.body).toBe(`${known}\n`);
    const fork = await post(`old ${known}\n${Buffer.alloc(32, 1).toString('base64')}\n\n${forged}`);
    expect(fork.statusCode).toBe(422);
    expect(Number((await city.ctx.db.selectFrom('witnessed_logs').select('size').executeTakeFirstOrThrow()).size)).toBe(known);
  });

  it('refuses checkpoints signed by another key (403), of logs it does not witness (404), and garbage (400)', async () => {
    const known = Number((await city.ctx.db.selectFrom('witnessed_logs').select('size').executeTakeFirstOrThrow()).size);
    const impostor = ed25519Signer(county.ctx.ledgerKeys.origin, generateKeyPairSync('ed25519').privateKey);
    const signedByImpostor = signNote(checkpointBody(county.ctx.ledgerKeys.origin, known, Buffer.alloc(32, 2)), [impostor]);
    expect((await post(`old ${known}\n\n${signedByImpostor}`)).statusCode).toBe(403);
    const stranger = ed25519Signer('elsewhere.example/ledger', generateKeyPairSync('ed25519').privateKey);
    expect(
      (await post(`old 0\n\n${signNote(checkpointBody('elsewhere.example/ledger', 1, Buffer.alloc(32, 3)), [stranger])}`)).statusCode,
    ).toBe(404);
    expect((await post('hello')).statusCode).toBe(400);
  });
});
