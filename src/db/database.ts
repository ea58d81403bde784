import BetterSqlite3 from 'better-sqlite3';
import {
  type ControlledTransaction,
  Kysely,
  type KyselyConfig,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  sql,
  type Transaction,
  type TransactionBuilder,
} from 'kysely';
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
    const db = new GroupCommitKysely({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }, 'sqlite');
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  // An idle connection that the server drops (restart, failover, admin command) is discarded by the pool;
  // without a listener its 'error' event would end the process.
  pool.on('error', (error) => {
    process.stderr.write(`lawtrail: PostgreSQL 空闲连接已断开：${error.message}\n`);
  });
  pool.on('connect', usePreparedStatements);
  const db = new GroupCommitKysely({ dialect: new PostgresDialect({ pool }) }, 'postgres');
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

const preparedMarker = /^\/\*prepared:([a-z_]+)\*\/ /;

/**
 * SQL text that PostgreSQL parses and plans once per connection, as a named prepared statement, instead of on every call:
 * for the few hot statements (a ledger append) whose planning costs as much as running them. The name must be unique
 * to the text. On SQLite the marker is a comment (every statement is kept prepared there, `withStatementCache`).
 */
export function preparedStatement(name: string, text: string): string {
  return `/*prepared:${name}*/ ${text}`;
}

/** Every new pooled connection: a query whose text carries `preparedStatement`'s marker goes as a named statement. */
function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown) => Promise<unknown>;
  (client as unknown as { query: typeof query }).query = (config, values) => {
    if (typeof config === 'string') {
      const name = preparedMarker.exec(config)?.[1];
      if (name !== undefined) return query({ name, text: config, values });
    }
    return query(config, values);
  };
}

type Work = (trx: Trx) => Promise<unknown>;
interface Waiting {
  work: Work;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Transactions that one commit may carry; a batch waits for its slowest, so this bounds the wait. */
const groupCommitLimit = 128;
const savepoint = 'lawtrail_group';

/**
 * Group commit. Every state change appends to the ledger in its own transaction, and the ledger's single sequencing
 * point (the `ledger_state` row) is held from the append until COMMIT has reached the disk: one transaction at a time,
 * each paying a whole commit (PostgreSQL: a WAL flush; SQLite: writing its pages to the WAL). So the transactions that
 * arrive while one runs are queued and then run together, one after another on one connection, inside one database
 * transaction, each within a savepoint, and committed once:
 * - each transaction's callback still sees a `Transaction` and runs alone (no interleaving), in arrival order;
 * - one that throws is rolled back to its savepoint and rejects with its error; the others go on;
 * - none resolves before the common COMMIT has succeeded; if the COMMIT fails, all of the batch reject with its error
 *   (nothing of theirs is stored, so nothing is lost that a caller was told was stored);
 * - a transaction that arrives alone runs as a plain transaction, without savepoints;
 * - one with an isolation level or access mode set (`setIsolationLevel`, `setAccessMode`) runs on its own, as before.
 * Measured in bench/RESULTS.md (ledger appends, 8 and 64 writers).
 */
class GroupCommit {
  private readonly queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly db: GroupCommitKysely,
    private readonly dialect: Dialect,
  ) {}

  run<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, groupCommitLimit);
        if (batch.length === 1) await this.runAlone(batch[0] as Waiting);
        else await this.runTogether(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async runAlone(waiting: Waiting): Promise<void> {
    try {
      waiting.resolve(await this.db.plainTransaction().execute(waiting.work));
    } catch (error) {
      waiting.reject(error);
    }
  }

  private async runTogether(batch: Waiting[]): Promise<void> {
    let trx: ControlledTransaction<Database>;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      let marked = false; // a savepoint exists with nothing after it
      for (const waiting of batch) {
        if (!marked) {
          // After a transaction that succeeded: keep its work (release) and mark the start of the next one.
          await this.savepointAfter(trx, outcomes.length > 0);
          marked = true;
        }
        try {
          outcomes.push({ ok: true, value: await waiting.work(trx) });
          marked = false;
        } catch (error) {
          outcomes.push({ ok: false, error });
          await sql.raw(`rollback to savepoint ${savepoint}`).execute(trx);
        }
      }
      await trx.commit().execute();
    } catch (error) {
      // The connection or the COMMIT failed: nothing of the batch is stored.
      if (!trx.isCommitted && !trx.isRolledBack)
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome?.error);
    });
  }

  private async savepointAfter(trx: Trx, release: boolean): Promise<void> {
    if (!release) {
      await sql.raw(`savepoint ${savepoint}`).execute(trx);
    } else if (this.dialect === 'postgres') {
      // One round trip: a query without parameters goes as PostgreSQL's simple protocol, which takes two statements.
      await sql.raw(`release savepoint ${savepoint}; savepoint ${savepoint}`).execute(trx);
    } else {
      await sql.raw(`release savepoint ${savepoint}`).execute(trx);
      await sql.raw(`savepoint ${savepoint}`).execute(trx);
    }
  }
}

/** `transaction().execute(…)` as Kysely's, with its transactions committed in groups (`GroupCommit`). */
class GroupedTransactionBuilder {
  constructor(
    private readonly plain: TransactionBuilder<Database>,
    private readonly group: GroupCommit,
  ) {}

  setAccessMode(...args: Parameters<TransactionBuilder<Database>['setAccessMode']>): TransactionBuilder<Database> {
    return this.plain.setAccessMode(...args);
  }

  setIsolationLevel(...args: Parameters<TransactionBuilder<Database>['setIsolationLevel']>): TransactionBuilder<Database> {
    return this.plain.setIsolationLevel(...args);
  }

  execute<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return this.group.run(work);
  }
}

class GroupCommitKysely extends Kysely<Database> {
  private readonly group: GroupCommit;

  constructor(config: KyselyConfig, dialect: Dialect) {
    super(config);
    this.group = new GroupCommit(this, dialect);
  }

  override transaction(): TransactionBuilder<Database> {
    return new GroupedTransactionBuilder(super.transaction(), this.group) as unknown as TransactionBuilder<Database>;
  }

  /** Kysely's own transaction, for the group's single transactions. */
  plainTransaction(): TransactionBuilder<Database> {
    return super.transaction();
  }
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
