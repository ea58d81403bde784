import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EnforcementSetup, republish, setUpEnforcement, shiftDate } from '../../../test/support/enforcement.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { todayInChina } from '../../kernel/clock.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';
import { verifyLedger } from '../../ledger/index.js';
import { stateChecksFor } from '../index.js';
import { applyReceived } from './exchange.js';
import { recordOverduePublications } from './index.js';

const today = todayInChina();
const ago = (days: number) => shiftDate(today, -days);
const uscc = (n: number) => {
  const first17 = `91640502MA8${String(200000 + n).slice(-6)}`;
  return first17 + computeUsccCheckCharacter(first17);
};

// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely in these tests
type Json = Record<string, any>;

describe.each(dialects)('ex-post disclosure (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;
  let reviewer: Client;
  let supervisor: Client;
  let serial = 0;

  beforeAll(async () => {
    setup = await setUpEnforcement(t.system.ctx, t.org);
    officer = await signIn(t.app, 'officer.a');
    head = await signIn(t.app, 'head.a');
    reviewer = await signIn(t.app, 'reviewer.a');
    supervisor = await signIn(t.app, 'supervisor');
  });

  const step = async (client: Client, caseId: string, body: Json) => {
    const current = (await client.request({ method: 'GET', url: `/api/cases/${caseId}` })).json();
    const response = await client.request({
      method: 'POST',
      url: `/api/cases/${caseId}/steps`,
      payload: { version: current.version, ...body },
    });
    if (response.statusCode !== 200) throw new Error(`${body.step}: ${response.statusCode} ${response.body}`);
    return response.json() as Json;
  };
  const pair = () => [setup.officers.zhang, setup.officers.li];

  /** A summary penalty decided on the spot: its publication is scheduled at once. */
  async function summaryCase(party: Json, facts: string, fineAmount = 100) {
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: t.org.agencyA.id,
        procedure: 'penalty_summary',
        itemCode: 'EI-002',
        divisionCode: '640502100',
        party,
        officerIds: pair(),
        data: { place: '沙坡头区农贸市场', violationOn: today, summary: '摊位未公示健康证明' },
      },
    });
    if (opened.statusCode !== 201) throw new Error(opened.body);
    const id = opened.json().id as string;
    await step(officer, id, {
      step: 'summary_decide',
      officerIds: pair(),
      data: { facts, penaltyKinds: ['fine'], fineAmount, record: '当事人无异议' },
    });
    return id;
  }
  const company = () => {
    serial += 1;
    return { type: 'organization', name: `中卫市沙坡头区公示测试商行${serial}`, creditCode: uscc(serial), address: '滨河镇迎宾大道8号' };
  };
  const publicationOf = async (caseId: string) => {
    const list = (await officer.request({ method: 'GET', url: '/api/disclosure/publications' })).json();
    return list.items.find((p: Json) => p.caseId === caseId) as Json;
  };
  const post = (client: Client, id: string, action: string, payload: Json) =>
    client.request({ method: 'POST', url: `/api/disclosure/publications/${id}/${action}`, payload });
  async function publish(caseId: string) {
    const pub = await publicationOf(caseId);
    const prepared = await post(officer, pub.id, 'prepare', { version: pub.version });
    expect(prepared.statusCode, prepared.body).toBe(200);
    const approved = await post(head, pub.id, 'approve', { version: prepared.json().version });
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json() as Json;
  }
  const anonymous = (url: string) => t.app.inject({ method: 'GET', url });

  it('schedules a served decision by the agency’s rule, previews a redacted copy and publishes it after a second person’s check', async () => {
    const caseId = await summaryCase(
      { type: 'person', name: '王小明', idNumber: '11010519491231002X', address: '沙坡头区文昌镇某小区3号楼' },
      '王小明（手机13912345678）在摊位销售未标明生产日期的熟食',
    );
    const pub = await publicationOf(caseId);
    // No rule of its own in the test lists: the 7 working days of 118号.
    expect(pub).toMatchObject({ status: 'due', actionType: 'penalty', rule: { deadlineWorkingDays: 7, code: null }, decidedOn: today });
    expect(pub.rule.basis).toContain('国办发〔2018〕118号');
    expect(pub.dueOn > today).toBe(true);

    const preview = await post(officer, pub.id, 'preview', {});
    expect(preview.statusCode, preview.body).toBe(200);
    const copy = preview.json().copy;
    expect(copy.party).toEqual({ type: 'person', name: '王某某', creditCode: null, address: null });
    expect(copy.facts).toBe('王某某（手机139********）在摊位销售未标明生产日期的熟食');
    expect(copy).toMatchObject({
      title: '当场行政处罚决定书',
      decision: '给予行政处罚：罚款100元',
      amount: 100,
      legalBasis: '《食品安全法》第一百二十六条',
    });
    expect(JSON.stringify(copy)).not.toMatch(/王小明|13912345678|11010519491231002X|某小区/);
    expect(preview.json().findings).toEqual(expect.arrayContaining([{ kind: 'mobile', label: '手机号码', count: 1 }]));

    const prepared = await post(officer, pub.id, 'prepare', { version: pub.version });
    expect(prepared.json()).toMatchObject({ status: 'prepared', preparedCopy: { party: { name: '王某某' } } });
    // The one who prepared it may not publish it, nor may an officer.
    const self = await post(officer, pub.id, 'approve', { version: prepared.json().version });
    expect(self.json()).toMatchObject({ status: 403 });
    const headPrepared = await summaryCase(company(), '未公示健康证明');
    const byHead = await publicationOf(headPrepared);
    const preparedByHead = await post(head, byHead.id, 'prepare', { version: byHead.version });
    const sameHead = await post(head, byHead.id, 'approve', { version: preparedByHead.json().version });
    expect(sameHead.json()).toMatchObject({ status: 422, code: 'disclosure.same_person', title: '公开前须由制作人以外的另一人审核' });
    const approved = await post(reviewer, byHead.id, 'approve', { version: preparedByHead.json().version });
    expect(approved.json()).toMatchObject({ status: 'published', publishedOn: today });

    const published = await post(head, pub.id, 'approve', { version: prepared.json().version });
    expect(published.json()).toMatchObject({ status: 'published', checkedByLabel: '测试head.a' });

    // The portal's API reads the public copy, with its ledger index.
    const record = await anonymous(`/api/public/decisions/${pub.id}`);
    expect(record.statusCode).toBe(200);
    expect(record.json()).toMatchObject({ party: { name: '王某某' }, status: 'published', publishedOn: today });
    expect(record.json().ledger).toEqual([
      expect.objectContaining({ action: 'publication.published', label: '公开', index: expect.any(Number) }),
    ]);
    expect(record.json().documentId).toEqual(expect.any(String));
    const verify = await anonymous(`/api/public/documents/${record.json().documentId}`);
    expect(verify.statusCode).toBe(200);
  });

  it('searches in Chinese with filters and pages, and shows a party’s whole history by credit code', async () => {
    const party = company();
    for (const fine of [150, 2500]) await publish(await summaryCase(party, `在经营场所销售过期的乳制品，罚没${fine}元`, fine));
    const search = async (query: string) => (await anonymous(`/api/public/decisions?${query}`)).json();
    const byName = await search(`q=${encodeURIComponent(party.name)}`);
    expect(byName.total).toBe(2);
    expect(byName.items[0]).toMatchObject({
      partyName: party.name,
      partyCreditCode: party.creditCode,
      agencyName: '沙坡头区市场监督管理局',
    });
    expect((await search(`q=${encodeURIComponent('乳制品')}`)).total).toBe(2); // a three-character term: FTS5 / trigram index
    expect((await search(`q=${encodeURIComponent('过期 乳制')}`)).total).toBe(2); // several terms, one of two characters
    expect((await search(`q=${encodeURIComponent('乳制品 不存在的词')}`)).total).toBe(0);
    expect((await search(`q=${party.creditCode.toLowerCase()}`)).total).toBe(2);
    expect((await search(`q=${encodeURIComponent(party.name)}&minAmount=1000`)).items.map((i: Json) => i.amount)).toEqual([2500]);
    expect((await search(`q=${encodeURIComponent(party.name)}&maxAmount=1000`)).items.map((i: Json) => i.amount)).toEqual([150]);
    expect((await search(`actionType=licensing`)).total).toBe(0);
    expect((await search(`region=640502&q=${encodeURIComponent(party.name)}`)).total).toBe(2);
    expect((await search(`region=640521`)).total).toBe(0);
    expect((await search(`from=${shiftDate(today, 1)}`)).total).toBe(0);
    expect((await search(`agencyId=${t.org.agencyB.id}`)).total).toBe(0);
    const paged = await search(`q=${encodeURIComponent(party.name)}&pageSize=1&page=2`);
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total: 2, items: [expect.any(Object)] });
    const badQuery = await anonymous('/api/public/decisions?from=2026%2F11%2F22');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.headers['content-type']).toContain('application/problem+json');
    // A date that is not on the calendar is refused, not read as "no range".
    const noSuchDay = await anonymous(`/api/public/decisions?q=${encodeURIComponent('罚款')}&to=2024-13-45`);
    expect(noSuchDay.statusCode).toBe(400);
    expect(noSuchDay.json()).toMatchObject({ code: 'request.invalid' });

    const history = await anonymous(`/api/public/parties/${party.creditCode}`);
    expect(history.json()).toMatchObject({
      creditCode: party.creditCode,
      partyName: party.name,
      total: 2,
      countsByActionType: { penalty: 2 },
    });
    const none = await anonymous(`/api/public/parties/${uscc(9999)}`);
    expect(none.json()).toMatchObject({ status: 404, code: 'disclosure.not_found', title: '未找到该公开信息' });
  });

  it('blocks a decision marked as a trade secret, with the reason recorded', async () => {
    const caseId = await summaryCase(company(), '销售含有配方编号ZX-99的自制调味料');
    const pub = await publicationOf(caseId);
    const preview = await post(officer, pub.id, 'preview', {
      classified: [{ kind: 'trade_secret', reason: '当事人申请保护的配方信息', passage: '配方编号ZX-99' }],
    });
    expect(preview.json()).toMatchObject({ copy: null, blocked: { kind: 'trade_secret', reason: '当事人申请保护的配方信息' } });
    const blocked = await post(officer, pub.id, 'prepare', {
      version: pub.version,
      classified: [{ kind: 'trade_secret', reason: '当事人申请保护的配方信息', passage: '配方编号ZX-99' }],
    });
    expect(blocked.json()).toMatchObject({ status: 'blocked', blockedReason: '涉及商业秘密，不予公开：当事人申请保护的配方信息' });
    const approve = await post(head, pub.id, 'approve', { version: blocked.json().version });
    expect(approve.json()).toMatchObject({ status: 409, code: 'disclosure.state_invalid' });
    expect((await anonymous(`/api/public/decisions/${pub.id}`)).statusCode).toBe(404);
  });

  it('replaces a revoked decision by a withdrawal notice and a changed one by both penalties, each a ledger event', async () => {
    const party = company();
    const revoked = await publish(await summaryCase(party, '未按规定公示食品经营许可证', 200));
    const withdrawn = await post(head, revoked.id, 'withdraw', {
      version: revoked.version,
      ground: 'revoked',
      source: 'reconsideration',
      reason: '沙坡头区人民政府行政复议决定撤销该处罚决定（联系人电话13800001111）',
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    const notice = (await anonymous(`/api/public/decisions/${revoked.id}`)).json();
    expect(notice).toMatchObject({
      status: 'withdrawn',
      withdrawal: { ground: 'revoked', groundLabel: '被撤销', sourceLabel: '行政复议', on: today },
    });
    expect(notice.withdrawal.reason).toBe('沙坡头区人民政府行政复议决定撤销该处罚决定（联系人电话138********）');
    expect(notice.ledger.map((e: Json) => e.label)).toEqual(['公开', '撤下']);
    // The decision's content leaves the portal; what identifies it stays beside the notice.
    expect(notice).toMatchObject({ facts: null, decision: '', amount: null, documentNumber: revoked.preparedCopy.documentNumber });

    const changedPub = await publish(await summaryCase(party, '未按规定公示从业人员健康证明', 2000));
    const changed = await post(head, changedPub.id, 'withdraw', {
      version: changedPub.version,
      ground: 'changed',
      source: 'self_correction',
      reason: '本机关复查后认为裁量过重，依法变更',
      currentDecision: '给予行政处罚：罚款500元',
      currentAmount: 500,
    });
    expect(changed.json().status).toBe('changed');
    const shown = (await anonymous(`/api/public/decisions/${changedPub.id}`)).json();
    expect(shown.change).toMatchObject({
      originalDecision: '给予行政处罚：罚款2,000元',
      originalAmount: 2000,
      currentDecision: '给予行政处罚：罚款500元',
      currentAmount: 500,
      sourceLabel: '本机关自行纠正',
    });
    const listed = (await anonymous(`/api/public/decisions?status=changed&creditCode=${party.creditCode}`)).json();
    expect(listed.items.map((i: Json) => i.amount)).toEqual([500]);

    // Credit repair ends the publicity early: off the portal, still in the ledger.
    const ended = await post(head, changedPub.id, 'end', {
      version: changed.json().version,
      reason: 'credit_repair',
      note: '当事人已完成信用修复',
    });
    expect(ended.json()).toMatchObject({ status: 'ended', endReason: '信用修复：当事人已完成信用修复' });
    expect((await anonymous(`/api/public/decisions/${changedPub.id}`)).statusCode).toBe(404);
    const events = await t.system.ctx.db
      .selectFrom('ledger_events')
      .select('action')
      .where('subject_id', '=', changedPub.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'publication.scheduled',
      'publication.prepared',
      'publication.published',
      'publication.changed',
      'publication.ended',
    ]);
  });

  it('publishes by the agency’s own rule, flags an overdue publication and an overdue withdrawal after a remedy, and verify finds a copy changed behind its back', async () => {
    await republish(t.system.ctx, t.org, 'disclosure_rule', [
      {
        code: 'GK-01',
        name: '行政处罚决定',
        actionType: 'penalty',
        content: '执法机关、执法对象、执法类别、执法结论',
        channel: '本平台',
        deadlineWorkingDays: 5,
        periodMonths: 36,
        periodText: '三年',
        basis: '行政执法三项制度任务清单第（10）项',
      },
    ]);
    const party = company();
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: t.org.agencyA.id,
        procedure: 'penalty',
        itemCode: 'EI-002',
        divisionCode: '640502100',
        party,
        officerIds: pair(),
        occurredOn: ago(40),
        data: { source: 'inspection', violationOn: ago(60), summary: '检查发现未建立食品安全管理制度' },
      },
    });
    const id = opened.json().id as string;
    const proposal = {
      facts: '未按规定建立食品安全管理制度，经责令改正拒不改正',
      penaltyKinds: ['fine'],
      fineAmount: 8000,
      benchmark: 'BM-126:M',
    };
    await step(officer, id, { step: 'examine', occurredOn: ago(30), data: { ...proposal, record: '调查终结报告' } });
    await step(officer, id, { step: 'prior_notice', occurredOn: ago(25), data: { ...proposal, hearingRight: false } });
    await step(head, id, { step: 'decide', occurredOn: ago(15), data: proposal });
    await step(officer, id, {
      step: 'serve',
      occurredOn: ago(14),
      data: { method: 'direct', document: '行政处罚决定书', recipient: '法定代表人' },
    });
    const pub = await publicationOf(id);
    expect(pub).toMatchObject({ rule: { code: 'GK-01', deadlineWorkingDays: 5, periodText: '三年' }, decidedOn: ago(15), isOverdue: true });

    const swept = await recordOverduePublications(t.system.ctx);
    expect(swept.overdue).toBeGreaterThanOrEqual(1);
    expect((await recordOverduePublications(t.system.ctx)).overdue).toBe(0); // once each
    const overdue = (await supervisor.request({ method: 'GET', url: '/api/disclosure/publications?overdue=true' })).json();
    expect(overdue.items.find((p: Json) => p.id === pub.id)).toMatchObject({ isOverdue: true, overdueRecorded: true });

    const published = await publish(id);
    expect(published.expiresOn).toBe(`${Number(today.slice(0, 4)) + 3}${today.slice(4)}`);
    await step(officer, id, {
      step: 'remedy_started',
      occurredOn: ago(10),
      data: { remedy: 'litigation', body: '中卫市沙坡头区人民法院' },
    });
    await step(officer, id, { step: 'remedy_ended', occurredOn: ago(6), data: { outcome: '判决撤销被诉处罚决定' } });
    const due = (await officer.request({ method: 'GET', url: `/api/disclosure/publications/${pub.id}` })).json();
    expect(due).toMatchObject({ correctionNote: '复议或诉讼终结：判决撤销被诉处罚决定', isCorrectionOverdue: true });
    expect((await recordOverduePublications(t.system.ctx)).correctionOverdue).toBe(1);
    const events = await t.system.ctx.db
      .selectFrom('ledger_events')
      .select('action')
      .where('subject_id', '=', pub.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toContain('publication.correction_overdue');
    expect(events.map((e) => e.action)).toContain('publication.overdue');

    expect((await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx))).findings).toEqual([]);
    // A fine lowered in the portal's table by SQL, and a record slipped in: both named.
    await sql`update public_records set amount = 1 where id = ${pub.id}`.execute(t.system.ctx.db);
    await sql`insert into public_records select 'forged-record', agency_id, agency_name, government_id, division_code, division_name, action_type, title, document_number, decided_on, published_on, party_type, party_name, party_credit_code, amount, status, is_visible, expires_on, body, search_text, updated_on, null from public_records where id = ${pub.id}`.execute(
      t.system.ctx.db,
    );
    const report = await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx));
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`事后公开信息 ${pub.id} 的数据与账本最近一条记录不符（字段：publicRecord）`),
        expect.stringContaining('公开副本 forged-record 没有对应的公开记录'),
      ]),
    );
    await sql`delete from public_records where id = 'forged-record'`.execute(t.system.ctx.db);
    await sql`update public_records set amount = 8000 where id = ${pub.id}`.execute(t.system.ctx.db);
  });

  it('puts every public action in the exchange outbox with the public copy, and keeps a copy received from below', async () => {
    const party = company();
    const pub = await publish(await summaryCase(party, '未按规定公示食品安全信息', 300));
    await post(head, pub.id, 'withdraw', { version: pub.version, ground: 'void', source: 'litigation', reason: '人民法院判决确认无效' });
    const outbox = await t.system.ctx.db
      .selectFrom('exchange_outbox')
      .select(['kind', 'payload'])
      .where('key', '=', pub.id)
      .orderBy('seq')
      .execute();
    expect(outbox.map((o) => o.kind)).toEqual(['publication.published', 'publication.withdrawn']);
    const pushed = JSON.parse(outbox[1]?.payload as string);
    expect(pushed).toMatchObject({ isVisible: true, copy: { id: pub.id, status: 'withdrawn', party: { name: party.name } } });

    // The city's side: a county's copy applied as received shows on this portal, and its withdrawal replaces it.
    const county = {
      ...pushed.copy,
      id: 'county-record-1',
      status: 'published',
      withdrawal: null,
      caseTitle: '中宁县某商行未按规定公示案',
    };
    const item = (seq: number, kind: string, copy: Json) => ({
      seq,
      kind,
      key: copy.id,
      payload: { copy, isVisible: true },
      createdAt: new Date().toISOString(),
      origin: 'county.example',
      originName: '中宁县',
    });
    await t.system.ctx.db.transaction().execute((trx) => applyReceived(trx, item(1, 'publication.published', county), t.system.ctx));
    expect((await anonymous('/api/public/decisions/county-record-1')).json()).toMatchObject({
      caseTitle: '中宁县某商行未按规定公示案',
      status: 'published',
    });
    expect((await anonymous(`/api/public/decisions?q=${encodeURIComponent('中宁县某商行')}`)).json().total).toBe(1);
    await t.system.ctx.db
      .transaction()
      .execute((trx) =>
        applyReceived(
          trx,
          item(2, 'publication.withdrawn', { ...county, status: 'withdrawn', withdrawal: pushed.copy.withdrawal }),
          t.system.ctx,
        ),
      );
    expect((await anonymous('/api/public/decisions/county-record-1')).json()).toMatchObject({
      status: 'withdrawn',
      withdrawal: { groundLabel: '被确认无效' },
    });
    const bad = t.system.ctx.db
      .transaction()
      .execute((trx) => applyReceived(trx, item(3, 'publication.published', { id: 'county-record-1' }), t.system.ctx));
    await expect(bad).rejects.toMatchObject({ code: 'disclosure.invalid' });
    await t.system.ctx.db.deleteFrom('public_records').where('id', '=', 'county-record-1').execute();
    if (t.system.ctx.dialect === 'sqlite')
      await t.system.ctx.db.deleteFrom('public_records_fts').where('record_id', '=', 'county-record-1').execute();
  });

  it('keeps staff lists in scope and answers problem+json to strangers and wrong users', async () => {
    const stranger = await t.app.inject({ method: 'GET', url: '/api/disclosure/publications' });
    expect(stranger.statusCode).toBe(401);
    const pub = (await officer.request({ method: 'GET', url: '/api/disclosure/publications' })).json().items[0];
    const otherAgency = await signIn(t.app, 'officer.b');
    const hidden = await otherAgency.request({ method: 'GET', url: `/api/disclosure/publications/${pub.id}` });
    expect(hidden.json()).toMatchObject({ status: 404, code: 'disclosure.not_found' });
    const stale = await post(officer, pub.id, 'prepare', { version: 999 });
    expect([409]).toContain(stale.statusCode);
  });
});
