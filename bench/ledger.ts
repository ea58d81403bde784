// The ledger part of `npm run bench` (issue 7): (a) raw node:crypto hash rates, (b) building a tree of 1,000,000 leaves
// with Lawtrail's tile algorithm and with merkletreejs (rate, peak memory), (c) inclusion and consistency proof latency
// read from a SQLite ledger of 1,000,000 and 10,000,000 events, (d) appends per second through appendEvent on SQLite and
// PostgreSQL with 1, 8 and 64 concurrent writers. Each measurement runs in its own child process (bench/ledger-worker.ts).
// It measures and records only: the targets are compared in the report, nothing is asserted.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const workerPath = path.join(benchDir, 'ledger-worker.ts');

export const ledgerParts = ['hash', 'tree', 'proofs', 'appends'] as const;
type Part = (typeof ledgerParts)[number];

export interface LedgerBenchOptions {
  registerCleanup(cleanup: () => Promise<void>): void;
  /** A fresh scratch PostgreSQL database (dropped by a registered cleanup), or why there is none. */
  createPgDatabase(): Promise<{ url: string; version: string } | { skipped: string }>;
  isInterrupted(): boolean;
}

export interface LedgerBenchResult {
  markdown: string;
  notes: string[];
  hasFailed: boolean;
  pgVersion: string | null;
}

function list(name: string, fallback: string): string[] {
  return (process.env[name] || fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

export function ledgerSettings() {
  const parts = list('BENCH_LEDGER_PARTS', ledgerParts.join(','));
  for (const part of parts) {
    if (!(ledgerParts as readonly string[]).includes(part))
      throw new Error(`BENCH_LEDGER_PARTS: unknown part ${part} (${ledgerParts.join(', ')})`);
  }
  const proofSizes = list('BENCH_LEDGER_PROOF_SIZES', '1000000,10000000').map((size) => {
    const value = Number(size.replace(/_/g, ''));
    if (!Number.isInteger(value) || value < 1000) throw new Error(`BENCH_LEDGER_PROOF_SIZES: ${size} is not a whole number ≥ 1000`);
    return value;
  });
  return {
    parts: parts as Part[],
    leaves: positive('BENCH_LEDGER_LEAVES', 1_000_000),
    proofSizes,
    proofCalls: positive('BENCH_LEDGER_PROOF_CALLS', 1000),
    appendSeconds: positive('BENCH_LEDGER_APPEND_SECONDS', 5),
    appendWarmupSeconds: positive('BENCH_LEDGER_APPEND_WARMUP_SECONDS', 1),
    writers: list('BENCH_LEDGER_WRITERS', '1,8,64').map(Number),
  };
}

// ---------------------------------------------------------------- child processes

function runWorker<T>(task: string, args: Record<string, unknown>, registerCleanup: LedgerBenchOptions['registerCleanup']): Promise<T> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', workerPath, task, JSON.stringify(args)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    registerCleanup(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    });
    let output = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const line = output
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)) as T);
      else reject(new Error(`ledger worker ${task} ended with ${code ?? signal}${line ? '' : ' and no result'}`));
    });
  });
}

function scratchDir(name: string, registerCleanup: LedgerBenchOptions['registerCleanup']): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `lawtrail-bench-${name}-`));
  registerCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------- results of the workers

interface HashResult {
  rows: Array<{ name: string; perSecond: number }>;
}

interface TreeResult {
  leaves: number;
  seconds: number;
  perSecond: number;
  rssBefore: number;
  peak: number;
  root: string;
}

interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface ProofResult {
  builds: Array<{ size: number; fillSeconds: number; integrateSeconds: number; integrateCalls: number; dbBytes: number }>;
  results: Array<{ size: number; kind: string; cache: string; latency: Latency; failures: number }>;
  peak: number;
}

interface AppendResult {
  settings: Record<string, string>;
  rows: Array<{ writers: number; events: number; seconds: number; perSecond: number; latency: Latency; size: number; gapless: boolean }>;
}

// ---------------------------------------------------------------- formatting

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const ms = (value: number) => value.toFixed(3);
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');
const verdict = (isMet: boolean) => (isMet ? 'met' : '**missed**');

function table(head: string[], align: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

const hashLabels: Record<string, string> = {
  'sha256 createHash': 'SHA-256, `createHash().update().digest()`',
  'sha256 hash': "SHA-256, `crypto.hash(…, 'buffer')` (one-shot, a Buffer out)",
  'sha256 hash latin1': "SHA-256, `crypto.hash(…, 'latin1')` (one-shot, a string out)",
  'sha256 hash hex': "SHA-256, `crypto.hash(…, 'hex')` (one-shot, a string out; node's fastest path)",
  'sm3 createHash': 'SM3, `createHash().update().digest()`',
  'sm3 hash': "SM3, `crypto.hash(…, 'buffer')` (one-shot)",
  'sm3 hash hex': "SM3, `crypto.hash(…, 'hex')` (one-shot)",
  hashLeaf: 'Lawtrail `hashLeaf` (0x00 ‖ 32 B → a new Buffer)',
  hashChildren: 'Lawtrail `hashChildren` (0x01 ‖ 32 B ‖ 32 B → a new Buffer)',
  hashPairInto: 'Lawtrail `hashPairInto` (0x01 ‖ two adjacent hashes → written into a buffer; what tree building uses)',
};

// ---------------------------------------------------------------- main

export async function runLedgerBench(options: LedgerBenchOptions): Promise<LedgerBenchResult> {
  const settings = ledgerSettings();
  const sections: string[] = [];
  const notes: string[] = [];
  const targets: string[][] = [];
  let hasFailed = false;
  let pgVersion: string | null = null;
  const load = () =>
    os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ');
  const loadBefore = load();
  const started = Date.now();
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T | null> => {
    if (options.isInterrupted()) return null;
    console.log(`ledger: ${label}`);
    try {
      return await work();
    } catch (error) {
      hasFailed = true;
      notes.push(`**${label} failed**: ${(error as Error).message.split('\n')[0]}`);
      console.error(`ledger: ${label}: ${(error as Error).message}`);
      return null;
    }
  };
  const has = (part: Part) => settings.parts.includes(part);

  // (a)
  let rawCreateHash = 0;
  let rawOneShot = 0;
  let rawFastest = 0;
  if (has('hash')) {
    const hash = await step('(a) raw hash rate', () =>
      runWorker<HashResult>('hash', { perRound: 200_000, rounds: 7 }, options.registerCleanup),
    );
    if (hash) {
      rawCreateHash = hash.rows.find((r) => r.name === 'sha256 createHash')?.perSecond ?? 0;
      rawOneShot = hash.rows.find((r) => r.name === 'sha256 hash')?.perSecond ?? 0;
      // The physical limit: the fastest way node:crypto hashes 32 bytes with SHA-256, whatever form the digest comes in.
      rawFastest = Math.max(...hash.rows.filter((r) => r.name.startsWith('sha256')).map((r) => r.perSecond));
      sections.push(
        '#### (a) Raw hash rate of node:crypto, 32-byte input (one thread; best of 7 rounds of 200,000)',
        '',
        table(
          ['hash', 'M hashes/s', 'µs each'],
          ['---', '--:', '--:'],
          hash.rows.map((r) => [hashLabels[r.name] ?? r.name, (r.perSecond / 1e6).toFixed(3), (1e6 / r.perSecond).toFixed(2)]),
        ),
        '',
      );
    }
  }

  // (b)
  if (has('tree')) {
    const n = settings.leaves;
    const lawtrail = await step(`(b) Lawtrail tiles, ${n} leaves`, () =>
      runWorker<TreeResult>('tree', { leaves: n, implementation: 'lawtrail' }, options.registerCleanup),
    );
    const batched = await step(`(b) Lawtrail tiles, ${n} leaves in batches of 1,000`, () =>
      runWorker<TreeResult>('tree', { leaves: n, implementation: 'lawtrail', batch: 1000 }, options.registerCleanup),
    );
    const merkletreejs = await step(`(b) merkletreejs, ${n} leaves`, () =>
      runWorker<TreeResult>('tree', { leaves: n, implementation: 'merkletreejs' }, options.registerCleanup),
    );
    const contenders: Array<[string, TreeResult | null]> = [
      ['Lawtrail tiles (`growTiles` algorithm), all leaves at once', lawtrail],
      ['Lawtrail tiles, appended in batches of 1,000 (as the integrator does)', batched],
      ['merkletreejs 0.6 `new MerkleTree(leaves, sha256, …)`', merkletreejs],
    ];
    const roots = new Set(contenders.filter(([, r]) => r).map(([, r]) => r?.root));
    if (roots.size > 1) {
      hasFailed = true;
      notes.push(`**(b) the contenders disagree on the root** (${[...roots].join(', ')}): the comparison is void.`);
    }
    const rows = contenders
      .filter((c): c is [string, TreeResult] => c[1] !== null)
      .map(([label, r]) => [
        label,
        thousands(r.perSecond),
        r.seconds.toFixed(2),
        rawCreateHash ? (r.perSecond / rawCreateHash).toFixed(2) : '–',
        rawOneShot ? (r.perSecond / rawOneShot).toFixed(2) : '–',
        rawFastest ? (r.perSecond / rawFastest).toFixed(2) : '–',
        merkletreejs ? `${(r.perSecond / merkletreejs.perSecond).toFixed(2)}×` : '–',
        mib(r.peak),
        mib(r.peak - r.rssBefore),
        merkletreejs ? `${((r.peak - r.rssBefore) / (merkletreejs.peak - merkletreejs.rssBefore)).toFixed(2)}×` : '–',
      ]);
    sections.push(
      `#### (b) Building a tree of ${thousands(n)} leaves in memory (each in its own process, same 32-byte entries)`,
      '',
      table(
        [
          'contender',
          'leaves/s',
          's',
          '÷ raw SHA-256 (createHash)',
          '÷ raw SHA-256 (one-shot, Buffer out)',
          '÷ fastest raw SHA-256',
          'speed vs merkletreejs',
          'peak RSS MiB',
          'RSS added MiB',
          'added vs merkletreejs',
        ],
        ['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:'],
        rows,
      ),
      '',
      `Same root from all: ${roots.size === 1 ? `yes (\`${[...roots][0]?.slice(0, 16)}…\`)` : '**no**'}. ` +
        'Lawtrail: leaf hashes with `hashLeafInto` into one buffer, then `extendTiles` (the core of `growTiles`) with a Map ' +
        "in place of the `ledger_tiles` table (each tile a view into the level's buffer, full-tile roots folded with " +
        '`hashPairInto` in a scratch buffer), then `rootOf` over the tiles through `TileReader.node`; no database. merkletreejs gets `0x00 ‖ entry` with `hashLeaves: true` and a concatenator ' +
        "that prepends `0x01`, so it computes the same RFC 6962 tree with the same `createHash('sha256')` calls. " +
        '"RSS added" = peak RSS minus RSS after the input was made and garbage-collected (the input: 1M entries, for ' +
        'merkletreejs also its prefixed copies). Ideal "÷ raw" is 0.5 (two hashes per leaf); the target is judged against the ' +
        'fastest raw form of (a), which returns a string that a tree would still have to turn into bytes.',
      '',
    );
    const best = [lawtrail, batched].filter((r): r is TreeResult => r !== null);
    if (best.length > 0 && rawFastest) {
      for (const [label, r] of [
        ['all at once', lawtrail],
        ['batches of 1,000', batched],
      ] as const) {
        if (!r) continue;
        targets.push([
          `tree building ≥ 0.4 × raw hash rate (${label})`,
          `${(r.perSecond / rawFastest).toFixed(2)} of the fastest (${(r.perSecond / rawOneShot).toFixed(2)} of one-shot → Buffer)`,
          verdict(r.perSecond / rawFastest >= 0.4),
        ]);
        if (merkletreejs) {
          const speed = r.perSecond / merkletreejs.perSecond;
          const memory = (r.peak - r.rssBefore) / (merkletreejs.peak - merkletreejs.rssBefore);
          targets.push([`≥ 3× merkletreejs's speed (${label})`, `${speed.toFixed(2)}×`, verdict(speed >= 3)]);
          targets.push([`≤ 1/5 of merkletreejs's memory (${label}; RSS added)`, `${memory.toFixed(2)}×`, verdict(memory <= 0.2)]);
        }
      }
    }
  }

  // (c)
  if (has('proofs')) {
    const dir = scratchDir('proofs', options.registerCleanup);
    const proofs = await step(`(c) proofs at ${settings.proofSizes.join(', ')} leaves (SQLite in ${dir})`, () =>
      runWorker<ProofResult>('proofs', { dir, sizes: settings.proofSizes, calls: settings.proofCalls }, options.registerCleanup),
    );
    rmSync(dir, { recursive: true, force: true });
    if (proofs) {
      const failures = proofs.results.reduce((sum, r) => sum + r.failures, 0);
      if (failures > 0) {
        hasFailed = true;
        notes.push(`**(c) ${failures} proofs did not verify** against the signed root.`);
      }
      sections.push(
        `#### (c) Proofs read from storage (SQLite), ${thousands(settings.proofCalls)} calls each at random indices`,
        '',
        table(
          ['leaves', 'proof', 'tile cache', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'calls', 'verified'],
          ['--:', '---', '---', '--:', '--:', '--:', '--:', '--:', '--:'],
          proofs.results.map((r) => [
            thousands(r.size),
            r.kind,
            r.cache,
            ms(r.latency.p50),
            ms(r.latency.p95),
            ms(r.latency.p99),
            ms(r.latency.max),
            String(r.latency.n),
            r.cache === 'tree only' ? '–' : `${r.latency.n - r.failures}/${r.latency.n}`,
          ]),
        ),
        '',
        'cold / warm: `proveInclusion(db, index, size)` / `proveConsistency(db, first, size)` from src/ledger/proofs.ts (checkpoint ' +
          'lookup, leaf row, then the tiles the proof needs in one query; tiles are stored with their inner levels, so every ' +
          'node is a lookup). cold = a new Kysely object per call, so proofs.ts makes a new `TileReader` (no tile cached in ' +
          "the process; SQLite's and the OS's caches are warm: the database was just written); warm = the same object, after one " +
          'pass over the same indices (its cache holds up to 4,096 tiles). tree only = `inclusionProof`/`consistencyProof` ' +
          'over a `TileReader` holding every tile it needs: no SQL, only lookups. Consistency proofs go from a random older ' +
          'checkpointed size to the measured size; every cold and warm proof is checked with `verifyInclusion`/`verifyConsistency` ' +
          'against the signed root, outside the timing.',
        '',
        table(
          ['leaves', 'rows inserted (s, total)', '`integrate()` calls', '`integrate()` s, total', 'integrated leaves/s', 'database GiB'],
          ['--:', '--:', '--:', '--:', '--:', '--:'],
          proofs.builds.map((b) => [
            thousands(b.size),
            b.fillSeconds.toFixed(1),
            String(b.integrateCalls),
            b.integrateSeconds.toFixed(1),
            thousands(b.size / b.integrateSeconds),
            (b.dbBytes / 2 ** 30).toFixed(2),
          ]),
        ),
        '',
        'The ledger is built with synthetic rows (`{"seq":N}` payloads with their real leaf hashes) inserted straight into ' +
          '`ledger_events`, then `integrate()` (growTiles + Ed25519 checkpoint) at 25 random sizes up to each measured size. ' +
          `Peak RSS of the proof process: ${mib(proofs.peak)} MiB.`,
        '',
      );
      for (const size of settings.proofSizes) {
        for (const kind of ['inclusion', 'consistency']) {
          const cold = proofs.results.find((r) => r.size === size && r.kind === kind && r.cache === 'cold');
          const warm = proofs.results.find((r) => r.size === size && r.kind === kind && r.cache === 'warm');
          if (cold && warm && size >= 10_000_000) {
            targets.push([
              `${kind} proof from storage < 1 ms median at ${thousands(size)} leaves`,
              `${ms(cold.latency.p50)} ms cold / ${ms(warm.latency.p50)} ms warm`,
              verdict(cold.latency.p50 < 1),
            ]);
          }
        }
      }
    }
  }

  // (d)
  if (has('appends')) {
    const rows: string[][] = [];
    const common = { writers: settings.writers, seconds: settings.appendSeconds, warmupSeconds: settings.appendWarmupSeconds };
    const best: Record<string, number> = {};
    const byWriters: Record<string, number> = {};
    const addRows = (database: string, durability: string, result: AppendResult | null) => {
      if (!result) return;
      for (const r of result.rows) {
        rows.push([
          database,
          durability,
          String(r.writers),
          thousands(r.perSecond),
          ms(r.latency.p50),
          ms(r.latency.p99),
          String(r.events),
          r.seconds.toFixed(1),
          r.gapless ? `yes (${r.size})` : `**no** (${r.size})`,
        ]);
        if (!r.gapless) {
          hasFailed = true;
          notes.push(`**(d) ${database}, ${r.writers} writers: the ledger is not gapless** after the run.`);
        }
        const key = `${database} ${durability}`;
        best[key] = Math.max(best[key] ?? 0, r.perSecond);
        byWriters[`${key} ${r.writers}`] = r.perSecond;
      }
    };
    // [setting, label, commit]: 'grouped' is the application's write path (group commit); 'single' one database
    // transaction per append, as before group commit, measured in the same run for the ratio.
    const sqliteModes = [
      [undefined, 'WAL, synchronous=NORMAL (as configured)', 'grouped'],
      [undefined, 'WAL, synchronous=NORMAL, one transaction per commit (before group commit)', 'single'],
      ['synchronous = FULL', 'WAL, synchronous=FULL (fsync per commit; diagnosis)', 'grouped'],
    ] as const;
    const pgModes = [
      [undefined, 'synchronous_commit=on (as configured)', 'grouped'],
      [undefined, 'synchronous_commit=on, one transaction per commit (before group commit)', 'single'],
      ['synchronous_commit = off', 'synchronous_commit=off (diagnosis, not durable)', 'grouped'],
    ] as const;
    for (const [setting, label, commit] of sqliteModes) {
      const dir = scratchDir('appends', options.registerCleanup);
      const result = await step(`(d) appends, SQLite, ${label}`, () =>
        runWorker<AppendResult>(
          'appends',
          { ...common, dir, database: `sqlite:${path.join(dir, 'ledger.db')}`, setting, commit },
          options.registerCleanup,
        ),
      );
      rmSync(dir, { recursive: true, force: true });
      addRows('SQLite', label, result);
    }
    const pg = options.isInterrupted() ? null : await step('(d) PostgreSQL scratch database', () => options.createPgDatabase());
    if (pg && 'skipped' in pg) {
      notes.push(`(d) PostgreSQL skipped — ${pg.skipped}.`);
    } else if (pg) {
      pgVersion = pg.version;
      for (const [setting, label, commit] of pgModes) {
        const dir = scratchDir('appends', options.registerCleanup);
        const result = await step(`(d) appends, PostgreSQL, ${label}`, () =>
          runWorker<AppendResult>('appends', { ...common, dir, database: pg.url, setting, commit }, options.registerCleanup),
        );
        rmSync(dir, { recursive: true, force: true });
        addRows('PostgreSQL', label, result);
      }
    }
    sections.push(
      `#### (d) Appends through the real write path, ${settings.appendWarmupSeconds} s warm-up + ${settings.appendSeconds} s per row`,
      '',
      table(
        ['database', 'durability', 'writers', 'events/s', 'p50 ms', 'p99 ms', 'events', 's', 'gapless (ledger size)'],
        ['---', '---', '--:', '--:', '--:', '--:', '--:', '--:', '---'],
        rows,
      ),
      '',
      'Each writer loops `db.transaction().execute(trx => appendEvent(trx, …))` (an agency-sized state, ~300 bytes) until the ' +
        'time is up; p50/p99 are per transaction. One process, the system from `openSystem()` on a fresh SQLite file / a fresh ' +
        'PostgreSQL database (pool of 10 connections). The application commits its transactions in groups (src/db/database.ts): ' +
        'those that arrive while one runs are run one after another in one database transaction, each in a savepoint, and ' +
        'committed once, so 1 writer gets nothing from it and 8 or 64 writers share their commits; "one transaction per commit" ' +
        'rows run each append in its own database transaction (`startTransaction()` … `commit()`), the write path before. ' +
        'SQLite: one better-sqlite3 connection; with WAL and synchronous=NORMAL a commit is on disk ' +
        'in the WAL but not fsynced (it survives a crash of the process, not necessarily of the machine); FULL fsyncs every commit. ' +
        'appendEvent sends two statements on SQLite (UPDATE … RETURNING, INSERT) and one on PostgreSQL (a CTE that updates ' +
        '`ledger_state` and inserts the event); a PostgreSQL transaction holds the `ledger_state` row lock from that ' +
        'statement to its COMMIT (including the WAL flush), so commits are serialised on the flush. ' +
        '"gapless": afterwards `readLedgerStatus` is consistent and `count(*)` = size = events appended.',
      '',
    );
    const ratios = [
      ['SQLite', sqliteModes],
      ['PostgreSQL', pgModes],
    ].flatMap(([database, modes]) => {
      const [grouped, single] = modes as typeof sqliteModes | typeof pgModes;
      const figures = settings.writers.map((writers) => {
        const after = byWriters[`${database} ${grouped[1]} ${writers}`];
        const before = byWriters[`${database} ${single[1]} ${writers}`];
        return after && before ? `${writers} writers ${(after / before).toFixed(2)}×` : null;
      });
      return figures.some((f) => f) ? [`${database}: ${figures.filter((f) => f).join(', ')}`] : [];
    });
    if (ratios.length > 0) sections.push(`Group commit ÷ one transaction per commit, same run: ${ratios.join('; ')}.`, '');
    for (const [database, modes, target] of [
      ['SQLite', sqliteModes, 5000],
      ['PostgreSQL', pgModes, 2000],
    ] as const) {
      for (const [, label] of modes) {
        const figure = best[`${database} ${label}`];
        if (figure === undefined || label.includes('not durable') || label.includes('before')) continue;
        targets.push([
          `≥ ${thousands(target)} durable events/s on ${database}, ${label} (best writer count)`,
          thousands(figure),
          verdict(figure >= target),
        ]);
      }
    }
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const header = [
    '### Ledger (bench/ledger.ts)',
    '',
    `- ${minutes} min; load average (1/5/15 min) ${loadBefore} at the start, ${load()} at the end (the machine is shared: ` +
      'anything above ~0 means other work competed for the 2 cores)',
    '',
  ];
  if (targets.length > 0) {
    sections.push('#### Targets (issue 7)', '', table(['target', 'figure', ''], ['---', '--:', '---'], targets), '');
  }
  return { markdown: [...header, ...sections].join('\n'), notes, hasFailed, pgVersion };
}
