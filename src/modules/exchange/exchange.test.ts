import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../../test/support/factories.js';
import { buildTestApp, type Client, signIn } from '../../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../../test/support/system.js';
import type { App } from '../../http/types.js';
import { systemActor } from '../../kernel/actor.js';
import { advanceClock } from '../../kernel/clock.js';
import { appendEvent, verifyLedger } from '../../ledger/index.js';
import { ed25519Signer } from '../../ledger/note.js';
import { stateChecksFor } from '../index.js';
import { batchOrigin, signBatch } from './batch.js';
import { intakeRateLimit } from './exchange.routes.js';
import {
  enqueueOutbox,
  lastSeqHeader,
  newPusherId,
  type OutboxKind,
  onIntake,
  type PushOptions,
  pushOnce,
  registerOrigin,
} from './index.js';

/**
 * Two Lawtrail systems, each with its own database: a county that pushes its publications and a city, listening on
 * a real port, that acts as the unified platform and applies them through a handler registered by this test.
 */
describe.each(dialects)('exchange between a county and a city (%s)', (dialect) => {
  let county: TestSystem;
  let city: TestSystem;
  let cityApp: App;
  let countyApp: App;
  let cityAdmin: Client;
  let upstream: string;
  const calls = new Map<string, number>();
  let failOnKey: string | null = null;
  const undo: (() => void)[] = [];

  const push = (extra: Partial<PushOptions> = {}) =>
    pushOnce(county.ctx, { upstream, owner: 'test-pusher', batchSize: 4, backoffBaseMs: 1000, ...extra });

  async function publish(kind: OutboxKind, key: string, title: string): Promise<number> {
    return county.ctx.db.transaction().execute(async (trx) => {
      await appendEvent(trx, {
        actor: systemActor('测试'),
        agencyId: null,
        subjectType: 'test_publication',
        subjectId: key,
        action: kind,
        state: { key, title },
      });
      return enqueueOutbox(trx, {
        kind,
        key,
        payload: { key, title, status: kind === 'publication.withdrawn' ? 'withdrawn' : 'published' },
      });
    });
  }

  async function cityCopies() {
    return city.ctx.db
      .selectFrom(sql<{ origin: string; key: string; title: string; status: string }>`test_copies`.as('c'))
      .selectAll()
      .orderBy('key')
      .execute();
  }

  async function countyPending() {
    return county.ctx.db.selectFrom('exchange_outbox').selectAll().where('delivered_at', 'is', null).orderBy('seq').execute();
  }

  async function intake(batch: string) {
    return cityApp.inject({ method: 'POST', url: '/api/exchange/intake', payload: { batch } });
  }

  beforeAll(async () => {
    county = await openTestSystem(dialect, { LAWTRAIL_ORIGIN: 'county.lawtrail.test' });
    city = await openTestSystem(dialect, { LAWTRAIL_ORIGIN: 'city.lawtrail.test' });
    await createTestOrg(city.ctx);
    cityApp = await buildTestApp(city.ctx);
    countyApp = await buildTestApp(county.ctx);
    await cityApp.listen({ port: 0, host: '127.0.0.1' });
    upstream = `http://127.0.0.1:${(cityApp.server.address() as AddressInfo).port}`;
    cityAdmin = await signIn(cityApp, 'admin');
    await sql`create table test_copies (origin text not null, key text not null, title text not null, status text not null, primary key (origin, key))`.execute(
      city.ctx.db,
    );
    const apply =
      (status: string) =>
      async (trx: Parameters<Parameters<typeof onIntake>[1]>[0], item: { origin: string; key: string; payload: unknown }) => {
        if (failOnKey === item.key) {
          failOnKey = null;
          throw new Error('disk full');
        }
        calls.set(item.key, (calls.get(item.key) ?? 0) + 1);
        const { title } = item.payload as { title: string };
        await sql`delete from test_copies where origin = ${item.origin} and key = ${item.key}`.execute(trx);
        await sql`insert into test_copies (origin, key, title, status) values (${item.origin}, ${item.key}, ${title}, ${status})`.execute(
          trx,
        );
      };
    undo.push(onIntake('publication.published', apply('published')));
    undo.push(onIntake('publication.changed', apply('changed')));
    undo.push(onIntake('publication.withdrawn', apply('withdrawn')));
  });

  afterAll(async () => {
    for (const u of undo) u();
    await cityApp?.close();
    await countyApp?.close();
    await city?.close();
    await county?.close();
  });

  it('refuses batches from an origin the city has not registered', async () => {
    await publish('publication.published', 'd-1', '沙市监罚〔2026〕1号');
    const outcome = await push();
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.error).toContain('exchange.origin_unknown');
    const [row] = await countyPending();
    expect(row?.attempts).toBe(1);
    expect(row?.last_error).toContain('未登记的下级平台');
    expect((row?.next_attempt_at ?? '') > new Date().toISOString()).toBe(true);
    // Backing off: nothing is sent before the next attempt is due.
    expect((await push()).kind).toBe('waiting');
  });

  it('registers the county with its ledger keys (administrator only), as a ledger event', async () => {
    const response = await cityAdmin.request({
      method: 'POST',
      url: '/api/exchange/origins',
      payload: { origin: 'county.lawtrail.test', name: '沙坡头区阳光执法平台', verifierKeys: county.ctx.ledgerKeys.verifierKeys },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ origin: 'county.lawtrail.test', lastSeq: 0, receivedCount: 0 });
    const wrongName = await cityAdmin.request({
      method: 'POST',
      url: '/api/exchange/origins',
      payload: { origin: 'other.lawtrail.test', name: '别处', verifierKeys: county.ctx.ledgerKeys.verifierKeys },
    });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json().code).toBe('exchange.invalid');
    const officer = await signIn(cityApp, 'officer.a');
    const refused = await officer.request({ method: 'GET', url: '/api/exchange/status' });
    expect(refused.statusCode).toBe(403);
  });

  it('pushes once the backoff has passed; the city applies each item once, in order, with a ledger event', async () => {
    await publish('publication.published', 'd-2', '沙市监罚〔2026〕2号');
    await publish('publication.changed', 'd-1', '沙市监罚〔2026〕1号（变更）');
    const restore = advanceClock(30 * 60_000);
    try {
      const outcome = await push();
      expect(outcome).toEqual({ kind: 'pushed', delivered: 3, batches: 1 });
    } finally {
      restore();
    }
    expect(await countyPending()).toEqual([]);
    expect(await cityCopies()).toEqual([
      { origin: 'county.lawtrail.test', key: 'd-1', title: '沙市监罚〔2026〕1号（变更）', status: 'changed' },
      { origin: 'county.lawtrail.test', key: 'd-2', title: '沙市监罚〔2026〕2号', status: 'published' },
    ]);
    const events = await city.ctx.db.selectFrom('ledger_events').select('action').where('action', '=', 'exchange.received').execute();
    expect(events).toHaveLength(3);
    expect(await push()).toEqual({ kind: 'idle' });
  });

  it('a rolled-back change takes its outbox item and its number with it', async () => {
    await expect(
      county.ctx.db.transaction().execute(async (trx) => {
        await enqueueOutbox(trx, { kind: 'publication.published', key: 'never', payload: { key: 'never', title: '未发布' } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const seq = await publish('publication.published', 'd-3', '沙市监罚〔2026〕3号');
    expect(seq).toBe(4);
    expect(await push()).toMatchObject({ kind: 'pushed', delivered: 1 });
  });

  it('a push that fails midway at the city keeps what was applied and retries the rest without duplicates', async () => {
    for (let n = 4; n <= 10; n++) await publish('publication.published', `d-${n}`, `沙市监罚〔2026〕${n}号`);
    failOnKey = 'd-6'; // the third item of the first batch of four
    const failed = await push();
    expect(failed.kind).toBe('failed');
    if (failed.kind !== 'failed') return;
    expect(failed.delivered).toBe(2);
    expect(failed.error).toContain('exchange.apply_failed');
    expect(failed.error).not.toContain('disk full');
    const pending = await countyPending();
    expect(pending.map((row) => row.key)).toEqual(['d-6', 'd-7', 'd-8', 'd-9', 'd-10']);
    expect(pending[0]?.attempts).toBe(1);
    const restore = advanceClock(10 * 60_000);
    try {
      expect(await push()).toMatchObject({ kind: 'pushed', delivered: 5 });
    } finally {
      restore();
    }
    expect((await cityCopies()).map((c) => c.key).sort()).toEqual(['d-1', 'd-10', 'd-2', 'd-3', 'd-4', 'd-5', 'd-6', 'd-7', 'd-8', 'd-9']);
    for (let n = 2; n <= 10; n++) expect(calls.get(`d-${n}`), `d-${n}`).toBe(1);
  });

  it('a connection lost before the acknowledgement loses nothing: the retry is acknowledged as duplicates', async () => {
    await publish('publication.withdrawn', 'd-2', '沙市监罚〔2026〕2号');
    await publish('publication.published', 'd-11', '沙市监罚〔2026〕11号');
    const dropAfterSending: typeof fetch = async (input, init) => {
      await fetch(input, init);
      throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    };
    const failed = await push({ fetch: dropAfterSending });
    expect(failed).toMatchObject({ kind: 'failed', delivered: 0 });
    expect((await countyPending()).map((row) => row.key)).toEqual(['d-2', 'd-11']);
    expect((await cityCopies()).find((c) => c.key === 'd-2')?.status).toBe('withdrawn');
    const restore = advanceClock(10 * 60_000);
    try {
      expect(await push()).toMatchObject({ kind: 'pushed', delivered: 2 });
    } finally {
      restore();
    }
    expect(calls.get('d-11')).toBe(1);
    expect(calls.get('d-2')).toBe(2); // published once, withdrawn once
    const receipts = await city.ctx.db.selectFrom('exchange_receipts').select(['seq']).orderBy('seq').execute();
    expect(receipts.map((r) => Number(r.seq))).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it('lets one process push at a time', async () => {
    await publish('publication.published', 'd-12', '沙市监罚〔2026〕12号');
    const [a, b] = await Promise.all([push({ owner: newPusherId() }), push({ owner: newPusherId() })]);
    expect([a.kind, b.kind].sort()).toEqual(['busy', 'pushed']);
    expect(calls.get('d-12')).toBe(1);
  });

  it('sends again from what the city has when the city lost what it acknowledged', async () => {
    // The city "restored from a backup": the county believes seq 15 delivered, the city never saw it.
    await publish('publication.published', 'd-13', '沙市监罚〔2026〕13号');
    await publish('publication.published', 'd-14', '沙市监罚〔2026〕14号');
    await county.ctx.db.updateTable('exchange_outbox').set({ delivered_at: new Date().toISOString() }).where('seq', '=', 15).execute();
    expect(await push()).toMatchObject({ kind: 'pushed', delivered: 2 });
    expect(calls.get('d-13')).toBe(1);
    expect(calls.get('d-14')).toBe(1);
  });

  it('refuses a tampered batch, a forged signature, a gap and a malformed batch', async () => {
    const items = [
      { seq: 17, kind: 'publication.published', key: 'x', payload: { key: 'x', title: '伪造' }, createdAt: new Date().toISOString() },
    ];
    const good = signBatch({ origin: 'county.lawtrail.test', items }, county.ctx.ledgerKeys.signers);
    const tampered = good.replace('伪造', '篡改');
    const answer = await intake(tampered);
    expect(answer.statusCode).toBe(403);
    expect(answer.json()).toMatchObject({ code: 'exchange.signature_invalid', title: '交换批次签名无效' });
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.headers[lastSeqHeader]).toBe('16');

    const forger = ed25519Signer('county.lawtrail.test', generateKeyPairSync('ed25519').privateKey);
    const forged = await intake(signBatch({ origin: 'county.lawtrail.test', items }, [forger]));
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('exchange.signature_invalid');

    const stranger = ed25519Signer('stranger.lawtrail.test', generateKeyPairSync('ed25519').privateKey);
    const unknown = await intake(signBatch({ origin: 'stranger.lawtrail.test', items }, [stranger]));
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json().code).toBe('exchange.origin_unknown');

    const gap = await intake(
      signBatch(
        { origin: 'county.lawtrail.test', items: [{ ...(items[0] as (typeof items)[0]), seq: 19 }] },
        county.ctx.ledgerKeys.signers,
      ),
    );
    expect(gap.statusCode).toBe(409);
    expect(gap.json()).toMatchObject({ code: 'exchange.sequence_gap' });
    expect(gap.headers[lastSeqHeader]).toBe('16');

    const unknownKind = await intake(
      signBatch(
        { origin: 'county.lawtrail.test', items: [{ ...(items[0] as (typeof items)[0]), kind: 'case.opened' }] },
        county.ctx.ledgerKeys.signers,
      ),
    );
    expect(unknownKind.statusCode).toBe(422);
    expect(unknownKind.json().code).toBe('exchange.kind_unknown');

    for (const batch of ['not a note', 'hello\n\n— x AAAA\n']) {
      const malformed = await intake(batch);
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().code).toBe('exchange.batch_invalid');
    }
    expect(() => batchOrigin(good)).not.toThrow();
    expect((await cityCopies()).some((c) => c.key === 'x')).toBe(false);
  });

  it('shows the staff the outbox and the registered platforms; verify finds both ledgers intact', async () => {
    const status = await cityAdmin.request({ method: 'GET', url: '/api/exchange/status' });
    expect(status.statusCode).toBe(200);
    expect(status.json().origins).toEqual([
      expect.objectContaining({ origin: 'county.lawtrail.test', name: '沙坡头区阳光执法平台', lastSeq: 16, receivedCount: 16 }),
    ]);
    expect(status.json().intakeKinds).toContain('publication.withdrawn');
    const countyAdminOrg = await createTestOrg(county.ctx);
    expect(countyAdminOrg).toBeTruthy();
    const countyAdmin = await signIn(countyApp, 'admin');
    const countyStatus = (await countyAdmin.request({ method: 'GET', url: '/api/exchange/status' })).json();
    expect(countyStatus.outbox).toMatchObject({ total: 16, delivered: 16, pending: 0, failing: 0 });
    expect(countyStatus.items[0]).toMatchObject({ seq: 16, status: 'delivered' });
    for (const system of [county, city]) {
      const report = await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, stateChecksFor(system.ctx));
      expect(report.findings).toEqual([]);
    }
    await city.ctx.db.updateTable('exchange_origins').set({ last_seq: 3 }).execute();
    const tamperedReport = await verifyLedger(city.ctx.db, city.ctx.ledgerKeys, stateChecksFor(city.ctx));
    expect(tamperedReport.isIntact).toBe(false);
    await city.ctx.db.updateTable('exchange_origins').set({ last_seq: 16 }).execute();
  });

  it('a registration can also be made without HTTP (the CLI path)', async () => {
    const state = await registerOrigin(city.ctx, systemActor('测试'), {
      origin: 'county.lawtrail.test',
      name: '沙坡头区阳光执法平台',
      verifierKeys: county.ctx.ledgerKeys.verifierKeys,
    });
    expect(state.lastSeq).toBe(16);
  });

  it('numbers concurrent writers without gaps or repeats, and delivers them all', async () => {
    const seqs = await Promise.all(
      Array.from({ length: 8 }, (_, n) => publish('publication.published', `c-${n}`, `沙市监罚〔2026〕${100 + n}号`)),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual([17, 18, 19, 20, 21, 22, 23, 24]);
    expect(await push({ batchSize: 100 })).toMatchObject({ kind: 'pushed', delivered: 8 });
    for (let n = 0; n < 8; n++) expect(calls.get(`c-${n}`)).toBe(1);
  });

  it('limits intake requests per address, in problem+json, without touching other addresses', async () => {
    const send = (remoteAddress: string) =>
      cityApp.inject({ method: 'POST', url: '/api/exchange/intake', payload: { batch: 'not a note' }, remoteAddress });
    const codes: number[] = [];
    for (let n = 0; n <= intakeRateLimit; n++) codes.push((await send('198.51.100.77')).statusCode);
    expect(codes.slice(0, intakeRateLimit).every((c) => c === 400)).toBe(true);
    const refused = await send('198.51.100.77');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'request.rate_limited' });
    expect((await send('198.51.100.78')).statusCode).toBe(400);
  });
});
