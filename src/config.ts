import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import type { S3Options } from './blob/s3.js';
import { type NameMaskStyle, nameMaskStyles } from './kernel/vocabulary.js';
import { parseWitnesses, type WitnessConfig } from './ledger/collect.js';

/** Where file contents go (`LAWTRAIL_BLOB_STORE`): a folder under the data folder, or an S3-compatible bucket. */
export type BlobStoreConfig = { kind: 'local' } | ({ kind: 's3' } & S3Options);

export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Config {
  port: number;
  /** Server processes `serve` runs on the one port (`LAWTRAIL_WORKERS`, default 1). */
  workers: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** Load demo data on first start with an empty database. */
  isDemo: boolean;
  /** Name of this deployment, shown on the portal and later used as the ledger's origin. */
  origin: string;
  /** National cryptography: checkpoints also carry a GB/T 32918 SM2 signature. */
  isSm2: boolean;
  /** Witnesses asked to cosign each checkpoint (`LAWTRAIL_WITNESSES`). */
  witnesses: WitnessConfig[];
  /** Set the Secure flag on cookies (behind HTTPS). */
  hasSecureCookies: boolean;
  /** Login attempts allowed per client address per minute. */
  loginRateLimit: number;
  logLevel: string;
  /** Digest of stored files (`LAWTRAIL_FILE_HASH`): SHA-256, or SM3 for national-cryptography deployments. */
  fileHash: 'sha256' | 'sm3';
  /** Where file contents are kept (`LAWTRAIL_BLOB_STORE`, `LAWTRAIL_S3_*`); the secret key never prints. */
  blobStore: BlobStoreConfig;
  /** Largest file one upload may carry, in bytes (`LAWTRAIL_MAX_UPLOAD_MB`). */
  maxUploadBytes: number;
  /** The portal's public address (`LAWTRAIL_PUBLIC_URL`), printed in documents' QR codes; without it they hold a path. */
  publicUrl: string | null;
  /** The higher-level platform this one pushes its publications to (`LAWTRAIL_EXCHANGE_UPSTREAM`), or null. */
  exchangeUpstream: string | null;
  /** How natural persons' names are masked in public copies (`LAWTRAIL_NAME_MASK`): 张某某 by default. */
  nameMask: NameMaskStyle;
}

export class ConfigError extends Error {}

export function parseDatabase(value: string | undefined, dataDir: string): DatabaseConfig {
  if (!value) return { dialect: 'sqlite', file: path.join(dataDir, 'lawtrail.db') };
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    return { dialect: 'postgres', url: value };
  }
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length);
    if (!file) throw new ConfigError('LAWTRAIL_DB 的 sqlite: 后缺少文件路径');
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError(`LAWTRAIL_DB 只接受 sqlite:路径 或 postgres:// 连接串，收到：${value}`);
}

/** How many server processes `serve` runs (`LAWTRAIL_WORKERS`): 1 by default; more share the port and the database. */
function parseWorkers(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new ConfigError(`LAWTRAIL_WORKERS 必须是 1–64 的整数（服务进程数），收到：${value}`);
  }
  return workers;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT 必须是 0–65535 的整数，收到：${value}`);
  }
  return port;
}

function parseSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(`${name} 只接受 on 或 off，收到：${value}`);
}

function parseWitnessList(value: string | undefined): WitnessConfig[] {
  try {
    return parseWitnesses(value);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/**
 * `LAWTRAIL_BLOB_STORE=s3` and its `LAWTRAIL_S3_*` settings. The returned object prints (console, JSON, pino) with its
 * secret key hidden.
 */
export function parseBlobStore(env: NodeJS.ProcessEnv): BlobStoreConfig {
  const kind = env.LAWTRAIL_BLOB_STORE || (env.LAWTRAIL_S3_BUCKET ? '' : 'local');
  if (kind === '') {
    throw new ConfigError(
      '设置了 LAWTRAIL_S3_BUCKET 但未设置 LAWTRAIL_BLOB_STORE：使用 S3 存储请设 LAWTRAIL_BLOB_STORE=s3，否则请设为 local',
    );
  }
  if (kind === 'local') return { kind };
  if (kind !== 's3') throw new ConfigError(`LAWTRAIL_BLOB_STORE 只接受 local 或 s3，收到：${kind}`);
  const missing = ['LAWTRAIL_S3_BUCKET', 'LAWTRAIL_S3_ACCESS_KEY_ID', 'LAWTRAIL_S3_SECRET_ACCESS_KEY'].filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`LAWTRAIL_BLOB_STORE=s3 时必须设置 ${missing.join('、')}`);
  const bucket = env.LAWTRAIL_S3_BUCKET as string;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(`LAWTRAIL_S3_BUCKET 须为 3–63 位小写字母、数字、点或连字符（首尾为字母或数字），收到：${bucket}`);
  }
  const endpoint = env.LAWTRAIL_S3_ENDPOINT ? env.LAWTRAIL_S3_ENDPOINT.replace(/\/+$/, '') : null;
  if (endpoint !== null && !/^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/.test(endpoint)) {
    throw new ConfigError(`LAWTRAIL_S3_ENDPOINT 须为 http(s):// 开头的网址（如 http://127.0.0.1:9000），收到：${env.LAWTRAIL_S3_ENDPOINT}`);
  }
  const region = env.LAWTRAIL_S3_REGION || 'us-east-1';
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(region)) {
    throw new ConfigError(`LAWTRAIL_S3_REGION 只能含字母、数字、连字符或下划线（如 us-east-1、cn-north-1），收到：${region}`);
  }
  const settings: BlobStoreConfig = {
    kind,
    endpoint,
    region,
    bucket,
    accessKeyId: env.LAWTRAIL_S3_ACCESS_KEY_ID as string,
    secretAccessKey: env.LAWTRAIL_S3_SECRET_ACCESS_KEY as string,
    forcePathStyle: parseSwitch('LAWTRAIL_S3_FORCE_PATH_STYLE', env.LAWTRAIL_S3_FORCE_PATH_STYLE, endpoint !== null),
  };
  const printable = () => ({ ...settings, secretAccessKey: '（已隐藏）' });
  Object.defineProperty(settings, 'toJSON', { value: printable });
  Object.defineProperty(settings, inspect.custom, { value: printable });
  return settings;
}

function parseUpstream(value: string | undefined): string | null {
  if (!value) return null;
  const url = value.replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/.test(url)) {
    throw new ConfigError(`LAWTRAIL_EXCHANGE_UPSTREAM 须为上级平台的 http(s):// 地址（如 https://zf.city.example.gov.cn），收到：${value}`);
  }
  return url;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.LAWTRAIL_DATA || 'data');
  const limit = Number(env.LAWTRAIL_LOGIN_RATE_LIMIT || 20);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ConfigError('LAWTRAIL_LOGIN_RATE_LIMIT 必须是正整数');
  }
  const isSm2 = parseSwitch('LAWTRAIL_SM2', env.LAWTRAIL_SM2, false);
  const fileHash = env.LAWTRAIL_FILE_HASH || (isSm2 ? 'sm3' : 'sha256');
  if (fileHash !== 'sha256' && fileHash !== 'sm3') throw new ConfigError(`LAWTRAIL_FILE_HASH 只接受 sha256 或 sm3，收到：${fileHash}`);
  const maxUploadMb = Number(env.LAWTRAIL_MAX_UPLOAD_MB || 8192);
  if (!Number.isInteger(maxUploadMb) || maxUploadMb < 1) throw new ConfigError('LAWTRAIL_MAX_UPLOAD_MB 必须是正整数（单位 MB）');
  const publicUrl = env.LAWTRAIL_PUBLIC_URL ? env.LAWTRAIL_PUBLIC_URL.replace(/\/+$/, '') : null;
  if (publicUrl !== null && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl)) {
    throw new ConfigError(
      `LAWTRAIL_PUBLIC_URL 须为 http(s):// 开头的网址（如 https://zf.example.gov.cn），收到：${env.LAWTRAIL_PUBLIC_URL}`,
    );
  }
  const nameMask = env.LAWTRAIL_NAME_MASK || 'given';
  if (!Object.hasOwn(nameMaskStyles, nameMask)) {
    throw new ConfigError(`LAWTRAIL_NAME_MASK 只接受 given（张某/张某某）、fixed（张某某）或 asterisk（张*/张**），收到：${nameMask}`);
  }
  return {
    port: parsePort(env.PORT),
    workers: parseWorkers(env.LAWTRAIL_WORKERS),
    host: env.HOST || '127.0.0.1',
    dataDir,
    database: parseDatabase(env.LAWTRAIL_DB, dataDir),
    isDemo: parseSwitch('LAWTRAIL_DEMO', env.LAWTRAIL_DEMO, true),
    origin: env.LAWTRAIL_ORIGIN || 'lawtrail.local',
    isSm2,
    witnesses: parseWitnessList(env.LAWTRAIL_WITNESSES),
    hasSecureCookies: parseSwitch('LAWTRAIL_SECURE_COOKIES', env.LAWTRAIL_SECURE_COOKIES, false),
    loginRateLimit: limit,
    logLevel: env.LOG_LEVEL || 'info',
    fileHash,
    blobStore: parseBlobStore(env),
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    publicUrl,
    exchangeUpstream: parseUpstream(env.LAWTRAIL_EXCHANGE_UPSTREAM),
    nameMask: nameMask as NameMaskStyle,
  };
}

export function ensureDataDir(config: Config): void {
  mkdirSync(config.dataDir, { recursive: true });
  if (config.database.dialect === 'sqlite' && config.database.file !== ':memory:') {
    mkdirSync(path.dirname(config.database.file), { recursive: true });
  }
}
