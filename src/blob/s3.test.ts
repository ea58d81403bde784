import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/factories.js';
import { buildTestApp, type Client, signIn } from '../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../test/support/system.js';
import type { App } from '../http/types.js';
import { systemActor } from '../kernel/actor.js';
import { verifyLedger } from '../ledger/index.js';
import { issueDocument } from '../modules/documents/index.js';
import { samplePenaltyDecision } from '../modules/documents/sample-content.js';
import { stateChecksFor } from '../modules/index.js';
import { BlobStoreError, blobKey, createS3BlobStore, createS3Client, type S3Options } from './s3.js';
import { forgetRunningDigests, type HashAlgorithm } from './store.js';

// The SDK warns once per process that its releases after January 2027 need Node 22 (docs/decisions/0009).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const algorithms = ['sha256', 'sm3'] as const;
const cases = dialects.flatMap((dialect) => algorithms.map((algorithm) => [dialect, algorithm] as const));
const bucketOf = (dialect: string, algorithm: string) => `lawtrail-${dialect}-${algorithm}`;

let s3dir = '';
let server: S3rver;
let endpoint = '';

beforeAll(async () => {
  s3dir = mkdtempSync(path.join(tmpdir(), 'lawtrail-s3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: s3dir,
    silent: true,
    configureBuckets: cases.map(([dialect, algorithm]) => ({ name: bucketOf(dialect, algorithm) })),
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
  rmSync(s3dir, { recursive: true, force: true });
});

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function s3Env(bucket: string, algorithm: HashAlgorithm): Record<string, string> {
  return {
    LAWTRAIL_FILE_HASH: algorithm,
    LAWTRAIL_MAX_UPLOAD_MB: '64',
    LAWTRAIL_BLOB_STORE: 's3',
    LAWTRAIL_S3_ENDPOINT: endpoint,
    LAWTRAIL_S3_BUCKET: bucket,
    LAWTRAIL_S3_ACCESS_KEY_ID: 'S3RVER',
    LAWTRAIL_S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
}

/** What is left of uploads in the local staging folder, and whether any blob was kept locally. */
function localLeftovers(dataDir: string) {
  const blobs = path.join(dataDir, 'blobs');
  return {
    staged: readdirSync(path.join(blobs, 'uploads')),
    localBlobs: algorithms.filter((algorithm) => existsSync(path.join(blobs, algorithm))),
  };
}

describe.each(cases)('files in an S3 bucket (%s, %s)', (dialect, algorithm) => {
  const bucket = bucketOf(dialect, algorithm);
  let system: TestSystem;
  let app: App;
  let officer: Client;
  let org: TestOrg;
  let s3: S3Client;
  // Over 8 MiB: the put is a multipart upload of two parts.
  const video = randomBytes(9 * 1024 * 1024 + 17);
  const digest = createHash(algorithm).update(video).digest('hex');
  const key = blobKey(algorithm, digest);
  let location = '';
  let fileId = '';

  beforeAll(async () => {
    system = await openTestSystem(dialect, s3Env(bucket, algorithm));
    s3 = createS3Client(system.config.blobStore as S3Options);
    org = await createTestOrg(system.ctx);
    app = await buildTestApp(system.ctx);
    officer = await signIn(app, 'officer.a');
  });
  afterAll(async () => {
    s3?.destroy();
    await app?.close();
    await system?.close();
  });

  const patch = (offset: number, bytes: Buffer) =>
    officer.request({
      method: 'PATCH',
      url: location,
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      payload: bytes,
    });
  const verifyFindings = async () => (await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, stateChecksFor(system.ctx))).findings;

  it('takes a tus upload in pieces, resumes it after a restart, and puts the finished file into the bucket under its digest', async () => {
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

    const mib = 1024 * 1024;
    expect((await patch(0, video.subarray(0, mib))).headers['upload-offset']).toBe(String(mib));
    expect((await patch(0, video.subarray(0, 10))).json()).toMatchObject({ status: 409, code: 'files.offset_mismatch' });
    forgetRunningDigests();
    const head = await officer.request({ method: 'HEAD', url: location, headers: { 'tus-resumable': '1.0.0' } });
    expect(head.headers['upload-offset']).toBe(String(mib));
    expect((await patch(mib, video.subarray(mib, 5 * mib + 3))).statusCode).toBe(204);
    expect(localLeftovers(system.dataDir).staged).toHaveLength(1);
    const last = await patch(5 * mib + 3, video.subarray(5 * mib + 3));
    expect(last.statusCode).toBe(204);
    expect(last.headers['lawtrail-file-digest']).toBe(`${algorithm}:${digest}`);
    fileId = String(last.headers['lawtrail-file-id']);

    const info = (await officer.request({ method: 'GET', url: `/api/files/${fileId}` })).json();
    expect(info).toMatchObject({ size: video.length, algorithm, digest });
    const object = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(object.ContentLength).toBe(video.length);
    expect(key).toBe(`${algorithm}/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`);
    expect(localLeftovers(system.dataDir)).toEqual({ staged: [], localBlobs: [] });
  });

  it('serves the stored file whole and by byte range from the bucket', async () => {
    const url = `/api/files/${fileId}/content`;
    const whole = await officer.request({ method: 'GET', url });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-length']).toBe(String(video.length));
    expect(whole.rawPayload.equals(video)).toBe(true);
    const part = await officer.request({ method: 'GET', url, headers: { range: 'bytes=100-199' } });
    expect([part.statusCode, part.headers['content-range']]).toEqual([206, `bytes 100-199/${video.length}`]);
    expect(part.rawPayload.equals(video.subarray(100, 200))).toBe(true);
    const boundary = 8 * 1024 * 1024;
    const across = await officer.request({ method: 'GET', url, headers: { range: `bytes=${boundary - 5}-${boundary + 4}` } });
    expect(across.rawPayload.equals(video.subarray(boundary - 5, boundary + 5))).toBe(true);
    const tail = await officer.request({ method: 'GET', url, headers: { range: 'bytes=-100' } });
    expect(tail.rawPayload.equals(video.subarray(video.length - 100))).toBe(true);
    expect((await officer.request({ method: 'GET', url, headers: { range: `bytes=${video.length}-` } })).statusCode).toBe(416);
  });

  it('stores the same bytes once', async () => {
    const again = await officer.request({ method: 'POST', url: '/api/uploads', headers: { 'upload-length': String(video.length) } });
    location = String(again.headers.location);
    const done = await patch(0, video);
    expect(done.headers['lawtrail-file-digest']).toBe(`${algorithm}:${digest}`);
    const listed = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(listed.ContentLength).toBe(video.length);
    expect(localLeftovers(system.dataDir)).toEqual({ staged: [], localBlobs: [] });
  });

  it('keeps an upload whose put failed staged, and stores it on a last empty PATCH', async () => {
    const bytes = randomBytes(300_000);
    const created = await officer.request({ method: 'POST', url: '/api/uploads', headers: { 'upload-length': String(bytes.length) } });
    location = String(created.headers.location);
    expect((await patch(0, bytes.subarray(0, 100_000))).statusCode).toBe(204);
    const working = system.ctx.blobs;
    const settings = { ...(system.config.blobStore as S3Options), bucket: 'no-such-bucket' };
    system.ctx.blobs = createS3BlobStore(settings, algorithm, path.join(system.dataDir, 'blobs'));
    try {
      expect((await patch(100_000, bytes.subarray(100_000))).statusCode).toBe(500);
    } finally {
      system.ctx.blobs = working;
    }
    expect(localLeftovers(system.dataDir).staged).toHaveLength(1);
    const head = await officer.request({ method: 'HEAD', url: location, headers: { 'tus-resumable': '1.0.0' } });
    expect(head.headers['upload-offset']).toBe(String(bytes.length));
    const retried = await patch(bytes.length, Buffer.alloc(0));
    expect(retried.statusCode).toBe(204);
    const stored = createHash(algorithm).update(bytes).digest('hex');
    expect(retried.headers['lawtrail-file-digest']).toBe(`${algorithm}:${stored}`);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: blobKey(algorithm, stored) }))).ContentLength).toBe(bytes.length);
    expect(localLeftovers(system.dataDir)).toEqual({ staged: [], localBlobs: [] });
  });

  it('lets verify find an object overwritten in the bucket behind the application, and one deleted', async () => {
    expect(await verifyFindings()).toEqual([]);
    const edited = Buffer.from(video);
    edited[1000] = (edited[1000] ?? 0) ^ 0xff;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: edited }));
    const changed = await verifyFindings();
    expect(changed).toContain(`存储文件 ${fileId} 的数据与账本最近一条记录不符（字段：digest）：数据被绕过系统改动`);
    expect(changed).toHaveLength(2); // the second upload of the same bytes is a second stored file

    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    expect(await system.ctx.blobs.rehash(digest)).toBeNull();
    const missing = await verifyFindings();
    expect(missing).toContain(`存储文件 ${fileId} 的数据与账本最近一条记录不符（字段：digest、size）：数据被绕过系统改动`);
    const gone = await officer.request({ method: 'GET', url: `/api/files/${fileId}/content` });
    expect(gone.statusCode).toBe(500);
  });

  it('issues a document whose PDF and Word files land in the bucket', async () => {
    const actor = systemActor('测试');
    const doc = await system.ctx.db.transaction().execute((trx) =>
      issueDocument(trx, system.ctx, actor, {
        agencyId: org.agencyA.id,
        caseId: 'case-s3',
        stepId: null,
        kind: 'penalty_decision',
        series: '罚',
        issuedOn: '2026-11-22',
        build: (number, verifyUrl) => samplePenaltyDecision(number, verifyUrl),
      }),
    );
    const files = await system.ctx.db
      .selectFrom('stored_files')
      .select(['id', 'digest', 'size'])
      .where('id', 'in', [doc.pdfFileId, doc.docxFileId])
      .execute();
    expect(files).toHaveLength(2);
    for (const file of files) {
      const object = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: blobKey(algorithm, file.digest) }));
      expect(object.ContentLength).toBe(Number(file.size));
    }
    const download = await officer.request({
      method: 'GET',
      url: `/api/documents/${doc.id}/pdf?purpose=${encodeURIComponent('复核处罚决定')}`,
    });
    expect(download.statusCode).toBe(200);
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(doc.pdfSha256);
    expect(localLeftovers(system.dataDir)).toEqual({ staged: [], localBlobs: [] });
  });
});

describe('the S3 blob store on its own', () => {
  const options = (overrides: Partial<S3Options>): S3Options => ({
    endpoint,
    region: 'us-east-1',
    bucket: bucketOf('sqlite', 'sha256'),
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    ...overrides,
  });
  let staging = '';
  beforeAll(() => {
    staging = mkdtempSync(path.join(tmpdir(), 'lawtrail-staging-'));
  });
  afterAll(() => rmSync(staging, { recursive: true, force: true }));

  async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  it('stores an empty file, and answers null for a digest it does not hold', async () => {
    const store = createS3BlobStore(options({}), 'sha256', staging);
    await store.append('empty-upload', Readable.from([]), 0, 0);
    const stored = await store.finish('empty-upload');
    expect(stored).toEqual({ digest: createHash('sha256').digest('hex'), size: 0 });
    expect(await store.rehash(stored.digest)).toEqual(stored);
    expect(await store.rehash('0'.repeat(64))).toBeNull();
    await expect(read(store.open('0'.repeat(64)))).rejects.toThrow(/对象存储读取失败 .*：对象不存在/);
  });

  it('removes an object (an old open-data file), and removing one that is gone is no error', async () => {
    const store = createS3BlobStore(options({}), 'sha256', staging);
    await store.append('old-bulk-file', Readable.from([Buffer.from('id,party_name\n')]), 0, 100);
    const stored = await store.finish('old-bulk-file');
    await store.remove(stored.digest);
    expect(await store.rehash(stored.digest)).toBeNull();
    await expect(store.remove(stored.digest)).resolves.toBeUndefined();
  });

  it('names the cause when the bucket is missing, the key is refused or the server is down, and keeps the staged upload', async () => {
    const noBucket = createS3BlobStore(options({ bucket: 'no-such-bucket' }), 'sha256', staging);
    await noBucket.append('stays-staged', Readable.from([Buffer.from('证据')]), 0, 100);
    const failure = noBucket.finish('stays-staged');
    await expect(failure).rejects.toBeInstanceOf(BlobStoreError);
    await expect(failure).rejects.toThrow(/对象存储写入失败 s3:\/\/no-such-bucket\/sha256\/.*：存储桶不存在/);
    expect(readdirSync(path.join(staging, 'uploads'))).toEqual(['stays-staged']);
    // Finishing again (once the bucket exists) stores it.
    const retried = await createS3BlobStore(options({}), 'sha256', staging).finish('stays-staged');
    expect(retried.digest).toBe(createHash('sha256').update('证据').digest('hex'));
    expect(readdirSync(path.join(staging, 'uploads'))).toEqual([]);

    await expect(noBucket.rehash(retried.digest)).rejects.toThrow(/存储桶不存在/);
    const wrongKey = createS3BlobStore(options({ accessKeyId: 'NOT-A-KEY' }), 'sha256', staging);
    await expect(wrongKey.rehash(retried.digest)).rejects.toThrow(/访问被拒绝，请检查 LAWTRAIL_S3_ACCESS_KEY_ID/);
    const down = createS3BlobStore(options({ endpoint: 'http://127.0.0.1:1' }), 'sha256', staging);
    await expect(read(down.open(retried.digest))).rejects.toThrow(/无法连接对象存储，请检查 LAWTRAIL_S3_ENDPOINT/);
  });
});
