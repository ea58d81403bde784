import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/system.js';
import { type E2eServer, newPage, screenshotDir, seriousViolations, startE2e } from './support.js';

describe.each(dialects)('the public portal in Chromium (%s)', (dialect) => {
  let server: E2eServer;

  beforeAll(async () => {
    server = await startE2e(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists the government’s agencies with their supervision channels, without signing in', async () => {
    const page = await newPage(server.browser, { width: 1366, height: 900 });
    await page.goto(`${server.baseUrl}/`);
    await page.getByText('沙坡头区市场监督管理局').first().waitFor();
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('中卫市沙坡头区人民政府');
    expect(body).toContain('监督电话');
    expect(body).toContain('沙坡头区司法局');
    expect(body).not.toContain('中宁县交通运输局');
    await page.screenshot({ path: path.join(screenshotDir, `portal-home-${dialect}.png`), fullPage: true });
    await page.close();
  });

  it('has no serious or critical accessibility violation on the home page and the agency list', async () => {
    const page = await newPage(server.browser);
    await page.goto(`${server.baseUrl}/`);
    await page.getByText('沙坡头区市场监督管理局').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/agencies`);
    await page.getByLabel('搜索执法主体').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('says plainly which sections are not built yet', async () => {
    const page = await newPage(server.browser);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '事中公示' }).click();
    await expect.poll(() => page.textContent('main')).toContain('该栏目正在建设中');
    await page.close();
  });

  it('lets a citizen check in the browser that a record is in the signed ledger', async () => {
    const page = await newPage(server.browser);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '记录核验' }).click();
    await page.getByText('已在本浏览器中用平台公布的验证密钥核验通过').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('记录序号').fill('3');
    await page.getByRole('button', { name: '核验' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/^已核验：第 3 条记录（叶哈希 [0-9a-f]{16}…）包含在共 \d+ 条记录的已签名账本中。$/);
    await page.screenshot({ path: path.join(screenshotDir, `portal-ledger-${dialect}.png`), fullPage: true });
    await page.getByLabel('记录序号').fill('999999');
    await page.getByRole('button', { name: '核验' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('记录序号超出账本规模');
    // A record's page links here with its index, and the check runs by itself.
    await page.goto(`${server.baseUrl}/ledger?index=2`);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^已核验：第 2 条记录（叶哈希 [0-9a-f]{16}…）/);
    expect(await page.getByLabel('记录序号').inputValue()).toBe('2');
    await page.close();
  });
});
