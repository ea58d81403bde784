/** A decision's page with the outcome of litigation (维持) and the party's statement (当事人陈述), as a citizen sees it. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/kernel/clock.js';
import { computeUsccCheckCharacter } from '../../src/kernel/uscc.js';
import { type EnforcementSetup, setUpEnforcement, shiftDate } from '../support/enforcement.js';
import { type Client, signIn } from '../support/http.js';
import { dialects } from '../support/system.js';
import { type E2eServer, keepOnFailure, newPage, screenshotDir, seriousViolations, startE2e } from './support.js';

const today = todayInChina();
const ago = (days: number) => shiftDate(today, -days);
const chineseDate = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const first17 = '91640502MA9D00077';
const company = {
  type: 'organization',
  name: '中卫市沙坡头区黄河陈述示范商贸有限公司',
  creditCode: first17 + computeUsccCheckCharacter(first17),
  address: '文昌镇应理南街12号',
};
const statementText = '我公司尊重法院判决，已建立食品安全管理制度并配备专职食品安全管理员，整改情况欢迎社会监督。联系电话13812345678。';
const eventually = { timeout: 20_000 };

describe.each(dialects)('a decision page with its remedy outcome and the party’s statement, in Chromium (%s)', (dialect) => {
  let server: E2eServer;
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;
  let publicationId: string;

  beforeAll(async () => {
    server = await startE2e(dialect);
    setup = await setUpEnforcement(server.system.ctx, server.org);
    officer = await signIn(server.app, 'officer.a');
    head = await signIn(server.app, 'head.a');
    const pair = [setup.officers.zhang, setup.officers.li];
    const post = async (client: Client, url: string, payload: Record<string, unknown> = {}) => {
      const response = await client.request({ method: 'POST', url, payload });
      if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    const step = async (client: Client, caseId: string, body: Record<string, unknown>) => {
      const current = (await client.request({ method: 'GET', url: `/api/cases/${caseId}` })).json();
      return post(client, `/api/cases/${caseId}/steps`, { version: current.version, ...body });
    };
    const opened = await post(officer, '/api/cases', {
      agencyId: server.org.agencyA.id,
      procedure: 'penalty',
      itemCode: 'EI-002',
      divisionCode: '640502100',
      title: '黄河陈述示范商贸有限公司未建立食品安全管理制度案',
      party: company,
      officerIds: pair,
      occurredOn: ago(40),
      data: { source: 'inspection', violationOn: ago(60), summary: '检查发现未建立食品安全管理制度' },
    });
    const caseId = opened.id as string;
    const proposal = {
      facts: '未按规定建立食品安全管理制度，经责令改正拒不改正',
      penaltyKinds: ['fine'],
      fineAmount: 8000,
      benchmark: 'BM-126:M',
    };
    await step(officer, caseId, { step: 'examine', occurredOn: ago(30), data: { ...proposal, record: '调查终结报告' } });
    await step(officer, caseId, { step: 'prior_notice', occurredOn: ago(25), data: { ...proposal, hearingRight: false } });
    await step(head, caseId, { step: 'decide', occurredOn: ago(15), data: proposal });
    await step(officer, caseId, {
      step: 'serve',
      occurredOn: ago(14),
      data: { method: 'direct', document: '行政处罚决定书', recipient: '法定代表人' },
    });
    const list = (await officer.request({ method: 'GET', url: '/api/disclosure/publications' })).json();
    const pub = list.items.find((p: { caseId: string }) => p.caseId === caseId);
    publicationId = pub.id;
    const prepared = await post(officer, `/api/disclosure/publications/${pub.id}/prepare`, { version: pub.version });
    const published = await post(head, `/api/disclosure/publications/${pub.id}/approve`, { version: prepared.version });
    // The party sued; the court upheld the decision; the agency confirms it within 3 working days.
    await step(officer, caseId, {
      step: 'remedy_started',
      occurredOn: ago(10),
      data: { remedy: 'litigation', body: '中卫市沙坡头区人民法院' },
    });
    await step(officer, caseId, { step: 'remedy_ended', occurredOn: ago(2), data: { outcome: '判决驳回原告诉讼请求' } });
    const due = (await officer.request({ method: 'GET', url: `/api/disclosure/publications/${pub.id}` })).json();
    await post(officer, `/api/disclosure/publications/${pub.id}/confirm`, {
      version: due.version ?? published.version,
      note: '一审判决维持',
    });
    // The party's written statement: recorded by the officer, checked and published by the head.
    const reply = await post(officer, `/api/disclosure/publications/${pub.id}/replies`, { text: statementText, receivedOn: today });
    await post(head, `/api/disclosure/replies/${reply.id}/approve`, { version: reply.version });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows 行政诉讼 — 维持 and the party’s statement, redacted, beside the decision', async () => {
    const page = keepOnFailure(await newPage(server.browser), `disclosure-reply-decision-${dialect}`);
    await page.goto(`${server.baseUrl}/ex-post?q=${encodeURIComponent('黄河陈述示范')}`);
    await expect.poll(() => page.getByRole('status').first().textContent(), eventually).toBe('共找到1条');
    await page.getByRole('link', { name: '黄河陈述示范商贸有限公司未建立食品安全管理制度案' }).click();

    const remedy = page.getByRole('region', { name: '行政诉讼' });
    await remedy.waitFor(eventually);
    const remedyText = (await remedy.textContent()) ?? '';
    expect(remedyText).toContain('人民法院中卫市沙坡头区人民法院');
    expect(remedyText).toContain('结果维持（原决定继续有效）');
    expect(remedyText).toContain(`诉讼终结日期${chineseDate(ago(2))}`);

    const statement = page.getByRole('region', { name: '当事人陈述' });
    const said = (await statement.textContent()) ?? '';
    expect(said).toContain('我公司尊重法院判决，已建立食品安全管理制度');
    expect(said).not.toContain('13812345678');
    expect(said).toContain(`当事人于${chineseDate(today)}书面提交`);
    expect(said).toContain(`于${chineseDate(today)}公开`);
    expect(await page.textContent('main')).toMatch(/公开当事人陈述：.*记录序号 \d+/);
    expect(await page.textContent('main')).toMatch(/复议或诉讼维持原决定：.*记录序号 \d+/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, `disclosure-reply-decision-${dialect}.png`), fullPage: true });
    expect(page.url()).toContain(publicationId);
    await page.close();
  });
});
