import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EnforcementSetup, setUpEnforcement } from '../../../test/support/enforcement.js';
import { createTestOrg, type TestOrg } from '../../../test/support/factories.js';
import { buildTestApp, type Client, signIn } from '../../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../../test/support/system.js';
import type { App } from '../../http/types.js';
import { todayInChina } from '../../kernel/clock.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';
import { verifyLedger } from '../../ledger/index.js';
import { stateChecksFor } from '../index.js';
import { enqueueOutbox, pushOnce } from './index.js';

// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely in this test
type Json = Record<string, any>;

/**
 * Two Lawtrail servers, each with its own database: a county that decides, publishes and withdraws, and a city acting
 * as the unified platform, listening on a real port. The county's decision appears on the city's portal, then its
 * withdrawal notice.
 */
describe.each(dialects)('a county decision on the city’s unified portal (%s)', (dialect) => {
  let county: TestSystem;
  let city: TestSystem;
  let countyApp: App;
  let cityApp: App;
  let countyOrg: TestOrg;
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;
  let upstream: string;
  const today = todayInChina();
  const first17 = '91640502MA8E00701';
  const creditCode = first17 + computeUsccCheckCharacter(first17);

  beforeAll(async () => {
    county = await openTestSystem(dialect, { LAWTRAIL_ORIGIN: 'shapotou.lawtrail.test' });
    city = await openTestSystem(dialect, { LAWTRAIL_ORIGIN: 'zhongwei.lawtrail.test' });
    countyOrg = await createTestOrg(county.ctx);
    await createTestOrg(city.ctx);
    setup = await setUpEnforcement(county.ctx, countyOrg);
    countyApp = await buildTestApp(county.ctx);
    cityApp = await buildTestApp(city.ctx);
    await cityApp.listen({ port: 0, host: '127.0.0.1' });
    upstream = `http://127.0.0.1:${(cityApp.server.address() as AddressInfo).port}`;
    officer = await signIn(countyApp, 'officer.a');
    head = await signIn(countyApp, 'head.a');
    const cityAdmin = await signIn(cityApp, 'admin');
    const registered = await cityAdmin.request({
      method: 'POST',
      url: '/api/exchange/origins',
      payload: { origin: 'shapotou.lawtrail.test', name: '沙坡头区阳光执法平台', verifierKeys: county.ctx.ledgerKeys.verifierKeys },
    });
    expect(registered.statusCode, registered.body).toBe(200);
  });

  afterAll(async () => {
    await cityApp?.close();
    await countyApp?.close();
    await city?.close();
    await county?.close();
  });

  const push = () => pushOnce(county.ctx, { upstream, owner: 'county-test' });
  const citySees = (url: string) => cityApp.inject({ method: 'GET', url });

  async function decideOnTheSpot(): Promise<string> {
    const officers = [setup.officers.zhang, setup.officers.li];
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: countyOrg.agencyA.id,
        procedure: 'penalty_summary',
        itemCode: 'EI-002',
        divisionCode: '640502100',
        party: { type: 'organization', name: '中卫市沙坡头区交换测试商行', creditCode, address: '滨河镇迎宾大道8号' },
        officerIds: officers,
        data: { place: '沙坡头区农贸市场', violationOn: today, summary: '摊位未公示健康证明' },
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id as string;
    const current = (await officer.request({ method: 'GET', url: `/api/cases/${id}` })).json();
    const decided = await officer.request({
      method: 'POST',
      url: `/api/cases/${id}/steps`,
      payload: {
        version: current.version,
        step: 'summary_decide',
        officerIds: officers,
        data: { facts: '在摊位销售未标明生产日期的熟食', penaltyKinds: ['fine'], fineAmount: 200, record: '当事人无异议' },
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    return id;
  }

  it('publishes on the county, pushes, and the city’s portal finds the decision tagged with the county, then its withdrawal', async () => {
    const caseId = await decideOnTheSpot();
    const list = (await officer.request({ method: 'GET', url: '/api/disclosure/publications' })).json();
    const pub = list.items.find((p: Json) => p.caseId === caseId) as Json;
    const prepared = await officer.request({
      method: 'POST',
      url: `/api/disclosure/publications/${pub.id}/prepare`,
      payload: { version: pub.version },
    });
    expect(prepared.statusCode, prepared.body).toBe(200);
    const approved = await head.request({
      method: 'POST',
      url: `/api/disclosure/publications/${pub.id}/approve`,
      payload: { version: prepared.json().version },
    });
    expect(approved.statusCode, approved.body).toBe(200);

    expect((await citySees(`/api/public/decisions?q=${encodeURIComponent('交换测试商行')}`)).json().total).toBe(0);
    expect(await push()).toMatchObject({ kind: 'pushed', delivered: 1 });
    const found = (await citySees(`/api/public/decisions?q=${encodeURIComponent('交换测试商行')}`)).json();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ id: pub.id, partyName: '中卫市沙坡头区交换测试商行', amount: 200, status: 'published' });
    const record = (await citySees(`/api/public/decisions/${pub.id}`)).json();
    expect(record).toMatchObject({ status: 'published', origin: { origin: 'shapotou.lawtrail.test', name: '沙坡头区阳光执法平台' } });
    expect(found.items[0].origin).toEqual({ origin: 'shapotou.lawtrail.test', name: '沙坡头区阳光执法平台' });
    expect((await citySees(`/api/public/parties/${creditCode}`)).json().total).toBe(1);

    const withdrawn = await head.request({
      method: 'POST',
      url: `/api/disclosure/publications/${pub.id}/withdraw`,
      payload: {
        version: approved.json().version,
        ground: 'revoked',
        source: 'reconsideration',
        reason: '沙坡头区人民政府行政复议决定撤销该处罚决定',
      },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await citySees(`/api/public/decisions/${pub.id}`)).json().status).toBe('published');
    expect(await push()).toMatchObject({ kind: 'pushed', delivered: 1 });
    const notice = (await citySees(`/api/public/decisions/${pub.id}`)).json();
    expect(notice).toMatchObject({
      status: 'withdrawn',
      withdrawal: {
        ground: 'revoked',
        groundLabel: '被撤销',
        sourceLabel: '行政复议',
        reason: '沙坡头区人民政府行政复议决定撤销该处罚决定',
      },
    });
    expect(notice.ledger.map((e: Json) => e.label)).toEqual(['公开（本平台接收）', '撤下（本平台接收）']);
    expect((await citySees(`/api/public/decisions?status=withdrawn&q=${encodeURIComponent('交换测试商行')}`)).json().total).toBe(1);
    // The county's outbox is all delivered; nothing is sent twice.
    expect(await push()).toEqual({ kind: 'idle' });
    const receipts = await city.ctx.db.selectFrom('exchange_receipts').select(['seq', 'kind']).orderBy('seq').execute();
    expect(receipts.map((r) => r.kind)).toEqual(['publication.published', 'publication.withdrawn']);

    for (const system of [county, city]) {
      const report = await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, stateChecksFor(system.ctx));
      expect(report.findings).toEqual([]);
    }
    // A received copy changed behind the application is named by the city's verify.
    await city.ctx.db
      .updateTable('public_records')
      .set({ body: sql`replace(body, ${'撤销该处罚决定'}, ${'维持该处罚决定'})` })
      .execute();
    const tampered = await verifyLedger(city.ctx.db, city.ctx.ledgerKeys, stateChecksFor(city.ctx));
    expect(tampered.findings).toEqual([expect.stringContaining(`公开副本 ${pub.id}（下级平台推送）与本平台接收时记入账本的摘要不符`)]);
    await city.ctx.db
      .updateTable('public_records')
      .set({ body: sql`replace(body, ${'维持该处罚决定'}, ${'撤销该处罚决定'})` })
      .execute();
  });

  it('refuses a county copy that would replace a record the city holds as its own', async () => {
    const own = await city.ctx.db.selectFrom('public_records').select('id').execute();
    expect(own).toHaveLength(1); // only the county's, so far
    await city.ctx.db
      .updateTable('public_records')
      .set({ body: sql`replace(body, ${'"origin":'}, ${'"originalOrigin":'})` })
      .execute();
    const id = own[0]?.id as string;
    const copy = (await county.ctx.db.selectFrom('public_records').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body;
    await county.ctx.db
      .transaction()
      .execute((trx) => enqueueOutbox(trx, { kind: 'publication.changed', key: id, payload: { copy: JSON.parse(copy), isVisible: true } }));
    const refused = await push();
    expect(refused).toMatchObject({ kind: 'failed' });
    if (refused.kind === 'failed') expect(refused.error).toContain('已属本平台或其他平台的公开信息');
  });
});
