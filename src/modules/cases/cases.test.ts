import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EnforcementSetup, republish, setUpEnforcement, shiftDate, testLists, uploadFile } from '../../../test/support/enforcement.js';
import { password, totpSecret } from '../../../test/support/factories.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { systemActor } from '../../kernel/actor.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { todayInChina } from '../../kernel/clock.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';
import { verifyLedger } from '../../ledger/index.js';
import { stateChecksFor } from '../index.js';
import { bindSecondFactor, createUser } from '../org/index.js';
import { recordQualification } from '../personnel/index.js';
import { recordOverdueClocks, registerProcedureVersions } from './index.js';
import { currentProcedures } from './procedures/index.js';

const today = todayInChina();
const ago = (days: number) => shiftDate(today, -days);
const uscc = (n: number) => {
  const first17 = `91640502MA7${String(100000 + n).slice(-6)}`;
  return first17 + computeUsccCheckCharacter(first17);
};

// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely in these tests
type Json = Record<string, any>;

describe.each(dialects)('enforcement cases (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;
  let reviewer: Client;
  let supervisor: Client;
  let partySerial = 0;

  beforeAll(async () => {
    setup = await setUpEnforcement(t.system.ctx, t.org);
    officer = await signIn(t.app, 'officer.a');
    head = await signIn(t.app, 'head.a');
    reviewer = await signIn(t.app, 'reviewer.a');
    supervisor = await signIn(t.app, 'supervisor');
  });

  const open = (overrides: Json = {}, data: Json = {}) =>
    officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: t.org.agencyA.id,
        procedure: 'penalty',
        itemCode: 'EI-002',
        divisionCode: '640502100',
        party: {
          type: 'organization',
          name: `中卫市沙坡头区测试餐饮有限公司${++partySerial}`,
          creditCode: uscc(partySerial),
          address: '滨河镇迎宾大道1号',
        },
        officerIds: [setup.officers.zhang, setup.officers.li],
        occurredOn: ago(40),
        ...overrides,
        data: { source: 'inspection', violationOn: ago(60), summary: '检查发现未建立食品安全管理制度', ...data },
      },
    });
  const step = async (client: Client, caseId: string, body: Json) => {
    const current = (await client.request({ method: 'GET', url: `/api/cases/${caseId}` })).json();
    return client.request({ method: 'POST', url: `/api/cases/${caseId}/steps`, payload: { version: current.version, ...body } });
  };
  const ok = async (client: Client, caseId: string, body: Json) => {
    const response = await step(client, caseId, body);
    if (response.statusCode !== 200) throw new Error(`${body.step}: ${response.statusCode} ${response.body}`);
    return response.json() as Json;
  };
  const video = async (caseId: string, title = '现场检查执法记录仪录像') => {
    const fileId = await uploadFile(officer, randomBytes(64 * 1024), `${title}.mp4`, 'video/mp4');
    const response = await officer.request({
      method: 'POST',
      url: `/api/cases/${caseId}/evidence`,
      payload: {
        fileId,
        kind: 'video',
        title,
        capturedAt: new Date().toISOString(),
        capturedPlace: '滨河镇迎宾大道1号',
        officerIds: [setup.officers.zhang],
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as Json;
  };
  const materials = {
    evidenceList: '现场笔录、询问笔录、检验报告',
    legalAnalysis: '《食品安全法》第一百二十六条第一款第（二）项',
    discretionReasoning: '拒不改正且造成后果，适用较重阶次',
  };
  const review = (opinion: string) => ({
    authority: 'pass',
    qualification: 'pass',
    procedure: 'pass',
    factsClear: 'pass',
    evidence: 'pass',
    legalBasis: 'pass',
    discretion: 'pass',
    documents: 'pass',
    crime: 'not_applicable',
    opinion,
    opinionText: opinion === 'approved' ? '事实清楚，证据确凿，适用依据正确，同意' : '意见',
  });
  const proposal = (fineAmount: number, grade = 'M', extra: Json = {}) => ({
    facts: '未按规定建立食品安全管理制度，经责令改正拒不改正',
    penaltyKinds: ['fine'],
    fineAmount,
    benchmark: `BM-126:${grade}`,
    ...extra,
  });

  it('runs a penalty case from opening to closing, with its recording, documents, clocks and a timeline tied to the ledger', async () => {
    const opened = await open();
    expect(opened.statusCode, opened.body).toBe(201);
    const created = opened.json();
    expect(created).toMatchObject({
      status: 'investigating',
      statusLabel: '调查取证',
      procedureName: '行政处罚普通程序',
      itemCode: 'EI-002',
    });
    expect(created.number).toMatch(/案〔\d{4}〕\d+号$/);
    expect(created.legalBasisText).toBe('《食品安全法》第一百二十六条');
    expect(created.clocks).toEqual([
      expect.objectContaining({ key: 'decision', dueOn: expect.any(String), basis: '《行政处罚法》第六十条' }),
    ]);
    expect(created.timeline[0].documents).toEqual([expect.objectContaining({ title: '立案审批表' })]);
    const id = created.id as string;

    // The recording list requires an AV record of on-site inspection.
    const noRecording = await step(officer, id, {
      step: 'inspect',
      occurredOn: ago(38),
      officerIds: [setup.officers.zhang, setup.officers.li],
      data: { place: '后厨', record: '现场检查笔录内容' },
    });
    expect(noRecording.statusCode).toBe(422);
    expect(noRecording.json()).toMatchObject({
      code: 'cases.guard_failed',
      errors: [
        { pointer: '/recordingIds', detail: expect.stringContaining('《音像记录事项清单》要求“现场检查、勘验”（AV-01）进行音像记录') },
      ],
    });
    const recording = await video(id);
    expect(recording).toMatchObject({ kindLabel: '视频', digestMatchesLedger: true, supersededById: null });
    await ok(officer, id, {
      step: 'inspect',
      occurredOn: ago(38),
      officerIds: [setup.officers.zhang, setup.officers.li],
      recordingIds: [recording.id],
      data: { place: '后厨', record: '现场检查笔录内容' },
    });
    await ok(officer, id, { step: 'examine', occurredOn: ago(30), data: { ...proposal(10000), record: '调查终结报告' } });
    await ok(officer, id, { step: 'prior_notice', occurredOn: ago(25), data: { ...proposal(10000), hearingRight: true } });
    const decided = await ok(head, id, { step: 'decide', occurredOn: ago(5), data: proposal(10000) });
    expect(decided.status).toBe('decided');
    const decisionDocs = decided.timeline.at(-1).documents;
    expect(decisionDocs).toEqual([
      expect.objectContaining({ title: '行政处罚决定书', number: expect.stringMatching(/罚〔\d{4}〕\d+号$/) }),
    ]);
    expect(decided.clocks.find((c: Json) => c.key === 'service')).toMatchObject({ status: expect.stringMatching(/running|due_soon/) });

    await ok(officer, id, {
      step: 'serve',
      occurredOn: ago(3),
      data: { method: 'direct', document: '行政处罚决定书', recipient: '法定代表人' },
    });
    const paid = await ok(officer, id, { step: 'pay', data: { amountPaid: 10000, receipt: 'FS2026001' } });
    expect(paid.clocks.find((c: Json) => c.key === 'payment')).toMatchObject({ status: 'met', surcharge: { days: 0, amountFen: 0 } });
    const closed = await ok(head, id, { step: 'close', data: { record: '罚款已缴清，同意结案' } });
    expect(closed).toMatchObject({ status: 'closed', closedOn: today, nextSteps: [] });
    expect(closed.timeline.map((s: Json) => s.label)).toEqual([
      '立案',
      '现场检查',
      '调查终结',
      '行政处罚事先告知',
      '作出处罚决定',
      '送达处罚决定书',
      '缴纳罚款',
      '结案',
    ]);
    const seqs = closed.timeline.map((s: Json) => s.ledgerSeq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(closed.timeline[1]).toMatchObject({
      actorLabel: '测试officer.a（officer.a）',
      officers: [{ name: '张三' }, { name: '李四' }],
      recordingIds: [recording.id],
    });

    // The ledger holds the step as recorded.
    const event = await t.system.ctx.db
      .selectFrom('ledger_events')
      .select(['action', 'payload'])
      .where('seq', '=', seqs[4])
      .executeTakeFirstOrThrow();
    expect(event.action).toBe('case.decide');
    expect(JSON.parse(event.payload).state.step).toMatchObject({ stepKey: 'decide', data: { fineAmount: 10000 } });

    const report = await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx));
    expect(report.findings).toEqual([]);
  });

  it('refuses steps out of order, by the wrong role, or on a stale version, saying what can be done', async () => {
    const id = (await open()).json().id;
    const early = await step(head, id, { step: 'decide', data: proposal(10000) });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe(
      '案件处于“调查取证”阶段，不能办理“作出处罚决定”；当前可办理：现场检查、询问调查、证据先行登记保存、作出登记保存处理决定、延长办案期限、调查终结、不予行政处罚、移送司法机关',
    );
    const wrongRole = await step(officer, id, { step: 'extend_deadline', data: { days: 30, reason: '案情复杂需要补充鉴定' } });
    expect(wrongRole.json()).toMatchObject({ status: 403, detail: '“延长办案期限”须由机关负责人办理' });
    const stale = await officer.request({
      method: 'POST',
      url: `/api/cases/${id}/steps`,
      payload: { step: 'examine', version: 99, data: { ...proposal(10000), record: '报告' } },
    });
    expect(stale.json()).toMatchObject({ status: 409, code: 'cases.version_conflict' });
    const future = await step(officer, id, {
      step: 'examine',
      occurredOn: shiftDate(today, 1),
      data: { ...proposal(10000), record: '报告' },
    });
    expect(future.json()).toMatchObject({ status: 400, errors: [{ pointer: '/occurredOn' }] });
    const unknownField = await step(officer, id, { step: 'examine', data: { ...proposal(10000), record: '报告', colour: 'red' } });
    expect(unknownField.json().errors).toEqual([{ pointer: '/data/colour', detail: '本环节没有“colour”这一项' }]);
  });

  it('needs two officers with valid certificates: one alone, an auxiliary or an expired certificate is refused with the reason', async () => {
    const alone = await open({ officerIds: [setup.officers.zhang] });
    expect(alone.statusCode).toBe(422);
    expect(alone.json().detail).toContain('执法人员不得少于两人，持有有效执法证的只有 1 人（《行政处罚法》第四十二条）');
    const auxiliary = await open({ officerIds: [setup.officers.zhang, setup.officers.zhao] });
    expect(auxiliary.json().errors).toContainEqual({
      pointer: '/officerIds/1',
      detail: '赵六是辅助人员，只能协助持证执法人员，不计入执法人员人数（《行政处罚法》第四十二条）',
    });
    const expired = await open({ officerIds: [setup.officers.zhang, setup.officers.qian] });
    expect(expired.json().errors[0].detail).toMatch(/^钱七：执法证 \S+ 已过期/);
    const elsewhere = await open({ divisionCode: '640521' });
    expect(elsewhere.json()).toMatchObject({ status: 400, errors: [{ pointer: '/divisionCode' }] });
    const notListed = await open({ itemCode: 'EI-999' });
    expect(notListed.json().detail).toBe('本机关已公布的行政执法事项清单中没有编码为 EI-999 的事项，不能办理清单以外的事项');
    const badParty = await open({ party: { type: 'person', name: '张某', idNumber: '110105194912310021' } });
    expect(badParty.json()).toMatchObject({ status: 400, errors: [{ pointer: '/party/idNumber', detail: '公民身份号码校验位不正确' }] });
  });

  it('keeps a person’s ID number sealed, showing only the masked number', async () => {
    const opened = await open({ party: { type: 'person', name: '张某某', idNumber: '11010519491231002X' } });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().party).toMatchObject({ type: 'person', idNumberMasked: '110105********002X', creditCode: null });
    const row = await t.system.ctx.db
      .selectFrom('cases')
      .select('party_id_sealed')
      .where('id', '=', opened.json().id)
      .executeTakeFirstOrThrow();
    expect(row.party_id_sealed).not.toContain('11010519491231002X');
    expect(t.system.ctx.secrets.open(row.party_id_sealed as string)).toBe('11010519491231002X');
    expect(opened.body).not.toContain('11010519491231002X');
  });

  it('refuses a case beyond the limitation period unless a reason is given, and flags that to the supervisor', async () => {
    const late = await open({}, { violationOn: ago(800) });
    expect(late.statusCode).toBe(422);
    expect(late.json().detail).toContain('已超过二年追责期限');
    const harmful = await open({}, { violationOn: ago(800), harmsLifeOrFinance: true });
    expect(harmful.statusCode).toBe(201);
    const overridden = await open(
      {},
      { violationOn: ago(800), limitationOverride: '违法行为处于连续状态，至今未终了，追责期限从行为终了之日起计算' },
    );
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json().flags).toEqual([expect.objectContaining({ kind: 'limitation_override' })]);
    const flags = (await supervisor.request({ method: 'GET', url: '/api/cases/flags' })).json();
    expect(flags.items).toContainEqual(expect.objectContaining({ caseId: overridden.json().id, kindLabel: '超过追责期限立案' }));
  });

  it('holds proposals to the discretion benchmark, and a major decision to legal review', async () => {
    const id = (await open()).json().id;
    const missing = await step(officer, id, { step: 'examine', data: { ...proposal(10000), benchmark: undefined, record: '报告' } });
    expect(missing.json().errors).toEqual([{ pointer: '/data/benchmark', detail: expect.stringContaining('须选择适用的基准和阶次') }]);
    const outside = await step(officer, id, { step: 'examine', data: { ...proposal(60000), record: '报告' } });
    expect(outside.json()).toMatchObject({
      status: 422,
      errors: [{ pointer: '/data/deviationReason', detail: expect.stringContaining('罚款 60000 元高于“一般”阶次的上限 20000 元') }],
    });
    const reasoned = await ok(officer, id, {
      step: 'examine',
      occurredOn: ago(30),
      data: { ...proposal(60000, 'M', { deviationReason: '当事人多次拒不改正，情节特别恶劣，依法从重' }), record: '报告' },
    });
    expect(reasoned.flags).toEqual([expect.objectContaining({ kind: 'discretion_deviation' })]);
    const notified = await ok(officer, id, { step: 'prior_notice', occurredOn: ago(25), data: proposal(30000, 'H') });
    expect(notified.major).toMatchObject({
      isMajor: true,
      reasons: [{ code: 'ZD-01', name: '较大数额罚款', description: '对法人或其他组织罚没款合计2万元以上' }],
      review: { status: 'not_submitted', statusLabel: '未送审', coversCurrentProposal: false },
    });
    const unreviewed = await step(head, id, { step: 'decide', data: proposal(30000, 'H') });
    expect(unreviewed.json()).toMatchObject({ status: 422, detail: expect.stringContaining('本案属于重大执法决定：较大数额罚款') });
    expect(unreviewed.json().detail).toContain('《行政处罚法》第五十八条');
    const byOfficer = await step(officer, id, { step: 'legal_review', data: review('approved') });
    expect(byOfficer.json()).toMatchObject({ status: 403, detail: '“法制审核”须由法制审核人员办理' });
    expect((await step(reviewer, id, { step: 'legal_review', data: review('approved') })).json().detail).toBe(
      '没有待审核的送审材料：承办机构须先提交法制审核',
    );
    const incomplete = await step(officer, id, { step: 'submit_review', occurredOn: ago(3), data: proposal(30000, 'H') });
    expect(incomplete.json().errors.map((e: Json) => e.detail)).toEqual(['请填写证据清单', '请填写适用法律依据及理由', '请填写裁量理由']);
    await ok(officer, id, { step: 'submit_review', occurredOn: ago(3), data: { ...proposal(30000, 'H'), ...materials } });
    const returned = await ok(reviewer, id, {
      step: 'legal_review',
      occurredOn: ago(2),
      data: { ...review('returned'), factsClear: 'fail', opinionText: '证据不足，退回补充调查' },
    });
    expect(returned.timeline.at(-1).documents).toEqual([expect.objectContaining({ title: '案件审核/法制审核表' })]);
    expect((await step(head, id, { step: 'decide', data: proposal(30000, 'H') })).json().detail).toBe(
      '法制审核意见为“退回补充调查”，审核未通过的不得作出决定（《行政处罚法》第五十八条）',
    );
    await ok(officer, id, {
      step: 'submit_review',
      occurredOn: ago(2),
      data: { ...proposal(30000, 'H'), ...materials, evidenceList: '补充：检验报告' },
    });
    const approved = await ok(reviewer, id, { step: 'legal_review', occurredOn: ago(1), data: review('approved') });
    expect(approved.major.review).toMatchObject({ status: 'passed', coversCurrentProposal: true });
    // The gate covers exactly what was reviewed: a different fine closes it again.
    const changed = await step(head, id, { step: 'decide', data: proposal(35000, 'H') });
    expect(changed.json().detail).toBe(
      '法制审核通过的拟处理意见与本决定不符（本决定：罚款 35,000 元），决定内容变更后须重新提交法制审核（《行政处罚法》第五十八条）',
    );
    const decided = await ok(head, id, { step: 'decide', data: proposal(30000, 'H') });
    expect(decided.status).toBe('decided');
    const decision = decided.timeline.at(-1);
    const event = await t.system.ctx.db
      .selectFrom('ledger_events')
      .select('payload')
      .where('seq', '=', decision.ledgerSeq)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload).state.step.data).toMatchObject({
      majorReasons: ['较大数额罚款（ZD-01）'],
      proposalDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx))).findings).toEqual([]);
  });

  it('has a review done by someone who took no part in the case, and verify names a major decision without a matching review', async () => {
    const { ctx } = t.system;
    const both = await createUser(ctx, systemActor('测试'), {
      username: 'officer.reviewer',
      displayName: '测试兼任',
      agencyId: t.org.agencyA.id,
      roles: ['officer', 'reviewer'],
      password,
    });
    await bindSecondFactor(ctx, systemActor('测试'), both.id, totpSecret);
    await recordQualification(ctx, systemActor('测试'), {
      userId: both.id,
      kind: 'legal_profession',
      certificateNumber: 'A20196405020002',
      obtainedOn: ago(900),
    });
    const dual = await signIn(t.app, 'officer.reviewer');
    const id = (await open()).json().id;
    await ok(dual, id, { step: 'examine', occurredOn: ago(30), data: { ...proposal(30000, 'H'), record: '报告' } });
    await ok(officer, id, { step: 'submit_review', occurredOn: ago(29), data: { ...proposal(30000, 'H'), ...materials } });
    const own = await step(dual, id, { step: 'legal_review', occurredOn: ago(28), data: review('approved') });
    expect(own.json().detail).toBe('法制审核人员参与了本案的办理，应回避，由其他法制审核人员审核');
    await ok(reviewer, id, { step: 'legal_review', occurredOn: ago(28), data: review('approved') });
    await ok(officer, id, { step: 'prior_notice', occurredOn: ago(27), data: proposal(30000, 'H') });
    await ok(head, id, { step: 'decide', occurredOn: ago(5), data: proposal(30000, 'H') });
    // Behind the application's back: the review's recorded opinion is rewritten in the ledger payload — verify names
    // the edited event, and the audit names the decision that no longer has a passed review.
    const events = await ctx.db
      .selectFrom('ledger_events')
      .select(['seq', 'payload'])
      .where('subject_id', '=', id)
      .where('action', '=', 'case.legal_review')
      .execute();
    const target = events[0] as { seq: number | string; payload: string };
    const edited = target.payload.replace('"opinion":"approved"', '"opinion":"returned"');
    if (dialect === 'sqlite') await sql`drop trigger ledger_events_no_update`.execute(ctx.db);
    else await sql`alter table ledger_events disable trigger user`.execute(ctx.db);
    await sql`update ledger_events set payload = ${edited} where seq = ${Number(target.seq)}`.execute(ctx.db);
    const findings = (await verifyLedger(ctx.db, ctx.ledgerKeys, stateChecksFor(ctx))).findings;
    expect(findings).toContainEqual(
      expect.stringMatching(new RegExp(`^案件 ${id} 的决定（账本第 \\d+ 条）属于重大执法决定（较大数额罚款（ZD-01））`)),
    );
  });

  it('waits for the statement period, keeps hearing periods, and has the hearing chaired by someone outside the investigation', async () => {
    const id = (await open()).json().id;
    await ok(officer, id, { step: 'examine', occurredOn: ago(30), data: { ...proposal(10000), record: '报告' } });
    await ok(officer, id, { step: 'prior_notice', occurredOn: ago(30), data: { ...proposal(10000), hearingRight: true } });
    const early = await step(head, id, { step: 'decide', occurredOn: ago(30), data: proposal(10000) });
    expect(early.json().detail).toMatch(/^当事人陈述、申辩和要求听证的期限至 \d{4}-\d{2}-\d{2} 届满，期满前不能作出处罚决定/);
    const lateRequest = await step(officer, id, { step: 'hearing_request', occurredOn: ago(10), data: { requestedBy: '法定代表人' } });
    expect(lateRequest.json().detail).toContain('已经超期（《行政处罚法》第六十四条第一项）');

    const second = (await open()).json().id;
    await ok(officer, second, { step: 'examine', occurredOn: ago(30), data: { ...proposal(10000), record: '报告' } });
    await ok(officer, second, { step: 'prior_notice', occurredOn: ago(29), data: { ...proposal(10000), hearingRight: true } });
    await ok(officer, second, { step: 'hearing_request', occurredOn: ago(28), data: { requestedBy: '法定代表人' } });
    const tooSoon = await step(officer, second, {
      step: 'hearing_notice',
      occurredOn: ago(27),
      data: { hearingOn: ago(25), place: '第一听证室', chair: setup.officers.wang },
    });
    expect(tooSoon.json().detail).toContain('应当在举行听证的七个工作日前通知当事人');
    const investigator = await step(officer, second, {
      step: 'hearing_notice',
      occurredOn: ago(27),
      data: { hearingOn: ago(10), place: '第一听证室', chair: setup.officers.zhang },
    });
    expect(investigator.json().detail).toContain('听证主持人参与了本案调查');
    await ok(officer, second, {
      step: 'hearing_notice',
      occurredOn: ago(27),
      data: { hearingOn: ago(10), place: '第一听证室', chair: setup.officers.wang },
    });
    const recording = await video(second, '听证录像');
    await ok(officer, second, {
      step: 'hearing',
      occurredOn: ago(10),
      recordingIds: [recording.id],
      data: { place: '第一听证室', record: '听证笔录', report: '听证报告' },
    });
    // A hearing makes the decision major (ZD-03): legal review first.
    expect((await step(head, second, { step: 'decide', data: proposal(10000) })).json().detail).toContain('经过听证程序的决定');
  });

  it('decides on the spot only within the summary procedure’s limits', async () => {
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: t.org.agencyA.id,
        procedure: 'penalty_summary',
        itemCode: 'EI-002',
        divisionCode: '640502',
        party: { type: 'person', name: '李某', idNumber: '11010519491231002X' },
        officerIds: [setup.officers.zhang, setup.officers.li],
        data: { place: '沙坡头区农贸市场', violationOn: today, summary: '摊位未公示健康证明' },
      },
    });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id;
    const tooMuch = await step(officer, id, {
      step: 'summary_decide',
      officerIds: [setup.officers.zhang, setup.officers.li],
      data: { facts: '未按规定公示', penaltyKinds: ['fine'], fineAmount: 500, record: '当事人无异议' },
    });
    expect(tooMuch.json().detail).toBe('简易程序对公民的罚款不得超过 200 元，本案 500 元，应适用普通程序（《行政处罚法》第五十一条）');
    const decided = await ok(officer, id, {
      step: 'summary_decide',
      officerIds: [setup.officers.zhang, setup.officers.li],
      data: { facts: '未按规定公示', penaltyKinds: ['fine'], fineAmount: 100, record: '当事人无异议' },
    });
    expect(decided.timeline.at(-1).documents[0].title).toBe('当场行政处罚决定书');
  });

  it('runs a licensing case to its certificate, counting working days', async () => {
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: t.org.agencyA.id,
        procedure: 'licensing',
        itemCode: 'EI-004',
        divisionCode: '640502',
        party: { type: 'organization', name: '中卫市沙坡头区新开餐饮店', creditCode: uscc(900) },
        officerIds: [],
        occurredOn: ago(12),
        data: { materials: '申请书、营业执照、场所平面图', summary: '申请食品经营许可（餐饮服务）' },
      },
    });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id;
    expect(opened.json().clocks[0]).toMatchObject({
      key: 'completeness',
      label: '一次性告知补正期限',
      unit: 'working',
      basis: '《行政许可法》第三十二条',
    });
    await ok(officer, id, { step: 'accept', occurredOn: ago(11), data: { record: '材料齐全，予以受理' } });
    const recording = await video(id, '现场核查录像');
    await ok(officer, id, {
      step: 'site_verification',
      occurredOn: ago(9),
      officerIds: [setup.officers.zhang, setup.officers.li],
      recordingIds: [recording.id],
      data: { place: '经营场所', record: '布局流程符合要求' },
    });
    await ok(head, id, { step: 'grant_licence', occurredOn: ago(8), data: { scope: '餐饮服务，有效期五年' } });
    const issued = await ok(officer, id, {
      step: 'issue_certificate',
      occurredOn: ago(6),
      data: { certificateNumber: 'JY16405020000001', method: 'direct', document: '食品经营许可证', recipient: '负责人' },
    });
    expect(issued.clocks.map((c: Json) => [c.key, c.status])).toEqual([
      ['completeness', 'met'],
      ['licensing_decision', 'met'],
      ['certificate_issue', 'met'],
    ]);
    const closed = await ok(head, id, { step: 'close', data: { record: '办结' } });
    expect(closed.timeline.flatMap((s: Json) => s.documents.map((d: Json) => d.title))).toEqual([
      '受理通知书',
      '现场核查笔录',
      '准予行政许可决定书',
      '送达回证',
      '结案审批表',
    ]);
  });

  it('keeps evidence: corrections supersede, every look is recorded with its purpose, and bytes need a grant', async () => {
    const id = (await open()).json().id;
    const first = await video(id, '询问录像');
    const badCorrection = await officer.request({
      method: 'POST',
      url: `/api/cases/${id}/evidence`,
      payload: {
        fileId: first.fileId,
        kind: 'video',
        title: '询问录像（更正）',
        capturedAt: new Date().toISOString(),
        capturedPlace: '办公室',
        officerIds: [],
        supersedesId: first.id,
      },
    });
    expect(badCorrection.json().errors).toEqual([{ pointer: '/correctionReason', detail: '更正证据须写明理由（不少于5字）' }]);
    const fileId = await uploadFile(officer, randomBytes(1000), '询问录像-完整.mp4', 'video/mp4');
    const corrected = await officer.request({
      method: 'POST',
      url: `/api/cases/${id}/evidence`,
      payload: {
        fileId,
        kind: 'video',
        title: '询问录像（完整版）',
        capturedAt: new Date().toISOString(),
        capturedPlace: '办公室',
        officerIds: [setup.officers.li],
        supersedesId: first.id,
        correctionReason: '原录像缺少最后五分钟，补充完整版本',
      },
    });
    expect(corrected.statusCode).toBe(201);
    const list = (await officer.request({ method: 'GET', url: `/api/cases/${id}/evidence` })).json().items;
    expect(list.map((e: Json) => [e.title, e.supersededById])).toEqual([
      ['询问录像', corrected.json().id],
      ['询问录像（完整版）', null],
    ]);
    const wrongKind = await officer.request({
      method: 'POST',
      url: `/api/cases/${id}/evidence`,
      payload: { fileId, kind: 'photo', title: '照片', capturedAt: new Date().toISOString(), capturedPlace: '办公室', officerIds: [] },
    });
    expect(wrongKind.json().detail).toBe('文件类型为 video/mp4，不是照片');

    // Evidence bytes only through a recorded access.
    const direct = await officer.request({ method: 'GET', url: `/api/files/${fileId}/content` });
    expect(direct.json()).toMatchObject({ status: 403, detail: '该文件是案件证据，请在案件中调阅并注明调阅目的' });
    const noPurpose = await supervisor.request({ method: 'POST', url: `/api/evidence/${first.id}/access`, payload: { action: 'view' } });
    expect(noPurpose.statusCode).toBe(400);
    const grant = await supervisor.request({
      method: 'POST',
      url: `/api/evidence/${first.id}/access`,
      payload: { action: 'view', purpose: 'supervision' },
    });
    expect(grant.statusCode).toBe(201);
    const played = await supervisor.request({ method: 'GET', url: grant.json().url, headers: { range: 'bytes=0-99' } });
    expect([played.statusCode, played.headers['content-range'], played.rawPayload.length]).toEqual([206, `bytes 0-99/${64 * 1024}`, 100]);
    const borrowed = await officer.request({ method: 'GET', url: grant.json().url });
    expect(borrowed.json()).toMatchObject({ status: 403, detail: '调阅凭证不属于您或不属于该证据' });
    const log = (await head.request({ method: 'GET', url: `/api/cases/${id}/access-log` })).json().items;
    expect(log).toEqual([
      expect.objectContaining({
        evidenceTitle: '询问录像',
        who: '测试supervisor（supervisor）',
        actionLabel: '查看',
        purposeLabel: '执法监督',
      }),
    ]);
    const check = (await officer.request({ method: 'POST', url: `/api/evidence/${first.id}/check` })).json();
    expect(check).toMatchObject({ isIntact: true, message: expect.stringMatching(/^文件完好/) });
  });

  it('records overdue clocks once for supervision', async () => {
    const id = (await open()).json().id;
    await ok(officer, id, {
      step: 'preserve_evidence',
      occurredOn: ago(30),
      officerIds: [setup.officers.zhang, setup.officers.li],
      data: { place: '仓库', items: '食品原料10箱', reason: '证据可能灭失' },
    });
    const due = (await head.request({ method: 'GET', url: '/api/cases/due' })).json();
    expect(due.items).toContainEqual(expect.objectContaining({ caseId: id, label: '先行登记保存处理期限', isOverdue: true }));
    expect(await recordOverdueClocks(t.system.ctx)).toBeGreaterThanOrEqual(1);
    expect(await recordOverdueClocks(t.system.ctx)).toBe(0);
    const flags = (await supervisor.request({ method: 'GET', url: '/api/cases/flags?kind=clock_overdue' })).json().items;
    expect(flags.filter((f: Json) => f.caseId === id)).toEqual([
      expect.objectContaining({ kindLabel: '办案期限逾期', detail: expect.stringContaining('《行政处罚法》第五十六条') }),
    ]);
  });

  it('lets verify name a case whose step or row was changed behind the application’s back', async () => {
    const db = t.system.ctx.db;
    const id = (await open()).json().id;
    const caseRow = await db.selectFrom('cases').select('party_name').where('id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('cases').set({ party_name: '被改掉的名称' }).where('id', '=', id).execute();
    let report = await verifyLedger(db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx));
    // Earlier tests in this file tampered with other records on purpose: look at this case's findings.
    const about = (findings: string[]) => findings.filter((f) => f.includes(id));
    expect(about(report.findings)).toEqual([expect.stringContaining(`案件 ${id}`)]);
    await db.updateTable('cases').set({ party_name: caseRow.party_name }).where('id', '=', id).execute();
    expect(about((await verifyLedger(db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx))).findings)).toEqual([]);
    // Steps are insert-only: the database refuses the change until the trigger is dropped.
    await expect(db.updateTable('case_steps').set({ data: '{}' }).where('case_id', '=', id).execute()).rejects.toThrow();
    if (dialect === 'sqlite') await sql`drop trigger case_steps_no_update`.execute(db);
    else await sql`alter table case_steps disable trigger user`.execute(db);
    await db
      .updateTable('case_steps')
      .set({ occurred_on: ago(100) })
      .where('case_id', '=', id)
      .execute();
    report = await verifyLedger(db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx));
    expect(about(report.findings)).toEqual([`案件 ${id} 的数据与账本最近一条记录不符（字段：stepsDigest）：数据被绕过系统改动`]);
  });

  it('keeps a running case on the procedure version it opened with, and refuses a changed definition under an old number', async () => {
    const db = t.system.ctx.db;
    const before = (await open()).json();
    const original = currentProcedures.penalty;
    try {
      const renamed = original.steps.map((s) => (s.key === 'inspect' ? { ...s, label: '现场检查（勘验）' } : s));
      currentProcedures.penalty = { ...original, steps: renamed };
      await expect(registerProcedureVersions(db)).rejects.toMatchObject({ code: 'cases.procedure_changed' });
      currentProcedures.penalty = { ...original, version: original.version + 1, steps: renamed };
      await registerProcedureVersions(db);
      const registered = await db
        .selectFrom('ledger_events')
        .select('payload')
        .where('action', '=', 'procedure.registered')
        .where('subject_id', '=', `penalty@${original.version + 1}`)
        .execute();
      expect(registered).toHaveLength(1);
      // The stored definition is checked by verify against the digest its event recorded.
      await db
        .updateTable('procedure_versions')
        .set({ definition: JSON.stringify({ ...JSON.parse(JSON.stringify(currentProcedures.penalty)), name: '改动' }) })
        .where('procedure_key', '=', 'penalty')
        .where('version', '=', original.version + 1)
        .execute();
      const findings = (await verifyLedger(db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx))).findings;
      expect(findings).toContainEqual(
        expect.stringContaining(`程序定义 penalty@${original.version + 1} 的数据与账本最近一条记录不符（字段：digest）`),
      );
      await db
        .updateTable('procedure_versions')
        .set({ definition: canonicalJson(currentProcedures.penalty) })
        .where('procedure_key', '=', 'penalty')
        .where('version', '=', original.version + 1)
        .execute();
      const after = (await open()).json();
      expect(after.procedure).toEqual({ key: 'penalty', version: original.version + 1 });
      expect(after.nextSteps.find((n: Json) => n.key === 'inspect').label).toBe('现场检查（勘验）');
      const old = (await officer.request({ method: 'GET', url: `/api/cases/${before.id}` })).json();
      expect(old.procedure).toEqual({ key: 'penalty', version: original.version });
      expect(old.nextSteps.find((n: Json) => n.key === 'inspect').label).toBe('现场检查');
      const flow = (await officer.request({ method: 'GET', url: `/api/public/procedures/penalty?version=${original.version}` })).json();
      expect(flow.definition.version).toBe(original.version);
    } finally {
      currentProcedures.penalty = original;
    }
  });

  it('runs an inspection to its published result, and a seizure recorded from start to end within its 30 (+30) days', async () => {
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: t.org.agencyA.id,
        procedure: 'inspection',
        itemCode: 'EI-005',
        divisionCode: '640502',
        party: { type: 'organization', name: '中卫市沙坡头区抽查对象小吃店', creditCode: uscc(901) },
        officerIds: [],
        occurredOn: ago(6),
        data: { summary: '双随机抽查' },
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const inspection = opened.json().id;
    const onSite = await video(inspection, '抽查录像');
    await ok(officer, inspection, {
      step: 'inspect',
      occurredOn: ago(5),
      officerIds: [setup.officers.zhang, setup.officers.li],
      recordingIds: [onSite.id],
      data: { place: '小吃店', record: '未发现问题' },
    });
    const concluded = await ok(officer, inspection, {
      step: 'conclude',
      occurredOn: ago(5),
      data: { result: 'compliant', record: '未发现问题' },
    });
    expect(concluded.clocks.at(-1)).toMatchObject({
      key: 'result_publication',
      basis: '《企业信息公示暂行条例》第六条',
      status: 'running',
    });
    await ok(officer, inspection, { step: 'publish_result', occurredOn: ago(1), data: { channel: '国家企业信用信息公示系统' } });
    expect((await ok(head, inspection, { step: 'close', data: { record: '办结' } })).status).toBe('closed');

    const measure = {
      agencyId: t.org.agencyA.id,
      procedure: 'coercion',
      itemCode: 'EI-006',
      divisionCode: '640502',
      party: { type: 'organization', name: '中卫市沙坡头区问题食品仓库', creditCode: uscc(902) },
      officerIds: [],
      occurredOn: ago(20),
      data: { summary: '有证据证明存在安全隐患的食品，经负责人批准实施扣押' },
    };
    const byOfficer = await officer.request({ method: 'POST', url: '/api/cases', payload: measure });
    expect(byOfficer.json()).toMatchObject({ status: 403, detail: '“批准实施强制措施”须由机关负责人办理' });
    const approved = await head.request({ method: 'POST', url: '/api/cases', payload: measure });
    expect(approved.statusCode, approved.body).toBe(201);
    const id = approved.json().id;
    const officers = [setup.officers.zhang, setup.officers.li];
    const seizeData = { place: '仓库', items: '问题食品20箱', record: '扣押现场笔录' };
    // A coercive measure acts on property: every step with officers needs its recording, whatever the list says.
    const unrecorded = await step(officer, id, { step: 'seize', occurredOn: ago(20), officerIds: officers, data: seizeData });
    expect(unrecorded.json().detail).toContain('须进行全过程音像记录');
    const seizeVideo = await video(id, '扣押全过程录像');
    const seized = await ok(officer, id, {
      step: 'seize',
      occurredOn: ago(20),
      officerIds: officers,
      recordingIds: [seizeVideo.id],
      data: seizeData,
    });
    expect(seized.clocks[0]).toMatchObject({ key: 'seizure_term', basis: '《行政强制法》第二十五条', days: 30 });
    const tooLong = await step(head, id, { step: 'extend_measure', occurredOn: ago(2), data: { days: 40, reason: '需要检验' } });
    expect(tooLong.json().detail).toBe('延长期限不得超过 30 日（《行政强制法》第二十五条）');
    const extended = await ok(head, id, { step: 'extend_measure', occurredOn: ago(2), data: { days: 30, reason: '需要送检，情况复杂' } });
    expect(extended.clocks[0]).toMatchObject({ extensionDays: 30 });
    const again = await step(head, id, { step: 'extend_measure', occurredOn: ago(1), data: { days: 5, reason: '再次延长' } });
    expect(again.json().detail).toBe('期限只能延长一次，已经延长过（《行政强制法》第二十五条）');
    const closeEarly = await step(head, id, { step: 'close', data: { record: '结案' } });
    expect(closeEarly.statusCode).toBe(409);
    const releaseVideo = await video(id, '解除扣押录像');
    await ok(head, id, {
      step: 'release_measure',
      officerIds: officers,
      recordingIds: [releaseVideo.id],
      data: { disposition: 'release', record: '检验合格，解除扣押，退还财物' },
    });
    const closed = await ok(head, id, { step: 'close', data: { record: '结案' } });
    expect(closed.clocks[0]).toMatchObject({ status: 'met' });
    expect(closed.timeline.flatMap((s: Json) => s.documents.map((d: Json) => d.title))).toEqual([
      '行政处罚案件有关事项审批表',
      '实施行政强制措施决定书',
      '延长行政强制措施期限决定书',
      '解除行政强制措施决定书',
      '结案审批表',
    ]);
  });

  // Last in the file: it changes agency A's rules for every case that follows.
  it('reviews every ordinary-procedure decision when the agency’s list says so', async () => {
    const small = (await open()).json().id;
    await ok(officer, small, { step: 'examine', occurredOn: ago(30), data: { ...proposal(6000), record: '报告' } });
    expect((await officer.request({ method: 'GET', url: `/api/cases/${small}` })).json().major.isMajor).toBe(false);
    await republish(t.system.ctx, t.org, 'major_decision_rule', [
      ...(testLists.major_decision_rule ?? []),
      {
        code: 'ZD-99',
        name: '普通程序决定一律审核',
        condition: 'all_decisions',
        description: '本局普通程序作出的行政处罚决定一律法制审核',
        basis: '本局重大执法决定法制审核办法',
      },
    ]);
    const now = (await officer.request({ method: 'GET', url: `/api/cases/${small}` })).json();
    expect(now.major).toMatchObject({ isMajor: true, reasons: [expect.objectContaining({ code: 'ZD-99' })] });
    await ok(officer, small, { step: 'prior_notice', occurredOn: ago(25), data: proposal(6000) });
    expect((await step(head, small, { step: 'decide', data: proposal(6000) })).json().detail).toContain('普通程序决定一律审核');
  });
});
