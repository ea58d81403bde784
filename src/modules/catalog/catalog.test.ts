import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { benchmarkEntriesFor, enforcementItemsFor } from '../../demo/catalog-samples.js';
import { verifyLedger } from '../../ledger/index.js';
import { moduleStateChecks } from '../index.js';
import { checkAgainstBenchmark, type DiscretionBenchmark } from './index.js';

type Client = Awaited<ReturnType<typeof signIn>>;

describe.each(dialects)('the catalog of powers (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let officer: Client;
  let reviewer: Client;
  let officerB: Client;
  const items = enforcementItemsFor('market_regulation');

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer.a');
    reviewer = await signIn(t.app, 'reviewer.a');
    officerB = await signIn(t.app, 'officer.b');
  });

  const actions = async (versionId: string) =>
    (await t.system.ctx.db.selectFrom('ledger_events').select('action').where('subject_id', '=', versionId).orderBy('seq').execute()).map(
      (e) => e.action,
    );

  const publicSearch = async (query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/public/catalog/search?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json() as {
      items: { code: string; name: string; agencyName: string; entry: Record<string, unknown> }[];
      total: number;
    };
  };

  let v1: { id: string; rowVersion: number };

  it('refuses a list with broken entries, naming each entry and field in Chinese, and stores nothing', async () => {
    const broken = [
      { ...items[0], legalBases: [{ law: '中华人民共和国食品安全法', article: '122' }] },
      { ...items[1], actionType: 'punish' },
      { ...items[2], code: items[0]?.code },
      { ...items[3], duties: undefined },
    ];
    const before = await t.system.ctx.db
      .selectFrom('catalog_versions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await officer.request({
      method: 'POST',
      url: '/api/catalog/drafts',
      payload: { agencyId: t.org.agencyA.id, kind: 'enforcement_item', entries: broken },
    });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem).toMatchObject({ code: 'catalog.entry_invalid', title: '清单内容不符合要求' });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/entries/0/legalBases/0/article', detail: '格式不正确' },
        { pointer: '/entries/1/actionType', detail: expect.stringContaining('取值应为以下之一') },
        { pointer: '/entries/2/code', detail: `编码 ${items[0]?.code} 与第 1 条重复` },
        { pointer: '/entries/3/duties', detail: '必填字段，不能缺少' },
      ]),
    );
    const after = await t.system.ctx.db
      .selectFrom('catalog_versions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('publishes a list only after the legal office approves it, and records every step in the ledger', async () => {
    const created = await officer.request({
      method: 'POST',
      url: '/api/catalog/drafts',
      payload: { agencyId: t.org.agencyA.id, kind: 'enforcement_item', note: '首次编制', entries: items },
    });
    expect(created.statusCode).toBe(201);
    v1 = created.json();
    expect(v1).toMatchObject({ version: 1, status: 'draft', statusLabel: '草稿', entryCount: items.length, kindLabel: '行政执法事项清单' });

    // A draft is not public.
    expect((await publicSearch('q=食品')).total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/catalog/versions/${v1.id}` })).statusCode).toBe(404);

    // Only the agency's legal office reviews, and only once submitted.
    const early = await reviewer.request({
      method: 'POST',
      url: `/api/catalog/versions/${v1.id}/review`,
      payload: { rowVersion: 1, decision: 'approve' },
    });
    expect(early.json()).toMatchObject({ status: 409, code: 'catalog.state_invalid' });
    const submitted = await officer.request({ method: 'POST', url: `/api/catalog/versions/${v1.id}/submit`, payload: { rowVersion: 1 } });
    expect(submitted.json()).toMatchObject({ status: 'submitted', submittedByName: '测试officer.a' });
    const byOfficer = await officer.request({
      method: 'POST',
      url: `/api/catalog/versions/${v1.id}/review`,
      payload: { rowVersion: 2, decision: 'approve' },
    });
    expect(byOfficer.statusCode).toBe(403);
    const byOtherAgency = await officerB.request({
      method: 'POST',
      url: `/api/catalog/versions/${v1.id}/review`,
      payload: { rowVersion: 2, decision: 'approve' },
    });
    expect(byOtherAgency.json()).toMatchObject({ status: 404, code: 'catalog.not_found' });

    const approved = await reviewer.request({
      method: 'POST',
      url: `/api/catalog/versions/${v1.id}/review`,
      payload: { rowVersion: 2, decision: 'approve', opinion: '主体、依据、权限均已核对' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'published',
      reviewedByName: '测试reviewer.a',
      reviewOpinion: '主体、依据、权限均已核对',
    });
    expect(await actions(v1.id)).toEqual(['catalog.draft_created', 'catalog.submitted', 'catalog.published']);

    // The public finds it by words of the name, of the law, by action type and agency.
    const byName = await publicSearch(`q=${encodeURIComponent('食品生产经营许可')}`);
    expect(byName.items.map((i) => i.code)).toContain('EI-001');
    expect(byName.items[0]?.agencyName).toBe('沙坡头区市场监督管理局');
    const byLaw = await publicSearch(`q=${encodeURIComponent('第一百二十二条')}&kind=enforcement_item`);
    expect(byLaw.items.map((i) => i.code)).toContain('EI-001');
    const penalties = await publicSearch(`actionType=penalty&agencyId=${t.org.agencyA.id}`);
    expect(penalties.total).toBe(items.filter((i) => i.actionType === 'penalty').length);
    expect((await publicSearch(`agencyId=${t.org.agencyB.id}`)).total).toBe(0);
  });

  it('keeps corrections as versions: a returned correction, then a published one that retires the old', async () => {
    const draft = await officer.request({
      method: 'POST',
      url: '/api/catalog/drafts',
      payload: { agencyId: t.org.agencyA.id, kind: 'enforcement_item', note: '纠错：更正监督方式' },
    });
    expect(draft.json()).toMatchObject({ version: 2, basedOn: 1, entryCount: items.length });
    const v2 = draft.json();
    const second = await officer.request({
      method: 'POST',
      url: '/api/catalog/drafts',
      payload: { agencyId: t.org.agencyA.id, kind: 'enforcement_item' },
    });
    expect(second.json()).toMatchObject({ status: 409, code: 'catalog.draft_exists' });

    const corrected = items.map((item, i) =>
      i === 0 ? { ...item, supervisionMethod: '沙坡头区司法局执法监督；投诉电话0955-7000000' } : item,
    );
    const saved = await officer.request({
      method: 'PUT',
      url: `/api/catalog/versions/${v2.id}/entries`,
      payload: { rowVersion: 1, entries: corrected },
    });
    expect(saved.statusCode).toBe(200);
    await officer.request({ method: 'POST', url: `/api/catalog/versions/${v2.id}/submit`, payload: { rowVersion: 2 } });
    const noOpinion = await reviewer.request({
      method: 'POST',
      url: `/api/catalog/versions/${v2.id}/review`,
      payload: { rowVersion: 3, decision: 'return' },
    });
    expect(noOpinion.json().errors).toEqual([{ pointer: '/opinion', detail: '退回修改须写明审核意见' }]);
    const returned = await reviewer.request({
      method: 'POST',
      url: `/api/catalog/versions/${v2.id}/review`,
      payload: { rowVersion: 3, decision: 'return', opinion: '请写明监督电话的区号' },
    });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewOpinion: '请写明监督电话的区号' });
    // While returned, the published version stays what the public sees.
    const stillOld = await publicSearch(`q=EI-001`);
    expect(stillOld.items[0]?.entry.supervisionMethod).toBe(items[0]?.supervisionMethod);

    await officer.request({ method: 'PUT', url: `/api/catalog/versions/${v2.id}/entries`, payload: { rowVersion: 4, entries: corrected } });
    await officer.request({ method: 'POST', url: `/api/catalog/versions/${v2.id}/submit`, payload: { rowVersion: 5 } });
    const published = await reviewer.request({
      method: 'POST',
      url: `/api/catalog/versions/${v2.id}/review`,
      payload: { rowVersion: 6, decision: 'approve' },
    });
    expect(published.json()).toMatchObject({ status: 'published', version: 2 });

    const now = await publicSearch(`q=EI-001`);
    expect(now.items).toHaveLength(1);
    expect(now.items[0]?.entry.supervisionMethod).toBe('沙坡头区司法局执法监督；投诉电话0955-7000000');
    const history = (
      await t.app.inject({ method: 'GET', url: `/api/public/catalog/agencies/${t.org.agencyA.id}/enforcement_item/history` })
    ).json();
    expect(history.items.map((v: { version: number; statusLabel: string }) => [v.version, v.statusLabel])).toEqual([
      [2, '现行版本'],
      [1, '历史版本'],
    ]);
    expect(history.items.every((v: { ledgerSeq: number | null }) => typeof v.ledgerSeq === 'number')).toBe(true);
    // The old version's entries stay readable on the portal.
    const old = (await t.app.inject({ method: 'GET', url: `/api/public/catalog/versions/${v1.id}?q=EI-001` })).json();
    expect(old.entries.items[0].supervisionMethod).toBe(items[0]?.supervisionMethod);
    expect(await actions(v1.id)).toEqual(['catalog.draft_created', 'catalog.submitted', 'catalog.published', 'catalog.superseded']);
  });

  it('checks benchmarks against the published items, and a proposal against a benchmark grade', async () => {
    const transportBenchmarks = benchmarkEntriesFor('transport');
    const refused = await officer.request({
      method: 'POST',
      url: '/api/catalog/drafts',
      payload: { agencyId: t.org.agencyA.id, kind: 'discretion_benchmark', entries: transportBenchmarks },
    });
    expect(refused.json().errors).toEqual([
      { pointer: '/entries/0/itemCode', detail: '本机关已公布的行政执法事项清单中没有编码为 EI-022 的事项' },
    ]);
    const benchmark = transportBenchmarks[0] as unknown as DiscretionBenchmark;
    expect(checkAgainstBenchmark(benchmark, 'G2', { penaltyKinds: ['fine'], fineAmount: 40_000 })).toEqual({
      isWithinBenchmark: true,
      reasons: [],
    });
    expect(checkAgainstBenchmark(benchmark, 'G2', { penaltyKinds: ['fine'], fineAmount: 30_000 }).reasons).toEqual([
      '罚款 30000 元低于“一般”阶次的下限 40000 元',
    ]);
    expect(checkAgainstBenchmark(benchmark, 'G1', { penaltyKinds: ['revoke_permit'] }).reasons).toEqual([
      '“轻微”阶次不含处罚种类“吊销许可证件”',
    ]);
  });

  it('shows anyone the ledger entry of a publication in full, and only the hash of a draft', async () => {
    await t.app.inject({ method: 'GET', url: '/api/ledger/checkpoint' });
    const events = await t.system.ctx.db
      .selectFrom('ledger_events')
      .select(['seq', 'action'])
      .where('subject_id', '=', v1.id)
      .orderBy('seq')
      .execute();
    const seqOf = (action: string) => Number(events.find((e) => e.action === action)?.seq);
    const read = async (seq: number) =>
      (await t.app.inject({ method: 'GET', url: `/api/ledger/leaves?start=${seq}&end=${seq + 1}` })).json();
    const published = await read(seqOf('catalog.published'));
    expect(JSON.parse(published.entries[0]).state.version).toMatchObject({ id: v1.id, status: 'published' });
    expect((await read(seqOf('catalog.draft_created'))).entries).toEqual([null]);
  });

  it('lets staff outside the agency see nothing of its drafts', async () => {
    const response = await officerB.request({ method: 'GET', url: `/api/catalog/agencies/${t.org.agencyA.id}` });
    expect(response.json()).toMatchObject({ status: 404 });
    const supervisor = await signIn(t.app, 'supervisor');
    const seen = (await supervisor.request({ method: 'GET', url: `/api/catalog/agencies/${t.org.agencyA.id}` })).json();
    expect(seen.lists.find((l: { kind: string }) => l.kind === 'enforcement_item').published.version).toBe(2);
  });

  it('lets verify find an entry changed behind the application', async () => {
    const before = await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, moduleStateChecks);
    expect(before.findings).toEqual([]);
    await sql`update catalog_entries set data = replace(data, '食品', '药品') where version_id = ${v1.id} and position = 0`.execute(
      t.system.ctx.db,
    );
    const after = await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, moduleStateChecks);
    expect(after.findings).toEqual([expect.stringContaining(`清单版本 ${v1.id}`)]);
  });
});
