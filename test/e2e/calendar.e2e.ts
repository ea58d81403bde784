import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/system.js';
import { type E2eServer, newPage, openFromMenu, screenshotDir, seriousViolations, signInThroughPage, startE2e } from './support.js';

async function pickRange(page: Page, from: string, to: string): Promise<void> {
  const drawer = page.getByRole('dialog');
  await drawer.getByPlaceholder('开始日期').click();
  await drawer.getByPlaceholder('开始日期').fill(from);
  await page.keyboard.press('Enter');
  await drawer.getByPlaceholder('结束日期').fill(to);
  await page.keyboard.press('Enter');
  await drawer.getByRole('button', { name: '加入' }).click();
}

async function calculate(page: Page, date: string, days: number): Promise<string> {
  await page.getByLabel('起算日期').click();
  await page.getByLabel('起算日期').fill(date);
  await page.keyboard.press('Enter');
  await page.getByLabel('工作日天数').fill(String(days));
  await page.getByRole('button', { name: '计算' }).click();
  const status = page.getByRole('status').filter({ hasText: /个工作日是|工作日历/ });
  await status.waitFor();
  return (await status.textContent()) ?? '';
}

describe.each(dialects)('the working-day calendar in Chromium (%s)', (dialect) => {
  let server: E2eServer;

  beforeAll(async () => {
    server = await startE2e(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets an administrator read the years, count working days, and add the next year from the notice', async () => {
    const page = await newPage(server.browser, { width: 1440, height: 1000 });
    await signInThroughPage(page, server.baseUrl, 'admin');
    await openFromMenu(page, null, '工作日历');
    await page.getByRole('table', { name: '2026年调休上班日' }).waitFor();
    expect(await page.getByRole('table', { name: '工作日历收录的年份' }).textContent()).toContain('国办发明电〔2023〕7号');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await calculate(page, '2026年9月30日', 7)).toContain('2026年10月15日');
    expect(await calculate(page, '2026年12月31日', 1)).toContain('没有2027年的节假日安排');

    await page.getByRole('button', { name: '录入2027年安排' }).click();
    const drawer = page.getByRole('dialog');
    await pickRange(page, '2027年1月1日', '2027年1月3日');
    await drawer.getByLabel('通知名称和文号').fill('国务院办公厅关于2027年部分节假日安排的通知（测试）');
    await drawer.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => drawer.getByRole('alert').first().textContent()).toContain('节假日安排不正确');
    await expect.poll(() => drawer.textContent()).toContain('缺少法定节假日 2027-05-01（劳动节）');
    await page.screenshot({ path: path.join(screenshotDir, `calendar-error-${dialect}.png`) });

    await pickRange(page, '2027年5月1日', '2027年5月5日');
    await pickRange(page, '2027年10月1日', '2027年10月7日');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByRole('table', { name: '2027年放假日期' }).waitFor();
    // The drawer hands focus back to the button that opened it (now 录入2028年安排) as it finishes closing: wait for
    // that, or the Enter pressed in the date field below can land on the button and open the drawer again.
    await drawer.waitFor({ state: 'hidden' });
    expect(await page.getByRole('table', { name: '工作日历收录的年份' }).textContent()).toContain('管理员录入');
    expect(await calculate(page, '2026年12月31日', 1)).toContain('2027年1月4日');
    await page.close();
  });

  it('shows an officer the calendar without the form', async () => {
    const page = await newPage(server.browser);
    await signInThroughPage(page, server.baseUrl, 'officer.a');
    await openFromMenu(page, null, '工作日历');
    await page.getByRole('table', { name: '工作日历收录的年份' }).waitFor();
    expect(await page.getByRole('button', { name: /录入\d{4}年安排/ }).count()).toBe(0);
    await page.close();
  });
});
