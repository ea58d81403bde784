import { describe, expect, it } from 'vitest';
import { password } from '../../../test/support/factories.js';
import { signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';

describe.each(dialects)('managing users (%s)', (dialect) => {
  const t = useTestApp(dialect);

  const create = (payload: object) => t.admin.request({ method: 'POST', url: '/api/users', payload });

  it('creates an officer who can then sign in, never exposing the password hash', async () => {
    const response = await create({
      username: 'li.ming',
      displayName: '李明',
      agencyId: t.org.agencyA.id,
      roles: ['officer'],
      post: '执法队员',
      password: 'Zhifa-Dui-2026',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      username: 'li.ming',
      agencyName: '沙坡头区市场监督管理局',
      roles: ['officer'],
      hasSecondFactor: false,
    });
    expect(response.body).not.toContain('argon2');
    const event = await t.system.ctx.db
      .selectFrom('ledger_events')
      .select('payload')
      .where('action', '=', 'user.created')
      .where('subject_id', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(event.payload).not.toContain('argon2');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'li.ming', password: 'Zhifa-Dui-2026' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a weak initial password, a taken username, and roles that do not fit the agency', async () => {
    const weak = await create({
      username: 'wang.wu',
      displayName: '王五',
      agencyId: t.org.agencyA.id,
      roles: ['officer'],
      password: 'wangwu123',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ title: '密码强度不足', errors: [{ pointer: '/password' }] });
    const taken = await create({ username: 'officer.a', displayName: '重名', agencyId: t.org.agencyA.id, roles: ['officer'], password });
    expect(taken.statusCode).toBe(409);
    const noAgency = await create({ username: 'zhao.liu', displayName: '赵六', agencyId: null, roles: ['officer'], password });
    expect(noAgency.statusCode).toBe(400);
    expect(noAgency.json().errors[0].pointer).toBe('/agencyId');
    const supervisorOutsideBureau = await create({
      username: 'sun.qi',
      displayName: '孙七',
      agencyId: t.org.agencyA.id,
      roles: ['supervisor'],
      password,
    });
    expect(supervisorOutsideBureau.statusCode).toBe(400);
    expect(supervisorOutsideBureau.json().detail).toBe('执法监督人员必须属于司法行政机关（司法局）');
    const badRole = await create({ username: 'zhou.ba', displayName: '周八', agencyId: t.org.agencyA.id, roles: ['mayor'], password });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().errors[0].pointer).toBe('/roles/0');
  });

  it('filters by agency, role and name', async () => {
    const reviewers = (await t.admin.request({ method: 'GET', url: `/api/users?role=reviewer&agencyId=${t.org.agencyA.id}` })).json();
    expect(reviewers.items.map((u: { username: string }) => u.username)).toEqual(['reviewer.a']);
    expect(reviewers.items[0].hasSecondFactor).toBe(true);
    const byName = (await t.admin.request({ method: 'GET', url: `/api/users?q=${encodeURIComponent('测试head')}` })).json();
    expect(byName.items.map((u: { username: string }) => u.username).sort()).toEqual(['head.a', 'head.b']);
  });

  it('changes roles and post, and refuses to let administrators deactivate themselves', async () => {
    const user = (await t.admin.request({ method: 'GET', url: '/api/users?q=officer.a' })).json().items[0];
    const updated = await t.admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { version: user.version, roles: ['officer', 'agency_head'], post: '副局长' },
    });
    expect(updated.json()).toMatchObject({ roles: ['agency_head', 'officer'], post: '副局长' });
    const self = await t.admin.request({ method: 'POST', url: `/api/users/${t.org.users.admin.id}/deactivate`, payload: { version: 1 } });
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toBe('不能停用自己的账号');
  });

  it('resets a forgotten password: the lock lifts, old sessions end, and only the new password works', async () => {
    const head = await signIn(t.app, 'head.a');
    const user = (await t.admin.request({ method: 'GET', url: '/api/users?q=head.a' })).json().items[0];
    const weak = await t.admin.request({
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      payload: { version: user.version, newPassword: 'head.a-Strong-1' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([{ pointer: '/newPassword', detail: '密码不能包含用户名' }]);
    const reset = await t.admin.request({
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      payload: { version: user.version, newPassword: 'Fresh-Start-2026' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await head.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const login = (pw: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'head.a', password: pw } });
    expect((await login(password)).statusCode).toBe(401);
    expect((await login('Fresh-Start-2026')).statusCode).toBe(200);
    const officer = await signIn(t.app, 'officer.a');
    const refused = await officer.request({
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      payload: { version: 2, newPassword: 'Fresh-Start-2027' },
    });
    expect(refused.statusCode).toBe(403);
  });
});
