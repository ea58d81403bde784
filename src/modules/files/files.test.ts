import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../../test/support/factories.js';
import { buildTestApp, type Client, signIn } from '../../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../../test/support/system.js';
import { forgetRunningDigests } from '../../blob/store.js';
import type { App } from '../../http/types.js';
import { verifyLedger } from '../../ledger/index.js';
import { stateChecksFor } from '../index.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function blobFiles(dataDir: string, algorithm: string): string[] {
  const root = path.join(dataDir, 'blobs', algorithm);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else found.push(full);
    }
  };
  walk(root);
  return found;
}

describe.each(dialects.flatMap((dialect) => (['sha256', 'sm3'] as const).map((algorithm) => [dialect, algorithm] as const)))(
  'evidence files by resumable upload (%s, %s)',
  (dialect, algorithm) => {
    let system: TestSystem;
    let app: App;
    let officer: Client;
    const video = randomBytes(3 * 1024 * 1024 + 17);
    const digest = createHash(algorithm).update(video).digest('hex');
    let location = '';
    let fileId = '';

    beforeAll(async () => {
      system = await openTestSystem(dialect, { LAWTRAIL_FILE_HASH: algorithm, LAWTRAIL_MAX_UPLOAD_MB: '64' });
      await createTestOrg(system.ctx);
      app = await buildTestApp(system.ctx);
      officer = await signIn(app, 'officer.a');
    });
    afterAll(async () => {
      await app.close();
      await system.close();
    });

    const patch = (offset: number, bytes: Buffer, client = officer) =>
      client.request({
        method: 'PATCH',
        url: location,
        headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        payload: bytes,
      });

    it('tells a tus client what it supports', async () => {
      const options = await app.inject({ method: 'OPTIONS', url: '/api/uploads' });
      expect(options.statusCode).toBe(204);
      expect(options.headers).toMatchObject({
        'tus-version': '1.0.0',
        'tus-extension': 'creation',
        'tus-max-size': String(64 * 1024 * 1024),
      });
    });

    it('takes a file in pieces, resumes after a restart, hashes it on the way and records it in the ledger', async () => {
      const created = await officer.request({
        method: 'POST',
        url: '/api/uploads',
        headers: {
          'tus-resumable': '1.0.0',
          'upload-length': String(video.length),
          'upload-metadata': `filename ${b64('现场检查录像.mp4')},filetype ${b64('video/mp4')}`,
        },
      });
      expect(created.statusCode).toBe(201);
      location = String(created.headers.location);
      expect(location).toMatch(/^\/api\/uploads\//);

      const first = await patch(0, video.subarray(0, 1024 * 1024));
      expect([first.statusCode, first.headers['upload-offset']]).toEqual([204, String(1024 * 1024)]);
      const wrong = await patch(0, video.subarray(0, 10));
      expect(wrong.json()).toMatchObject({
        status: 409,
        code: 'files.offset_mismatch',
        detail: '服务器已收到 1048576 字节，请从该位置继续上传',
      });

      forgetRunningDigests();
      const head = await officer.request({ method: 'HEAD', url: location, headers: { 'tus-resumable': '1.0.0' } });
      expect(head.headers['upload-offset']).toBe(String(1024 * 1024));
      const second = await patch(1024 * 1024, video.subarray(1024 * 1024, 2 * 1024 * 1024));
      expect(second.statusCode).toBe(204);
      const last = await patch(2 * 1024 * 1024, video.subarray(2 * 1024 * 1024));
      expect(last.statusCode).toBe(204);
      expect(last.headers['lawtrail-file-digest']).toBe(`${algorithm}:${digest}`);
      fileId = String(last.headers['lawtrail-file-id']);

      const info = (await officer.request({ method: 'GET', url: `/api/files/${fileId}` })).json();
      expect(info).toMatchObject({ fileName: '现场检查录像.mp4', mediaType: 'video/mp4', size: video.length, algorithm, digest });
      const event = await system.ctx.db
        .selectFrom('ledger_events')
        .select(['action', 'payload'])
        .where('seq', '=', info.ledgerSeq)
        .executeTakeFirstOrThrow();
      expect(event.action).toBe('file.stored');
      expect(JSON.parse(event.payload).state).toMatchObject({ digest, size: video.length });
      expect(blobFiles(system.dataDir, algorithm).map((f) => path.basename(f))).toEqual([digest]);
      const more = await patch(video.length, Buffer.from('x'));
      expect(more.json()).toMatchObject({ status: 409, code: 'files.upload_finished' });
    });

    it('serves the file whole or by range, so a video plays in the browser', async () => {
      const whole = await officer.request({ method: 'GET', url: `/api/files/${fileId}/content` });
      expect(whole.statusCode).toBe(200);
      expect(whole.rawPayload.equals(video)).toBe(true);
      expect(whole.headers['content-disposition']).toContain("filename*=UTF-8''%E7%8E%B0");
      const part = await officer.request({ method: 'GET', url: `/api/files/${fileId}/content`, headers: { range: 'bytes=100-199' } });
      expect([part.statusCode, part.headers['content-range']]).toEqual([206, `bytes 100-199/${video.length}`]);
      expect(part.rawPayload.equals(video.subarray(100, 200))).toBe(true);
      const outside = await officer.request({
        method: 'GET',
        url: `/api/files/${fileId}/content`,
        headers: { range: `bytes=${video.length}-` },
      });
      expect(outside.statusCode).toBe(416);
    });

    it('keeps uploads and files to those entitled to them', async () => {
      const other = await signIn(app, 'officer.b');
      expect((await other.request({ method: 'GET', url: `/api/files/${fileId}` })).json()).toMatchObject({
        status: 404,
        code: 'files.not_found',
      });
      expect((await other.request({ method: 'HEAD', url: location })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `/api/files/${fileId}/content` })).statusCode).toBe(401);
      const supervisor = await signIn(app, 'supervisor');
      expect((await supervisor.request({ method: 'GET', url: `/api/files/${fileId}` })).statusCode).toBe(200);
    });

    it('refuses more bytes than declared, and files over the limit', async () => {
      const tooBig = await officer.request({ method: 'POST', url: '/api/uploads', headers: { 'upload-length': String(65 * 1024 * 1024) } });
      expect(tooBig.json()).toMatchObject({ status: 413, code: 'files.too_large' });
      const small = await officer.request({ method: 'POST', url: '/api/uploads', headers: { 'upload-length': '4' } });
      location = String(small.headers.location);
      expect((await patch(0, Buffer.from('12345'))).json()).toMatchObject({ status: 413, code: 'files.too_large' });
      const badVersion = await officer.request({
        method: 'POST',
        url: '/api/uploads',
        headers: { 'tus-resumable': '0.2.2', 'upload-length': '4' },
      });
      expect(badVersion.statusCode).toBe(412);
    });

    it('lets verify find a stored file whose bytes were changed behind the application', async () => {
      expect((await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, stateChecksFor(system.ctx))).findings).toEqual([]);
      const [file] = blobFiles(system.dataDir, algorithm);
      const edited = Buffer.from(video);
      edited[1000] = (edited[1000] ?? 0) ^ 0xff;
      writeFileSync(file as string, edited);
      const findings = (await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, stateChecksFor(system.ctx))).findings;
      expect(findings).toEqual([`存储文件 ${fileId} 的数据与账本最近一条记录不符（字段：digest）：数据被绕过系统改动`]);
    });
  },
);
