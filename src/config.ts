import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseWitnesses, type WitnessConfig } from './ledger/collect.js';

export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Config {
  port: number;
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
  /** Largest file one upload may carry, in bytes (`LAWTRAIL_MAX_UPLOAD_MB`). */
  maxUploadBytes: number;
  /** The portal's public address (`LAWTRAIL_PUBLIC_URL`), printed in documents' QR codes; without it they hold a path. */
  publicUrl: string | null;
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
  return {
    port: parsePort(env.PORT),
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
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    publicUrl,
  };
}

export function ensureDataDir(config: Config): void {
  mkdirSync(config.dataDir, { recursive: true });
  if (config.database.dialect === 'sqlite' && config.database.file !== ':memory:') {
    mkdirSync(path.dirname(config.database.file), { recursive: true });
  }
}
