import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/kernel/actor.js';
import { todayInChina } from '../../src/kernel/clock.js';
import { computeUsccCheckCharacter } from '../../src/kernel/uscc.js';
import { createUser } from '../../src/modules/org/index.js';
import { passedFindings, recordStep } from '../support/case-steps.js';
import { type EnforcementSetup, setUpEnforcement, shiftDate } from '../support/enforcement.js';
import { password } from '../support/factories.js';
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

const agencyName = '沙坡头区市场监督管理局';
/** Server round trips on this shared 2-core machine can take seconds. */
const eventually = { timeout: 20_000 };
const today = todayInChina();
const ago = (days: number) => shiftDate(today, -days);
/** 2026-11-19 → 2026年11月19日, as the pages write dates. */
const chineseDate = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const uscc = (n: number) => {
  const first17 = `91640502MA9${String(100000 + n).slice(-6)}`;
  return first17 + computeUsccCheckCharacter(first17);
};
const proposal = (fineAmount: number, grade = 'H') => ({
  facts: '未按规定建立食品安全管理制度，经责令改正拒不改正，造成后厨交叉污染',
  penaltyKinds: ['fine'],
  fineAmount,
  benchmark: `BM-126:${grade}`,
});
const checklist = [
  '执法主体是否合法，是否超越法定权限和管辖范围',
  '执法人员是否具备执法资格',
  '执法程序是否合法',
  '案件事实是否清楚',
  '证据是否确凿、充分',
  '适用法律、法规、规章是否准确',
  '行政裁量是否适当（对照裁量基准）',
  '执法文书是否规范、齐备',
  '是否涉嫌犯罪、需要移送司法机关',
];

/** A drawer or modal by its title. */
function dialog(page: Page, title: string | RegExp) {
  return page
    .getByRole('dialog')
    .filter({ has: page.locator('.ant-drawer-title, .ant-modal-title').getByText(title, { exact: typeof title === 'string' }) });
}

/** Waits until no select list is open (or still closing). */
async function closedDropdowns(page: Page) {
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** Picks one option of an antd Select by typing part of its label and pressing Enter. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  const box = scope.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: option }).waitFor();
  await box.press('Enter');
  await closedDropdowns(page);
}

/** Types a date into an antd DatePicker (it accepts YYYY-MM-DD). */
async function typeDate(scope: Locator, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** An element's computed text colour, in the browser. */
const colorOf = (element: unknown) =>
  (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(element).color;

/** One finding of the checklist: 符合 / 不符合 / 不适用. */
async function finding(scope: Locator, point: string, answer: '符合' | '不符合' | '不适用') {
  await scope.getByRole('radiogroup', { name: point }).getByText(answer, { exact: true }).click();
}

describe.each(dialects)('legal review of a major decision in Chromium (%s)', (dialect) => {
  let server: E2eServer;
  let setup: EnforcementSetup;
  let officer: Client;
  let reviewer: Client;

  beforeAll(async () => {
    server = await startE2e(dialect);
    setup = await setUpEnforcement(server.system.ctx, server.org);
    officer = await signIn(server.app, 'officer.a');
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
  /** A penalty case of agency A against an organisation, investigated and notified through the API. */
  const notifiedCase = async (party: string, n: number, fine: number) => {
    const opened = await ok(officer, '/api/cases', {
      agencyId: server.org.agencyA.id,
      procedure: 'penalty',
      itemCode: 'EI-002',
      divisionCode: '640502',
      party: { type: 'organization', name: party, creditCode: uscc(n + (dialect === 'sqlite' ? 0 : 50)), address: '滨河镇迎宾大道18号' },
      officerIds: [setup.officers.zhang, setup.officers.li],
      occurredOn: ago(40),
      data: { source: 'inspection', violationOn: ago(50), summary: '日常监督检查发现未建立食品安全管理制度，责令改正后拒不改正' },
    });
    const grade = fine < 20000 ? 'M' : 'H';
    await step(officer, opened.id, {
      step: 'examine',
      occurredOn: ago(32),
      data: { ...proposal(fine, grade), record: '事实清楚，证据确凿' },
    });
    await step(officer, opened.id, { step: 'prior_notice', occurredOn: ago(30), data: proposal(fine, grade) });
    return opened.id;
  };

  /** The next-step button of the case page, then its dialog. */
  async function openStep(page: Page, label: string) {
    await page.getByRole('region', { name: '办理下一环节' }).getByRole('button', { name: label, exact: true }).click();
    const modal = dialog(page, `办理：${label}`);
    await modal.waitFor();
    return modal;
  }

  async function submitForReview(page: Page, date: string, evidenceList: string) {
    const modal = await openStep(page, '提交法制审核');
    await typeDate(modal, '办理日期', date);
    expect(await modal.getByLabel('罚款数额（元）').inputValue()).toBe('30000.00'); // carried from 告知
    // … and the facts are the proposal's, never the review checklist's finding on 案件事实 (once the same key, now `factsClear`).
    expect(await modal.getByLabel('违法事实').inputValue()).toBe(proposal(30000).facts);
    await modal.getByLabel('证据清单').fill(evidenceList);
    await modal.getByLabel('适用法律依据及理由').fill('《食品安全法》第一百二十六条第一款第（二）项');
    await modal.getByLabel('裁量理由').fill('拒不改正且造成后厨交叉污染，适用较重阶次（BM-126 H）');
    await modal.getByRole('button', { name: '确认提交法制审核' }).click();
    await modal.waitFor({ state: 'hidden', timeout: 30_000 });
  }

  it('holds a 30,000-yuan fine to legal review: the banner, the gate, a returned review, a resubmission, approval, the decision, statistics and document verification', async () => {
    const party = '中卫市沙坡头区法制审核浏览器测试餐饮有限公司';
    const id = await notifiedCase(party, 1, 30000);
    const caseUrl = `${server.baseUrl}/admin/cases/${id}`;

    // The officer sees the case is major (nobody can unmark it) and submits it for review.
    const page = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `review-officer-${dialect}`);
    await signInThroughPage(page, server.baseUrl, 'officer.a');
    await page.goto(caseUrl);
    const banner = page.getByRole('region', { name: '重大执法决定' });
    await expect.poll(() => banner.textContent(), eventually).toContain('本案属于重大执法决定');
    const bannerText = (await banner.textContent()) ?? '';
    expect(bannerText).toContain('较大数额罚款（ZD-01）');
    expect(bannerText).toContain('对法人或其他组织罚没款合计2万元以上');
    expect(bannerText).toContain('行政执法三项制度任务清单第（30）项');
    expect(bannerText).toContain('法制审核：未送审');
    expect(await banner.getByRole('button').count()).toBe(0); // nothing to unmark it with
    await submitForReview(page, ago(4), '现场笔录、询问笔录、责令改正通知书');
    await expect.poll(() => banner.textContent(), eventually).toContain('法制审核：待审核');
    await banner.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/review-banner.png' });

    // Only reviewers, heads and supervisors see the queue.
    await openFromMenu(page, '法制审核', '审核队列');
    await expect
      .poll(() => page.textContent('main'), eventually)
      .toContain('只有法制审核人员、机关负责人和执法监督人员可以查看法制审核队列');

    // The head cannot decide before the review: the gate says why, with its article.
    const head = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `review-head-${dialect}`);
    await signInThroughPage(head, server.baseUrl, 'head.a');
    await head.goto(caseUrl);
    let modal = await openStep(head, '作出处罚决定');
    // The proposal is carried into the form before it is submitted (so the refusal is the gate's, not a missing field's).
    await expect.poll(() => modal.getByLabel('罚款数额（元）').inputValue(), eventually).toBe('30000.00');
    await modal.getByRole('button', { name: '确认作出处罚决定' }).click();
    await expect
      .poll(() => modal.textContent(), { timeout: 40_000 })
      .toContain(
        '本案属于重大执法决定：较大数额罚款（对法人或其他组织罚没款合计2万元以上）。须经法制审核通过后方可作出决定（《行政处罚法》第五十八条）',
      );
    await modal.getByRole('button', { name: '取消' }).click();
    await modal.waitFor({ state: 'hidden' });

    // The reviewer finds it in the queue and returns it for further investigation.
    const desk = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `review-reviewer-${dialect}`);
    await signInThroughPage(desk, server.baseUrl, 'reviewer.a');
    await openFromMenu(desk, '法制审核', '审核队列');
    await desk.getByRole('heading', { level: 1, name: '审核队列' }).waitFor();
    let row = desk.getByRole('row', { name: new RegExp(party) });
    await expect.poll(() => row.textContent(), eventually).toContain('较大数额罚款（ZD-01）');
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(chineseDate(ago(4)));
    expect(rowText).toContain('测试officer.a');
    expect(rowText).toMatch(/剩余 \d+ 个工作日|今日到期|逾期/);
    expect(rowText).not.toContain('再次送审');
    await expect.poll(() => desk.locator('.ant-spin-spinning').count()).toBe(0);
    await desk.screenshot({ path: '/tmp/review-queue.png' });
    await row.getByRole('link').first().click();
    await desk.waitForURL(new RegExp(`/admin/review/${id}$`), eventually);
    const submission = desk.getByRole('region', { name: '送审材料' });
    await expect.poll(() => submission.textContent(), eventually).toContain('现场笔录、询问笔录、责令改正通知书');
    expect(await submission.textContent()).toContain('罚款数额（元）30,000 元');
    // The benchmark by name once the agency's published benchmarks are loaded.
    await expect.poll(() => submission.textContent(), eventually).toContain('BM-126 未按规定建立食品安全管理制度拒不改正 · 较重（H）');
    const form = desk.getByRole('region', { name: '法制审核意见' });
    await form.getByRole('button', { name: '提交审核意见' }).click();
    await expect.poll(() => form.textContent()).toContain('请对“案件事实是否清楚”作出审核结论');
    await typeDate(form, '办理日期', ago(3));
    await finding(form, checklist[3] as string, '不符合');
    await finding(form, checklist[4] as string, '不符合');
    await finding(form, checklist[8] as string, '不适用');
    await form.getByRole('button', { name: '未选择的要点均为“符合”' }).click();
    await choose(desk, form, '审核意见', '退回补充调查');
    await form.getByLabel('审核意见说明').fill('造成交叉污染的事实缺少检验报告佐证，退回补充调查');
    await form.getByLabel('咨询法律顾问、公职律师情况').fill('咨询公职律师王某，意见一致');
    expect(
      await form
        .getByRole('radiogroup', { name: checklist[0] as string })
        .getByRole('radio', { name: '符合', exact: true })
        .isChecked(),
    ).toBe(true);
    await desk.evaluate('window.scrollTo(0, 0)');
    await desk.screenshot({ path: '/tmp/review-workbench.png' });
    expect(await seriousViolations(desk)).toEqual([]);
    await form.getByRole('button', { name: '提交审核意见' }).click();
    await expect.poll(() => form.textContent(), eventually).toContain('审核意见已提交：退回补充调查');
    expect(await form.textContent()).toMatch(/案件审核\/法制审核表.*〔\d{4}〕\d+号/);
    // The review form, downloaded after naming why.
    await form.getByRole('button', { name: /^下载PDF：案件审核\/法制审核表/ }).click();
    const purpose = dialog(desk, '下载PDF：案件审核/法制审核表');
    await choose(desk, purpose, '调阅目的', '办案需要');
    const [reviewPdf] = await Promise.all([desk.waitForEvent('download'), purpose.getByRole('button', { name: '下载' }).click()]);
    expect(reviewPdf.suggestedFilename()).toMatch(/\.pdf$/);
    await purpose.waitFor({ state: 'hidden' });
    await desk.screenshot({ path: '/tmp/review-workbench-done.png' });
    await form.getByRole('link', { name: '返回审核队列' }).click();
    await expect.poll(() => desk.getByRole('table', { name: '审核队列' }).textContent(), eventually).toContain('没有待审核的案件');

    // The officer sees the outcome, supplements the evidence and resubmits.
    await page.goto(caseUrl);
    await expect.poll(() => banner.textContent(), eventually).toContain('法制审核：审核未通过');
    expect(await banner.textContent()).toContain('最近一次审核意见：退回补充调查');
    await submitForReview(page, ago(2), '现场笔录、询问笔录、责令改正通知书；补充：检验报告（沙检〔2026〕18号）');
    await expect.poll(() => banner.textContent(), eventually).toContain('法制审核：待审核');

    // The reviewer approves the resubmission, reading what changed and what was asked for last time.
    await desk.reload();
    row = desk.getByRole('row', { name: new RegExp(party) });
    await expect.poll(() => row.textContent(), eventually).toContain('再次送审');
    await row.getByRole('link').first().click();
    await desk.waitForURL(new RegExp(`/admin/review/${id}$`), eventually);
    await expect.poll(() => submission.textContent(), eventually).toContain('补充：检验报告（沙检〔2026〕18号）');
    expect(await submission.textContent()).toContain('第 2 次送审');
    expect(await desk.getByRole('region', { name: '上次审核意见' }).textContent()).toContain('上次审核意见：退回补充调查');
    await typeDate(form, '办理日期', ago(1));
    await finding(form, checklist[8] as string, '不适用');
    await form.getByRole('button', { name: '未选择的要点均为“符合”' }).click();
    await choose(desk, form, '审核意见', '同意');
    await form.getByLabel('审核意见说明').fill('事实清楚，证据确凿，适用依据正确，裁量适当，同意');
    await form.getByRole('button', { name: '提交审核意见' }).click();
    await expect.poll(() => form.textContent(), eventually).toContain('审核意见已提交：同意');

    // The head's decision must be what was reviewed: a changed fine is refused, the reviewed one goes through.
    await head.reload();
    const headBanner = head.getByRole('region', { name: '重大执法决定' });
    await expect.poll(() => headBanner.textContent(), eventually).toContain('法制审核：审核通过');
    modal = await openStep(head, '作出处罚决定');
    expect(await modal.getByLabel('违法事实').inputValue()).toBe(proposal(30000).facts);
    await modal.getByLabel('罚款数额（元）').fill('35000');
    await modal.getByRole('button', { name: '确认作出处罚决定' }).click();
    await expect
      .poll(() => modal.textContent(), eventually)
      .toContain(
        '法制审核通过的拟处理意见与本决定不符（本决定：罚款 35,000 元），决定内容变更后须重新提交法制审核（《行政处罚法》第五十八条）',
      );
    await modal.getByLabel('罚款数额（元）').fill('30000');
    await modal.getByRole('button', { name: '确认作出处罚决定' }).click();
    await modal.waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(() => head.locator('.cases-card').first().textContent(), eventually).toContain('已作出处罚决定');

    // The supervisor's statistics: one returned, one passed.
    const supervisor = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `review-supervisor-${dialect}`);
    await signInThroughPage(supervisor, server.baseUrl, 'supervisor');
    await openFromMenu(supervisor, '法制审核', '审核统计');
    await supervisor.getByRole('heading', { level: 1, name: '审核统计' }).waitFor();
    const stats = supervisor.getByRole('table', { name: '审核统计' });
    const agencyRow = stats.getByRole('row', { name: new RegExp(agencyName) });
    await agencyRow.waitFor(eventually);
    const cells = await agencyRow.getByRole('cell').allTextContents();
    // 执法机关, 送审, 审核, 通过, 退回, 建议移送, 通过率, 集体讨论, 平均用时（工作日）
    expect(cells.slice(0, 8)).toEqual([agencyName, '2', '2', '1', '1', '0', '50%', '0']);
    expect(cells[8]).toMatch(/^\d+(\.\d)?$/);
    await supervisor.screenshot({ path: '/tmp/review-statistics.png', fullPage: true });
    expect(await seriousViolations(supervisor)).toEqual([]);

    // Staff verify the decision's PDF in 文书核验: the file as issued is 已签发, one changed byte is 未签发.
    const headClient = await signIn(server.app, 'head.a');
    const detail = (await headClient.request({ method: 'GET', url: `/api/cases/${id}` })).json();
    const decision = detail.timeline.at(-1).documents[0] as { id: string; number: string; title: string };
    expect(decision.title).toBe('行政处罚决定书');
    const pdf = (
      await headClient.request({ method: 'GET', url: `/api/documents/${decision.id}/pdf?purpose=${encodeURIComponent('文书核验测试')}` })
    ).rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await openFromMenu(supervisor, '案件办理', '文书核验');
    await supervisor.getByRole('heading', { level: 1, name: '文书核验' }).waitFor();
    await supervisor.getByLabel('选择文书文件').setInputFiles({ name: '行政处罚决定书.pdf', mimeType: 'application/pdf', buffer: pdf });
    const verdict = supervisor.getByRole('status', { name: '核验结果' });
    await expect.poll(() => verdict.textContent(), eventually).toContain('已签发');
    const verdictText = (await verdict.textContent()) ?? '';
    expect(verdictText).toContain('行政处罚决定书');
    expect(verdictText).toContain(decision.number);
    expect(verdictText).toContain(agencyName);
    expect(verdictText).toContain(chineseDate(today));
    expect(verdictText).toContain('签名有效');
    expect(verdictText).toMatch(/账本第 \d+ 条/);
    expect(await verdict.locator('.documents-verdict-label').evaluate(colorOf)).toBe('rgb(35, 120, 4)');
    await supervisor.screenshot({ path: '/tmp/review-verify-issued.png' });
    const changed = Buffer.from(pdf);
    const middle = Math.floor(changed.length / 2);
    changed[middle] = (changed[middle] as number) ^ 0x01;
    await supervisor.getByLabel('选择文书文件').setInputFiles({ name: '改动一个字节.pdf', mimeType: 'application/pdf', buffer: changed });
    await expect.poll(() => verdict.textContent(), eventually).toContain('未签发');
    expect(await verdict.textContent()).toContain('“改动一个字节.pdf”不是本平台签发的文书，或签发后被改动过');
    expect(await verdict.locator('.documents-verdict-label').evaluate(colorOf)).toBe('rgb(168, 7, 26)');
    await supervisor.screenshot({ path: '/tmp/review-verify-changed.png' });
    expect(await seriousViolations(supervisor)).toEqual([]);

    await supervisor.close();
    await desk.close();
    await head.close();
    await page.close();
  }, 400_000);

  it('warns on the case page when the proposal changed after the review passed', async () => {
    // Reviewed while examined … then notified with a different fine: the passed review no longer covers it.
    const other = await ok(officer, '/api/cases', {
      agencyId: server.org.agencyA.id,
      procedure: 'penalty',
      itemCode: 'EI-002',
      divisionCode: '640502',
      party: {
        type: 'organization',
        name: '中卫市沙坡头区送审后改罚浏览器测试食品有限公司',
        creditCode: uscc(3 + (dialect === 'sqlite' ? 0 : 50)),
      },
      officerIds: [setup.officers.zhang, setup.officers.li],
      occurredOn: ago(40),
      data: { source: 'inspection', violationOn: ago(50), summary: '拒不改正' },
    });
    await step(officer, other.id, { step: 'examine', occurredOn: ago(32), data: { ...proposal(30000), record: '报告' } });
    await step(officer, other.id, {
      step: 'submit_review',
      occurredOn: ago(31),
      data: { ...proposal(30000), evidenceList: '笔录', legalAnalysis: '第一百二十六条', discretionReasoning: '较重' },
    });
    await step(reviewer, other.id, {
      step: 'legal_review',
      occurredOn: ago(30),
      data: { ...passedFindings, opinion: 'approved', opinionText: '同意' },
    });
    await step(officer, other.id, { step: 'prior_notice', occurredOn: ago(29), data: proposal(45000) });

    const page = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `review-stale-${dialect}`);
    await signInThroughPage(page, server.baseUrl, 'officer.a');
    await page.goto(`${server.baseUrl}/admin/cases/${other.id}`);
    const banner = page.getByRole('region', { name: '重大执法决定' });
    await expect.poll(() => banner.textContent(), eventually).toContain('法制审核：审核通过');
    expect(await banner.textContent()).toContain('拟处理意见在法制审核通过后已经变更');
    expect(await banner.textContent()).toContain('须重新提交法制审核');
    await page.screenshot({ path: '/tmp/review-banner-stale.png' });

    // A case below every threshold shows no banner.
    const small = await notifiedCase('中卫市沙坡头区小额浏览器测试便利店有限公司', 4, 10000);
    await page.goto(`${server.baseUrl}/admin/cases/${small}`);
    await page.getByRole('region', { name: '办理下一环节' }).waitFor();
    expect(await page.getByRole('region', { name: '重大执法决定' }).count()).toBe(0);
    await page.close();
  }, 180_000);

  it('lets the head record a reviewer’s qualification and the agency’s review time limit, and assign a qualified reviewer to a case', async () => {
    await createUser(server.system.ctx, systemActor('测试'), {
      username: 'reviewer.fresh',
      displayName: '新任审核员',
      agencyId: server.org.agencyA.id,
      roles: ['reviewer'],
      password,
    });
    const head = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `review-reviewers-${dialect}`);
    await signInThroughPage(head, server.baseUrl, 'head.a');
    await openFromMenu(head, '法制审核', '审核人员与期限');
    const table = head.getByRole('table', { name: '法制审核人员' });
    await expect.poll(() => table.textContent(), eventually).toContain('新任审核员');
    const warning = head.getByRole('status').filter({ hasText: '尚未登记法律职业资格' });
    expect(await warning.textContent()).toContain('新任审核员 尚未登记法律职业资格，不能承办法制审核');
    expect(await table.getByRole('row', { name: /新任审核员/ }).textContent()).toContain('未登记，不能承办审核');

    // The review time limit: five working days until the agency sets its own.
    const terms = head.locator('.review-terms');
    expect(await terms.textContent()).toContain('5 个工作日');
    expect(await terms.textContent()).toContain('本机关未另行规定');
    await terms.getByRole('button', { name: '设置' }).click();
    let modal = dialog(head, '设置法制审核期限');
    await modal.getByLabel('审核期限（工作日）').fill('7');
    await modal.getByLabel('经机关负责人批准最多延长（工作日）').fill('3');
    await modal.getByLabel('依据').fill('沙坡头区市场监督管理局重大执法决定法制审核办法第十条');
    await modal.getByRole('button', { name: '保存' }).click();
    await modal.waitFor({ state: 'hidden', timeout: 20_000 });
    expect(await terms.textContent()).toContain('7 个工作日');
    expect(await terms.textContent()).toContain('3 个工作日（限一次）');

    // A qualification that cannot be true is refused with its article; the right one is recorded.
    await table.getByRole('button', { name: '为新任审核员登记资格' }).click();
    modal = dialog(head, '登记法律职业资格：新任审核员');
    await modal.getByLabel('法律职业资格证书编号').fill('A20236405020017');
    await typeDate(modal, '取得日期', '2023-03-01');
    await modal.getByRole('button', { name: '登记' }).click();
    await modal.waitFor({ state: 'hidden', timeout: 20_000 });
    await expect.poll(() => table.getByRole('row', { name: /新任审核员/ }).textContent(), eventually).toContain('A20236405020017');
    expect(await warning.count()).toBe(0);
    expect(await seriousViolations(head)).toEqual([]);
    await head.screenshot({ path: path.join(screenshotDir, 'review-reviewers.png'), fullPage: true });

    // A submitted case runs on the new limit, and the head names the reviewer from the agency's qualified reviewers.
    const id = await notifiedCase('中卫市沙坡头区指定审核浏览器测试餐饮有限公司', 5, 30000);
    await step(officer, id, {
      step: 'submit_review',
      occurredOn: ago(1),
      data: { ...proposal(30000), evidenceList: '笔录', legalAnalysis: '第一百二十六条', discretionReasoning: '较重' },
    });
    await head.goto(`${server.baseUrl}/admin/cases/${id}`);
    modal = await openStep(head, '指定审核人员');
    await choose(head, modal, '承办审核人员', '新任审核员');
    await modal.getByRole('button', { name: '确认指定审核人员' }).click();
    await modal.waitFor({ state: 'hidden', timeout: 30_000 });
    await openFromMenu(head, '法制审核', '审核队列');
    const queue = head.getByRole('table');
    await expect.poll(() => queue.textContent(), eventually).toContain('新任审核员（reviewer.fresh）');
    await head.close();
  }, 240_000);
});
