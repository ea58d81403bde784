import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { todayInChina } from '../../kernel/clock.js';
import { verifyLedger } from '../../ledger/index.js';
import { moduleStateChecks } from '../index.js';

type Client = Awaited<ReturnType<typeof signIn>>;

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe.each(dialects)('officers and their certificates (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let head: Client;
  const today = todayInChina();
  const people: Record<string, { id: string; version: number }> = {};
  const certificates: Record<string, { id: string; version: number; number: string }> = {};
  let serial = 0;

  beforeAll(async () => {
    head = await signIn(t.app, 'head.a');
  });

  const addOfficer = async (name: string, isAuxiliary = false) => {
    const response = await head.request({
      method: 'POST',
      url: '/api/officers',
      payload: { agencyId: t.org.agencyA.id, name, post: '执法队员', isAuxiliary },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const issue = async (officerId: string, overrides: Record<string, unknown> = {}) => {
    serial += 1;
    return head.request({
      method: 'POST',
      url: `/api/officers/${officerId}/certificates`,
      payload: {
        number: `64050221${dialect === 'sqlite' ? 'S' : 'P'}${String(serial).padStart(4, '0')}`,
        categories: ['market_regulation'],
        regionCode: '640502',
        issuedOn: shiftDate(today, -400),
        expiresOn: shiftDate(today, 1400),
        ...overrides,
      },
    });
  };
  const eligibility = async (names: string[], extra: Record<string, unknown> = {}) =>
    (
      await head.request({
        method: 'POST',
        url: '/api/personnel/eligibility',
        payload: { officerIds: names.map((n) => people[n]?.id), category: 'market_regulation', divisionCode: '640502100', ...extra },
      })
    ).json();

  it('keeps a roster where auxiliary staff can hold no certificate, and certificate numbers are unique', async () => {
    people.zhang = await addOfficer('张志强');
    people.li = await addOfficer('李海燕');
    people.wang = await addOfficer('王立新');
    people.helper = await addOfficer('赵小军', true);
    for (const name of ['zhang', 'li', 'wang']) {
      const response = await issue(people[name]?.id as string);
      expect(response.statusCode).toBe(201);
      certificates[name] = response.json();
    }
    expect(certificates.zhang).toMatchObject({
      effectiveStatus: 'valid',
      effectiveStatusLabel: '有效',
      isValid: true,
      regionName: '沙坡头区',
      categoryLabels: ['市场监督管理'],
    });

    const auxiliary = await issue(people.helper?.id as string);
    expect(auxiliary.json()).toMatchObject({
      status: 400,
      code: 'personnel.invalid',
      detail: '辅助人员不能申领行政执法证，只能协助持证执法人员开展工作',
    });
    const duplicate = await issue(people.helper?.id as string, { number: certificates.zhang?.number });
    expect(duplicate.statusCode).toBe(400);
    const officer = await addOfficer('孙立');
    const taken = await issue(officer.id, { number: certificates.zhang?.number });
    expect(taken.json()).toMatchObject({ status: 409, code: 'personnel.certificate_taken' });
    const outside = await issue(officer.id, { regionCode: '110105' });
    expect(outside.json().errors).toEqual([{ pointer: '/regionCode', detail: '行政区划 110105 不在本平台的区划之内' }]);

    const officerClient = await signIn(t.app, 'officer.a');
    const refused = await officerClient.request({
      method: 'POST',
      url: '/api/officers',
      payload: { agencyId: t.org.agencyA.id, name: '钱多多' },
    });
    expect(refused.statusCode).toBe(403);
    const otherHead = await signIn(t.app, 'head.b');
    expect((await otherHead.request({ method: 'GET', url: `/api/officers/${people.zhang?.id}/certificates` })).statusCode).toBe(404);
  });

  it('lets only two certified officers enforce, for their category and region; an auxiliary never counts', async () => {
    expect(await eligibility(['zhang', 'li'])).toMatchObject({ isEligible: true, problems: [] });
    const withHelper = await eligibility(['zhang', 'helper']);
    expect(withHelper.isEligible).toBe(false);
    expect(withHelper.problems.map((p: { reason: string }) => p.reason)).toEqual([
      '赵小军是辅助人员，只能协助持证执法人员，不计入执法人员人数',
      '执法人员不得少于两人，持有有效执法证的只有 1 人',
    ]);
    const wrongCategory = await eligibility(['zhang', 'li'], { category: 'transport' });
    expect(wrongCategory.problems[0].reason).toBe(`张志强：执法证 ${certificates.zhang?.number} 的执法门类不含“交通运输”`);
    const wrongRegion = await eligibility(['zhang', 'li'], { divisionCode: '640521' });
    expect(wrongRegion.problems[0].reason).toContain('的执法区域（沙坡头区）不含该地');
    const afterExpiry = await eligibility(['zhang', 'li'], { on: shiftDate(today, 1401) });
    expect(afterExpiry.problems[0].reason).toBe(`张志强：执法证 ${certificates.zhang?.number} 已过期`);
  });

  it('runs the certificate lifecycle with dates and reasons, and the check follows it', async () => {
    const change = async (name: string, body: Record<string, unknown>) => {
      const cert = certificates[name] as { id: string; version: number };
      const response = await head.request({
        method: 'POST',
        url: `/api/certificates/${cert.id}/lifecycle`,
        payload: { version: cert.version, ...body },
      });
      if (response.statusCode === 200) certificates[name] = { ...certificates[name], ...response.json() };
      return response;
    };
    const suspended = await change('li', { action: 'suspend', reason: '涉嫌违规执法，暂停执法资格接受调查' });
    expect(suspended.json()).toMatchObject({
      status: 'suspended',
      effectiveStatusLabel: '暂扣',
      statusReason: '涉嫌违规执法，暂停执法资格接受调查',
      statusChangedOn: today,
    });
    expect((await eligibility(['zhang', 'li'])).problems[0].reason).toBe(`李海燕：执法证 ${certificates.li?.number} 暂扣`);
    expect((await change('li', { action: 'renew', expiresOn: shiftDate(today, 2000), reason: '到期换证' })).json()).toMatchObject({
      code: 'personnel.certificate_state_invalid',
      detail: '执法证当前为“暂扣”，不能换发（延续有效期）',
    });
    await change('li', { action: 'reinstate', reason: '调查结束，未发现违规' });
    expect((await eligibility(['zhang', 'li'])).isEligible).toBe(true);

    const failed = await change('wang', { action: 'review', reviewedOn: today, isPassed: false, reason: '年度考试不合格' });
    expect(failed.json()).toMatchObject({ status: 'suspended', lastReviewedOn: today });
    await change('wang', { action: 'cancel', reason: '调离执法岗位' });
    expect((await change('wang', { action: 'reinstate', reason: '误操作' })).statusCode).toBe(409);
    expect((await eligibility(['zhang', 'wang'])).problems[0].reason).toBe(`王立新：执法证 ${certificates.wang?.number} 已注销`);

    const renewed = await change('zhang', {
      action: 'renew',
      expiresOn: shiftDate(today, 1800),
      nextReviewOn: shiftDate(today, -1),
      reason: '到期换证',
    });
    expect(renewed.json()).toMatchObject({ effectiveStatus: 'review_overdue', isValid: false });
    await change('zhang', { action: 'review', reviewedOn: today, isPassed: true, nextReviewOn: shiftDate(today, 365), reason: '年审合格' });
    expect(certificates.zhang).toMatchObject({ effectiveStatus: 'valid' });

    const history = (await head.request({ method: 'GET', url: `/api/officers/${people.wang?.id}/history` })).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual([
      'officer.created',
      'certificate.issued',
      'certificate.review_failed',
      'certificate.cancelled',
    ]);
  });

  it('shows anyone who scans the QR code the officer and whether the certificate is valid today, and nothing private', async () => {
    const valid = await t.app.inject({ method: 'GET', url: `/api/public/certificates/${certificates.zhang?.number.toLowerCase()}` });
    expect(valid.statusCode).toBe(200);
    const body = valid.json();
    expect(body).toMatchObject({
      officerName: '张志强',
      agencyName: '沙坡头区市场监督管理局',
      isValid: true,
      statusLabel: '有效',
      regionName: '沙坡头区',
      checkedOn: today,
    });
    expect(Object.keys(body).sort()).toEqual(
      [
        'agencyId',
        'agencyName',
        'categories',
        'categoryLabels',
        'checkedOn',
        'expiresOn',
        'isValid',
        'issuedOn',
        'number',
        'officerName',
        'post',
        'regionName',
        'status',
        'statusLabel',
      ].sort(),
    );
    const cancelled = (await t.app.inject({ method: 'GET', url: `/api/public/certificates/${certificates.wang?.number}` })).json();
    expect(cancelled).toMatchObject({ isValid: false, statusLabel: '已注销' });
    const unknown = await t.app.inject({ method: 'GET', url: '/api/public/certificates/NOPE0000' });
    expect(unknown.json()).toMatchObject({ status: 404, code: 'personnel.not_found' });
    const list = (
      await t.app.inject({ method: 'GET', url: `/api/public/officers?agencyId=${t.org.agencyA.id}&q=${encodeURIComponent('李')}` })
    ).json();
    expect(list.items.map((o: { officerName: string; statusLabel: string }) => [o.officerName, o.statusLabel])).toEqual([
      ['李海燕', '有效'],
    ]);
  });

  it('cancels the certificate of an officer moved off enforcement, and lists each officer with their current certificate', async () => {
    const moved = await addOfficer('周明');
    const issued = (await issue(moved.id)).json();
    const list = (await head.request({ method: 'GET', url: `/api/officers?q=${encodeURIComponent('周明')}` })).json();
    expect(list.items[0].certificate).toMatchObject({ number: issued.number, effectiveStatusLabel: '有效' });
    const off = await head.request({
      method: 'PATCH',
      url: `/api/officers/${moved.id}`,
      payload: { version: moved.version, isActive: false, reason: '调任办公室文秘' },
    });
    expect(off.json()).toMatchObject({ isActive: false });
    const check = (await t.app.inject({ method: 'GET', url: `/api/public/certificates/${issued.number}` })).json();
    expect(check).toMatchObject({ isValid: false, statusLabel: '已注销' });
    const certs = (await head.request({ method: 'GET', url: `/api/officers/${moved.id}/certificates` })).json();
    expect(certs.items[0]).toMatchObject({ status: 'cancelled', statusReason: '调离执法岗位：调任办公室文秘' });
    const history = (await head.request({ method: 'GET', url: `/api/officers/${moved.id}/history` })).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual([
      'officer.created',
      'certificate.issued',
      'officer.deactivated',
      'certificate.cancelled',
    ]);
  });

  it('records training and flags agencies whose reviewers are under 5% of their officers', async () => {
    const reviewerTraining = await head.request({
      method: 'POST',
      url: '/api/training',
      payload: {
        userId: t.org.users.reviewerA.id,
        course: '重大执法决定法制审核实务',
        category: 'legal_review',
        hours: 16,
        completedOn: today,
        provider: '宁夏回族自治区司法厅',
      },
    });
    expect(reviewerTraining.json()).toMatchObject({ personName: '测试reviewer.a', categoryLabel: '法制审核业务', hours: 16 });
    const future = await head.request({
      method: 'POST',
      url: '/api/training',
      payload: { officerId: people.zhang?.id, course: '行政处罚法', category: 'law', hours: 8, completedOn: shiftDate(today, 30) },
    });
    expect(future.json().errors).toEqual([{ pointer: '/completedOn', detail: '培训完成日期不能晚于今天' }]);

    const supervisor = await signIn(t.app, 'supervisor');
    const ratioOf = async () =>
      (await supervisor.request({ method: 'GET', url: '/api/personnel/reviewer-ratios' }))
        .json()
        .items.find((i: { agencyId: string }) => i.agencyId === t.org.agencyA.id);
    // 4 non-auxiliary officers, 1 reviewer: 25%.
    expect(await ratioOf()).toMatchObject({ officerCount: 4, auxiliaryCount: 1, reviewerCount: 1, isBelowMinimum: false });
    for (let i = 0; i < 17; i += 1) await addOfficer(`执法队员${i + 1}`);
    expect(await ratioOf()).toMatchObject({ officerCount: 21, reviewerCount: 1, isBelowMinimum: true });
    const officerB = await signIn(t.app, 'officer.b');
    const own = (await officerB.request({ method: 'GET', url: '/api/personnel/reviewer-ratios' })).json();
    expect(own.items.map((i: { agencyId: string }) => i.agencyId)).toEqual([t.org.agencyB.id]);
  });

  it('lets verify find a certificate reinstated behind the application', async () => {
    expect((await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, moduleStateChecks)).findings).toEqual([]);
    await sql`update certificates set status = 'valid' where id = ${certificates.wang?.id}`.execute(t.system.ctx.db);
    const findings = (await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, moduleStateChecks)).findings;
    expect(findings).toEqual([expect.stringContaining(`执法证 ${certificates.wang?.id}`)]);
  });
});
