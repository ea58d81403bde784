import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, makeUscc, password, type TestOrg } from '../../../test/support/factories.js';
import { buildTestApp, type Client, signIn } from '../../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../../test/support/system.js';
import type { App } from '../../http/types.js';

/** Routes anyone may call without signing in (besides everything under /api/public/, the portal's own API). */
const publicRoutes = new Set([
  'OPTIONS /api/uploads',
  'GET /api/calendar/add-working-days',
  'GET /api/calendar/working-days-between',
  'GET /api/calendar/years',
  'GET /api/calendar/years/{year}',
  'GET /api/catalog/templates/{kind}.xlsx',
  'GET /api/personnel/roster/template.xlsx',
  'GET /healthz',
  'GET /api/public/portal',
  'POST /api/auth/login',
  'POST /api/disclosure/redact-preview',
  'GET /api/ledger/checkpoint',
  'GET /api/ledger/checkpoint/{size}',
  'GET /api/ledger/public-key',
  'GET /api/ledger/proof/inclusion',
  'GET /api/ledger/proof/consistency',
  'GET /api/ledger/leaves',
  'POST /api/witness/add-checkpoint',
  'GET /api/witness/key',
  // Open data: anyone may download, read the feeds and subscribe; a subscription is managed with its own secret.
  'GET /api/open-data/files',
  'GET /api/open-data/files/{name}',
  'GET /api/open-data/dictionary',
  'GET /feeds/decisions.atom',
  'GET /feeds/subscriptions/{id}.atom',
  'POST /api/open-data/subscriptions',
  'GET /api/open-data/subscriptions/{id}',
  'DELETE /api/open-data/subscriptions/{id}',
  'POST /api/open-data/subscriptions/{id}/resume',
  // Exchange: a lower-level platform's batches are authenticated by their signature, not a session.
  'POST /api/exchange/intake',
  // The party's statement, submitted online: authenticated by its one-time reply code, not a session.
  'POST /api/public/replies',
]);

describe.each(dialects)('who may see and change what (%s)', (dialect) => {
  let system: TestSystem;
  let app: App;
  let org: TestOrg;
  const clients: Record<string, Client> = {};

  beforeAll(async () => {
    system = await openTestSystem(dialect);
    org = await createTestOrg(system.ctx);
    app = await buildTestApp(system.ctx);
    for (const [key, user] of Object.entries(org.users)) clients[key] = await signIn(app, user.username);
  });
  afterAll(async () => {
    await app.close();
    await system.close();
  });

  it('answers 401 problem+json to every non-public route of the API when nobody is signed in', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const tried: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const method of Object.keys(operations)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (publicRoutes.has(key) || (method === 'get' && path.startsWith('/api/public/'))) continue;
        const url = path.replace(/\{[^}]+\}/g, org.agencyA.id);
        const response = await app.inject({ method: method.toUpperCase() as 'GET', url, payload: method === 'get' ? undefined : {} });
        expect([key, response.statusCode]).toEqual([key, 401]);
        expect(response.headers['content-type']).toContain('application/problem+json');
        tried.push(key);
      }
    }
    expect(tried.length).toBeGreaterThanOrEqual(18);
  });

  it('shows an officer only their own agency, and answers "not found" for another', async () => {
    const officer = clients.officerA as Client;
    const list = (await officer.request({ method: 'GET', url: '/api/agencies' })).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([org.agencyA.id]);
    for (const url of [`/api/agencies/${org.agencyB.id}`, `/api/agencies/${org.agencyB.id}/history`]) {
      const response = await officer.request({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json().title).toBe('记录不存在');
    }
    const users = (await officer.request({ method: 'GET', url: '/api/users?pageSize=200' })).json();
    expect(new Set(users.items.map((u: { agencyId: string }) => u.agencyId))).toEqual(new Set([org.agencyA.id]));
    const askedForOther = (await officer.request({ method: 'GET', url: `/api/users?agencyId=${org.agencyB.id}` })).json();
    expect(askedForOther).toEqual({ items: [], total: 0 });
    const filteredOther = (await officer.request({ method: 'GET', url: `/api/agencies?governmentId=${org.otherCountyId}` })).json();
    expect(filteredOther).toEqual({ items: [], total: 0 });
    const governments = (await officer.request({ method: 'GET', url: '/api/governments' })).json();
    expect(governments.items.map((g: { id: string }) => g.id)).toEqual([org.countyId]);
  });

  it('lets the supervisor see every agency of its county and its townships, but not another county', async () => {
    const supervisor = clients.supervisor as Client;
    const ids = (await supervisor.request({ method: 'GET', url: '/api/agencies' })).json().items.map((a: { id: string }) => a.id);
    expect(ids).toEqual(expect.arrayContaining([org.justice.id, org.agencyA.id, org.agencyB.id]));
    expect(ids).not.toContain(org.otherCountyAgency.id);
    expect((await supervisor.request({ method: 'GET', url: `/api/agencies/${org.otherCountyAgency.id}` })).statusCode).toBe(404);
    const other = (await (clients.otherSupervisor as Client).request({ method: 'GET', url: '/api/agencies' })).json();
    expect(other.items.map((a: { id: string }) => a.id)).not.toContain(org.agencyA.id);
  });

  it('refuses writes to the wrong role with 403 and a Chinese reason', async () => {
    const attempts: [string, { method: 'POST' | 'PATCH'; url: string; payload: object }][] = [
      [
        'officerA',
        { method: 'POST', url: '/api/agencies', payload: { governmentId: org.countyId, name: '新机关', uscc: makeUscc(), kind: 'other' } },
      ],
      [
        'supervisor',
        { method: 'POST', url: '/api/agencies', payload: { governmentId: org.countyId, name: '新机关', uscc: makeUscc(), kind: 'other' } },
      ],
      ['headA', { method: 'PATCH', url: `/api/agencies/${org.agencyA.id}`, payload: { version: 1, name: '改名' } }],
      ['reviewerA', { method: 'POST', url: `/api/agencies/${org.agencyA.id}/deactivate`, payload: { version: 1, reason: '测试停用' } }],
      [
        'auditor',
        {
          method: 'POST',
          url: '/api/users',
          payload: { username: 'x.y.z', displayName: '某某', agencyId: org.agencyA.id, roles: ['officer'], password },
        },
      ],
      ['headA', { method: 'PATCH', url: `/api/users/${org.users.officerA.id}`, payload: { version: 1, post: '科长' } }],
      ['headA', { method: 'POST', url: `/api/agencies/${org.agencyA.id}/activate`, payload: { version: 1 } }],
      ['supervisor', { method: 'POST', url: `/api/users/${org.users.officerA.id}/deactivate`, payload: { version: 1 } }],
      ['headA', { method: 'POST', url: `/api/users/${org.users.officerA.id}/activate`, payload: { version: 1 } }],
      ['supervisor', { method: 'POST', url: `/api/users/${org.users.officerA.id}/unlock`, payload: { version: 1 } }],
      [
        'officerA',
        {
          method: 'POST',
          url: '/api/governments',
          payload: { parentId: org.countyId, level: 'township', divisionCode: '640502101', name: '文昌镇人民政府' },
        },
      ],
    ];
    for (const [who, request] of attempts) {
      const response = await (clients[who] as Client).request(request);
      expect([who, request.url, response.statusCode]).toEqual([who, request.url, 403]);
      expect(response.json().title).toBe('无权进行此操作');
    }
  });

  it('lets an agency head update only their own agency, and only its contact channels', async () => {
    const head = clients.headA as Client;
    const own = await head.request({
      method: 'PATCH',
      url: `/api/agencies/${org.agencyA.id}`,
      payload: { version: 1, supervisionPhone: '0955-7222222' },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ supervisionPhone: '0955-7222222', version: 2 });
    const other = await head.request({
      method: 'PATCH',
      url: `/api/agencies/${org.agencyB.id}`,
      payload: { version: 1, phone: '0955-7333333' },
    });
    expect(other.statusCode).toBe(404);
    const agencyB = (await (clients.admin as Client).request({ method: 'GET', url: `/api/agencies/${org.agencyB.id}` })).json();
    expect(agencyB.phone).toBeNull();
  });

  it('shows the public only active agencies and their public channels, without signing in', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/public/portal' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.government).toMatchObject({ divisionCode: expect.any(String) });
    const names = body.agencies.map((a: { name: string }) => a.name);
    expect(names).toContain('沙坡头区市场监督管理局');
    expect(names).toContain('滨河镇综合执法队');
    expect(names).not.toContain('中宁县交通运输局');
    expect(body.government).toMatchObject({ divisionCode: '640502', fullName: '中卫市沙坡头区人民政府' });
    expect(JSON.stringify(body)).not.toMatch(/uscc|version|password/);
  });
});
