import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/http.js';
import { dialects } from '../support/system.js';
import { type E2eServer, newPage, openFromMenu, screenshotDir, seriousViolations, signInThroughPage, startE2e } from './support.js';

/** Picks a date in an antd DatePicker by typing it (the pickers accept YYYY-MM-DD as well as 2030年12月31日). */
async function typeDate(form: Locator, label: string, date: string): Promise<void> {
  const input = form.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/**
 * A drawer or modal by its title. (Not by accessible name: a web build made under vitest has NODE_ENV=test, where
 * antd gives every generated id the value test-id, so aria-labelledby cannot be relied on there.)
 */
function dialog(page: Page, title: string) {
  return page.getByRole('dialog').filter({ has: page.locator('.ant-drawer-title, .ant-modal-title').getByText(title, { exact: true }) });
}

/**
 * The QR code's modules as the page draws them (dark = true), read off its image by sampling each module's centre
 * (the card draws a one-module quiet zone), to compare with the modules of the address it should encode.
 */
async function readQrModules(page: Page, selector: string, size: number): Promise<boolean[]> {
  return page.evaluate<boolean[]>(`(async () => {
    const img = document.querySelector(${JSON.stringify(selector)});
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const scale = img.naturalWidth / (${size} + 2);
    const modules = [];
    for (let row = 0; row < ${size}; row += 1) {
      for (let col = 0; col < ${size}; col += 1) {
        const x = Math.floor((1 + col + 0.5) * scale);
        const y = Math.floor((1 + row + 0.5) * scale);
        modules.push(data[(y * canvas.width + x) * 4] < 128);
      }
    }
    return modules;
  })()`);
}

describe.each(dialects)('enforcement personnel in Chromium (%s)', (dialect) => {
  let server: E2eServer;
  const number = `640502E2E${dialect === 'sqlite' ? 'S' : 'P'}01`;
  const verifyPath = `/verify/certificate/${number}`;

  beforeAll(async () => {
    server = await startE2e(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets a head add an officer and issue a certificate whose card’s QR code opens a page saying 有效, then 已注销 once cancelled', async () => {
    const page = await newPage(server.browser);
    await signInThroughPage(page, server.baseUrl, 'head.a');
    await openFromMenu(page, '执法人员与证件', '执法人员名册');
    await page.getByRole('button', { name: '新增人员' }).click();
    const form = dialog(page, '新增人员');
    await form.getByLabel('姓名').fill('欧阳明');
    await form.getByLabel('岗位').fill('食品安全监管科科员');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });

    // Saving opens the new officer, ready for a certificate.
    const detail = dialog(page, '执法人员：欧阳明');
    await detail.getByRole('button', { name: '核发执法证' }).click();
    const issue = dialog(page, '核发执法证：欧阳明');
    await issue.getByLabel('执法证号').fill(number.toLowerCase());
    await expect.poll(() => issue.textContent()).toContain('市场监督管理'); // the agency's own category, chosen for you
    await expect.poll(() => issue.textContent()).toContain('沙坡头区（含所属乡镇）');
    await typeDate(issue, '有效期至', '2020-01-01');
    await issue.getByRole('button', { name: '核发' }).click();
    await expect.poll(() => issue.textContent()).toContain('有效期须晚于发证日期'); // the server's answer, under its field
    await typeDate(issue, '有效期至', '2031-12-31');
    await issue.getByRole('button', { name: '核发' }).click();
    await issue.waitFor({ state: 'hidden' });
    await expect.poll(() => detail.textContent()).toContain(`现持执法证 ${number}`);
    expect(await detail.textContent()).toContain('2031年12月31日');

    await detail.getByRole('button', { name: `亮证卡 ${number}` }).click();
    const cardDialog = dialog(page, '亮证卡');
    const qr = cardDialog.getByRole('img', { name: `执法证 ${number} 的核验二维码` });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const expected = QRCode.create(`${server.baseUrl}${verifyPath}`, { errorCorrectionLevel: 'M' }).modules;
    const drawn = await readQrModules(page, '.lt-card-preview .lt-card-qr img', expected.size);
    expect(drawn).toEqual(Array.from(expected.data, (bit) => bit === 1));
    const card = await cardDialog.locator('.lt-card').textContent();
    expect(card).toContain('沙坡头区市场监督管理局');
    expect(card).toContain('欧阳明');
    expect(card).toContain('扫码核验执法人员身份');
    expect(card).toContain(`${server.baseUrl}${verifyPath}`);
    expect(card).not.toContain('食品安全监管科科员');
    // Printing shows the card alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#root').isVisible()).toBe(false);
    expect(await page.locator('.personnel-print-root .lt-card').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, `personnel-card-print-${dialect}.png`) });
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Escape');
    await cardDialog.waitFor({ state: 'hidden' });

    const citizen = await newPage(server.browser, { width: 390, height: 844 });
    await citizen.goto(`${server.baseUrl}${verifyPath}`);
    const status = citizen.getByRole('status');
    await expect.poll(() => status.textContent()).toContain('该执法人员今日持有效执法证');
    expect(await status.textContent()).toContain('有效');
    const fields = (await citizen.locator('.verify-fields').textContent()) ?? '';
    expect(fields).toContain('欧阳明');
    expect(fields).toContain('沙坡头区市场监督管理局');
    expect(fields).toContain('市场监督管理');

    await detail.getByRole('button', { name: '注销', exact: true }).click();
    const cancel = dialog(page, '注销执法证');
    await cancel.getByRole('button', { name: '确认注销' }).click();
    await expect.poll(() => cancel.textContent()).toContain('请填写注销原因');
    await cancel.getByLabel('注销原因').fill('调离执法岗位，收回执法证');
    await cancel.getByRole('button', { name: '确认注销' }).click();
    await cancel.waitFor({ state: 'hidden' });
    await expect.poll(() => detail.textContent()).toContain('历史证件');
    await detail.getByRole('tab', { name: '记录账本' }).click();
    await expect.poll(() => detail.getByRole('table', { name: '记录账本' }).textContent()).toContain('注销执法证');
    const trail = (await detail.getByRole('table', { name: '记录账本' }).textContent()) ?? '';
    expect(trail).toContain('新增执法人员');
    expect(trail).toContain('核发执法证');

    await citizen.reload();
    await expect.poll(() => status.textContent()).toContain('该执法证已注销，持证人不得从事执法活动');
    expect(await status.textContent()).toContain('已注销');
    await citizen.screenshot({ path: path.join(screenshotDir, `personnel-verify-cancelled-${dialect}.png`), fullPage: true });
    await citizen.close();
    await page.close();
  }, 120_000);

  it('shows the verification page readable and accessible on a 390px-wide phone, also for an unknown number', async () => {
    const head = await signIn(server.app, 'head.a');
    const officer = (
      await head.request({
        method: 'POST',
        url: '/api/officers',
        payload: { agencyId: server.org.agencyA.id, name: '上官雪', post: '执法队员' },
      })
    ).json();
    const valid = `640502E2E${dialect === 'sqlite' ? 'S' : 'P'}02`;
    const issued = await head.request({
      method: 'POST',
      url: `/api/officers/${officer.id}/certificates`,
      payload: { number: valid, categories: ['market_regulation'], regionCode: '640502', issuedOn: '2025-01-01', expiresOn: '2031-12-31' },
    });
    expect(issued.statusCode).toBe(201);

    const phone = await newPage(server.browser, { width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/verify/certificate/${valid}`);
    await expect.poll(() => phone.getByRole('status').textContent(), { timeout: 20_000 }).toContain('该执法人员今日持有效执法证');
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(screenshotDir, `personnel-verify-valid-${dialect}.png`), fullPage: true });

    await phone.goto(`${server.baseUrl}/verify/certificate/NO-SUCH-1`);
    await expect.poll(() => phone.getByRole('status').textContent(), { timeout: 20_000 }).toContain('查无此执法证号');
    expect(await phone.textContent('main')).toContain('12345');
    expect(await seriousViolations(phone)).toEqual([]);

    // The 亮证核验 column: type a number, land on its page.
    await phone.goto(`${server.baseUrl}/verify`);
    await phone.getByLabel('执法证号').fill(valid.toLowerCase());
    await phone.getByRole('button', { name: '核验' }).click();
    await expect.poll(() => phone.getByRole('status').textContent(), { timeout: 20_000 }).toContain('有效');
    expect(phone.url()).toContain(`/verify/certificate/${valid}`);

    // The public list links each certificate to its page.
    await phone.goto(`${server.baseUrl}/officers`);
    await phone.getByLabel('姓名或执法证号').fill('上官雪');
    await phone.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => phone.getByRole('status').textContent(), { timeout: 20_000 }).toContain('共1条执法证信息');
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.getByRole('link', { name: new RegExp(valid) }).click();
    await expect.poll(() => phone.getByRole('status').textContent(), { timeout: 20_000 }).toContain('该执法人员今日持有效执法证');
    await phone.close();
  });

  it('imports a roster from Excel: every broken row named with nothing stored, then the corrected file, with progress', async () => {
    const template = await server.app.inject({ method: 'GET', url: '/api/personnel/roster/template.xlsx' });
    const fileWith = async (rows: unknown[][], name: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
      for (const row of rows) sheet.addRow(row);
      const file = path.join(tmpdir(), `${name}-${dialect}.xlsx`);
      writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
      return file;
    };
    const tag = dialect === 'sqlite' ? 'S' : 'P';
    const good = ['上官云', '执法队员', '执法人员', `640502XLS${tag}1`, '市场监督管理', '640502', '2025-01-01', '2029-12-31', null];
    const broken = await fileWith(
      [good, ['司马光', '执法队员', '辅助人员', `640502XLS${tag}2`, '市场监督管理', '640502', '2025-01-01', '2029-12-31', null]],
      'roster-broken',
    );
    const fixed = await fileWith([good, ['司马光', '协管员', '辅助人员', null, null, null, null, null, null]], 'roster-fixed');

    const page = await newPage(server.browser);
    await signInThroughPage(page, server.baseUrl, 'head.a');
    await openFromMenu(page, '执法人员与证件', '执法人员名册');
    await page.getByRole('button', { name: '导入 Excel' }).click();
    const modal = dialog(page, '导入 Excel：沙坡头区市场监督管理局执法人员名册');
    await modal.locator('input[type=file]').setInputFiles(broken);
    await modal.getByRole('button', { name: '开始导入' }).click();
    await expect.poll(() => modal.textContent(), { timeout: 30_000 }).toContain('未导入任何数据');
    const errors = await modal.getByRole('table').textContent();
    expect(errors).toContain('第3行');
    expect(errors).toContain('执法证号');
    const none = await signIn(server.app, 'head.a');
    const search = async (q: string) =>
      (await none.request({ method: 'GET', url: `/api/officers?q=${encodeURIComponent(q)}` })).json().total as number;
    expect(await search('上官云')).toBe(0);

    await modal.locator('input[type=file]').setInputFiles(fixed);
    await modal.getByRole('button', { name: '开始导入' }).click();
    await expect.poll(() => modal.textContent(), { timeout: 30_000 }).toContain('导入成功：新增 2 名人员、1 个执法证');
    expect(await search('上官云')).toBe(1);
    await modal.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => page.getByRole('table').first().textContent()).toContain('上官云');
    await page.close();
  });

  it('flags for the supervisor an agency whose legal reviewers are below 5% of its officers', async () => {
    const head = await signIn(server.app, 'head.a');
    for (let i = 1; i <= 21; i += 1) {
      const response = await head.request({
        method: 'POST',
        url: '/api/officers',
        payload: { agencyId: server.org.agencyA.id, name: `执法队员${String(i).padStart(2, '0')}` },
      });
      expect(response.statusCode).toBe(201);
    }
    const page = await newPage(server.browser);
    await signInThroughPage(page, server.baseUrl, 'supervisor');
    await openFromMenu(page, '执法人员与证件', '法制审核人员配备');
    const row = page.getByRole('row', { name: /沙坡头区市场监督管理局/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('低于5%');
    expect(await row.getAttribute('class')).toContain('personnel-ratio-below');
    expect(await page.getByRole('status').textContent()).toContain('1 个执法机关低于5%');
    const other = await page.getByRole('row', { name: /滨河镇综合执法队/ }).textContent();
    expect(other).not.toContain('低于5%');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, `personnel-ratios-${dialect}.png`), fullPage: true });
    await page.close();
  });
});
