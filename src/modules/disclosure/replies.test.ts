/**
 * The decision's page beyond the decision: the party's statement (当事人陈述) — recorded from writing or submitted
 * online with a reply code, redacted, checked by a second person, then public — and the outcome of reconsideration or
 * litigation (维持 / 变更 / 撤销 / 确认违法 / 确认无效), structured, in the public copy. Every step in the ledger.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EnforcementSetup, setUpEnforcement, shiftDate } from '../../../test/support/enforcement.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { todayInChina } from '../../kernel/clock.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';
import { verifyLedger } from '../../ledger/index.js';
import { stateChecksFor } from '../index.js';

const today = todayInChina();
const ago = (days: number) => shiftDate(today, -days);
const uscc = (n: number) => {
  const first17 = `91640502MA9${String(300000 + n).slice(-6)}`;
  return first17 + computeUsccCheckCharacter(first17);
};

// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely in these tests
type Json = Record<string, any>;

describe.each(dialects)('right to reply and remedy outcomes (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;
  let reviewer: Client;
  let serial = 0;

  beforeAll(async () => {
    setup = await setUpEnforcement(t.system.ctx, t.org);
    officer = await signIn(t.app, 'officer.a');
    head = await signIn(t.app, 'head.a');
    reviewer = await signIn(t.app, 'reviewer.a');
  });

  const pair = () => [setup.officers.zhang, setup.officers.li];
  const company = () => {
    serial += 1;
    return { type: 'organization', name: `中卫市沙坡头区陈述测试商行${serial}`, creditCode: uscc(serial), address: '滨河镇迎宾大道8号' };
  };
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
  const post = (client: Client, url: string, payload: Json = {}) => client.request({ method: 'POST', url, payload });
  const publicationOf = async (caseId: string) => {
    const list = (await officer.request({ method: 'GET', url: '/api/disclosure/publications' })).json();
    return list.items.find((p: Json) => p.caseId === caseId) as Json;
  };
  async function publish(caseId: string) {
    const pub = await publicationOf(caseId);
    const prepared = await post(officer, `/api/disclosure/publications/${pub.id}/prepare`, { version: pub.version });
    expect(prepared.statusCode, prepared.body).toBe(200);
    const approved = await post(head, `/api/disclosure/publications/${pub.id}/approve`, { version: prepared.json().version });
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json() as Json;
  }
  async function summaryCase(fineAmount = 200) {
    const opened = await post(officer, '/api/cases', {
      agencyId: t.org.agencyA.id,
      procedure: 'penalty_summary',
      itemCode: 'EI-002',
      divisionCode: '640502100',
      party: company(),
      officerIds: pair(),
      data: { place: '沙坡头区农贸市场', violationOn: today, summary: '未公示食品经营许可证' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id as string;
    await step(officer, id, {
      step: 'summary_decide',
      officerIds: pair(),
      data: { facts: '未在经营场所显著位置公示食品经营许可证', penaltyKinds: ['fine'], fineAmount, record: '当事人无异议' },
    });
    return id;
  }
  /** An ordinary penalty, served two weeks ago and published: the procedure with 复议 and 诉讼 steps. */
  async function ordinaryCase() {
    const opened = await post(officer, '/api/cases', {
      agencyId: t.org.agencyA.id,
      procedure: 'penalty',
      itemCode: 'EI-002',
      divisionCode: '640502100',
      party: company(),
      officerIds: pair(),
      occurredOn: ago(40),
      data: { source: 'inspection', violationOn: ago(60), summary: '检查发现未建立食品安全管理制度' },
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
    return id;
  }
  const outboxRows = (key: string) =>
    t.system.ctx.db.selectFrom('exchange_outbox').select(['kind', 'payload']).where('key', '=', key).orderBy('seq').execute();
  const outboxOf = async (key: string) => (await outboxRows(key)).map((o) => o.kind);
  const lastPushed = async (key: string) => JSON.parse((await outboxRows(key)).at(-1)?.payload as string) as Json;
  const publicRecord = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/public/decisions/${id}` })).json() as Json;

  it('publishes a written statement, redacted, only after another person’s check, and names a statement changed behind the application', async () => {
    const pub = await publish(await summaryCase());
    const text = '我公司已于次日整改，许可证已公示。联系人张伟，手机13912345678，身份证号110105194912310021。';
    const bad = await post(officer, `/api/disclosure/publications/${pub.id}/replies`, { text, receivedOn: shiftDate(today, 1) });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().title).toBe('公开信息不符合要求');

    const recorded = await post(officer, `/api/disclosure/publications/${pub.id}/replies`, { text, receivedOn: today });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const reply = recorded.json();
    expect(reply).toMatchObject({ status: 'submitted', channel: 'written', channelLabel: '书面提交', receivedOn: today });
    expect(reply.publicText).not.toMatch(/13912345678|110105194912310021/);
    expect(reply.publicText).toContain('我公司已于次日整改');
    // Not on the portal before the check.
    expect((await publicRecord(pub.id)).statement ?? null).toBeNull();

    // The officer cannot publish it; a head who recorded one cannot check their own.
    expect((await post(officer, `/api/disclosure/replies/${reply.id}/approve`, { version: reply.version })).statusCode).toBe(403);
    const own = (
      await post(head, `/api/disclosure/publications/${pub.id}/replies`, { text: '补充说明：已缴纳罚款。', receivedOn: today })
    ).json();
    const same = await post(head, `/api/disclosure/replies/${own.id}/approve`, { version: own.version });
    expect(same.statusCode).toBe(422);
    expect(same.json().title).toBe('公开前须由制作人以外的另一人审核');
    const returned = await post(reviewer, `/api/disclosure/replies/${own.id}/return`, { version: own.version, reason: '与原陈述重复' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '与原陈述重复' });

    const approved = await post(head, `/api/disclosure/replies/${reply.id}/approve`, { version: reply.version });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'published', publishedOn: today });
    const record = await publicRecord(pub.id);
    expect(record.statement).toEqual({
      text: reply.publicText,
      receivedOn: today,
      publishedOn: today,
      channel: 'written',
      channelLabel: '书面提交',
    });
    expect(record.ledger.map((e: Json) => e.action)).toContain('publication.statement_published');
    expect(JSON.stringify(record)).not.toMatch(/13912345678|110105194912310021/);
    // The higher-level platform receives the copy with the statement, as it does a publication.
    expect(await outboxOf(pub.id)).toEqual(['publication.published', 'publication.statement_published']);
    expect(await lastPushed(pub.id)).toMatchObject({ isVisible: true, copy: { statement: { text: reply.publicText } } });
    const listed = (await officer.request({ method: 'GET', url: `/api/disclosure/publications/${pub.id}/replies` })).json();
    expect(listed.items.map((r: Json) => r.status)).toEqual(['returned', 'published']);

    expect((await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx))).findings).toEqual([]);
    await sql`update publication_replies set public_text = '经审核的陈述被改写' where id = ${reply.id}`.execute(t.system.ctx.db);
    const report = await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx));
    expect(report.findings).toEqual(expect.arrayContaining([expect.stringContaining(`当事人陈述 ${reply.id}`)]));
    await sql`update publication_replies set public_text = ${reply.publicText} where id = ${reply.id}`.execute(t.system.ctx.db);
  });

  it('takes a statement online with a one-time reply code, and refuses a wrong, used or empty one as problem+json', async () => {
    const pub = await publish(await summaryCase(300));
    const issued = await post(officer, `/api/disclosure/publications/${pub.id}/reply-code`);
    expect(issued.statusCode, issued.body).toBe(200);
    const { code } = issued.json();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const submit = (payload: Json) => t.app.inject({ method: 'POST', url: '/api/public/replies', payload });

    const wrong = await submit({ code: 'AAAA-BBBB-CCCC', text: '我方对处罚无异议，已整改。' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ title: '陈述码不正确、已使用或已过期', code: 'disclosure.reply_code_invalid' });
    expect((await submit({ code, text: '   ' })).statusCode).toBe(400);

    const sent = await submit({ code: code.toLowerCase(), text: '我方对处罚无异议，已于当日整改完毕。' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'submitted', receivedOn: today });
    expect((await submit({ code, text: '再次提交' })).statusCode).toBe(403);

    const listed = (await officer.request({ method: 'GET', url: `/api/disclosure/publications/${pub.id}/replies` })).json();
    const reply = listed.items[0];
    expect(reply).toMatchObject({ channel: 'online', channelLabel: '在线提交', recordedByLabel: '当事人在线提交' });
    // Submitted by the party: any head or reviewer of the agency may check it.
    expect((await post(reviewer, `/api/disclosure/replies/${reply.id}/approve`, { version: reply.version })).statusCode).toBe(200);
    expect((await publicRecord(pub.id)).statement).toMatchObject({
      text: '我方对处罚无异议，已于当日整改完毕。',
      channelLabel: '在线提交',
    });
    expect((await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx))).findings).toEqual([]);
  });

  it('shows the outcome of litigation upheld, and of reconsideration that revoked the decision, as structured fields', async () => {
    const caseId = await ordinaryCase();
    const published = await publish(caseId);
    await step(officer, caseId, {
      step: 'remedy_started',
      occurredOn: ago(10),
      data: { remedy: 'litigation', body: '中卫市沙坡头区人民法院' },
    });
    await step(officer, caseId, { step: 'remedy_ended', occurredOn: ago(2), data: { outcome: '判决驳回原告诉讼请求' } });
    const due = (await officer.request({ method: 'GET', url: `/api/disclosure/publications/${published.id}` })).json();
    const confirmed = await post(officer, `/api/disclosure/publications/${published.id}/confirm`, {
      version: due.version,
      note: '判决维持',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const record = await publicRecord(published.id);
    expect(record.status).toBe('published');
    expect(record.remedy).toEqual({
      kind: 'litigation',
      kindLabel: '行政诉讼',
      body: '中卫市沙坡头区人民法院',
      outcome: 'upheld',
      outcomeLabel: '维持',
      endedOn: ago(2),
    });
    expect(record.ledger.map((e: Json) => e.action)).toContain('publication.upheld');
    expect(await outboxOf(published.id)).toEqual(['publication.published', 'publication.upheld']);
    expect(await lastPushed(published.id)).toMatchObject({ copy: { remedy: { outcome: 'upheld', outcomeLabel: '维持' } } });

    const other = await publish(await summaryCase(500));
    const withdrawn = await post(head, `/api/disclosure/publications/${other.id}/withdraw`, {
      version: other.version,
      ground: 'revoked',
      source: 'reconsideration',
      reason: '复议机关决定撤销',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await publicRecord(other.id)).remedy).toMatchObject({
      kind: 'reconsideration',
      kindLabel: '行政复议',
      outcome: 'revoked',
      outcomeLabel: '撤销',
      body: null,
    });
    const bad = await post(officer, `/api/disclosure/publications/${published.id}/confirm`, { version: 1, note: 'x', source: 'appeal' });
    expect(bad.statusCode).toBe(400);
    expect((await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx))).findings).toEqual([]);
  });
});
