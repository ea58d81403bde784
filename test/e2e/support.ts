import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import type { App } from '../../src/http/types.js';
import { advanceClock } from '../../src/kernel/clock.js';
import { buildApp } from '../../src/server.js';
import { createTestOrg, currentTotp, password, type TestOrg } from '../support/factories.js';
import { openTestSystem, type TestDialect, type TestSystem } from '../support/system.js';

const root = path.resolve(import.meta.dirname, '../..');
export const screenshotDir = path.join(root, '.tmp/screenshots');

/** Builds the web app if its sources changed since the last build (the server serves web/dist). */
export function ensureWebBuilt(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.mjs')], { cwd: root, stdio: 'inherit' });
}

export interface E2eServer {
  system: TestSystem;
  app: App;
  org: TestOrg;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** A real server on a free port over a fresh database with the test organisation, and Debian's Chromium. */
export async function startE2e(dialect: TestDialect): Promise<E2eServer> {
  ensureWebBuilt();
  mkdirSync(screenshotDir, { recursive: true });
  const system = await openTestSystem(dialect);
  const org = await createTestOrg(system.ctx);
  const app = await buildApp(system.ctx, { logger: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    system,
    app,
    org,
    baseUrl,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await system.close();
    },
  };
}

/** Signs in through the login page, typing the TOTP code when the page asks for it. */
export async function signInThroughPage(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const codeField = page.getByLabel('动态验证码');
  const menu = page.getByRole('navigation', { name: '功能菜单' });
  await codeField.or(menu).first().waitFor({ timeout: 20_000 });
  if (await codeField.isVisible()) {
    advanceClock(30_000); // each code is accepted once; the server shares this process's clock
    await codeField.fill(currentTotp());
    await page.getByRole('button', { name: '验证', exact: true }).click();
  }
  await page.getByRole('navigation', { name: '功能菜单' }).waitFor();
}

export async function seriousViolations(page: Page) {
  await animationsSettled(page);
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/**
 * Waits until no finite CSS animation or transition is running (a popconfirm fading out, a drawer sliding in), so that
 * axe judges the page as the user sees it once it stops moving, not half-transparent text in mid-fade. Endless
 * animations (spinners) are ignored; after 10 s the page is checked as it is.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page
    .waitForFunction(
      `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)`,
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
}

/**
 * Keeps what a page showed when its test fails: a full-page screenshot (`<name>-failed.png` in the screenshot folder) and,
 * printed with the failure, the page's last API requests with their status and time taken (or "no answer"), so that a
 * failure seen only in CI tells a slow or lost request from a page that did not react. Call inside a test.
 */
export function keepOnFailure(page: Page, name: string): Page {
  const requests: { method: string; url: string; started: number; ended?: number; status?: number | string }[] = [];
  page.on('request', (request) => {
    if (!request.url().includes('/api/')) return;
    requests.push({ method: request.method(), url: request.url(), started: Date.now() });
    if (requests.length > 30) requests.shift();
  });
  const settle = (url: string, method: string, status: number | string) => {
    const entry = requests.findLast((r) => r.url === url && r.method === method && r.ended === undefined);
    if (entry) Object.assign(entry, { ended: Date.now(), status });
  };
  page.on('response', (response) => settle(response.url(), response.request().method(), response.status()));
  page.on('requestfailed', (request) => settle(request.url(), request.method(), request.failure()?.errorText ?? 'failed'));
  onTestFailed(async () => {
    await page.screenshot({ path: path.join(screenshotDir, `${name}-failed.png`), fullPage: true }).catch(() => {});
    const now = Date.now();
    const lines = requests.map(
      (r) =>
        `  ${new Date(r.started).toISOString().slice(11, 23)} ${r.method} ${new URL(r.url).pathname} → ${
          r.ended === undefined ? `no answer after ${now - r.started} ms` : `${r.status} in ${r.ended - r.started} ms`
        }`,
    );
    console.error(`[${name}] last API requests of the page:\n${lines.join('\n') || '  (none)'}`);
  });
  return page;
}

/** A page in its own browser context (own cookies; axe-core needs a context-made page). */
export async function newPage(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('close', () => {
    context.close().catch(() => {});
  });
  return page;
}

/** Opens a staff page through the side menu, expanding its group first when it has one. */
export async function openFromMenu(page: Page, group: string | null, item: string): Promise<void> {
  const menu = page.getByRole('navigation', { name: '功能菜单' });
  const link = menu.getByRole('link', { name: item, exact: true });
  if (group && !(await link.isVisible())) await menu.getByText(group, { exact: true }).click();
  await link.click();
}
