import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, currentTotp, password, type TestOrg } from '../../../test/support/factories.js';
import { buildTestApp, cookieHeader, signIn } from '../../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../../test/support/system.js';
import type { App } from '../../http/types.js';
import { advanceClock } from '../../kernel/clock.js';
import { integrate, verifyLedger } from '../../ledger/index.js';
import { orgStateChecks } from './index.js';

describe.each(dialects)('signing in (%s)', (dialect) => {
  let system: TestSystem;
  let app: App;
  let org: TestOrg;

  beforeAll(async () => {
    system = await openTestSystem(dialect);
    org = await createTestOrg(system.ctx);
    app = await buildTestApp(system.ctx);
  });
  afterAll(async () => {
    await app.close();
    await system.close();
  });

  const login = (username: string, pw = password) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: pw } });

  it('signs an officer in with an HttpOnly, SameSite=Strict session cookie', async () => {
    const response = await login('officer.a');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ stage: 'active', user: { username: 'officer.a', roles: ['officer'] } });
    const session = response.cookies.find((c) => c.name === 'lt_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: cookieHeader(response) } });
    expect(me.json().user.agency.id).toBe(org.agencyA.id);
  });

  it('answers a wrong password and an unknown user alike, with a Chinese title', async () => {
    const wrong = await login('head.b', 'Wrong-Password-1');
    const unknown = await login('nobody.here', 'Wrong-Password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json()).toMatchObject({ title: '用户名或密码错误', type: 'https://lawtrail.cn/problems/auth.invalid_credentials' });
    expect(unknown.json().title).toBe('用户名或密码错误');
  });

  it('locks the account after five failures, even against the right password, and an administrator can unlock it', async () => {
    for (let i = 0; i < 4; i++) expect((await login('officer.b', 'Wrong-Password-1')).statusCode).toBe(401);
    const fifth = await login('officer.b', 'Wrong-Password-1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().detail).toContain('账号已锁定');
    expect(fifth.headers['retry-after']).toBe('900');
    expect((await login('officer.b')).statusCode).toBe(423);

    const admin = await signIn(app, 'admin');
    const listed = await admin.request({ method: 'GET', url: `/api/users?q=officer.b` });
    const user = listed.json().items[0];
    expect(user.lockedUntil).not.toBeNull();
    const unlocked = await admin.request({ method: 'POST', url: `/api/users/${user.id}/unlock`, payload: { version: user.version } });
    expect(unlocked.statusCode).toBe(200);
    expect((await login('officer.b')).statusCode).toBe(200);

    const events = await system.ctx.db.selectFrom('ledger_events').select('action').where('subject_id', '=', user.id).execute();
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'user.sign_in_failed')).toHaveLength(4);
    expect(actions).toContain('user.locked');
    expect(actions).toContain('user.unlocked');
  });

  it('makes a reviewer pass the second factor before anything else, and refuses a replayed code', async () => {
    const first = await login('reviewer.a');
    expect(first.json().stage).toBe('second_factor');
    const cookie = cookieHeader(first);
    const csrf = first.json().csrfToken;
    const blocked = await app.inject({ method: 'GET', url: '/api/agencies', headers: { cookie } });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().title).toBe('请输入动态验证码');

    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/second-factor',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { code: '000000' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().title).toBe('动态验证码错误');

    advanceClock(30_000);
    const code = currentTotp();
    const good = await app.inject({
      method: 'POST',
      url: '/api/auth/second-factor',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { code },
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().stage).toBe('active');
    const cookie2 = cookieHeader(good);
    expect((await app.inject({ method: 'GET', url: '/api/agencies', headers: { cookie: cookie2 } })).statusCode).toBe(200);

    const again = await login('reviewer.a');
    const replay = await app.inject({
      method: 'POST',
      url: '/api/auth/second-factor',
      headers: { cookie: cookieHeader(again), 'x-csrf-token': again.json().csrfToken },
      payload: { code },
    });
    expect(replay.statusCode).toBe(401);
  });

  it('makes a new administrator bind a second factor before using the system', async () => {
    const admin = await signIn(app, 'admin');
    const created = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'admin.two', displayName: '第二管理员', agencyId: org.justice.id, roles: ['administrator'], password },
    });
    expect(created.statusCode).toBe(201);
    const first = await login('admin.two');
    expect(first.json().stage).toBe('enrollment');
    const headers = { cookie: cookieHeader(first), 'x-csrf-token': first.json().csrfToken };
    expect((await app.inject({ method: 'GET', url: '/api/users', headers })).json().title).toBe('请先绑定动态验证码');

    const setup = await app.inject({ method: 'POST', url: '/api/auth/second-factor/setup', headers });
    expect(setup.statusCode).toBe(200);
    const { secret, qrDataUrl, otpauthUrl } = setup.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    const { totpCode, totpStep } = await import('../../kernel/totp.js');
    const { now } = await import('../../kernel/clock.js');
    const enabled = await app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/enable',
      headers,
      payload: { code: totpCode(secret, totpStep(now())) },
    });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json()).toMatchObject({ stage: 'active', user: { hasSecondFactor: true } });
    const row = await system.ctx.db.selectFrom('users').select('totp_secret').where('username', '=', 'admin.two').executeTakeFirstOrThrow();
    expect(row.totp_secret).not.toContain(secret);
  });

  it('refuses a state change without the session CSRF token', async () => {
    const head = await signIn(app, 'head.a');
    const payload = { version: 1, phone: '0955-7111111' };
    const withoutToken = await app.inject({
      method: 'PATCH',
      url: `/api/agencies/${org.agencyA.id}`,
      headers: { cookie: head.cookie },
      payload,
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().title).toBe('安全校验失败，请刷新页面后重试');
    const wrongToken = await head.request({
      method: 'PATCH',
      url: `/api/agencies/${org.agencyA.id}`,
      headers: { 'x-csrf-token': 'forged' },
      payload,
    });
    expect(wrongToken.statusCode).toBe(403);
  });

  it('changes a password, ending the other sessions but not this one', async () => {
    const first = await signIn(app, 'head.b');
    const second = await signIn(app, 'head.b');
    const weak = await first.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: password, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ pointer: '/newPassword' });
    const changed = await first.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: password, newPassword: 'Another-Strong-2026' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await second.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    expect((await first.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
    expect((await login('head.b')).statusCode).toBe(401);
    expect((await login('head.b', 'Another-Strong-2026')).statusCode).toBe(200);
  });

  it('lists my sessions and revokes another one; logout ends the current one', async () => {
    const laptop = await signIn(app, 'supervisor');
    const phone = await signIn(app, 'supervisor');
    const listed = await laptop.request({ method: 'GET', url: '/api/auth/sessions' });
    const items = listed.json().items as { id: string; isCurrent: boolean }[];
    expect(items.filter((s) => s.isCurrent)).toHaveLength(1);
    const phoneSession = (await phone.request({ method: 'GET', url: '/api/auth/sessions' }))
      .json()
      .items.find((s: { isCurrent: boolean }) => s.isCurrent);
    expect((await laptop.request({ method: 'DELETE', url: `/api/auth/sessions/${phoneSession.id}` })).statusCode).toBe(204);
    expect((await phone.request({ method: 'GET', url: '/api/agencies' })).statusCode).toBe(401);
    expect((await laptop.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await laptop.request({ method: 'GET', url: '/api/agencies' })).statusCode).toBe(401);
  });

  it('ends every session of a deactivated user at once', async () => {
    const officer = await signIn(app, 'auditor');
    const admin = await signIn(app, 'admin');
    const user = (await admin.request({ method: 'GET', url: '/api/users?q=auditor' })).json().items[0];
    const deactivated = await admin.request({
      method: 'POST',
      url: `/api/users/${user.id}/deactivate`,
      payload: { version: user.version },
    });
    expect(deactivated.json().isActive).toBe(false);
    expect((await officer.request({ method: 'GET', url: '/api/agencies' })).statusCode).toBe(401);
    const again = await login('auditor');
    expect(again.statusCode).toBe(403);
    expect(again.json().title).toBe('账号已停用');
  });

  it('leaves, after all of the above, a ledger and accounts that verify finds consistent', async () => {
    await integrate(system.ctx.db, system.ctx.dialect, system.ctx.ledgerKeys);
    expect((await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, orgStateChecks)).findings).toEqual([]);
  });
});
