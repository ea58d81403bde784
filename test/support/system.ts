import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openSystem } from '../../src/bootstrap.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import type { AppContext } from '../../src/kernel/context.js';

export type TestDialect = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when LAWTRAIL_TEST_PG holds an admin connection URL. */
export const dialects: TestDialect[] = process.env.LAWTRAIL_TEST_PG ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestSystem {
  ctx: AppContext;
  handle: DatabaseHandle;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh, migrated system in a temp folder: a new SQLite file, or a new PostgreSQL database created
 * with a UTF-8 ctype (pg_trgm ignores Chinese under ctype C) and dropped again on close.
 */
export async function openTestSystem(dialect: TestDialect, env: Record<string, string> = {}): Promise<TestSystem> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lawtrail-test-'));
  let dropDatabase = async () => {};
  let database = `sqlite:${path.join(dataDir, 'test.db')}`;
  if (dialect === 'postgres') {
    const adminUrl = process.env.LAWTRAIL_TEST_PG as string;
    const name = `lawtrail_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await admin.end();
    database = withDatabase(adminUrl, name);
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const config = loadConfig({
    LAWTRAIL_DATA: dataDir,
    LAWTRAIL_DB: database,
    LAWTRAIL_DEMO: 'off',
    LOG_LEVEL: 'silent',
    LAWTRAIL_LOGIN_RATE_LIMIT: '100000',
    ...env,
  });
  const { ctx, handle } = await openSystem(config);
  return {
    ctx,
    handle,
    config,
    dataDir,
    async close() {
      await handle.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
