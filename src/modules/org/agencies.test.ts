import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../../test/support/factories.js';
import { signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';

describe.each(dialects)('managing agencies (%s)', (dialect) => {
  const t = useTestApp(dialect);

  const ledgerSize = async () => Number((await t.system.ctx.db.selectFrom('ledger_state').select('size').executeTakeFirstOrThrow()).size);
  const agencyCount = async () =>
    Number(
      (
        await t.system.ctx.db
          .selectFrom('agencies')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a wrong credit code with the field and a Chinese reason, and stores nothing', async () => {
    const [sizeBefore, countBefore] = [await ledgerSize(), await agencyCount()];
    const response = await t.admin.request({
      method: 'POST',
      url: '/api/agencies',
      payload: { governmentId: t.org.countyId, name: '沙坡头区应急管理局', uscc: '11640502MB00012340', kind: 'emergency_management' },
    });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem).toMatchObject({ title: '统一社会信用代码校验未通过', code: 'org.uscc_invalid', status: 400 });
    expect(problem.errors).toEqual([{ pointer: '/uscc', detail: expect.stringContaining('第18位校验码错误') }]);
    expect([await ledgerSize(), await agencyCount()]).toEqual([sizeBefore, countBefore]);
  });

  it('creates an agency, records the event in the ledger, and finds it by name or code', async () => {
    const uscc = makeUscc();
    const sizeBefore = await ledgerSize();
    const created = await t.admin.request({
      method: 'POST',
      url: '/api/agencies',
      payload: {
        governmentId: t.org.countyId,
        name: '沙坡头区应急管理局',
        uscc: uscc.toLowerCase(),
        kind: 'emergency_management',
        supervisionPhone: '0955-7666666',
      },
    });
    expect(created.statusCode).toBe(201);
    const agency = created.json();
    expect(agency).toMatchObject({ uscc, kindLabel: '应急管理', isActive: true, version: 1, governmentName: '沙坡头区人民政府' });
    expect(await ledgerSize()).toBe(sizeBefore + 1);
    const event = await t.system.ctx.db.selectFrom('ledger_events').selectAll().where('seq', '=', sizeBefore).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'agency.created', subject_id: agency.id, actor_label: '测试admin（admin）' });
    expect(JSON.parse(event.payload).state.uscc).toBe(uscc);

    for (const q of ['应急', uscc.slice(4, 12)]) {
      const found = (await t.admin.request({ method: 'GET', url: `/api/agencies?q=${encodeURIComponent(q)}` })).json();
      expect(found.items.map((a: { id: string }) => a.id)).toContain(agency.id);
    }
    const history = (await t.admin.request({ method: 'GET', url: `/api/agencies/${agency.id}/history` })).json();
    expect(history.items).toEqual([expect.objectContaining({ action: 'agency.created', seq: sizeBefore })]);
  });

  it('refuses a credit code that another agency already holds', async () => {
    const existing = (await t.admin.request({ method: 'GET', url: `/api/agencies/${t.org.agencyA.id}` })).json();
    const response = await t.admin.request({
      method: 'POST',
      url: '/api/agencies',
      payload: { governmentId: t.org.countyId, name: '重复机关', uscc: existing.uscc, kind: 'other' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].pointer).toBe('/uscc');
  });

  it('edits with the version it read, and refuses an edit based on an older version', async () => {
    const current = (await t.admin.request({ method: 'GET', url: `/api/agencies/${t.org.agencyB.id}` })).json();
    const edited = await t.admin.request({
      method: 'PATCH',
      url: `/api/agencies/${t.org.agencyB.id}`,
      payload: { version: current.version, name: '滨河镇综合行政执法办公室' },
    });
    expect(edited.json()).toMatchObject({ name: '滨河镇综合行政执法办公室', version: current.version + 1 });
    const stale = await t.admin.request({
      method: 'PATCH',
      url: `/api/agencies/${t.org.agencyB.id}`,
      payload: { version: current.version, name: '旧名' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().title).toBe('记录已被他人修改，请刷新后重试');
  });

  it('deactivates an agency: it leaves the portal, its people can no longer sign in, and it can be restored', async () => {
    const current = (await t.admin.request({ method: 'GET', url: `/api/agencies/${t.org.agencyB.id}` })).json();
    const officer = await signIn(t.app, 'officer.b');
    const off = await t.admin.request({
      method: 'POST',
      url: `/api/agencies/${t.org.agencyB.id}/deactivate`,
      payload: { version: current.version, reason: '机构改革撤并' },
    });
    expect(off.json().isActive).toBe(false);
    const portal = (await t.app.inject({ method: 'GET', url: '/api/public/portal' })).json();
    expect(portal.agencies.map((a: { id: string }) => a.id)).not.toContain(t.org.agencyB.id);
    expect((await officer.request({ method: 'GET', url: '/api/agencies' })).statusCode).toBe(401);
    const inactive = (await t.admin.request({ method: 'GET', url: '/api/agencies?isActive=false' })).json();
    expect(inactive.items.map((a: { id: string }) => a.id)).toEqual([t.org.agencyB.id]);
    const on = await t.admin.request({
      method: 'POST',
      url: `/api/agencies/${t.org.agencyB.id}/activate`,
      payload: { version: off.json().version },
    });
    expect(on.json().isActive).toBe(true);
    const history = (await t.admin.request({ method: 'GET', url: `/api/agencies/${t.org.agencyB.id}/history` })).json();
    expect(history.items.map((e: { action: string }) => e.action).slice(-2)).toEqual(['agency.deactivated', 'agency.activated']);
  });

  it('searches for % and _ as the characters themselves, alike on both databases', async () => {
    const created = await t.admin.request({
      method: 'POST',
      url: '/api/agencies',
      payload: { governmentId: t.org.countyId, name: '百分百_达标%检查队', uscc: makeUscc(), kind: 'other' },
    });
    expect(created.statusCode).toBe(201);
    for (const q of ['%', '_', '_达标%']) {
      const found = (await t.admin.request({ method: 'GET', url: `/api/agencies?q=${encodeURIComponent(q)}` })).json();
      expect([q, found.items.map((a: { name: string }) => a.name)]).toEqual([q, ['百分百_达标%检查队']]);
    }
  });

  it('pages through the list with a total', async () => {
    const page = (await t.admin.request({ method: 'GET', url: '/api/agencies?pageSize=2&page=2' })).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(5);
  });
});
