import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('defaults to SQLite under ./data on port 8080 with demo data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ dialect: 'sqlite', file: expect.stringMatching(/data\/lawtrail\.db$/) });
    expect(config.isDemo).toBe(true);
  });

  it('takes LAWTRAIL_DATA, LAWTRAIL_DB and PORT', () => {
    expect(loadConfig({ LAWTRAIL_DATA: '/tmp/x' }).database).toEqual({ dialect: 'sqlite', file: '/tmp/x/lawtrail.db' });
    expect(loadConfig({ LAWTRAIL_DB: 'postgres://u@h/db' }).database).toEqual({ dialect: 'postgres', url: 'postgres://u@h/db' });
    expect(loadConfig({ LAWTRAIL_DB: 'sqlite:/tmp/a.db', PORT: '9000' })).toMatchObject({ port: 9000, database: { file: '/tmp/a.db' } });
    expect(loadConfig({ LAWTRAIL_DEMO: 'off' }).isDemo).toBe(false);
    expect(loadConfig({}).nameMask).toBe('given');
    expect(loadConfig({ LAWTRAIL_NAME_MASK: 'fixed' }).nameMask).toBe('fixed');
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ LAWTRAIL_WORKERS: '2' }).workers).toBe(2);
  });

  it('refuses values it does not understand, in Chinese', () => {
    expect(() => loadConfig({ LAWTRAIL_DB: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT 必须是 0–65535 的整数');
    for (const workers of ['0', '1.5', 'two', '65'])
      expect(() => loadConfig({ LAWTRAIL_WORKERS: workers })).toThrow('LAWTRAIL_WORKERS 必须是 1–64 的整数');
    expect(() => loadConfig({ LAWTRAIL_DEMO: 'maybe' })).toThrow('LAWTRAIL_DEMO 只接受 on 或 off');
    expect(() => loadConfig({ LAWTRAIL_NAME_MASK: 'full' })).toThrow(
      'LAWTRAIL_NAME_MASK 只接受 given（张某/张某某）、fixed（张某某）或 asterisk',
    );
  });

  describe('the blob store', () => {
    const s3 = {
      LAWTRAIL_BLOB_STORE: 's3',
      LAWTRAIL_S3_BUCKET: 'lawtrail-files',
      LAWTRAIL_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      LAWTRAIL_S3_SECRET_ACCESS_KEY: 'very-secret-key',
    };

    it('is the local folder unless LAWTRAIL_BLOB_STORE=s3', () => {
      expect(loadConfig({}).blobStore).toEqual({ kind: 'local' });
      expect(loadConfig({ LAWTRAIL_BLOB_STORE: 'local', LAWTRAIL_S3_BUCKET: 'ignored' }).blobStore).toEqual({ kind: 'local' });
    });

    it('takes an S3-compatible endpoint with path-style addressing, or AWS itself', () => {
      expect(loadConfig({ ...s3, LAWTRAIL_S3_ENDPOINT: 'http://127.0.0.1:9000/' }).blobStore).toEqual({
        kind: 's3',
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        bucket: 'lawtrail-files',
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'very-secret-key',
        forcePathStyle: true,
      });
      expect(loadConfig({ ...s3, LAWTRAIL_S3_REGION: 'cn-north-1' }).blobStore).toMatchObject({
        endpoint: null,
        region: 'cn-north-1',
        forcePathStyle: false,
      });
      const virtualHosted = { ...s3, LAWTRAIL_S3_ENDPOINT: 'https://oss.example.cn', LAWTRAIL_S3_FORCE_PATH_STYLE: 'off' };
      expect(loadConfig(virtualHosted).blobStore).toMatchObject({ forcePathStyle: false });
    });

    it('never prints the secret key', () => {
      const config = loadConfig(s3);
      expect(JSON.stringify(config)).not.toContain('very-secret-key');
      expect(inspect(config, { depth: 5 })).not.toContain('very-secret-key');
      expect(JSON.stringify(config.blobStore)).toContain('"secretAccessKey":"（已隐藏）"');
    });

    it('refuses missing or malformed settings with one line in Chinese', () => {
      const refusals: [Record<string, string>, string][] = [
        [{ LAWTRAIL_BLOB_STORE: 'minio' }, 'LAWTRAIL_BLOB_STORE 只接受 local 或 s3，收到：minio'],
        [
          { LAWTRAIL_BLOB_STORE: 's3' },
          'LAWTRAIL_BLOB_STORE=s3 时必须设置 LAWTRAIL_S3_BUCKET、LAWTRAIL_S3_ACCESS_KEY_ID、LAWTRAIL_S3_SECRET_ACCESS_KEY',
        ],
        [{ ...s3, LAWTRAIL_S3_SECRET_ACCESS_KEY: '' }, 'LAWTRAIL_BLOB_STORE=s3 时必须设置 LAWTRAIL_S3_SECRET_ACCESS_KEY'],
        [
          { ...s3, LAWTRAIL_S3_BUCKET: 'Lawtrail_Files' },
          'LAWTRAIL_S3_BUCKET 须为 3–63 位小写字母、数字、点或连字符（首尾为字母或数字），收到：Lawtrail_Files',
        ],
        [
          { ...s3, LAWTRAIL_S3_ENDPOINT: '127.0.0.1:9000' },
          'LAWTRAIL_S3_ENDPOINT 须为 http(s):// 开头的网址（如 http://127.0.0.1:9000），收到：127.0.0.1:9000',
        ],
        [
          { ...s3, LAWTRAIL_S3_REGION: 'us east' },
          'LAWTRAIL_S3_REGION 只能含字母、数字、连字符或下划线（如 us-east-1、cn-north-1），收到：us east',
        ],
        [{ ...s3, LAWTRAIL_S3_FORCE_PATH_STYLE: 'maybe' }, 'LAWTRAIL_S3_FORCE_PATH_STYLE 只接受 on 或 off，收到：maybe'],
        [
          { LAWTRAIL_S3_BUCKET: 'lawtrail-files' },
          '设置了 LAWTRAIL_S3_BUCKET 但未设置 LAWTRAIL_BLOB_STORE：使用 S3 存储请设 LAWTRAIL_BLOB_STORE=s3，否则请设为 local',
        ],
      ];
      for (const [env, message] of refusals) {
        let error: unknown;
        try {
          loadConfig(env);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toBe(message);
        expect(message).not.toContain('\n');
        expect(message).not.toContain('very-secret-key');
      }
    });
  });
});
