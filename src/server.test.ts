import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { password } from '../test/support/factories.js';
import { useTestApp } from '../test/support/http.js';
import { dialects } from '../test/support/system.js';
import { buildApp, loggerOptions } from './server.js';

describe.each(dialects)('the HTTP API (%s)', (dialect) => {
  const t = useTestApp(dialect);

  const post = (payload: string, contentType = 'application/json') =>
    t.admin.request({ method: 'POST', url: '/api/agencies', payload, headers: { 'content-type': contentType } });

  it('answers malformed JSON with 400 problem+json, not a stack trace', async () => {
    const response = await post('{"name": "沙坡头区', 'application/json');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({
      title: '请求正文不是有效的 JSON',
      code: 'request.malformed_json',
      type: 'https://lawtrail.cn/problems/request.malformed_json',
    });
    expect(response.body).not.toMatch(/at .*\.js|SyntaxError|Unexpected/);
  });

  it('lists every missing or mistyped field with a JSON pointer and a Chinese message', async () => {
    const response = await post(JSON.stringify({ name: 5, kind: 'bakery', governmentId: t.org.countyId }));
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.title).toBe('请求参数不符合要求');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/uscc', detail: '必填字段，不能缺少' },
        { pointer: '/name', detail: '类型应为字符串' },
        { pointer: '/kind', detail: expect.stringContaining('取值应为以下之一') },
      ]),
    );
  });

  it('refuses oversized bodies with 413, other media types with 415, unknown routes with 404', async () => {
    const huge = await post(JSON.stringify({ name: 'x'.repeat(1_100_000) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().title).toBe('请求正文过大');
    const form = await post('name=x', 'application/x-www-form-urlencoded');
    expect(form.statusCode).toBe(415);
    const unknown = await t.app.inject({ method: 'DELETE', url: '/api/no-such-thing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ title: '请求的地址不存在', instance: '/api/no-such-thing' });
    const badQuery = await t.admin.request({ method: 'GET', url: '/api/agencies?pageSize=100000' });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().errors).toEqual([{ pointer: '/pageSize', detail: '不能大于200' }]);
  });

  it('sends the security headers on every response, errors included', async () => {
    for (const response of [
      await t.app.inject({ method: 'GET', url: '/healthz' }),
      await t.app.inject({ method: 'GET', url: '/api/nope' }),
      await t.app.inject({ method: 'GET', url: '/admin/agencies' }),
      await t.admin.request({ method: 'GET', url: '/api/agencies' }),
    ]) {
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('reports the database and the ledger on /healthz', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toMatchObject({
      status: 'ok',
      database: { ok: true, dialect },
      ledger: { ok: true, size: expect.any(Number) },
    });
    expect(response.json().ledger.size).toBeGreaterThan(10);
  });

  it('describes itself in OpenAPI 3.1, every operation with its responses and errors', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.info.title).toBe('阳光执法平台 API');
    for (const [path, operations] of Object.entries(spec.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const codes = Object.keys(operation.responses);
        expect([path, method, codes.some((c) => c.startsWith('2'))]).toEqual([path, method, true]);
        expect([path, method, codes.some((c) => c.startsWith('4'))]).toEqual([path, method, true]);
      }
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('limits login attempts per address', async () => {
    const limited = await buildApp({ ...t.system.ctx, config: { ...t.system.ctx.config, loginRateLimit: 2 } }, { logger: false });
    const attempt = () => limited.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    const third = await attempt();
    expect(third.statusCode).toBe(429);
    expect(third.json().title).toBe('请求过于频繁，请稍后再试');
    await limited.close();
  });

  it('keeps passwords, tokens, cookies and query strings out of the logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildApp(t.system.ctx, { logger: { ...(loggerOptions('debug') as object), stream: sink } });
    const login = await logged.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer.a', password } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    await logged.inject({ method: 'GET', url: '/api/agencies?q=110101199003074578', headers: { cookie } });
    await logged.inject({ method: 'POST', url: '/api/auth/login', payload: '{"password": "Secret-Leak-1' });
    await logged.close();
    const text = lines.join('');
    expect(text).toContain('/api/agencies');
    for (const secret of [password, 'Secret-Leak-1', login.json().csrfToken, login.cookies[0]?.value as string, '110101199003074578']) {
      expect(text).not.toContain(secret);
    }
  });
});
