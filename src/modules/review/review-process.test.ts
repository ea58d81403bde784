import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Json, passedFindings, postStep, recordStep } from '../../../test/support/case-steps.js';
import { type EnforcementSetup, setUpEnforcement, shiftDate } from '../../../test/support/enforcement.js';
import { password, totpSecret } from '../../../test/support/factories.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { systemActor } from '../../kernel/actor.js';
import { todayInChina } from '../../kernel/clock.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';
import { verifyLedger } from '../../ledger/index.js';
import { loadCalendar } from '../calendar/index.js';
import { stateChecksFor } from '../index.js';
import { bindSecondFactor, createUser } from '../org/index.js';

const today = todayInChina();
const ago = (days: number) => shiftDate(today, -days);
let serial = 0;
const uscc = () => {
  const first17 = `91640502MA8${String(200000 + ++serial).slice(-6)}`;
  return first17 + computeUsccCheckCharacter(first17);
};

const proposal = { facts: '拒不改正', penaltyKinds: ['fine'], fineAmount: 30000, benchmark: 'BM-126:H' };
const materials = {
  evidenceList: '现场笔录、询问笔录',
  legalAnalysis: '《食品安全法》第一百二十六条',
  discretionReasoning: '拒不改正且造成后果',
};
const findings = passedFindings;

describe.each(dialects)('legal review: qualification, assignment, time limit and disagreement (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;
  let reviewer: Client;
  let newcomer: Client;
  let newcomerId: string;
  let second: Client;
  let secondId: string;

  const addReviewer = async (username: string, displayName: string) => {
    const user = await createUser(t.system.ctx, systemActor('测试'), {
      username,
      displayName,
      agencyId: t.org.agencyA.id,
      roles: ['reviewer'],
      password,
    });
    await bindSecondFactor(t.system.ctx, systemActor('测试'), user.id, totpSecret);
    return user.id;
  };

  beforeAll(async () => {
    setup = await setUpEnforcement(t.system.ctx, t.org);
    officer = await signIn(t.app, 'officer.a');
    head = await signIn(t.app, 'head.a');
    reviewer = await signIn(t.app, 'reviewer.a');
    newcomerId = await addReviewer('reviewer.new', '新任审核员');
    newcomer = await signIn(t.app, 'reviewer.new');
    secondId = await addReviewer('reviewer.second', '第二审核员');
    second = await signIn(t.app, 'reviewer.second');
  });

  const step = postStep;
  const ok = recordStep;
  /** A major case (fine of 30,000 yuan to an organisation: the agency's ZD-01) submitted for review `submittedAgo` days ago. */
  const submitted = async (submittedAgo: number) => {
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: t.org.agencyA.id,
        procedure: 'penalty',
        itemCode: 'EI-002',
        divisionCode: '640502',
        party: { type: 'organization', name: `中卫市沙坡头区审核测试餐饮店${serial + 1}`, creditCode: uscc() },
        officerIds: [setup.officers.zhang, setup.officers.li],
        occurredOn: ago(submittedAgo + 20),
        data: { source: 'inspection', violationOn: ago(submittedAgo + 30), summary: '拒不改正' },
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id as string;
    await ok(officer, id, { step: 'examine', occurredOn: ago(submittedAgo + 1), data: { ...proposal, record: '调查终结报告' } });
    await ok(officer, id, { step: 'submit_review', occurredOn: ago(submittedAgo), data: { ...proposal, ...materials } });
    return id;
  };
  const reviewClock = async (id: string) =>
    ((await officer.request({ method: 'GET', url: `/api/cases/${id}` })).json().clocks as Json[]).find((c) => c.key === 'legal_review');

  it('lets only a qualified reviewer review, and only the one the review office assigned', async () => {
    const id = await submitted(2);
    const unqualified = await step(newcomer, id, { step: 'legal_review', data: { ...findings, opinion: 'approved', opinionText: '同意' } });
    expect(unqualified.statusCode).toBe(422);
    expect(unqualified.json().detail).toContain('未登记法律职业资格（《行政处罚法》第五十八条第二款');

    // Assigning the unqualified newcomer is refused with the reason; so is a qualification that cannot be true.
    const badAssign = await step(reviewer, id, { step: 'assign_review', data: { reviewer: newcomerId } });
    expect(badAssign.statusCode).toBe(422);
    expect(badAssign.json().errors).toContainEqual({ pointer: '/data/reviewer', detail: expect.stringContaining('未登记法律职业资格') });
    const late = await head.request({
      method: 'POST',
      url: `/api/personnel/reviewers/${newcomerId}/qualifications`,
      payload: { kind: 'serving_before_2021', obtainedOn: '2022-03-01' },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().detail).toContain('《行政处罚法》第五十八条第二款');
    const byReviewer = await reviewer.request({
      method: 'POST',
      url: `/api/personnel/reviewers/${newcomerId}/qualifications`,
      payload: { kind: 'legal_profession', certificateNumber: 'A20226405020009', obtainedOn: '2022-03-01' },
    });
    expect(byReviewer.statusCode).toBe(403);

    for (const [userId, number] of [
      [newcomerId, 'A20226405020009'],
      [secondId, 'A20206405020010'],
    ]) {
      const recorded = await head.request({
        method: 'POST',
        url: `/api/personnel/reviewers/${userId}/qualifications`,
        payload: { kind: 'legal_profession', certificateNumber: number, obtainedOn: '2022-03-01' },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
    }
    const roster = (await head.request({ method: 'GET', url: `/api/personnel/reviewers?agencyId=${t.org.agencyA.id}` })).json();
    expect(roster).toMatchObject({ qualifiedCount: 3, activeCount: 3 });

    const assigned = await ok(reviewer, id, { step: 'assign_review', data: { reviewer: newcomerId } });
    expect(assigned.timeline.at(-1).data).toMatchObject({ reviewer: newcomerId, reviewerName: '新任审核员（reviewer.new）' });
    const queue = (await reviewer.request({ method: 'GET', url: '/api/reviews/queue' })).json();
    expect(queue.items.find((i: Json) => i.caseId === id)).toMatchObject({ assignedReviewer: '新任审核员（reviewer.new）' });
    const other = await step(second, id, { step: 'legal_review', data: { ...findings, opinion: 'approved', opinionText: '同意' } });
    expect(other.statusCode).toBe(422);
    expect(other.json().detail).toBe('本案已指定新任审核员（reviewer.new）承办审核，其他人员不能出具审核意见');
    await ok(newcomer, id, { step: 'legal_review', data: { ...findings, opinion: 'approved', opinionText: '同意' } });
  });

  it('runs the review under the agency’s own time limit, extended once within its limit by the head', async () => {
    const calendar = await loadCalendar(t.system.ctx.db);
    const defaults = await head.request({ method: 'GET', url: `/api/reviews/terms/${t.org.agencyA.id}` });
    expect(defaults.json()).toMatchObject({ reviewDays: 5, maxExtensionDays: 5, isDefault: true, version: 0 });
    const before = await submitted(1);
    expect(await reviewClock(before)).toMatchObject({ days: 5, dueOn: calendar.addWorkingDays(ago(1), 5) });

    const byOfficer = await officer.request({
      method: 'PUT',
      url: `/api/reviews/terms/${t.org.agencyA.id}`,
      payload: { reviewDays: 3, maxExtensionDays: 2, basis: '本局重大执法决定法制审核办法第十二条', version: 0 },
    });
    expect(byOfficer.statusCode).toBe(403);
    const set = await head.request({
      method: 'PUT',
      url: `/api/reviews/terms/${t.org.agencyA.id}`,
      payload: { reviewDays: 3, maxExtensionDays: 2, basis: '本局重大执法决定法制审核办法第十二条', version: 0 },
    });
    expect(set.statusCode, set.body).toBe(200);
    const stale = await head.request({
      method: 'PUT',
      url: `/api/reviews/terms/${t.org.agencyA.id}`,
      payload: { reviewDays: 4, maxExtensionDays: 2, basis: '本局重大执法决定法制审核办法第十二条', version: 0 },
    });
    expect(stale.statusCode).toBe(409);

    // The running review keeps the five days it was submitted under; a new one gets three.
    expect(await reviewClock(before)).toMatchObject({ days: 5 });
    const id = await submitted(1);
    expect(await reviewClock(id)).toMatchObject({ days: 3, dueOn: calendar.addWorkingDays(ago(1), 3) });

    const byReviewer = await step(reviewer, id, { step: 'extend_review', data: { days: 1, reason: '案情复杂' } });
    expect(byReviewer.statusCode).toBe(403);
    const tooLong = await step(head, id, { step: 'extend_review', data: { days: 3, reason: '案情复杂' } });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().detail).toContain('延长期限不得超过 2 日');
    await ok(head, id, { step: 'extend_review', data: { days: 2, reason: '涉及多个法律关系，需咨询法律顾问' } });
    expect(await reviewClock(id)).toMatchObject({ days: 3, extensionDays: 2, dueOn: calendar.addWorkingDays(ago(1), 5) });
    const again = await step(head, id, { step: 'extend_review', data: { days: 1, reason: '仍需时间' } });
    expect(again.json().detail).toContain('期限只能延长一次');

    // The terms are a ledger-recorded state: changed behind the application's back, verify names the agency.
    await sql`update review_settings set review_days = 30 where agency_id = ${t.org.agencyA.id}`.execute(t.system.ctx.db);
    const report = await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx));
    expect(report.findings.some((f) => f.includes('法制审核期限设置') && f.includes(t.org.agencyA.id))).toBe(true);
    await sql`update review_settings set review_days = 3 where agency_id = ${t.org.agencyA.id}`.execute(t.system.ctx.db);
  });

  it('sends a disputed opinion to the heads’ collective deliberation before any decision, and records who answers for it', async () => {
    const id = await submitted(25);
    await ok(reviewer, id, {
      step: 'legal_review',
      occurredOn: ago(24),
      data: { ...findings, opinion: 'approved', opinionText: '同意，但建议在裁量理由中补充从重情节' },
    });
    await ok(officer, id, { step: 'prior_notice', occurredOn: ago(23), data: proposal });
    const dispute = await ok(officer, id, {
      step: 'dispute_review',
      occurredOn: ago(5),
      data: { reason: '承办机构认为裁量理由已充分，不需补充' },
    });
    expect(dispute.nextSteps.map((s: Json) => s.key)).toContain('deliberate');
    const twice = await step(officer, id, { step: 'dispute_review', occurredOn: ago(5), data: { reason: '再次异议' } });
    expect(twice.json().detail).toContain('已对本次审核意见提出异议');
    const blocked = await step(head, id, { step: 'decide', occurredOn: ago(4), data: proposal });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().detail).toContain('承办机构对法制审核意见提出了异议，须经机关负责人集体讨论后方可作出决定');

    await ok(head, id, {
      step: 'deliberate',
      occurredOn: ago(4),
      data: {
        attendees: '局长、分管副局长、法制科科长、承办机构负责人',
        minutes: '讨论认为裁量理由充分，采纳法制审核意见作出决定',
        outcome: 'adopt_review',
        responsibilities: '局长对决定负责；承办机构对事实和证据负责；法制科对审核意见负责',
      },
    });
    const decided = await ok(head, id, { step: 'decide', occurredOn: ago(3), data: proposal });
    expect(decided.timeline.at(-1).data.responsibility).toMatchObject({
      decidedBy: expect.stringContaining('head.a'),
      handlingOfficers: ['张三', '李四'],
      reviewedBy: { reviewer: expect.stringContaining('reviewer.a'), opinion: 'approved', on: ago(24) },
      deliberation: { on: ago(4), outcome: 'adopt_review', responsibilities: expect.stringContaining('法制科对审核意见负责') },
    });
    // The timeline shows it in words: who decided, who handled, who reviewed, what the heads concluded.
    expect(decided.timeline.at(-1).fields).toContainEqual(
      expect.objectContaining({
        label: '责任人员',
        value: expect.stringMatching(
          /^决定：.*head\.a.*；承办：张三、李四；法制审核：.*reviewer\.a.*（同意，.*）；集体讨论：.*，采纳法制审核意见；/,
        ),
      }),
    );
    const stats = (await head.request({ method: 'GET', url: '/api/reviews/statistics' })).json();
    expect(stats.items.find((i: Json) => i.agencyId === t.org.agencyA.id)).toMatchObject({ disputes: 1, deliberations: 1 });
  });

  it('lets a reviewer declare a case major on the law’s own triggers, which nobody can take back, and the gate then holds', async () => {
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: t.org.agencyA.id,
        procedure: 'penalty',
        itemCode: 'EI-002',
        divisionCode: '640502',
        party: { type: 'organization', name: '中卫市沙坡头区多重法律关系测试食品有限公司', creditCode: uscc() },
        officerIds: [setup.officers.zhang, setup.officers.li],
        occurredOn: ago(40),
        data: { source: 'inspection', violationOn: ago(50), summary: '拒不改正' },
      },
    });
    const id = opened.json().id as string;
    const small = { ...proposal, fineAmount: 8000, benchmark: 'BM-126:M' };
    await ok(officer, id, { step: 'examine', occurredOn: ago(30), data: { ...small, record: '调查终结报告' } });
    const before = (await officer.request({ method: 'GET', url: `/api/cases/${id}` })).json();
    expect(before.major.isMajor).toBe(false);
    const declared = await ok(reviewer, id, {
      step: 'declare_major',
      occurredOn: ago(29),
      data: { condition: 'multiple_legal_relations', reason: '同时涉及食品安全与广告两个法律关系，且与另案当事人存在关联' },
    });
    expect(declared.major).toMatchObject({
      isMajor: true,
      reasons: [
        {
          code: '认定1',
          name: '案件情况疑难复杂、涉及多个法律关系',
          description: expect.stringContaining('同时涉及食品安全与广告两个法律关系'),
          basis: '《行政处罚法》第五十八条第一款',
        },
      ],
    });
    // Nothing in the procedure takes a declaration back; the decision now needs a passed review.
    expect(declared.nextSteps.map((s: Json) => s.label).join('、')).not.toMatch(/撤销认定|取消认定/);
    await ok(officer, id, { step: 'prior_notice', occurredOn: ago(28), data: small });
    const gated = await step(head, id, { step: 'decide', occurredOn: ago(5), data: small });
    expect(gated.statusCode).toBe(422);
    expect(gated.json().detail).toContain('本案属于重大执法决定：案件情况疑难复杂、涉及多个法律关系');
  });
});
