import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforcementItemsFor } from '../../src/demo/catalog-samples.js';
import { systemActor } from '../../src/kernel/actor.js';
import { bindSecondFactor, createUser } from '../../src/modules/org/index.js';
import { password, totpSecret } from '../support/factories.js';
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

/** Server round trips on this shared 2-core machine can take seconds. */
const eventually = { timeout: 15_000 };

/** Drafts, submits and approves a list through the API (the officer compiles, the agency's reviewer publishes). */
async function publish(officer: Client, reviewer: Client, agencyId: string, entries: unknown[]): Promise<string> {
  const draft = await officer.request({
    method: 'POST',
    url: '/api/catalog/drafts',
    payload: { agencyId, kind: 'enforcement_item', note: '首次编制', entries },
  });
  expect(draft.statusCode).toBe(201);
  const { id } = draft.json() as { id: string };
  const submitted = await officer.request({ method: 'POST', url: `/api/catalog/versions/${id}/submit`, payload: { rowVersion: 1 } });
  expect(submitted.statusCode).toBe(200);
  const approved = await reviewer.request({
    method: 'POST',
    url: `/api/catalog/versions/${id}/review`,
    payload: { rowVersion: 2, decision: 'approve', opinion: '主体、依据、权限均已核对' },
  });
  expect(approved.statusCode).toBe(200);
  return id;
}

/** Picks an option of an antd Select by typing its Chinese name (the form's selects are searchable) and pressing Enter. */
async function choose(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string) {
  const box = scope.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: option }).waitFor();
  await box.press('Enter');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
}

describe.each(dialects)('the catalog lists in Chromium (%s)', (dialect) => {
  let server: E2eServer;
  const marketItems = enforcementItemsFor('market_regulation');
  /** EI-007 (产品质量法第四十九条) is left out of the published list: the officer adds it through the form. */
  const published = marketItems.filter((item) => item.code !== 'EI-007');
  const added = marketItems.find((item) => item.code === 'EI-007');

  beforeAll(async () => {
    server = await startE2e(dialect);
    const { ctx } = server.system;
    const actor = systemActor('测试');
    const reviewerB = await createUser(ctx, actor, {
      username: 'reviewer.b',
      displayName: '测试reviewer.b',
      agencyId: server.org.agencyB.id,
      roles: ['reviewer'],
      password,
    });
    await bindSecondFactor(ctx, actor, reviewerB.id, totpSecret);
    await publish(await signIn(server.app, 'officer.a'), await signIn(server.app, 'reviewer.a'), server.org.agencyA.id, published);
    await publish(
      await signIn(server.app, 'officer.b'),
      await signIn(server.app, 'reviewer.b'),
      server.org.agencyB.id,
      enforcementItemsFor('transport'),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets a citizen search the published lists in Chinese and filter by agency and action type', async () => {
    const page = keepOnFailure(await newPage(server.browser, { width: 1366, height: 900 }), `catalog-1-page-${dialect}`);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '事前公开' }).click();
    await page.getByRole('heading', { name: '清单检索' }).waitFor();
    expect(await page.textContent('main')).not.toContain('该栏目正在建设中');

    await page.getByLabel('关键词').fill('许可');
    await page.getByRole('button', { name: '检索', exact: true }).click();
    const results = page.getByRole('list', { name: '检索结果' });
    await expect.poll(() => page.getByRole('status').textContent(), eventually).toMatch(/^共找到\d+条$/);
    await page.getByLabel('行为类别').selectOption({ label: '行政许可' });
    await expect.poll(() => page.getByRole('status').textContent(), eventually).toBe('共找到2条');
    expect(await results.textContent()).toContain('道路货物运输经营许可');
    expect(await results.textContent()).toContain('食品生产经营许可');

    await page.getByLabel('执法机关').selectOption({ label: '沙坡头区市场监督管理局' });
    await expect.poll(() => page.getByRole('status').textContent(), eventually).toBe('共找到1条');
    const hit = results.getByRole('article');
    expect(await hit.textContent()).toContain('食品生产经营许可');
    expect(await hit.textContent()).toContain('《食品安全法》第三十五条');
    expect(await hit.textContent()).toContain('沙坡头区市场监督管理局');
    expect(await results.textContent()).not.toContain('道路货物运输经营许可');

    await page.getByLabel('关键词').fill('食品');
    await page.getByRole('button', { name: '检索', exact: true }).click();
    await page.getByLabel('行为类别').selectOption({ label: '行政处罚' });
    await expect.poll(() => page.getByRole('status').textContent(), eventually).toBe('共找到3条');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, `catalog-portal-search-${dialect}.png`), fullPage: true });

    await results.getByRole('link', { name: '对未取得食品生产经营许可从事食品生产经营活动的行政处罚' }).click();
    await page.getByRole('heading', { level: 1, name: '对未取得食品生产经营许可从事食品生产经营活动的行政处罚' }).waitFor();
    const main = page.getByRole('main');
    await expect.poll(() => main.textContent(), eventually).toContain('《食品安全法》第一百二十二条');
    for (const label of ['编码', '事项名称', '行为类别', '执法门类', '职责', '权限', '法律依据', '监督方式', '救济渠道']) {
      expect(
        await main
          .getByRole('term')
          .filter({ hasText: new RegExp(`^${label}$`) })
          .count(),
      ).toBe(1);
    }
    expect(await main.textContent()).toContain('第1版');
    expect(await main.textContent()).toContain('现行版本');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('lets an officer correct a list through the form; the reviewer returns it with an opinion the officer sees', async () => {
    const page = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `catalog-2-page-${dialect}`);
    await signInThroughPage(page, server.baseUrl, 'officer.a');
    await openFromMenu(page, '事前公开', '清单管理');
    const card = page.getByRole('region', { name: '行政执法事项清单', exact: true });
    await expect.poll(() => card.textContent(), eventually).toContain('第1版');
    expect(await seriousViolations(page)).toEqual([]);
    await card.getByRole('button', { name: '纠错' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('纠错说明').fill('补充产品质量监督事项');
    await dialog.getByRole('button', { name: '开始纠错' }).click();
    await page.waitForURL(/\/admin\/catalog\/versions\//);
    await page.getByRole('heading', { level: 1, name: '行政执法事项清单第2版' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: '清单条目' }).textContent(), eventually).toContain('EI-006');

    await page.getByRole('button', { name: '新增条目' }).click();
    const drawer = page.getByRole('dialog', { name: '新增条目：行政执法事项清单' });
    await drawer.getByLabel('编码', { exact: true }).fill('EI-007');
    await drawer.getByLabel('事项名称').fill(added?.name ?? '');
    await choose(page, drawer, '行为类别', '行政处罚');
    await choose(page, drawer, '执法门类', '市场监督管理');
    await drawer.getByLabel('职责').fill(added?.duties ?? '');
    await drawer.getByLabel('权限').fill(added?.powers ?? '');
    await drawer.getByLabel('法律法规名称').fill('中华人民共和国产品质量法');
    await drawer.getByLabel('条', { exact: true }).fill('49'); // not how statutes number articles
    await drawer.getByLabel('监督方式').fill(added?.supervisionMethod ?? '');
    await drawer.getByLabel('救济渠道').fill(added?.remedyChannels ?? '');
    await drawer.getByRole('button', { name: '保存条目' }).click();
    // The server's error /entries/6/legalBases/0/article lands under the field it names.
    await expect.poll(() => drawer.getByRole('alert').first().textContent(), eventually).toContain('清单内容不符合要求');
    await expect.poll(() => drawer.textContent(), eventually).toContain('格式不正确');
    await page.screenshot({ path: path.join(screenshotDir, `catalog-entry-error-${dialect}.png`) });
    await drawer.getByLabel('条', { exact: true }).fill('第四十九条');
    await drawer.getByRole('button', { name: '保存条目' }).click();
    await drawer.waitFor({ state: 'hidden' });
    const entries = page.getByRole('table', { name: '清单条目' });
    await expect.poll(() => entries.textContent(), eventually).toContain('《产品质量法》第四十九条');

    await page.getByRole('button', { name: '提交法制审核' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByRole('main').textContent(), eventually).toContain('待法制审核');
    await expect.poll(() => page.getByRole('table', { name: '记录账本' }).textContent(), eventually).toContain('提交法制审核');
    await page.screenshot({ path: path.join(screenshotDir, `catalog-version-${dialect}.png`), fullPage: true });

    const reviewer = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `catalog-3-reviewer-${dialect}`);
    await signInThroughPage(reviewer, server.baseUrl, 'reviewer.a');
    await openFromMenu(reviewer, '事前公开', '清单管理');
    const reviewCard = reviewer.getByRole('region', { name: '行政执法事项清单', exact: true });
    await expect.poll(() => reviewCard.textContent(), eventually).toContain('待法制审核');
    await reviewCard.getByRole('button', { name: '审核' }).click();
    const review = reviewer.getByRole('dialog');
    await review.getByRole('button', { name: '退回修改' }).click();
    await expect.poll(() => review.textContent(), eventually).toContain('退回修改须写明审核意见');
    await review.getByLabel('审核意见').fill('第7项未载明条文内容，请补充《产品质量法》第四十九条原文后重新提交');
    await review.getByRole('button', { name: '退回修改' }).click();
    await review.waitFor({ state: 'hidden' });
    await expect.poll(() => reviewCard.textContent(), eventually).toContain('已退回修改');
    await reviewer.close();

    await page.goto(`${server.baseUrl}/admin/catalog`);
    const returned = page.getByRole('region', { name: '行政执法事项清单', exact: true });
    await expect.poll(() => returned.textContent(), eventually).toContain('第7项未载明条文内容');
    expect(await returned.textContent()).toContain('法制审核意见');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, `catalog-list-returned-${dialect}.png`), fullPage: true });
    await returned.getByRole('button', { name: '修改' }).click();
    await expect.poll(() => page.getByRole('main').textContent(), eventually).toContain('审核意见：第7项未载明条文内容');
    await page.close();
  }, 180_000);

  it('publishes the corrected list when the reviewer approves, with the entry and the version history on the portal', async () => {
    const page = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `catalog-4-page-${dialect}`);
    await signInThroughPage(page, server.baseUrl, 'officer.a');
    await openFromMenu(page, '事前公开', '清单管理');
    await page.getByRole('region', { name: '行政执法事项清单', exact: true }).getByRole('button', { name: '修改' }).click();
    const entries = page.getByRole('table', { name: '清单条目' });
    await entries
      .getByRole('row', { name: /EI-007/ })
      .getByRole('button', { name: '编辑' })
      .click();
    const drawer = page.getByRole('dialog', { name: /^编辑条目：EI-007/ });
    await drawer.getByLabel('条文内容').fill(added?.legalBases[0]?.text ?? '');
    await drawer.getByRole('button', { name: '保存条目' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.locator('.ant-tag', { hasText: /^草稿$/ }).waitFor(); // saving a returned version makes it a draft again
    // The page then reloads the version and its history; a confirmation opened meanwhile is closed by the re-render.
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: '提交法制审核' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByRole('main').textContent(), eventually).toContain('待法制审核');
    await page.close();

    const reviewer = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `catalog-5-reviewer-${dialect}`);
    await signInThroughPage(reviewer, server.baseUrl, 'reviewer.a');
    await openFromMenu(reviewer, '事前公开', '清单管理');
    const card = reviewer.getByRole('region', { name: '行政执法事项清单', exact: true });
    await card.getByRole('button', { name: '审核' }).click();
    const review = reviewer.getByRole('dialog');
    await review.getByLabel('审核意见').fill('已补充条文内容，同意公布');
    await review.getByRole('button', { name: '通过并公布' }).click();
    await review.waitFor({ state: 'hidden' });
    await expect.poll(() => card.textContent(), eventually).toContain('第2版');
    expect(await card.textContent()).toContain('7 条');
    await card.getByRole('link', { name: '第2版' }).click();
    await expect.poll(() => reviewer.getByRole('table', { name: '记录账本' }).textContent(), eventually).toContain('审核通过并公布');
    await reviewer.close();

    const portal = keepOnFailure(await newPage(server.browser, { width: 1366, height: 900 }), `catalog-6-portal-${dialect}`);
    await portal.goto(`${server.baseUrl}/ex-ante?q=${encodeURIComponent('产品质量')}`);
    const results = portal.getByRole('list', { name: '检索结果' });
    await results.getByRole('link', { name: added?.name ?? '' }).waitFor();
    expect(await results.textContent()).toContain('《产品质量法》第四十九条');
    expect(await results.textContent()).toContain('第2版');
    await results.getByRole('link', { name: added?.name ?? '' }).click();
    await expect.poll(() => portal.getByRole('main').textContent(), eventually).toContain('责令停止生产、销售');

    await portal.getByRole('navigation', { name: '当前位置' }).getByRole('link', { name: '行政执法事项清单' }).click();
    const history = portal.getByRole('table').filter({ hasText: '被替代日期' });
    await expect.poll(() => history.textContent(), eventually).toContain('历史版本');
    expect(await history.getByRole('row', { name: /第2版/ }).textContent()).toContain('现行版本');
    expect(await history.getByRole('row', { name: /第1版/ }).textContent()).toContain('历史版本');
    expect(await seriousViolations(portal)).toEqual([]);
    await portal.screenshot({ path: path.join(screenshotDir, `catalog-portal-history-${dialect}.png`), fullPage: true });

    await history.getByRole('link', { name: '第1版' }).click();
    await portal.getByText('这是历史版本').waitFor();
    await expect.poll(() => portal.getByRole('status').textContent(), eventually).toBe('共6条');
    expect(await portal.getByRole('main').textContent()).not.toContain('EI-007');
    await portal.close();
  }, 180_000);
  it('imports a list from Excel, listing each wrong row before anything is saved', async () => {
    const catalogAnswer = await server.app.inject({ method: 'GET', url: `/api/public/catalog/agencies/${server.org.agencyA.id}` });
    const current = (catalogAnswer.json() as { lists: { kind: string; published: { id: string } | null }[] }).lists.find(
      (list) => list.kind === 'enforcement_item',
    )?.published;
    const exported = await server.app.inject({ method: 'GET', url: `/api/public/catalog/versions/${current?.id}/export.xlsx` });
    expect(exported.statusCode).toBe(200);
    const good = path.join(screenshotDir, `catalog-import-good-${dialect}.xlsx`);
    const bad = path.join(screenshotDir, `catalog-import-bad-${dialect}.xlsx`);
    writeFileSync(good, exported.rawPayload);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the export has no sheet');
    const header = sheet.getRow(1).values as unknown[];
    sheet.getRow(3).getCell(header.indexOf('法律依据（条）')).value = '122';
    await workbook.xlsx.writeFile(bad);

    const page = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `catalog-7-page-${dialect}`);
    await signInThroughPage(page, server.baseUrl, 'officer.a');
    await openFromMenu(page, '事前公开', '清单管理');
    const card = page.getByRole('region', { name: '行政执法事项清单', exact: true });
    await card.getByRole('button', { name: '导入 Excel' }).click();
    const dialog = page.getByRole('dialog', { name: '导入 Excel：行政执法事项清单' });
    await dialog.locator('input[type=file]').setInputFiles(bad);
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await expect.poll(() => dialog.getByRole('alert').first().textContent(), eventually).toContain('未导入任何数据');
    const errors = dialog.getByRole('table', { name: '导入错误' });
    expect(await errors.textContent()).toContain('第3行');
    expect(await errors.textContent()).toContain('法律依据（条）');

    await dialog.locator('input[type=file]').setInputFiles(good);
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await expect.poll(() => dialog.textContent(), eventually).toContain('导入成功：共 7 条，已保存为第3版草稿');
    await dialog.getByRole('button', { name: '查看草稿' }).click();
    await page.getByRole('heading', { level: 1, name: '行政执法事项清单第3版' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: '清单条目' }).textContent(), eventually).toContain('EI-007');
    await page.close();
  }, 180_000);
});
