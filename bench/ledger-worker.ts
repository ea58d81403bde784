// One measurement of the ledger benchmark (bench/ledger.ts), in a child process of its own so that its peak memory
// (the kernel's maxRSS of this process) belongs to it alone. Usage: tsx bench/ledger-worker.ts <task> '<json args>'.
// Progress goes to stderr; the result is the last stdout line, `RESULT <json>`. Measures only; asserts nothing about speed.
import { createHash, hash as oneShotHash } from 'node:crypto';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { MerkleTree } from 'merkletreejs';
import pg from 'pg';
import { openSystem } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import type { Db, Trx } from '../src/db/database.js';
import { systemActor } from '../src/kernel/actor.js';
import { integrate } from '../src/ledger/checkpoint.js';
import { appendEvent, readLedgerStatus } from '../src/ledger/events.js';
import {
  consistencyProof,
  hashChildren,
  hashLeaf,
  hashLeafInto,
  hashPairInto,
  inclusionProof,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../src/ledger/merkle.js';
import { proveConsistency, proveInclusion } from '../src/ledger/proofs.js';
import { extendTiles, TileReader } from '../src/ledger/tiles.js';

type Args = Record<string, unknown>;

function log(message: string): void {
  process.stderr.write(`    ${message}\n`);
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (gc) {
    gc();
    gc();
  }
}

/** Peak resident set of this process so far (kernel ru_maxrss), bytes. */
function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

function summary(latenciesMs: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same indices. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** N entries of 32 bytes, the same in every process (SHAKE-256 stream): views into one buffer. */
function entries(n: number): Buffer[] {
  const bytes = createHash('shake256', { outputLength: n * 32 })
    .update('lawtrail ledger bench')
    .digest();
  const out: Buffer[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = bytes.subarray(i * 32, i * 32 + 32);
  return out;
}

// ---------------------------------------------------------------- (a) raw hash rate

/**
 * Operations per second of `op`: the best of `rounds` rounds of `perRound` calls each (after one warm-up round). The best
 * round, not the median, because this is the limit: on a shared machine other work only ever slows a round down.
 */
function opsPerSecond(op: () => unknown, perRound: number, rounds: number): number {
  const rates: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) op();
    if (round > 0) rates.push(perRound / seconds(started));
  }
  return Math.max(...rates);
}

function taskHash(args: Args): unknown {
  const perRound = Number(args.perRound ?? 300_000);
  const rounds = Number(args.rounds ?? 5);
  const input = createHash('sha256').update('32 bytes').digest();
  const left = hashLeaf(input);
  const right = hashLeaf(left);
  const rows: Array<{ name: string; perSecond: number }> = [];
  const measure = (name: string, op: () => unknown) => {
    const perSecond = opsPerSecond(op, perRound, rounds);
    log(`${name}: ${(perSecond / 1e6).toFixed(3)} M/s`);
    rows.push({ name, perSecond });
  };
  measure('sha256 createHash', () => createHash('sha256').update(input).digest());
  measure('sha256 hash', () => oneShotHash('sha256', input, 'buffer'));
  measure('sha256 hash latin1', () => oneShotHash('sha256', input, 'latin1'));
  measure('sha256 hash hex', () => oneShotHash('sha256', input, 'hex'));
  measure('sm3 createHash', () => createHash('sm3').update(input).digest());
  measure('sm3 hash', () => oneShotHash('sm3', input, 'buffer'));
  measure('sm3 hash hex', () => oneShotHash('sm3', input, 'hex'));
  // Lawtrail's own hash calls (src/ledger/merkle.ts), for the diagnosis.
  measure('hashLeaf', () => hashLeaf(input));
  measure('hashChildren', () => hashChildren(left, right));
  const pair = Buffer.concat([left, right]);
  const out = Buffer.alloc(32);
  measure('hashPairInto', () => hashPairInto(pair, 0, out, 0));
  return { rows };
}

// ---------------------------------------------------------------- (b) tree building in memory

/** Tiles held in memory: TileReader's own lookups (inner levels of each tile computed once), with a Map for the table. */
type MemoryTiles = Map<string, { width: number; bytes: Buffer }>;

class MemoryTileReader extends TileReader {
  constructor(private readonly stored: MemoryTiles) {
    super(undefined as unknown as Db);
  }

  protected override async fetchTile(level: number, index: number): Promise<{ width: number; bytes: Buffer } | undefined> {
    return this.stored.get(`${level}/${index}`);
  }
}

/**
 * growTiles (src/ledger/tiles.ts) with a Map in place of the ledger_tiles table: the same `extendTiles`, given the leaf
 * hashes computed (hashLeafInto, into one buffer) instead of read from ledger_events.
 */
async function growTilesInMemory(tiles: MemoryTiles, leaves: Buffer[], from: number, to: number): Promise<void> {
  const leafHashes = Buffer.allocUnsafe((to - from) * 32);
  for (let i = from; i < to; i++) hashLeafInto(leaves[i] as Buffer, leafHashes, (i - from) * 32);
  await extendTiles(
    {
      readTile: (level, index) => tiles.get(`${level}/${index}`),
      write: (level, index, width, bytes) => {
        tiles.set(`${level}/${index}`, { width, bytes });
      },
    },
    from,
    to,
    leafHashes,
  );
}

async function taskTree(args: Args): Promise<unknown> {
  const n = Number(args.leaves);
  const implementation = String(args.implementation);
  const batch = Number(args.batch ?? 0);
  const leaves = entries(n);
  // merkletreejs hashes its leaves with the same function as its nodes: give it 0x00 ‖ entry and a concatenator that
  // prepends 0x01, so it computes exactly the RFC 6962 tree (same root) with the same node:crypto SHA-256 calls.
  const prefixed = implementation === 'merkletreejs' ? leaves.map((leaf) => Buffer.concat([Buffer.from([0]), leaf])) : [];
  collect();
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = peakRss();
  let root: Buffer;
  let extra: Record<string, unknown> = {};
  const started = process.hrtime.bigint();
  if (implementation === 'lawtrail') {
    const tiles: MemoryTiles = new Map();
    if (batch > 0) {
      for (let from = 0; from < n; from += batch) await growTilesInMemory(tiles, leaves, from, Math.min(n, from + batch));
    } else {
      await growTilesInMemory(tiles, leaves, 0, n);
    }
    root = await rootOf(new MemoryTileReader(tiles).node, n);
    let tileBytes = 0;
    for (const tile of tiles.values()) tileBytes += tile.bytes.length;
    extra = { tiles: tiles.size, tileBytes };
  } else {
    const prefix = Buffer.from([1]);
    const tree = new MerkleTree(prefixed, (data: Buffer) => createHash('sha256').update(data).digest(), {
      hashLeaves: true,
      concatenator: (inputs: Buffer[]) => Buffer.concat([prefix, ...inputs]),
    });
    root = tree.getRoot();
    extra = { layers: tree.getLayerCount() };
  }
  const elapsed = seconds(started);
  const peak = peakRss();
  log(
    `${implementation}${batch > 0 ? ` (batches of ${batch})` : ''}: ${n} leaves in ${elapsed.toFixed(2)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
  );
  return { leaves: n, seconds: elapsed, perSecond: n / elapsed, rssBefore, peakBefore, peak, root: root.toString('hex'), ...extra };
}

// ---------------------------------------------------------------- (c) proofs read from storage

/** Synthetic ledger rows straight into ledger_events (the real leaf hash of a tiny payload), in big transactions. */
function fillEvents(file: string, from: number, to: number): void {
  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = OFF'); // set-up only; nothing measured depends on it
    const insert = sqlite.prepare(
      `insert into ledger_events (seq, id, occurred_at, actor_id, actor_label, agency_id, subject_type, subject_id, action, payload, leaf_hash, payload_sm3)
       values (?, ?, '2026-01-01T00:00:00.000Z', null, 'bench', null, 'bench', 'bench', 'bench.filled', ?, ?, '')`,
    );
    const chunk = sqlite.transaction((start: number, end: number) => {
      for (let seq = start; seq < end; seq++) {
        const payload = `{"seq":${seq}}`;
        insert.run(seq, `bench-${String(seq).padStart(9, '0')}`, payload, hashLeaf(Buffer.from(payload)).toString('hex'));
      }
    });
    for (let start = from; start < to; start += 100_000) chunk(start, Math.min(to, start + 100_000));
    sqlite.prepare('update ledger_state set size = ? where id = 1').run(to);
  } finally {
    sqlite.close();
  }
}

interface ProofFigures {
  size: number;
  kind: 'inclusion' | 'consistency';
  cache: 'cold' | 'warm' | 'tree only';
  latency: ReturnType<typeof summary>;
  failures: number;
}

async function taskProofs(args: Args): Promise<unknown> {
  const dir = String(args.dir);
  const sizes = (args.sizes as number[]).slice().sort((a, b) => a - b);
  const calls = Number(args.calls ?? 1000);
  const file = path.join(dir, 'ledger.db');
  const { ctx, handle } = await openSystem(loadConfig({ LAWTRAIL_DATA: dir, LAWTRAIL_DB: `sqlite:${file}`, LAWTRAIL_DEMO: 'off' }));
  const random = prng(20_261_122);
  const results: ProofFigures[] = [];
  const builds: Array<{ size: number; fillSeconds: number; integrateSeconds: number; integrateCalls: number; dbBytes: number }> = [];
  const checkpoints: number[] = [];
  let filled = 0;
  let fillSeconds = 0;
  let integrateSeconds = 0;
  let integrateCalls = 0;
  try {
    for (const size of sizes) {
      // Checkpoints at 24 sizes between the previous measured size and this one (the integrator runs as events arrive),
      // so consistency proofs have older checkpointed sizes to start from.
      const steps = new Set<number>([size]);
      while (steps.size < 25) steps.add(filled + 1 + Math.floor(random() * (size - filled - 1)));
      for (const step of [...steps].sort((a, b) => a - b)) {
        let started = process.hrtime.bigint();
        fillEvents(file, filled, step);
        fillSeconds += seconds(started);
        filled = step;
        started = process.hrtime.bigint();
        const checkpoint = await integrate(ctx.db, ctx.dialect, ctx.ledgerKeys);
        integrateSeconds += seconds(started);
        integrateCalls++;
        if (checkpoint.size !== step) throw new Error(`checkpoint at ${checkpoint.size}, ${step} expected`);
        checkpoints.push(step);
      }
      const dbBytes = Number(
        (await sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(ctx.db))
          .rows[0]?.bytes ?? 0,
      );
      builds.push({ size, fillSeconds, integrateSeconds, integrateCalls, dbBytes });
      log(
        `${size} leaves: filled in ${fillSeconds.toFixed(1)} s, ${integrateCalls} integrate() calls in ${integrateSeconds.toFixed(1)} s, database ${(dbBytes / 2 ** 30).toFixed(2)} GiB`,
      );

      const root = Buffer.from(
        (await ctx.db.selectFrom('ledger_checkpoints').select('root_hash').where('size', '=', size).executeTakeFirstOrThrow()).root_hash,
        'hex',
      );
      const roots = new Map<number, Buffer>();
      for (const row of await ctx.db.selectFrom('ledger_checkpoints').select(['size', 'root_hash']).execute()) {
        roots.set(Number(row.size), Buffer.from(row.root_hash, 'hex'));
      }
      const older = checkpoints.filter((s) => s < size);
      const indices = Array.from({ length: calls }, () => Math.floor(random() * size));
      const firsts = Array.from({ length: calls }, () => older[Math.floor(random() * older.length)] as number);

      for (const cache of ['cold', 'warm'] as const) {
        // cold: a fresh Kysely object per call, so proofs.ts makes a fresh TileReader (no tile cached in the process;
        // SQLite's page cache and the OS file cache stay warm). warm: one object, proofs.ts's cached reader, after a pass.
        const dbFor = () => (cache === 'cold' ? ctx.db.withoutPlugins() : ctx.db);
        if (cache === 'warm') for (const index of indices) await proveInclusion(ctx.db, index, size);
        const inclusion: number[] = [];
        const proofs: Array<{ leafHash: string; proof: string[] }> = [];
        for (const index of indices) {
          const db = dbFor();
          const started = process.hrtime.bigint();
          const proof = await proveInclusion(db, index, size);
          inclusion.push(seconds(started) * 1000);
          proofs.push(proof);
        }
        let failures = 0;
        proofs.forEach((proof, i) => {
          const ok = verifyInclusion(
            indices[i] as number,
            size,
            Buffer.from(proof.leafHash, 'hex'),
            proof.proof.map((h) => Buffer.from(h, 'hex')),
            root,
          );
          if (!ok) failures++;
        });
        results.push({ size, kind: 'inclusion', cache, latency: summary(inclusion), failures });

        if (cache === 'warm') for (const first of firsts) await proveConsistency(ctx.db, first, size);
        const consistency: number[] = [];
        const cproofs: string[][] = [];
        for (const first of firsts) {
          const db = dbFor();
          const started = process.hrtime.bigint();
          const { proof } = await proveConsistency(db, first, size);
          consistency.push(seconds(started) * 1000);
          cproofs.push(proof);
        }
        failures = 0;
        cproofs.forEach((proof, i) => {
          const first = firsts[i] as number;
          const ok = verifyConsistency(
            first,
            size,
            roots.get(first) as Buffer,
            root,
            proof.map((h) => Buffer.from(h, 'hex')),
          );
          if (!ok) failures++;
        });
        results.push({ size, kind: 'consistency', cache, latency: summary(consistency), failures });
        const last = results.slice(-2);
        log(`${size} ${cache}: inclusion p50 ${last[0]?.latency.p50.toFixed(3)} ms, consistency p50 ${last[1]?.latency.p50.toFixed(3)} ms`);
      }
      // Diagnosis: the tree part alone (merkle.ts over TileReader.node) with every tile it touches already cached, so no
      // SQL at all: what is left is folding cached tile rows into inner nodes (subtreeRoot) and the proof recursion.
      const reader = new TileReader(ctx.db, { maxCachedTiles: 1_000_000 });
      for (const index of indices) await inclusionProof(reader.node, index, size);
      for (const first of firsts) await consistencyProof(reader.node, first, size);
      const treeInclusion: number[] = [];
      for (const index of indices) {
        const started = process.hrtime.bigint();
        await inclusionProof(reader.node, index, size);
        treeInclusion.push(seconds(started) * 1000);
      }
      const treeConsistency: number[] = [];
      for (const first of firsts) {
        const started = process.hrtime.bigint();
        await consistencyProof(reader.node, first, size);
        treeConsistency.push(seconds(started) * 1000);
      }
      results.push({ size, kind: 'inclusion', cache: 'tree only', latency: summary(treeInclusion), failures: 0 });
      results.push({ size, kind: 'consistency', cache: 'tree only', latency: summary(treeConsistency), failures: 0 });
    }
  } finally {
    await handle.close();
  }
  return { builds, results, peak: peakRss() };
}

// ---------------------------------------------------------------- (d) durable appends through appendEvent

async function taskAppends(args: Args): Promise<unknown> {
  const dir = String(args.dir);
  const databaseUrl = String(args.database);
  const writerCounts = args.writers as number[];
  const duration = Number(args.seconds);
  const warmup = Number(args.warmupSeconds);
  const setting = args.setting as string | undefined;
  if (setting && !databaseUrl.startsWith('sqlite:')) {
    // Diagnosis only: a per-database default, so that every pooled connection has it.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const name = (await client.query<{ name: string }>('select current_database() as name')).rows[0]?.name;
      await client.query(`alter database "${name}" set ${setting}`);
    } finally {
      await client.end();
    }
  }
  const { ctx, handle } = await openSystem(loadConfig({ LAWTRAIL_DATA: dir, LAWTRAIL_DB: databaseUrl, LAWTRAIL_DEMO: 'off' }));
  const rows: unknown[] = [];
  let appended = 0;
  let settings: Record<string, string | undefined> = {};
  try {
    if (ctx.dialect === 'sqlite' && setting) await sql.raw(`pragma ${setting}`).execute(ctx.db);
    settings =
      ctx.dialect === 'sqlite'
        ? {
            journal_mode: (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(ctx.db)).rows[0]?.journal_mode,
            synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][
              Number((await sql<{ synchronous: number }>`pragma synchronous`.execute(ctx.db)).rows[0]?.synchronous)
            ],
          }
        : {
            synchronous_commit: (await sql<{ v: string }>`select current_setting('synchronous_commit') as v`.execute(ctx.db)).rows[0]?.v,
            fsync: (await sql<{ v: string }>`select current_setting('fsync') as v`.execute(ctx.db)).rows[0]?.v,
          };
    log(`${ctx.dialect} settings ${JSON.stringify(settings)}`);
    const initial = (await readLedgerStatus(ctx.db)).size;
    const actor = systemActor('基准测试');
    // 'grouped': the application's transactions (group commit, src/db/database.ts); 'single': one database transaction
    // per append, as Kysely runs them itself (the write path before group commit), for the side-by-side figure.
    const inTransaction: <T>(work: (trx: Trx) => Promise<T>) => Promise<T> =
      args.commit === 'single'
        ? async (work) => {
            const trx = await ctx.db.startTransaction().execute();
            try {
              const result = await work(trx);
              await trx.commit().execute();
              return result;
            } catch (error) {
              await trx.rollback().execute();
              throw error;
            }
          }
        : (work) => ctx.db.transaction().execute(work);
    const run = async (writers: number, runSeconds: number, latencies: number[] | null): Promise<number> => {
      const deadline = performance.now() + runSeconds * 1000;
      let count = 0;
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          let n = 0;
          while (performance.now() < deadline) {
            const started = performance.now();
            await inTransaction((trx) =>
              appendEvent(trx, {
                actor,
                agencyId: null,
                subjectType: 'agency',
                subjectId: `bench-${writer}`,
                action: 'agency.updated',
                state: {
                  name: `中卫市沙坡头区基准测试局${writer}`,
                  uscc: '11640502MB1234567X',
                  divisionCode: '640502',
                  address: '宁夏回族自治区中卫市沙坡头区文昌镇应理南街1号',
                  phone: '0955-7012345',
                  supervisionPhone: '0955-12345',
                  revision: n,
                },
              }),
            );
            latencies?.push(performance.now() - started);
            n++;
            count++;
          }
        }),
      );
      return count;
    };
    for (const writers of writerCounts) {
      appended += await run(writers, warmup, null);
      const latencies: number[] = [];
      const started = performance.now();
      const count = await run(writers, duration, latencies);
      const elapsed = (performance.now() - started) / 1000;
      appended += count;
      const status = await readLedgerStatus(ctx.db);
      const counted = Number(
        (
          await ctx.db
            .selectFrom('ledger_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const gapless = status.isConsistent && status.size === initial + appended && counted === initial + appended;
      rows.push({
        writers,
        events: count,
        seconds: elapsed,
        perSecond: count / elapsed,
        latency: summary(latencies),
        size: status.size,
        gapless,
      });
      log(`${ctx.dialect} ${writers} writers: ${(count / elapsed).toFixed(0)} events/s, ledger size ${status.size}, gapless ${gapless}`);
    }
  } finally {
    await handle.close();
  }
  return { settings, rows };
}

// ---------------------------------------------------------------- main

const tasks: Record<string, (args: Args) => unknown> = { hash: taskHash, tree: taskTree, proofs: taskProofs, appends: taskAppends };

async function main(): Promise<void> {
  const [task = '', json = '{}'] = process.argv.slice(2);
  const run = tasks[task];
  if (!run) throw new Error(`unknown task ${task}; one of ${Object.keys(tasks).join(', ')}`);
  const result = await run(JSON.parse(json) as Args);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
