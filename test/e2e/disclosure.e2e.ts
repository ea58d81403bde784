import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/kernel/clock.js';
import { computeUsccCheckCharacter } from '../../src/kernel/uscc.js';
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

const today = todayInChina();
const chineseDate = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const first17 = '91640502MA9D00042';
const company = {
  type: 'organization',
  name: '中卫市沙坡头区阳光示范餐饮有限公司',
  creditCode: first17 + computeUsccCheckCharacter(first17),
  address: '滨河镇迎宾大道99号',
};
const eventually = { timeout: 20_000 };

describe.each(dialects)('ex-post disclosure on the portal, in Chromium (%s)', (dialect) => {
  let server: E2eServer;
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;

  const summaryCase = async (title: string, facts: string, fineAmount: number) => {
    const opened = await officer.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        agencyId: server.org.agencyA.id,
        procedure: 'penalty_summary',
        itemCode: 'EI-002',
        divisionCode: '640502100',
        title,
        party: company,
        officerIds: [setup.officers.zhang, setup.officers.li],
        data: { place: '经营场所', violationOn: today, summary: facts },
      },
    });
    const caseId = opened.json().id as string;
    const decided = await officer.request({
      method: 'POST',
      url: `/api/cases/${caseId}/steps`,
      payload: {
        step: 'summary_decide',
        version: opened.json().version,
        officerIds: [setup.officers.zhang, setup.officers.li],
        data: { facts, penaltyKinds: ['fine'], fineAmount, record: '当事人无异议' },
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const list = (await officer.request({ method: 'GET', url: '/api/disclosure/publications' })).json();
    return list.items.find((p: { caseId: string }) => p.caseId === caseId) as { id: string; version: number };
  };
  const prepare = async (pub: { id: string; version: number }) =>
    (
      await officer.request({ method: 'POST', url: `/api/disclosure/publications/${pub.id}/prepare`, payload: { version: pub.version } })
    ).json();

  let published: string;
  let withdrawn: string;
  let waiting: string;

  beforeAll(async () => {
    server = await startE2e(dialect);
    setup = await setUpEnforcement(server.system.ctx, server.org);
    officer = await signIn(server.app, 'officer.a');
    head = await signIn(server.app, 'head.a');
    const first = await prepare(
      await summaryCase('阳光示范餐饮有限公司未公示食品经营许可证案', '餐饮服务场所未按规定公示食品经营许可证', 1500),
    );
    const approved = await head.request({
      method: 'POST',
      url: `/api/disclosure/publications/${first.id}/approve`,
      payload: { version: first.version },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    published = first.id;
    const second = await prepare(
      await summaryCase('阳光示范餐饮有限公司使用超过保质期的食品原料案', '使用超过保质期的食品原料加工食品', 3000),
    );
    const secondDone = (
      await head.request({ method: 'POST', url: `/api/disclosure/publications/${second.id}/approve`, payload: { version: second.version } })
    ).json();
    withdrawn = secondDone.id;
    await head.request({
      method: 'POST',
      url: `/api/disclosure/publications/${withdrawn}/withdraw`,
      payload: {
        version: secondDone.version,
        ground: 'revoked',
        source: 'reconsideration',
        reason: '沙坡头区人民政府行政复议决定撤销该处罚决定',
      },
    });
    // A third one prepared by the officer, left for the head to check in the staff app.
    waiting = (await prepare(await summaryCase('阳光示范餐饮有限公司从业人员未持健康证明案', '从业人员未取得健康证明上岗', 800))).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets a citizen search a company, open a decision and verify its document and its ledger record', async () => {
    const page = keepOnFailure(await newPage(server.browser), `disclosure-search-${dialect}`);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '事后公开' }).click();
    await page.getByLabel('关键词').fill('阳光示范餐饮');
    await page.getByRole('button', { name: '检索', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), eventually).toBe('共找到2条');
    const results = page.getByRole('list', { name: '检索结果' });
    await expect.poll(() => results.getByRole('article').count()).toBe(2);
    const body = (await page.textContent('main')) ?? '';
    expect(body).toContain(company.name);
    expect(body).toContain('已撤下');
    expect(body).toContain(chineseDate(today));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, `disclosure-search-${dialect}.png`), fullPage: true });

    await results.getByRole('link', { name: '阳光示范餐饮有限公司未公示食品经营许可证案' }).click();
    // Level 1: the result list's own headings carry the same title, so a bare heading would match before the page changes.
    await page.getByRole('heading', { name: /阳光示范餐饮有限公司未公示食品经营许可证案/, level: 1 }).waitFor(eventually);
    await expect.poll(() => page.textContent('main'), eventually).toContain('当场行政处罚决定书');
    const decision = (await page.textContent('main')) ?? '';
    expect(decision).toContain('给予行政处罚：罚款1,500元');
    expect(decision).toContain(company.creditCode);
    expect(decision).toContain('《食品安全法》第一百二十六条');
    expect(decision).toContain(`公开日期${chineseDate(today)}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, `disclosure-decision-${dialect}.png`), fullPage: true });

    // The party's page lists its whole public history.
    await page.getByRole('link', { name: company.name }).first().click();
    await page.getByRole('heading', { name: company.name, level: 1 }).waitFor();
    expect(await page.textContent('main')).toContain('共2条公开的执法决定（行政处罚2条）');
    await page.goBack();

    // The decision document is the platform's own, and the publication is in the signed ledger.
    await page.getByRole('link', { name: '核验当场行政处罚决定书的真伪' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), eventually).toContain('本平台签发的文书');
    await page.goBack();
    await page.getByRole('link', { name: '在记录核验栏目核验' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), eventually).toMatch(/^已核验：第 \d+ 条记录/);
    await page.close();
  });

  it('shows a withdrawn decision with its notice and reason, also on a phone', async () => {
    const page = keepOnFailure(await newPage(server.browser, { width: 390, height: 844 }), `disclosure-withdrawn-${dialect}`);
    await page.goto(`${server.baseUrl}/ex-post?q=${encodeURIComponent('阳光示范餐饮')}&status=withdrawn`);
    await expect.poll(() => page.getByRole('status').first().textContent(), eventually).toBe('共找到1条');
    await page.getByRole('link', { name: '阳光示范餐饮有限公司使用超过保质期的食品原料案' }).click();
    const notice = page.getByRole('region', { name: '撤下说明' });
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(`本决定已于${chineseDate(today)}因行政复议被撤销，原公开内容予以撤下。`);
    expect(text).toContain('理由：沙坡头区人民政府行政复议决定撤销该处罚决定');
    expect(await page.textContent('main')).toMatch(/撤下：.*记录序号 \d+/);
    const fits = () => {
      const g = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
      return g.document.documentElement.scrollWidth <= g.innerWidth + 1;
    };
    expect(await page.evaluate(fits)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, `disclosure-withdrawn-phone-${dialect}.png`), fullPage: true });
    await page.close();
  });

  it('lets the agency head check and publish a copy the officer prepared, in 信息公示', async () => {
    const page = keepOnFailure(await newPage(server.browser), `disclosure-staff-${dialect}`);
    await signInThroughPage(page, server.baseUrl, 'head.a');
    await openFromMenu(page, null, '信息公示');
    const row = page.getByRole('row', { name: /从业人员未持健康证明案/ });
    await row.getByRole('button', { name: '办理' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('中卫市沙坡头区阳光示范餐饮有限公司（').waitFor(eventually);
    await page.screenshot({ path: path.join(screenshotDir, `disclosure-staff-${dialect}.png`), fullPage: true });
    await drawer.getByRole('button', { name: '审核通过并公开' }).click();
    await expect
      .poll(async () => (await head.request({ method: 'GET', url: `/api/disclosure/publications/${waiting}` })).json().status, eventually)
      .toBe('published');
    await page.close();
  });

  it('lets the party submit a statement online with the code the officer gave it, published after the head checks it', async () => {
    /** Signs in, opens the published decision in 信息公示 and returns its 当事人陈述 card. */
    const statementCard = async (page: Page, username: string) => {
      await signInThroughPage(page, server.baseUrl, username);
      await openFromMenu(page, null, '信息公示');
      await page.locator('label.ant-radio-button-wrapper', { hasText: '已公开' }).click();
      await page
        .getByRole('row', { name: /未公示食品经营许可证案/ })
        .getByRole('button', { name: '办理' })
        .click();
      return page.getByRole('dialog').locator('.ant-card', { hasText: '当事人陈述' });
    };
    const staff = keepOnFailure(await newPage(server.browser), `disclosure-reply-staff-${dialect}`);
    const card = await statementCard(staff, 'officer.a');
    await card.getByText('尚未收到当事人陈述').waitFor(eventually);
    await card.getByRole('button', { name: '生成陈述码' }).click();
    const issued = staff.locator('.ant-modal-confirm');
    await issued.locator('.ant-modal-confirm-title', { hasText: '陈述码已生成' }).waitFor(eventually);
    const code = ((await issued.locator('strong').textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await staff.close();

    // The party, not signed in, from the decision's page.
    const party = keepOnFailure(await newPage(server.browser), `disclosure-reply-party-${dialect}`);
    await party.goto(`${server.baseUrl}/ex-post/decisions/${published}`);
    await party.getByRole('link', { name: '在线提交陈述' }).click();
    await party.getByRole('heading', { name: '当事人提交陈述' }).waitFor(eventually);
    await party.getByRole('button', { name: '提交陈述' }).click();
    await expect.poll(() => party.getByRole('alert').textContent(), eventually).toBe('请填写陈述码');
    await party.getByRole('textbox', { name: '陈述码' }).fill('AAAA-BBBB-CCCC');
    await party.getByRole('textbox', { name: '陈述内容' }).fill('我店已于当日公示食品经营许可证并完成整改，联系电话13912345678。');
    await party.getByRole('button', { name: '提交陈述' }).click();
    await expect.poll(() => party.getByRole('alert').textContent(), eventually).toContain('陈述码不正确、已使用或已过期');
    await party.getByRole('textbox', { name: '陈述码' }).fill(code.toLowerCase());
    await party.getByRole('button', { name: '提交陈述' }).click();
    await party.getByText('陈述已提交').waitFor(eventually);
    expect(await seriousViolations(party)).toEqual([]);
    await party.screenshot({ path: path.join(screenshotDir, `disclosure-reply-${dialect}.png`), fullPage: true });

    const checker = keepOnFailure(await newPage(server.browser), `disclosure-reply-head-${dialect}`);
    const pending = await statementCard(checker, 'head.a');
    await pending.getByText('待审核').waitFor(eventually);
    expect(await pending.textContent()).toContain('公开文本：我店已于当日公示食品经营许可证并完成整改，联系电话139********。');
    await checker.screenshot({ path: path.join(screenshotDir, `disclosure-reply-staff-${dialect}.png`), fullPage: true });
    await pending.getByRole('button', { name: '审核通过并公开' }).click();
    await pending.getByText('已公开').first().waitFor(eventually);
    await checker.close();

    await party.goto(`${server.baseUrl}/ex-post/decisions/${published}`);
    const statement = party.getByRole('region', { name: '当事人陈述' });
    await statement.waitFor(eventually);
    expect(await statement.textContent()).toContain('我店已于当日公示食品经营许可证并完成整改');
    expect(await party.textContent('main')).not.toContain('13912345678');
    await party.close();
  });
});
