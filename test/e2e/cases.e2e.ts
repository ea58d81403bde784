import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/kernel/clock.js';
import { computeUsccCheckCharacter } from '../../src/kernel/uscc.js';
import { type EnforcementSetup, setUpEnforcement, shiftDate, uploadFile } from '../support/enforcement.js';
import { type Client, signIn } from '../support/http.js';
import { dialects } from '../support/system.js';
import { type E2eServer, keepOnFailure, newPage, openFromMenu, seriousViolations, signInThroughPage, startE2e } from './support.js';

/** Server round trips on this shared 2-core machine can take seconds. */
const eventually = { timeout: 20_000 };
const today = todayInChina();
const ago = (days: number) => shiftDate(today, -days);
const uscc = (n: number) => {
  const first17 = `91640502MA8${String(100000 + n).slice(-6)}`;
  return first17 + computeUsccCheckCharacter(first17);
};

/** A drawer or modal by its title (antd ids are not stable enough for accessible names in every build). */
function dialog(page: Page, title: string | RegExp) {
  return page
    .getByRole('dialog')
    .filter({ has: page.locator('.ant-drawer-title, .ant-modal-title').getByText(title, { exact: typeof title === 'string' }) });
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

/** Waits until no select list is open (or still closing). */
async function closedDropdowns(page: Page) {
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** Adds options to a multiple Select, one by one, then closes its list. */
async function chooseMany(page: Page, scope: Locator, label: string, options: string[]) {
  const box = scope.getByLabel(label, { exact: true });
  for (const option of options) {
    await box.click();
    await box.fill(option);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: option }).waitFor();
    await box.press('Enter');
  }
  await box.press('Escape');
  await closedDropdowns(page);
}

/** Types a date into an antd DatePicker (it accepts YYYY-MM-DD as well as 2026年11月22日). */
async function typeDate(scope: Locator, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** A short WebM video made by the browser itself (a canvas recorded with MediaRecorder), so that it really plays. */
async function recordVideo(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate<string>(`(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const context = canvas.getContext('2d');
    const recorder = new MediaRecorder(canvas.captureStream(10), { mimeType: 'video/webm' });
    const chunks = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    let frame = 0;
    const draw = () => {
      context.fillStyle = frame % 2 ? '#a8000b' : '#0b4ea2';
      context.fillRect(0, 0, 160, 120);
      context.fillStyle = '#fff';
      context.fillText('执法记录仪 ' + frame, 20, 60);
      frame += 1;
    };
    draw();
    const timer = setInterval(draw, 100);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    recorder.stop();
    await stopped;
    clearInterval(timer);
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  })()`);
  return Buffer.from(base64, 'base64');
}

describe.each(dialects)('enforcement cases in Chromium (%s)', (dialect) => {
  let server: E2eServer;
  let setup: EnforcementSetup;

  beforeAll(async () => {
    server = await startE2e(dialect);
    setup = await setUpEnforcement(server.system.ctx, server.org);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The next-step button of the case page, then its dialog. */
  async function openStep(page: Page, label: string) {
    await page.getByRole('region', { name: '办理下一环节' }).getByRole('button', { name: label, exact: true }).click();
    const modal = dialog(page, `办理：${label}`);
    await modal.waitFor();
    return modal;
  }

  async function confirmStep(page: Page, modal: Locator, label: string, stage?: string) {
    await modal.getByRole('button', { name: `确认${label}` }).click();
    await modal.waitFor({ state: 'hidden', timeout: 30_000 });
    if (stage) await expect.poll(() => page.locator('.cases-card').first().textContent(), eventually).toContain(stage);
  }

  it('runs a penalty case in the staff app: opening, upload, steps with their guards, the decision PDF, closing, the trail and the access log', async () => {
    const page = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `cases-penalty-${dialect}`);
    await signInThroughPage(page, server.baseUrl, 'officer.a');
    await openFromMenu(page, '案件办理', '案件列表');
    await page.getByRole('heading', { level: 1, name: '案件列表' }).waitFor();
    await page.getByRole('button', { name: '立案' }).click();

    // 立案, first with one officer: the Penalty Law wants two.
    const open = dialog(page, '立案');
    await choose(page, open, '程序', '行政处罚普通程序');
    await choose(page, open, '执法事项', 'EI-002');
    await expect.poll(() => open.textContent(), eventually).toContain('《食品安全法》第一百二十六条');
    await open.getByLabel('名称', { exact: true }).fill('中卫市沙坡头区浏览器测试餐饮有限公司');
    await open.getByLabel('统一社会信用代码').fill(uscc(dialect === 'sqlite' ? 1 : 2));
    await open.getByLabel('地址').fill('滨河镇迎宾大道8号');
    await chooseMany(page, open, '承办执法人员', ['张三']);
    await typeDate(open, '立案日期', ago(40));
    await choose(page, open, '案件来源', '监督检查发现');
    await typeDate(open, '违法行为发生（或终了）日期', ago(60));
    await open.getByLabel('案情摘要').fill('日常监督检查发现该公司未建立食品安全管理制度，经责令改正拒不改正');
    await open.getByRole('button', { name: '确认立案' }).click();
    await expect.poll(() => open.textContent(), eventually).toContain('执法人员不得少于两人');
    expect(await open.getByRole('alert').first().textContent()).toContain('《行政处罚法》第四十二条');
    await page.screenshot({ path: '/tmp/cases-open-drawer.png' });
    await chooseMany(page, open, '承办执法人员', ['李四']);
    await open.getByRole('button', { name: '确认立案' }).click();
    await page.waitForURL(/\/admin\/cases\/[0-9a-f-]{36}$/, eventually);
    const caseUrl = page.url();
    const header = page.locator('.cases-card').first();
    await expect.poll(() => header.textContent(), eventually).toContain('调查取证');
    expect(await header.textContent()).toContain('91640502MA8');
    expect(await header.textContent()).toContain('张三、李四');
    expect(await header.textContent()).toContain('《食品安全法》第一百二十六条');

    // A recording, through the page's resumable upload; the first piece is cut off and the page resumes.
    const video = await recordVideo(page);
    expect(video.length).toBeGreaterThan(1000);
    let cut = false;
    const uploads: string[] = [];
    await page.route('**/api/uploads/**', async (route) => {
      uploads.push(route.request().method());
      if (route.request().method() === 'PATCH' && !cut) {
        cut = true;
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await page.getByRole('tab', { name: /证据与音像/ }).click();
    await page.getByRole('button', { name: '上传证据' }).click();
    const upload = dialog(page, '上传证据');
    await upload.getByLabel('选择文件').setInputFiles({ name: '现场检查执法记录仪录像.webm', mimeType: 'video/webm', buffer: video });
    await expect.poll(() => upload.getByLabel('证据名称').inputValue()).toBe('现场检查执法记录仪录像');
    await upload.getByLabel('采集地点').fill('该公司后厨');
    await upload.getByRole('button', { name: '上传并登记' }).click();
    await upload.waitFor({ state: 'hidden', timeout: 30_000 });
    expect(uploads).toEqual(['PATCH', 'HEAD', 'PATCH']);
    await page.unroute('**/api/uploads/**');
    const evidenceTable = page.getByRole('table', { name: '证据与音像' });
    await expect.poll(() => evidenceTable.textContent(), eventually).toContain('现场检查执法记录仪录像');
    expect(await evidenceTable.textContent()).toContain('账本一致');
    expect(await evidenceTable.textContent()).toMatch(/sha256:[0-9a-f]{8}…[0-9a-f]{8}/);
    await page.screenshot({ path: '/tmp/cases-evidence.png' });

    // 现场检查 without its recording is refused with the recording list's rule; with it, it goes through.
    let modal = await openStep(page, '现场检查');
    await typeDate(modal, '办理日期', ago(38));
    await modal.getByLabel('地点', { exact: true }).fill('该公司后厨');
    await modal.getByLabel('现场笔录').fill('执法人员出示执法证件，现场检查发现后厨未张贴食品安全管理制度，无进货查验记录。');
    await modal.getByRole('button', { name: '确认现场检查' }).click();
    await expect.poll(() => modal.textContent(), eventually).toContain('《音像记录事项清单》要求“现场检查、勘验”（AV-01）进行音像记录');
    await page.screenshot({ path: '/tmp/cases-step-modal.png' });
    await chooseMany(page, modal, '音像记录', ['现场检查执法记录仪录像']);
    await confirmStep(page, modal, '现场检查');

    modal = await openStep(page, '调查终结');
    await typeDate(modal, '办理日期', ago(30));
    await modal.getByLabel('违法事实').fill('未按规定建立食品安全管理制度，经责令改正拒不改正');
    await chooseMany(page, modal, '处罚种类', ['罚款']);
    await modal.getByLabel('罚款数额（元）').fill('10000');
    await choose(page, modal, '适用的裁量基准及阶次', '一般（M）');
    await modal.getByLabel('调查终结报告').fill('事实清楚，证据确凿，建议罚款一万元');
    await confirmStep(page, modal, '调查终结', '调查终结');

    modal = await openStep(page, '行政处罚事先告知');
    expect(await modal.getByLabel('违法事实').inputValue()).toBe('未按规定建立食品安全管理制度，经责令改正拒不改正'); // carried over
    await typeDate(modal, '办理日期', ago(25));
    await modal.getByText('告知当事人有要求听证的权利').click();
    await confirmStep(page, modal, '行政处罚事先告知', '已告知');
    // The decision is the head's: the officer sees the button greyed out.
    expect(await page.getByRole('region', { name: '办理下一环节' }).getByRole('button', { name: '作出处罚决定' }).isDisabled()).toBe(true);

    const head = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `cases-penalty-head-${dialect}`);
    await signInThroughPage(head, server.baseUrl, 'head.a');
    await head.goto(caseUrl);
    modal = await openStep(head, '作出处罚决定');
    await typeDate(modal, '办理日期', ago(5));
    expect(await modal.getByLabel('罚款数额（元）').inputValue()).toBe('10000.00');
    await confirmStep(head, modal, '作出处罚决定', '已作出处罚决定');

    // The decision's PDF, after naming the purpose of the download.
    const timeline = head.locator('.cases-timeline');
    await head.getByRole('button', { name: /^下载PDF：行政处罚决定书/ }).click();
    const purpose = dialog(head, '下载PDF：行政处罚决定书');
    await purpose.getByRole('button', { name: '下载' }).click();
    await expect.poll(() => purpose.textContent()).toContain('请选择调阅目的');
    await choose(head, purpose, '调阅目的', '办案需要');
    const [download] = await Promise.all([head.waitForEvent('download'), purpose.getByRole('button', { name: '下载' }).click()]);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await purpose.waitFor({ state: 'hidden' });

    await page.reload();
    modal = await openStep(page, '送达处罚决定书');
    await typeDate(modal, '办理日期', ago(3));
    await choose(page, modal, '送达方式', '直接送达');
    await modal.getByLabel('送达文书').fill('行政处罚决定书');
    await modal.getByLabel('受送达人').fill('该公司法定代表人');
    await confirmStep(page, modal, '送达处罚决定书', '已送达');

    modal = await openStep(page, '缴纳罚款');
    await modal.getByLabel('实缴罚款（元）').fill('10000');
    await modal.getByLabel('缴款凭证号').fill('FS2026E2E001');
    await confirmStep(page, modal, '缴纳罚款', '已执行');

    await head.reload();
    modal = await openStep(head, '结案');
    await modal.getByLabel('结案意见').fill('罚款已缴清，处罚决定执行完毕，同意结案');
    await confirmStep(head, modal, '结案', '已结案');

    // The whole trail, each step tied to its ledger entry.
    await expect
      .poll(() => timeline.locator('.cases-step-title').allTextContents(), eventually)
      .toEqual(['立案', '现场检查', '调查终结', '行政处罚事先告知', '作出处罚决定', '送达处罚决定书', '缴纳罚款', '结案']);
    const trail = (await timeline.textContent()) ?? '';
    expect(trail).toContain('罚款数额（元）10,000 元');
    expect(trail).toContain('处罚种类罚款');
    expect(trail).toContain('案件来源监督检查发现');
    expect(trail).toContain('BM-126 未按规定建立食品安全管理制度拒不改正 · 一般（M）');
    expect(trail).toContain('音像记录：现场检查执法记录仪录像');
    expect(trail).toMatch(/行政处罚决定书沙市监罚〔\d{4}〕\d+号/);
    const ledgerLinks = timeline.locator('.cases-step-head a');
    expect(await ledgerLinks.count()).toBe(8);
    const first = ledgerLinks.first();
    expect(await first.getAttribute('target')).toBe('_blank');
    expect(await first.getAttribute('href')).toMatch(/^\/ledger\?index=\d+$/);
    expect(await first.textContent()).toMatch(/^账本第 \d+ 条$/);
    await head.screenshot({ path: '/tmp/cases-case-page.png', fullPage: true });

    // Playing the recording asks for a purpose first, and the look is logged.
    await head.getByRole('tab', { name: /证据与音像/ }).click();
    await head.getByRole('button', { name: '调阅：现场检查执法记录仪录像' }).click();
    const access = dialog(head, '调阅：现场检查执法记录仪录像');
    await choose(head, access, '调阅目的', '执法监督');
    await access.getByRole('button', { name: '调阅', exact: true }).click();
    const player = dialog(head, '调阅：现场检查执法记录仪录像').locator('video');
    await player.waitFor();
    // The browser fetched and decoded the recording (with the grant's address, by range requests): it has its metadata.
    type Media = { readyState: number; error: { code: number } | null };
    await expect.poll(() => player.evaluate((v: Media) => v.readyState), eventually).toBeGreaterThanOrEqual(1);
    expect(await player.evaluate((v: Media) => v.error?.code ?? null)).toBeNull();
    await head.screenshot({ path: '/tmp/cases-player.png' });
    await head.keyboard.press('Escape');
    await head.getByRole('button', { name: '核验：现场检查执法记录仪录像' }).click();
    await expect.poll(() => head.locator('.ant-message').textContent(), eventually).toContain('文件完好');
    await head.getByRole('tab', { name: '调阅记录' }).click();
    const log = head.getByRole('table', { name: '调阅记录' });
    await expect.poll(() => log.textContent(), eventually).toContain('执法监督');
    expect(await log.textContent()).toContain('测试head.a（head.a）');
    expect(await log.textContent()).toContain('查看');

    await head.getByRole('tab', { name: '流程图' }).click();
    const chart = head.getByRole('figure', { name: '行政处罚普通程序流程图' });
    await chart.waitFor();
    expect(await chart.locator('.flow-stage-current').textContent()).toContain('已结案');
    await head.screenshot({ path: '/tmp/cases-flow-admin.png', fullPage: true });
    await chart.scrollIntoViewIfNeeded();
    await head.screenshot({ path: '/tmp/cases-flow-admin-top.png' });
    expect(await seriousViolations(head)).toEqual([]);

    // The list finds it by party.
    await openFromMenu(page, '案件办理', '案件列表');
    await page.getByLabel('搜索案件').fill('浏览器测试餐饮');
    await page.getByLabel('搜索案件').press('Enter');
    const row = page.getByRole('row', { name: /浏览器测试餐饮/ });
    await expect.poll(() => row.textContent(), eventually).toContain('已结案');
    expect(await row.textContent()).toContain('行政处罚普通程序');
    await page.screenshot({ path: '/tmp/cases-list.png', fullPage: true });
    await head.close();
    await page.close();
  }, 300_000);

  it('issues a licence in the staff app after the earlier steps went through the API, with its deadline on the to-do list', async () => {
    const officer = await signIn(server.app, 'officer.a');
    const head = await signIn(server.app, 'head.a');
    const ok = async (client: Client, url: string, payload: Record<string, unknown>) => {
      const response = await client.request({ method: 'POST', url, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json() as { id: string; version: number };
    };
    const opened = await ok(officer, '/api/cases', {
      agencyId: server.org.agencyA.id,
      procedure: 'licensing',
      itemCode: 'EI-004',
      divisionCode: '640502',
      party: { type: 'organization', name: '中卫市沙坡头区新开浏览器餐饮店', creditCode: uscc(dialect === 'sqlite' ? 11 : 12) },
      officerIds: [],
      occurredOn: ago(12),
      data: { materials: '申请书、营业执照、场所平面图', summary: '申请食品经营许可（餐饮服务）' },
    });
    const id = opened.id;
    const step = async (client: Client, body: Record<string, unknown>) => {
      const current = (await client.request({ method: 'GET', url: `/api/cases/${id}` })).json();
      return ok(client, `/api/cases/${id}/steps`, { version: current.version, ...body });
    };
    await step(officer, { step: 'accept', occurredOn: ago(11), data: { record: '材料齐全，予以受理' } });
    const fileId = await uploadFile(officer, randomBytes(4096), '现场核查录像.mp4', 'video/mp4');
    const recording = await ok(officer, `/api/cases/${id}/evidence`, {
      fileId,
      kind: 'video',
      title: '现场核查录像',
      capturedAt: new Date().toISOString(),
      capturedPlace: '经营场所',
      officerIds: [setup.officers.zhang],
    });
    await step(officer, {
      step: 'site_verification',
      occurredOn: ago(9),
      officerIds: [setup.officers.zhang, setup.officers.li],
      recordingIds: [recording.id],
      data: { place: '经营场所', record: '布局流程符合要求' },
    });
    await step(head, { step: 'grant_licence', occurredOn: ago(8), data: { scope: '餐饮服务，有效期五年' } });

    const page = keepOnFailure(await newPage(server.browser, { width: 1440, height: 900 }), `cases-licensing-${dialect}`);
    await signInThroughPage(page, server.baseUrl, 'officer.a');
    await openFromMenu(page, '案件办理', '待办期限');
    const due = page.getByRole('row', { name: /颁发许可证件期限/ });
    await expect.poll(() => due.textContent(), eventually).toContain('中卫市沙坡头区新开浏览器餐饮店');
    expect(await due.textContent()).toContain('《行政许可法》第四十四条');
    expect(await due.textContent()).toMatch(/\d+ 个工作日|今日到期/);
    await page.screenshot({ path: '/tmp/cases-due.png' });
    await due.getByRole('link').click();
    await page.waitForURL(new RegExp(`/admin/cases/${id}$`));

    const modal = await openStep(page, '颁发许可证件');
    await typeDate(modal, '办理日期', ago(6));
    await modal.getByLabel('许可证件编号').fill('JY16405020000002');
    await choose(page, modal, '送达方式', '直接送达');
    await modal.getByLabel('送达文书').fill('食品经营许可证');
    await modal.getByLabel('受送达人').fill('负责人');
    await page.screenshot({ path: '/tmp/cases-licensing-modal.png' });
    await confirmStep(page, modal, '颁发许可证件', '已颁发证件');
    expect(await page.locator('.cases-timeline .cases-step-title').allTextContents()).toEqual([
      '接收申请',
      '受理',
      '现场核查',
      '作出准予许可决定',
      '颁发许可证件',
    ]);
    await page.getByRole('tab', { name: '法定期限' }).click();
    const clocks = page.getByRole('table', { name: '法定期限' });
    await expect.poll(() => clocks.textContent(), eventually).toContain('颁发许可证件期限');
    expect((await clocks.textContent())?.match(/按期完成/g)).toHaveLength(3);
    await page.screenshot({ path: '/tmp/cases-clocks.png' });
    await page.getByRole('tab', { name: '流程图' }).click();
    const chart = page.getByRole('figure', { name: '行政许可流程图' });
    expect(await chart.locator('.flow-stage-current').textContent()).toContain('已颁发证件');
    await page.close();
  }, 180_000);

  it('publishes the flowchart of a procedure on the portal, linked from the enforcement item, with each step’s basis', async () => {
    const lists = (await server.app.inject({ method: 'GET', url: `/api/public/catalog/agencies/${server.org.agencyA.id}` })).json() as {
      lists: { kind: string; published: { id: string } | null }[];
    };
    const items = lists.lists.find((list) => list.kind === 'enforcement_item')?.published;
    expect(items).toBeTruthy();
    const page = keepOnFailure(await newPage(server.browser, { width: 1366, height: 900 }), `cases-portal-${dialect}`);
    await page.goto(`${server.baseUrl}/ex-ante/versions/${items?.id}/entries/EI-002`);
    await page.getByRole('link', { name: '行政处罚普通程序流程图' }).click();
    await page.getByRole('heading', { level: 1, name: '行政处罚普通程序流程图' }).waitFor();
    const chart = page.getByRole('figure', { name: '行政处罚普通程序流程图' });
    await chart.waitFor();
    const text = (await chart.textContent()) ?? '';
    expect(text).toContain('立案');
    expect(text).toContain('《行政处罚法》第五十四条、第三十六条');
    expect(text).toContain('作出处罚决定');
    expect(text).toContain('《行政处罚法》第五十七条、第五十九条');
    expect(await chart.getByRole('region', { name: '阶段：已告知' }).textContent()).toContain('当事人申请听证');
    expect(await page.getByRole('table').textContent()).toContain('作出处罚决定期限');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/cases-flow-portal.png', fullPage: true });
    await page.getByRole('link', { name: '行政处罚简易程序（当场处罚）流程图' }).click();
    await page.getByRole('heading', { level: 1, name: '行政处罚简易程序流程图' }).waitFor();

    const phone = await newPage(server.browser, { width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/procedures/licensing`);
    await phone.getByRole('heading', { level: 1, name: '行政许可流程图' }).waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: '/tmp/cases-flow-phone.png', fullPage: true });
    await phone.close();
    await page.close();
  }, 120_000);
});
