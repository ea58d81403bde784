import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeUsccCheckCharacter } from '../../src/kernel/uscc.js';
import { publishBulkFiles } from '../../src/modules/disclosure/open-data/bulk.js';
import { scanChanges } from '../../src/modules/disclosure/open-data/changes.js';
import { copyFromRaw, putPublicRecord, withdrawn } from '../../src/modules/disclosure/open-data/fixtures.js';
import { dialects } from '../support/system.js';
import { type E2eServer, newPage, screenshotDir, seriousViolations, startE2e } from './support.js';

const uscc = `91640502MA76Y5KJ3${computeUsccCheckCharacter('91640502MA76Y5KJ3')}`;

describe.each(dialects)('开放数据 in Chromium (%s)', (dialect) => {
  let server: E2eServer;

  beforeAll(async () => {
    server = await startE2e(dialect);
    const { db } = server.system.ctx;
    const agency = { agencyId: server.org.agencyA.id, agencyName: '中卫市沙坡头区市场监督管理局' };
    const a = copyFromRaw({
      id: 'e2e-od-1',
      ...agency,
      partyName: '中卫市某某餐饮有限公司',
      creditCode: uscc,
      caseTitle: '中卫市某某餐饮有限公司未按规定建立食品安全管理制度案',
    });
    await putPublicRecord(db, a, { updatedOn: '2026-11-06' });
    await putPublicRecord(
      db,
      copyFromRaw({ id: 'e2e-od-2', ...agency, partyType: 'person', partyName: '张伟', caseTitle: '张伟销售过期食品案', amount: 2000 }),
      {
        updatedOn: '2026-11-06',
      },
    );
    await scanChanges(server.system.ctx);
    await putPublicRecord(db, withdrawn(a, '经行政复议，原处罚决定被撤销'), { updatedOn: '2026-11-20' });
    await scanChanges(server.system.ctx);
    await publishBulkFiles(server.system.ctx, '2026-11-23');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists the bulk files, the data dictionary and the feed, subscribes without e-mail, and works on a phone', async () => {
    const page = await newPage(server.browser, { width: 1366, height: 900 });
    await page.goto(`${server.baseUrl}/open-data`);
    await page.getByRole('heading', { name: '开放数据', level: 1 }).waitFor();
    await page.getByText('public-records-2026-11-23.csv').waitFor();
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('2026年11月23日');
    expect(body).toContain('document_number');
    expect(body).toContain('/feeds/decisions.atom');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('行政区划代码').first().fill('640502');
    await page.getByText('/feeds/decisions.atom?region=640502').waitFor();
    const feed = await page.request.get(`${server.baseUrl}/feeds/decisions.atom?region=640502`);
    expect(await feed.text()).toContain('已撤下');

    const form = page.getByRole('form', { name: '推送订阅' });
    await form.getByLabel('当事人统一社会信用代码').fill(uscc);
    await form.getByRole('button', { name: '订阅' }).click();
    await page.getByText('订阅成功').waitFor();
    await page.screenshot({ path: path.join(screenshotDir, `portal-open-data-${dialect}.png`), fullPage: true });
    await page.close();

    const phone = await newPage(server.browser, { width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/open-data`);
    await phone.getByText('public-records-2026-11-23.jsonl').waitFor();
    const overflow = (await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: path.join(screenshotDir, `portal-open-data-phone-${dialect}.png`), fullPage: true });
    await phone.getByRole('heading', { name: '数据字典' }).scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(screenshotDir, `portal-open-data-phone-dictionary-${dialect}.png`) });
    await phone.close();
  });
});
