import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/http.js';
import { openTestSystem, type TestSystem } from '../../../test/support/system.js';
import type { App } from '../../http/types.js';
import { previewMaxLength, previewRateLimit } from './disclosure.routes.js';

describe('POST /api/disclosure/redact-preview', () => {
  let system: TestSystem;
  let app: App;
  beforeAll(async () => {
    system = await openTestSystem('sqlite');
    app = await buildTestApp(system.ctx);
  });
  afterAll(async () => {
    await app.close();
    await system.close();
  });

  /** Each test calls from its own address, so that the rate limit of one does not touch another. */
  const preview = (payload: unknown, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/disclosure/redact-preview', payload: payload as object, remoteAddress });

  it('answers anyone, without signing in, with the masked text and what was masked by kind', async () => {
    const response = await preview(
      {
        text: '当事人张三，公民身份号码640502199003074578，手机139 1234 5678、13812345678，住址：中卫市沙坡头区文昌镇长城东街12号。罚款5000元。',
        names: ['张三'],
      },
      '198.51.100.1',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      text: '当事人张某，公民身份号码640502************，手机139********、138********，住址：中卫市沙坡头区文昌镇****。罚款5000元。',
      findings: [
        { kind: 'idNumber', label: '身份证号码', count: 1 },
        { kind: 'mobile', label: '手机号码', count: 2 },
        { kind: 'address', label: '住址', count: 1 },
        { kind: 'name', label: '姓名', count: 1 },
      ],
    });
  });

  it(`refuses a text longer than ${previewMaxLength} characters with 400 problem+json in Chinese`, async () => {
    const fits = await preview({ text: '字'.repeat(previewMaxLength) }, '198.51.100.2');
    expect(fits.statusCode).toBe(200);
    const response = await preview({ text: '字'.repeat(previewMaxLength + 1) }, '198.51.100.2');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({
      title: '请求参数不符合要求',
      code: 'request.invalid',
      errors: [{ pointer: '/text', detail: `长度不能超过${previewMaxLength}个字符` }],
    });
    const missing = await preview({}, '198.51.100.2');
    expect(missing.json().errors).toEqual([{ pointer: '/text', detail: '必填字段，不能缺少' }]);
  });

  it('refuses a text carrying a secrecy mark with 422 disclosure.blocked', async () => {
    const response = await preview({ text: '机密★5年 关于某项目的检测数据' }, '198.51.100.3');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      title: '涉及国家秘密或商业秘密，不予公开',
      code: 'disclosure.blocked',
      detail: '涉及国家秘密，不予公开：文本含国家秘密标志“机密★”',
    });
  });

  it(`allows ${previewRateLimit} previews a minute from one address, then answers 429`, async () => {
    for (let i = 0; i < previewRateLimit; i++) {
      expect((await preview({ text: '13912345678' }, '198.51.100.4')).statusCode).toBe(200);
    }
    const limited = await preview({ text: '13912345678' }, '198.51.100.4');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(limited.json()).toMatchObject({ title: '请求过于频繁，请稍后再试', code: 'request.rate_limited' });
    expect((await preview({ text: '13912345678' }, '198.51.100.5')).statusCode).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = spec.paths['/api/disclosure/redact-preview'].post;
    expect(operation.tags).toEqual(['事后公开']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '4XX']));
  });
});

describe('POST /api/disclosure/redact-preview with names masked as the deployment configures', () => {
  it('masks 张三 as 张某某 with LAWTRAIL_NAME_MASK=fixed, as every public copy of this deployment does', async () => {
    const system = await openTestSystem('sqlite', { LAWTRAIL_NAME_MASK: 'fixed' });
    const app = await buildTestApp(system.ctx);
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/disclosure/redact-preview',
        payload: { text: '当事人张三到场。', names: ['张三'] },
      });
      expect(response.json()).toMatchObject({ text: '当事人张某某到场。' });
    } finally {
      await app.close();
      await system.close();
    }
  });
});
