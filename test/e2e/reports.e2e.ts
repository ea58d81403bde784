import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/kernel/clock.js';
import { computeUsccCheckCharacter } from '../../src/kernel/uscc.js';
import { passedFindings, recordStep } from '../support/case-steps.js';
import { type EnforcementSetup, setUpEnforcement } from '../support/enforcement.js';
import { type Client, signIn } from '../support/http.js';
import { dialects } from '../support/system.js';
import {
  type E2eServer,
  keepOnFailure,
  newPage,
  openFromMenu,
  screenshotDir,
  seriousViolations,
  signInThroughPage,
  startE2e,
} from './support.js';

const eventually = { timeout: 20_000 };
const year = Number(todayInChina().slice(0, 4)) - 1;
const on = (monthDay: string) => `${year}-${monthDay}`;

describe.each(dialects)('the annual statistics report in Chromium (%s)', (dialect) => {
  let server: E2eServer;
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;
  let reviewer: Client;

  beforeAll(async () => {
    server = await startE2e(dialect);
    setup = await setUpEnforcement(server.system.ctx, server.org);
    officer = await signIn(server.app, 'officer.a');
    head = await signIn(server.app, 'head.a');
    reviewer = await signIn(server.app, 'reviewer.a');
  });
  afterAll(async () => {
    await server?.close();
  });

  const ok = async (client: Client, url: string, payload: Record<string, unknown>) => {
    const response = await client.request({ method: 'POST', url, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as { id: string; version: number };
  };
  const step = recordStep;

  it('drafts last year’s report from the cases, shows its charts, traces a figure to its cases, and publishes it to the portal', async () => {
    // Last year: two penalty decisions of agency A, one of them after legal review.
    for (const [n, fine] of [
      [1, 8000],
      [2, 30000],
    ] as const) {
      const first17 = `91640502MA5${String(400000 + n + (dialect === 'sqlite' ? 0 : 50)).slice(-6)}`;
      const opened = await ok(officer, '/api/cases', {
        agencyId: server.org.agencyA.id,
        procedure: 'penalty',
        itemCode: 'EI-002',
        divisionCode: '640502',
        party: {
          type: 'organization',
          name: `中卫市沙坡头区年报浏览器测试餐饮有限公司${n}`,
          creditCode: first17 + computeUsccCheckCharacter(first17),
        },
        officerIds: [setup.officers.zhang, setup.officers.li],
        occurredOn: on('03-02'),
        data: { source: 'inspection', violationOn: on('02-20'), summary: '拒不改正' },
      });
      const proposal = { facts: '拒不改正', penaltyKinds: ['fine'], fineAmount: fine, benchmark: `BM-126:${fine >= 20000 ? 'H' : 'M'}` };
      await step(officer, opened.id, { step: 'examine', occurredOn: on('03-10'), data: { ...proposal, record: '报告' } });
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
    }

    // The head drafts the bureau's report in the staff app.
    const page = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `reports-head-${dialect}`);
    await signInThroughPage(page, server.baseUrl, 'head.a');
    await openFromMenu(page, null, '统计年报');
    await page.getByRole('button', { name: `起草${year}年度年报` }).click();
    await page.getByRole('heading', { name: `沙坡头区市场监督管理局${year}年度行政执法统计年报` }).waitFor(eventually);
    const charts = page.locator('.report-chart-canvas svg');
    await expect.poll(() => charts.count(), eventually).toBeGreaterThanOrEqual(3);
    const fines = page.getByRole('row', { name: /罚款金额/ });
    expect(await fines.textContent()).toContain('38,000.00 元');

    // A figure opens the cases it counts.
    await page.getByRole('button', { name: '作出行政处罚决定：查看所统计的记录' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '统计来源：作出行政处罚决定' });
    await expect
      .poll(() => drawer.getByRole('table', { name: '统计来源' }).textContent(), eventually)
      .toContain('年报浏览器测试餐饮有限公司1');
    expect(await drawer.getByRole('table', { name: '统计来源' }).textContent()).toContain('年报浏览器测试餐饮有限公司2');
    await drawer
      .getByRole('button', { name: 'Close' })
      .or(drawer.getByRole('button', { name: '关闭' }))
      .first()
      .click();
    await drawer.waitFor({ state: 'hidden' });

    // The head writes the account; publishing it themselves is refused — a second head (here the administrator) checks it.
    await page.getByRole('textbox', { name: '总体情况' }).fill(`${year}年，本局作出行政处罚决定2件，其中1件经法制审核。`);
    // Publishing carries the report's version: wait for the save to come back, or the publish races it (a flake in CI).
    const saved = page.waitForResponse((r) => r.url().endsWith('/narrative') && r.request().method() === 'PUT' && r.ok());
    await page.getByRole('button', { name: '保存文字说明' }).click();
    await saved;
    await page.getByRole('button', { name: '审核并公开' }).click();
    await page.getByRole('button', { name: '公开', exact: true }).click();
    await expect.poll(() => page.textContent('main'), eventually).toContain('文字说明由您编写，须由另一名负责人审核后公开');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'reports-staff.png'), fullPage: true });
    const reportUrl = page.url();

    const admin = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `reports-admin-${dialect}`);
    await signInThroughPage(admin, server.baseUrl, 'admin');
    await admin.goto(reportUrl);
    await admin.getByRole('button', { name: '审核并公开' }).click();
    await admin.getByRole('button', { name: '公开', exact: true }).click();
    await expect.poll(() => admin.textContent('main'), eventually).toContain('已公开');

    // The portal: the list, the report with its charts, downloads and ledger record.
    const citizen = keepOnFailure(await newPage(server.browser, { width: 1280, height: 900 }), `reports-citizen-${dialect}`);
    await citizen.goto(`${server.baseUrl}/reports`);
    await citizen.getByRole('link', { name: `沙坡头区市场监督管理局${year}年度行政执法统计年报` }).click();
    await citizen.getByRole('heading', { level: 1, name: `沙坡头区市场监督管理局${year}年度行政执法统计年报` }).waitFor(eventually);
    await expect.poll(() => citizen.locator('.report-chart-canvas svg').count(), eventually).toBeGreaterThanOrEqual(3);
    expect(await citizen.getByRole('img', { name: /按执法行为类别的立案（受理）数：.*行政处罚2(，|$)/ }).count()).toBe(1);
    expect(await citizen.textContent('main')).toContain('本局作出行政处罚决定2件');
    expect(await citizen.getByRole('link', { name: '下载 PDF' }).getAttribute('href')).toMatch(/\/api\/public\/reports\/.+\/pdf$/);
    expect(await citizen.getByRole('link', { name: /账本第 \d+ 条/ }).count()).toBe(1);
    expect(await seriousViolations(citizen)).toEqual([]);
    await citizen.screenshot({ path: path.join(screenshotDir, 'reports-portal.png'), fullPage: true });

    // On a phone the charts stack and nothing overflows.
    await citizen.setViewportSize({ width: 390, height: 844 });
    const overflow = () =>
      citizen.evaluate(() => {
        const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
        return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
      });
    await expect.poll(overflow, eventually).toBeLessThanOrEqual(0);
    await citizen.close();
    await admin.close();
    await page.close();
  }, 300_000);
});
