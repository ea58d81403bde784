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
    const db = new GroupCommitKysely({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }, { dialect: 'sqlite' });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  // An idle connection that the server drops (restart, failover, admin command) is discarded by the pool;
  // without a listener its 'error' event would end the process.
  pool.on('error', (error) => {
    process.stderr.write(`lawtrail: PostgreSQL 空闲连接已断开：${error.message}\n`);
  });
  pool.on('connect', usePreparedStatements);
  // The group commit's own connection, in pipeline mode: a savepoint goes on the wire with the statement after it.
  const groupPool = new pg.Pool({ connectionString: config.url, max: 1, pipeline: true } as pg.PoolConfig);
  groupPool.on('error', (error) => {
    process.stderr.write(`lawtrail: PostgreSQL 空闲连接已断开：${error.message}\n`);
  });
  groupPool.on('connect', usePreparedStatements);
  const db = new GroupCommitKysely({ dialect: new PostgresDialect({ pool }) }, { dialect: 'postgres', pool: groupPool });
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
 * - on SQLite a transaction that arrives alone runs as a plain transaction, without savepoints; on PostgreSQL as a group
 *   of one, on the group's pipelined connection, where savepoints cost no round trip (see `open`);
 * - one with an isolation level or access mode set (`setIsolationLevel`, `setAccessMode`) runs on its own, as before.
 * Measured in bench/RESULTS.md (ledger appends, 8 and 64 writers).
 */
type GroupConnection = { dialect: 'sqlite' } | { dialect: 'postgres'; pool: pg.Pool };

/** A batch's connection: a transaction to run the batch in, and how to mark the start of its next transaction. */
interface BatchConnection {
  trx: ControlledTransaction<Database>;
  /**
   * Releases the savepoint of the transaction before (when `release`) and marks the start of the next (unless `next` is
   * false); settles when done.
   */
  mark(release: boolean, next?: boolean): Promise<unknown>;
  /** The mark is on its way before the work's first statement, without waiting for it (PostgreSQL's pipeline mode). */
  isPipelined: boolean;
  /** Hands the connection back; `isBroken` drops it. */
  done(isBroken: boolean): void;
}

class GroupCommit {
  private readonly queue: Waiting[] = [];
  private draining = false;
  /** PostgreSQL: one Kysely per pipelined connection, bound to it, so the batch can also write to the connection directly. */
  private readonly bound = new WeakMap<pg.PoolClient, Kysely<Database>>();

  constructor(
    private readonly db: GroupCommitKysely,
    private readonly connection: GroupConnection,
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
        // PostgreSQL runs even a lone transaction as a group of one: the same round trips as a plain one (the savepoints
        // travel with its statements), and an aborted transaction is caught at its COMMIT (below).
        if (batch.length === 1 && this.connection.dialect === 'sqlite') await this.runAlone(batch[0] as Waiting);
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
    let connection: BatchConnection;
    try {
      connection = await this.open();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    const { trx } = connection;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      let marked: Promise<unknown> | null = null; // the savepoint that starts the coming transaction, once sent
      for (const waiting of batch) {
        // After a transaction that succeeded: keep its work (release) and mark the start of the next one.
        if (marked === null) {
          marked = connection.mark(outcomes.length > 0);
          // Its failure is taken up below, after the work; until then it must not count as an unhandled rejection.
          marked.catch(() => undefined);
          if (!connection.isPipelined) await marked;
        }
        try {
          const value = await waiting.work(trx);
          // The mark may have gone on the wire with the work's first statement: it must have succeeded before the work
          // counts as done (a failed release would otherwise let a later rollback take this work with it).
          await marked;
          outcomes.push({ ok: true, value });
          marked = null;
        } catch (error) {
          await marked;
          outcomes.push({ ok: false, error });
          await sql.raw(`rollback to savepoint ${savepoint}`).execute(trx);
        }
      }
      // PostgreSQL answers the COMMIT of an aborted transaction (one whose last transaction swallowed a failed statement)
      // with a ROLLBACK, not an error; releasing the last savepoint first fails in that case, and is sent with the COMMIT.
      const released = marked === null && connection.isPipelined ? connection.mark(true, false) : null;
      released?.catch(() => undefined);
      await trx.commit().execute();
      await released;
    } catch (error) {
      // The connection, a savepoint or the COMMIT failed: nothing of the batch is stored.
      if (!trx.isCommitted && !trx.isRolledBack)
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
      connection.done(true);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    connection.done(false);
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome?.error);
    });
  }

  private async open(): Promise<BatchConnection> {
    if (this.connection.dialect === 'sqlite') {
      const trx = await this.db.startTransaction().execute();
      return {
        trx,
        mark: async (release, next = true) => {
          if (release) await sql.raw(`release savepoint ${savepoint}`).execute(trx);
          if (next) await sql.raw(`savepoint ${savepoint}`).execute(trx);
        },
        isPipelined: false,
        done: () => undefined,
      };
    }
    // PostgreSQL: the savepoint is written to the pipelined connection without waiting for its answer, so it reaches
    // the server together with the transaction's first statement: one round trip per transaction instead of two.
    const client = await this.connection.pool.connect();
    try {
      let bound = this.bound.get(client);
      if (!bound) {
        const single = { query: client.query.bind(client), release: () => undefined };
        bound = new Kysely<Database>({
          dialect: new PostgresDialect({ pool: { connect: async () => single, end: async () => undefined } }),
        });
        this.bound.set(client, bound);
      }
      const trx = await bound.startTransaction().execute();
      return {
        trx,
        mark: (release, next = true) =>
          client.query([release ? `release savepoint ${savepoint}` : '', next ? `savepoint ${savepoint}` : ''].filter(Boolean).join('; ')),
        isPipelined: true,
        done: (isBroken) => client.release(isBroken),
      };
    } catch (error) {
      client.release(true);
      throw error;
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

  constructor(
    config: KyselyConfig,
    private readonly groupConnection: GroupConnection,
  ) {
    super(config);
    this.group = new GroupCommit(this, groupConnection);
  }

  override async destroy(): Promise<void> {
    if (this.groupConnection.dialect === 'postgres') await this.groupConnection.pool.end();
    await super.destroy();
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
    prepare(text: string) {
      // A transaction takes the write lock when it begins: with several server processes on one file, one that began
      // as a reader and then writes after another's commit would fail at once (SQLITE_BUSY) instead of waiting.
      const sqlText = text === 'begin' ? 'begin immediate' : text;
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
