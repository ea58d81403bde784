import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: repositories take this as their first argument. */
export type Executor = Db | Trx;
export type Dialect = DatabaseConfig['dialect'];

// int8 (COUNT, bigint columns) as JS numbers: ledger sizes stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.dialect === 'sqlite') {
    const sqlite = new BetterSqlite3(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  // An idle connection that the server drops (restart, failover, admin command) is discarded by the pool;
  // without a listener its 'error' event would end the process.
  pool.on('error', (error) => {
    process.stderr.write(`lawtrail: PostgreSQL 空闲连接已断开：${error.message}\n`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** How many prepared statements a SQLite connection keeps (the application's queries are a few hundred shapes). */
const statementCacheSize = 1_000;

/**
 * better-sqlite3 as Kysely's SQLite driver sees it, with its prepared statements kept by SQL text: the driver prepares
 * every query anew, which costs as much as running a small one (a ledger append is four statements). Safe because the
 * driver runs one query at a time on its one connection (a mutex), and a statement is only ever reset and re-bound; SQLite
 * re-prepares a kept statement itself after a schema change. Least recently used out beyond `statementCacheSize`, so
 * queries with a varying number of parameters cannot grow it without bound.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (statement) {
        statements.delete(sqlText);
      } else {
        statement = sqlite.prepare(sqlText);
        if (statements.size >= statementCacheSize) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sqlText, statement);
      return statement;
    },
  };
}

export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
