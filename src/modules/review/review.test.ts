import { beforeAll, describe, expect, it } from 'vitest';
import { recordStep } from '../../../test/support/case-steps.js';
import { type EnforcementSetup, setUpEnforcement, shiftDate } from '../../../test/support/enforcement.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { todayInChina } from '../../kernel/clock.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';

const ago = (days: number) => shiftDate(todayInChina(), -days);
const first17 = '91640502MA7R00001';
const creditCode = first17 + computeUsccCheckCharacter(first17);

describe.each(dialects)('the reviewers’ queue and the supervisor’s statistics (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let setup: EnforcementSetup;
  let officer: Client;
  let reviewer: Client;
  let supervisor: Client;

  beforeAll(async () => {
    setup = await setUpEnforcement(t.system.ctx, t.org);
    officer = await signIn(t.app, 'officer.a');
    reviewer = await signIn(t.app, 'reviewer.a');
    supervisor = await signIn(t.app, 'supervisor');
  });

  const step = recordStep;

  it('lists a submission until it is reviewed, and counts the outcome and the working days it took', async () => {
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: t.org.agencyA.id,
        procedure: 'penalty',
        itemCode: 'EI-002',
        divisionCode: '640502',
        party: { type: 'organization', name: '中卫市沙坡头区送审餐饮店', creditCode },
        officerIds: [setup.officers.zhang, setup.officers.li],
        occurredOn: ago(40),
        data: { source: 'inspection', violationOn: ago(50), summary: '拒不改正' },
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    const proposal = { facts: '拒不改正', penaltyKinds: ['fine'], fineAmount: 30000, benchmark: 'BM-126:H' };
    await step(officer, id, { step: 'examine', occurredOn: ago(30), data: { ...proposal, record: '报告' } });
    await step(officer, id, {
      step: 'submit_review',
      occurredOn: ago(20),
      data: { ...proposal, evidenceList: '笔录', legalAnalysis: '第一百二十六条', discretionReasoning: '较重' },
    });
    const queue = (await reviewer.request({ method: 'GET', url: '/api/reviews/queue' })).json();
    expect(queue.items).toEqual([
      expect.objectContaining({
        caseId: id,
        submittedOn: ago(20),
        majorReasons: ['较大数额罚款（ZD-01）'],
        isOverdue: true,
        isResubmission: false,
      }),
    ]);
    await step(reviewer, id, {
      step: 'legal_review',
      occurredOn: ago(1),
      data: {
        authority: 'pass',
        qualification: 'pass',
        procedure: 'pass',
        factsClear: 'fail',
        evidence: 'fail',
        legalBasis: 'pass',
        discretion: 'pass',
        documents: 'pass',
        crime: 'not_applicable',
        opinion: 'returned',
        opinionText: '事实不清，退回补充调查',
        consulted: '咨询公职律师王某，意见一致',
      },
    });
    expect((await reviewer.request({ method: 'GET', url: '/api/reviews/queue' })).json().items).toEqual([]);
    const stats = (await supervisor.request({ method: 'GET', url: '/api/reviews/statistics' })).json();
    const agency = stats.items.find((i: { agencyId: string }) => i.agencyId === t.org.agencyA.id);
    expect(agency).toMatchObject({ submissions: 1, reviews: 1, passed: 0, returned: 1, passRate: 0, overdueReviews: 1 });
    expect(agency.averageWorkingDays).toBeGreaterThanOrEqual(5);
    expect((await officer.request({ method: 'GET', url: '/api/reviews/queue' })).json()).toMatchObject({ status: 403 });
  });
});
