import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/http/types.js';
import { advanceClock } from '../../src/kernel/clock.js';
import type { AppContext } from '../../src/kernel/context.js';
import { buildApp } from '../../src/server.js';
import { createTestOrg, currentTotp, password, type TestOrg } from './factories.js';
import { openTestSystem, type TestDialect, type TestSystem } from './system.js';

export interface Client {
  username: string;
  cookie: string;
  csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function buildTestApp(ctx: AppContext): Promise<App> {
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return app;
}

export function cookieHeader(response: LightMyRequestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/**
 * Signs in through the HTTP API as a user of the test org, passing the second factor if asked
 * (moving the clock one TOTP step on, since a code may be used only once).
 */
export async function signIn(app: App, username: string): Promise<Client> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
  let cookie = cookieHeader(login);
  let state = login.json() as { stage: string; csrfToken: string };
  if (state.stage === 'second_factor') {
    advanceClock(30_000);
    const second = await app.inject({
      method: 'POST',
      url: '/api/auth/second-factor',
      headers: { cookie, 'x-csrf-token': state.csrfToken },
      payload: { code: currentTotp() },
    });
    if (second.statusCode !== 200) throw new Error(`second factor ${username}: ${second.statusCode} ${second.body}`);
    cookie = cookieHeader(second);
    state = second.json();
  }
  const csrfToken = state.csrfToken;
  return {
    username,
    cookie,
    csrfToken,
    request: (options) => app.inject({ ...options, headers: { cookie, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) } }),
  };
}

export interface TestApp {
  system: TestSystem;
  app: App;
  org: TestOrg;
  /** Signed in as the test org's administrator. */
  admin: Client;
}

/**
 * For a `describe` block: a fresh system with the test organisation and its HTTP app, opened before the
 * block's tests and closed after them. Read its fields inside tests (they are set in `beforeAll`).
 */
export function useTestApp(dialect: TestDialect): TestApp {
  const state = {} as TestApp;
  beforeAll(async () => {
    state.system = await openTestSystem(dialect);
    state.org = await createTestOrg(state.system.ctx);
    state.app = await buildTestApp(state.system.ctx);
    state.admin = await signIn(state.app, 'admin');
  });
  afterAll(async () => {
    await state.app?.close();
    await state.system?.close();
  });
  return state;
}
