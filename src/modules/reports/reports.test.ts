import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Json, passedFindings, recordStep } from '../../../test/support/case-steps.js';
import { type EnforcementSetup, setUpEnforcement } from '../../../test/support/enforcement.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { todayInChina } from '../../kernel/clock.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';
import { verifyLedger } from '../../ledger/index.js';
import { stateChecksFor } from '../index.js';
import { draftDueReports } from './index.js';

const year = Number(todayInChina().slice(0, 4)) - 1;
const on = (monthDay: string) => `${year}-${monthDay}`;
let serial = 0;
const uscc = () => {
  const first17 = `91640502MA6${String(300000 + ++serial).slice(-6)}`;
  return first17 + computeUsccCheckCharacter(first17);
};

describe.each(dialects)('annual enforcement statistics report (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;
  let reviewer: Client;
  let supervisor: Client;
  let headB: Client;
  const decided: string[] = [];

  const ok = async (client: Client, method: 'POST' | 'PUT' | 'GET', url: string, payload?: Json) => {
    const response = await client.request({ method, url, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json() as Json;
  };
  const step = recordStep;
  /** A penalty case of last year decided with the given fine; a 30,000-yuan one goes through legal review first. */
  const decidedCase = async (fine: number) => {
    const opened = await ok(officer, 'POST', '/api/cases', {
      agencyId: t.org.agencyA.id,
      procedure: 'penalty',
      itemCode: 'EI-002',
      divisionCode: '640502',
      party: { type: 'organization', name: `中卫市沙坡头区年报测试餐饮有限公司${serial + 1}`, creditCode: uscc() },
      officerIds: [setup.officers.zhang, setup.officers.li],
      occurredOn: on('03-02'),
      data: { source: 'inspection', violationOn: on('02-20'), summary: '拒不改正' },
    });
    const grade = fine >= 20000 ? 'H' : 'M';
    const proposal = { facts: '拒不改正', penaltyKinds: ['fine'], fineAmount: fine, benchmark: `BM-126:${grade}` };
    await step(officer, opened.id, { step: 'examine', occurredOn: on('03-10'), data: { ...proposal, record: '调查终结报告' } });
    if (fine >= 20000) {
      await step(officer, opened.id, {
        step: 'submit_review',
        occurredOn: on('03-11'),
        data: { ...proposal, evidenceList: '笔录', legalAnalysis: '第一百二十六条', discretionReasoning: '较重' },
      });
      await step(reviewer, opened.id, {
        step: 'legal_review',
        occurredOn: on('03-12'),
        data: { ...passedFindings, opinion: 'approved', opinionText: '同意' },
      });
    }
    await step(officer, opened.id, { step: 'prior_notice', occurredOn: on('03-13'), data: proposal });
    await step(head, opened.id, { step: 'decide', occurredOn: on('04-01'), data: proposal });
    decided.push(opened.id);
    return opened.id as string;
  };

  beforeAll(async () => {
    setup = await setUpEnforcement(t.system.ctx, t.org);
    officer = await signIn(t.app, 'officer.a');
    head = await signIn(t.app, 'head.a');
    reviewer = await signIn(t.app, 'reviewer.a');
    supervisor = await signIn(t.app, 'supervisor');
    headB = await signIn(t.app, 'head.b');
    await decidedCase(10000);
    await decidedCase(30000);
  }, 120_000);

  it('drafts an agency’s report from the record, traces each figure to its cases, and publishes it frozen after a second person’s check', async () => {
    const forbidden = await officer.request({
      method: 'POST',
      url: '/api/reports',
      payload: { scopeKind: 'agency', scopeId: t.org.agencyA.id, year },
    });
    expect(forbidden.statusCode).toBe(403);
    const notTheirs = await headB.request({
      method: 'POST',
      url: '/api/reports',
      payload: { scopeKind: 'agency', scopeId: t.org.agencyA.id, year },
    });
    expect(notTheirs.statusCode).toBe(403);
    const thisYear = await head.request({
      method: 'POST',
      url: '/api/reports',
      payload: { scopeKind: 'agency', scopeId: t.org.agencyA.id, year: year + 1 },
    });
    expect(thisYear.statusCode).toBe(400);
    expect(thisYear.json().detail).toContain('统计年度须为已经结束的年度');

    const report = await ok(head, 'POST', '/api/reports', { scopeKind: 'agency', scopeId: t.org.agencyA.id, year });
    expect(report).toMatchObject({
      status: 'draft',
      dueOn: `${year + 1}-01-31`,
      title: `沙坡头区市场监督管理局${year}年度行政执法统计年报`,
    });
    const figure = (key: string) =>
      (report.sections as Json[]).flatMap((s) => s.figures as Json[]).find((f) => f.key === key) as Json | undefined;
    expect(figure('cases.opened')).toMatchObject({ value: 2, sourceCount: 2 });
    expect(figure('cases.opened.penalty')).toMatchObject({ value: 2 });
    expect(figure('decisions.decide')).toMatchObject({ value: 2 });
    expect(figure('amounts.fines')).toMatchObject({ value: 40000, unit: '元' });
    expect(figure('review.total')).toMatchObject({ value: 1 });
    expect(figure('review.passRate')).toMatchObject({ value: 100, unit: '%' });
    expect(figure('complaints.received')).toMatchObject({ value: null, note: '投诉举报办理模块尚未上线，本项暂无系统数据' });
    expect(report.charts.byActionType).toContainEqual({ name: '行政处罚', value: 2 });
    const again = await ok(head, 'POST', '/api/reports', { scopeKind: 'agency', scopeId: t.org.agencyA.id, year });
    expect(again.id).toBe(report.id);

    // Each figure traces to the cases it counts — for those who may see them.
    const sources = await ok(head, 'GET', `/api/reports/${report.id}/figures/decisions.decide/sources`);
    expect(sources.items.map((i: Json) => i.caseId).sort()).toEqual([...decided].sort());
    expect((await headB.request({ method: 'GET', url: `/api/reports/${report.id}/figures/decisions.decide/sources` })).statusCode).toBe(
      404,
    );
    expect((await headB.request({ method: 'GET', url: `/api/reports/${report.id}` })).statusCode).toBe(404);

    // The account is written by one person and published by another; the figures are then frozen.
    const written = await ok(t.admin, 'PUT', `/api/reports/${report.id}/narrative`, {
      overview: `${year}年，本局共立案2件，作出行政处罚决定2件。`,
      problems: '个别案件办理期限偏长。',
      plans: '加强执法人员培训。',
      version: report.version,
    });
    const byWriter = await t.admin.request({
      method: 'POST',
      url: `/api/reports/${report.id}/publish`,
      payload: { version: written.version },
    });
    expect(byWriter.statusCode).toBe(422);
    expect(byWriter.json().detail).toBe('文字说明由您编写，须由另一名负责人审核后公开');
    const published = await ok(head, 'POST', `/api/reports/${report.id}/publish`, { version: written.version });
    expect(published).toMatchObject({ status: 'published', publishedOn: todayInChina() });
    const refresh = await head.request({
      method: 'POST',
      url: `/api/reports/${report.id}/refresh`,
      payload: { version: published.version },
    });
    expect(refresh.statusCode).toBe(409);

    // The public reads it, with its ledger record, as a PDF and an Excel workbook.
    const list = (await t.app.inject({ method: 'GET', url: `/api/public/reports?year=${year}` })).json();
    expect(list.items.map((i: Json) => i.id)).toContain(report.id);
    const page = (await t.app.inject({ method: 'GET', url: `/api/public/reports/${report.id}` })).json();
    expect(page.ledgerSeq).toEqual(expect.any(Number));
    expect(page.figuresDigest).toBe(published.figuresDigest);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/public/reports/${report.id}/pdf` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'lawtrail-report-'));
    writeFileSync(path.join(dir, 'r.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-']).toString('utf8');
    expect(text).toContain(`沙坡头区市场监督管理局${year}年度行政执法统计年报`);
    expect(text).toContain('40,000.00 元');
    expect(text).toContain('个别案件办理期限偏长');
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/public/reports/${report.id}/xlsx` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('统计数据')?.getSheetValues() as unknown[][];
    expect(rows.some((row) => Array.isArray(row) && row[2] === '罚款金额' && row[3] === 40000)).toBe(true);

    // Edited behind the application's back, verify names the report.
    await sql`update annual_reports set figures = replace(figures, '40000', '4000') where id = ${report.id}`.execute(t.system.ctx.db);
    const verdict = await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, stateChecksFor(t.system.ctx));
    expect(verdict.findings.some((f) => f.includes('统计年报') && f.includes(report.id))).toBe(true);
    await sql`update annual_reports set figures = replace(figures, '4000,', '40000,') where id = ${report.id}`.execute(t.system.ctx.db);
  });

  it('sums the government’s agencies in its report, drafted by the justice bureau, and drafts every missing report in January', async () => {
    const government = await ok(supervisor, 'POST', '/api/reports', { scopeKind: 'government', scopeId: t.org.countyId, year });
    const opened = (government.sections as Json[]).flatMap((s) => s.figures as Json[]).find((f) => f.key === 'cases.opened');
    expect(opened?.value).toBeGreaterThanOrEqual(2);
    expect(
      (await head.request({ method: 'POST', url: '/api/reports', payload: { scopeKind: 'government', scopeId: t.org.countyId, year } }))
        .statusCode,
    ).toBe(403);

    expect(await draftDueReports(t.system.ctx, `${year + 1}-02-01`)).toBe(0);
    const drafted = await draftDueReports(t.system.ctx, `${year + 1}-01-05`);
    expect(drafted).toBeGreaterThan(0);
    expect(await draftDueReports(t.system.ctx, `${year + 1}-01-06`)).toBe(0);
    const mine = await ok(headB, 'GET', `/api/reports?year=${year}`);
    expect(mine.items).toContainEqual(expect.objectContaining({ scopeId: t.org.agencyB.id, status: 'draft' }));
  });
});
