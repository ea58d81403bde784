// `npm run bench`: starts the real server (`node bin/lawtrail.js serve`) as a child process on SQLite, then on
// PostgreSQL, drives it with autocannon from this process, then runs the ledger benchmarks (bench/ledger.ts), prints
// the tables and appends them to bench/RESULTS.md. BENCH_ONLY=http or BENCH_ONLY=ledger runs one part.
// It measures and records only: no timed assertions. Target is always 127.0.0.1.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { runCasesBench } from './cases.js';
import { ledgerSettings, runLedgerBench } from './ledger.js';
import { runOpenDataBench } from './open-data.js';
import { runPortalSearchBench } from './portal-search.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.resolve(process.env.BENCH_RESULTS || path.join(repoRoot, 'bench', 'RESULTS.md'));

const seconds = positiveNumber('BENCH_SECONDS', 10);
const warmupSeconds = positiveNumber('BENCH_WARMUP_SECONDS', 2);
const connections = 50;
const adminUrl = process.env.LAWTRAIL_BENCH_PG || 'postgres://postgres@127.0.0.1:5432/postgres';
const demoPassword = 'Demo@Lawtrail2026';
const officer = 'market.officer1';
const supervisor = 'justice.supervisor';
const only = process.env.BENCH_ONLY ?? '';
if (!['', 'http', 'ledger', 'cases', 'open-data', 'portal-search'].includes(only)) {
  throw new Error(`BENCH_ONLY must be http, ledger, cases, open-data or portal-search, got ${only}`);
}
const startupAttempts = 240; // × 500 ms = 2 minutes at most for migrations, demo seeding and tsx compilation

type Dialect = 'sqlite' | 'postgres';

interface Row {
  benchmark: string;
  dialect: Dialect;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  responses: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  connections: number;
  duration: number;
}

interface Benchmark {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

// ---------------------------------------------------------------- cleanup (normal end, error, SIGINT)

const cleanups: Array<() => Promise<void>> = [];

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop() as () => Promise<void>;
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup failed: ${(error as Error).message}`);
    }
  }
}

let isInterrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (isInterrupted) return;
    isInterrupted = true;
    console.error(`\n${signal}: stopping the server and cleaning up; no results are recorded`);
    void runCleanups().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- server child process

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  baseUrl: string;
  child: ChildProcess;
  /** Log lines at pino level warn (40) or above, and anything on stderr. */
  problems: string[];
  output: string[];
}

function watchOutput(server: Pick<Server, 'problems' | 'output'>, stream: NodeJS.ReadableStream | null, isStderr: boolean): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      server.output.push(line);
      if (server.output.length > 200) server.output.shift();
      let isProblem = isStderr;
      if (line.startsWith('{')) {
        try {
          const level = (JSON.parse(line) as { level?: unknown }).level;
          isProblem = typeof level === 'number' ? level >= 40 : isStderr;
        } catch {
          // not a pino line
        }
      }
      if (isProblem) server.problems.push(line);
    }
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const result = await Promise.race([exited.then(() => 'exited'), sleep(10_000).then(() => 'timeout')]);
  if (result === 'timeout') {
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(5_000)]);
  }
}

async function startServer(dialect: Dialect, databaseUrl: string, dataDir: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/lawtrail.js', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LAWTRAIL_DATA: dataDir,
      LAWTRAIL_DB: databaseUrl,
      LAWTRAIL_DEMO: 'on',
      LOG_LEVEL: 'warn',
      LAWTRAIL_LOGIN_RATE_LIMIT: '1000000',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: Server = { baseUrl: `http://127.0.0.1:${port}`, child, problems: [], output: [] };
  cleanups.push(() => stopServer(child));
  watchOutput(server, child.stdout, false);
  watchOutput(server, child.stderr, true);

  for (let attempt = 0; attempt < startupAttempts; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${dialect} server exited during start-up (${child.exitCode ?? child.signalCode}):\n${server.output.join('\n')}`);
    }
    try {
      const response = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return server;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${dialect} server did not answer GET /healthz with 200 in time:\n${server.output.join('\n')}`);
}

// ---------------------------------------------------------------- PostgreSQL scratch database

async function createPgDatabase(): Promise<{ url: string; version: string } | { skipped: string }> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    return { skipped: `PostgreSQL at ${redact(adminUrl)} is unreachable (${(error as Error).message})` };
  }
  const name = `lawtrail_bench_${randomBytes(6).toString('hex')}`;
  try {
    const version = (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v.split(' ')[0] ?? '?';
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    cleanups.push(() => dropPgDatabase(name));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), version };
  } finally {
    await admin.end();
  }
}

async function dropPgDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

// ---------------------------------------------------------------- HTTP helpers

async function login(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const body = (await response.json()) as { stage?: string };
  if (response.status !== 200) throw new Error(`login as ${username}: HTTP ${response.status} ${JSON.stringify(body)}`);
  if (body.stage !== 'active') throw new Error(`login as ${username}: session stage is ${body.stage}, expected active`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .filter((pair) => pair.includes('='))
    .join('; ');
  if (!cookie.includes('lt_session=')) throw new Error(`login as ${username}: no lt_session cookie in the response`);
  return cookie;
}

async function countAgencies(baseUrl: string, cookie: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/agencies?pageSize=20`, { headers: { cookie } });
  const body = (await response.json()) as { total?: number };
  if (response.status !== 200) throw new Error(`GET /api/agencies: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body.total ?? -1;
}

// ---------------------------------------------------------------- load generation

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

function cannon(baseUrl: string, benchmark: Benchmark, duration: number, onLatency?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${baseUrl}${benchmark.path}`,
        method: benchmark.method,
        headers: benchmark.headers,
        body: benchmark.body,
        connections,
        duration,
        timeout: 30,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onLatency) instance.on('response', (_client, _status, _bytes, responseTime) => onLatency(responseTime));
    cleanups.push(async () => instance.stop());
  });
}

async function measure(baseUrl: string, dialect: Dialect, benchmark: Benchmark): Promise<Row> {
  process.stdout.write(`  ${benchmark.name}: warm-up ${warmupSeconds} s … `);
  const warmup = await cannon(baseUrl, benchmark, warmupSeconds);
  if (warmup.non2xx > 0 || warmup.errors > 0) {
    process.stdout.write(`(warm-up had ${warmup.non2xx} non-2xx, ${warmup.errors} errors) `);
  }
  process.stdout.write(`measuring ${seconds} s … `);
  // Every response's latency (autocannon's own hrtime measurement, the one its histogram records), so p95 is exact.
  const latencies: number[] = [];
  const result = await cannon(baseUrl, benchmark, seconds, (ms) => latencies.push(ms));
  const sorted = Float64Array.from(latencies).sort();
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  const row: Row = {
    benchmark: benchmark.name,
    dialect,
    requestsPerSecond: result.requests.mean,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    responses: sorted.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    connections: result.connections,
    duration: result.duration,
  };
  console.log(`${row.requestsPerSecond.toFixed(1)} req/s, p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms`);
  return row;
}

async function benchDialect(dialect: Dialect, databaseUrl: string | null, notes: string[]): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `lawtrail-bench-${dialect}-`));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const started = Date.now();
  const server = await startServer(dialect, databaseUrl ?? `sqlite:${path.join(dataDir, 'lawtrail.db')}`, dataDir);
  console.log(`${dialect}: server up at ${server.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s (migrations + demo data)`);

  const officerCookie = await login(server.baseUrl, officer);
  const supervisorCookie = await login(server.baseUrl, supervisor);
  const officerSees = await countAgencies(server.baseUrl, officerCookie);
  const supervisorSees = await countAgencies(server.baseUrl, supervisorCookie);
  console.log(`  sanity: ${officer} sees ${officerSees} agencies, ${supervisor} sees ${supervisorSees}`);
  if (supervisorSees !== 9) notes.push(`${dialect}: ${supervisor} sees ${supervisorSees} agencies (expected 9 from the demo data).`);

  const benchmarks: Benchmark[] = [
    { name: 'agency list', method: 'GET', path: '/api/agencies?pageSize=20', headers: { cookie: supervisorCookie } },
    {
      name: 'login',
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: officer, password: demoPassword }),
    },
  ];
  const rows: Row[] = [];
  for (const benchmark of benchmarks) {
    const problemsBefore = server.problems.length;
    const row = await measure(server.baseUrl, dialect, benchmark);
    rows.push(row);
    if (row.non2xx > 0 || row.errors > 0) {
      notes.push(
        `**${benchmark.name} / ${dialect} had errors**: ${row.non2xx} non-2xx responses, ${row.errors} request errors ` +
          `(${row.timeouts} timeouts); status codes ${JSON.stringify(row.statusCodes)}.`,
      );
    }
    const logged = server.problems.slice(problemsBefore);
    if (logged.length > 0) {
      notes.push(
        `${benchmark.name} / ${dialect}: the server logged ${logged.length} warning/error lines; first: \`${(logged[0] ?? '').slice(0, 300)}\``,
      );
    }
  }
  await stopServer(server.child);
  return rows;
}

// ---------------------------------------------------------------- report

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

const header = `# Benchmark results

Appended by \`npm run bench\` (bench/run.ts). Each section is one run. HTTP (the first table; \`BENCH_ONLY=http\`): the real server (\`node bin/lawtrail.js serve\`, demo data,
\`LOG_LEVEL=warn\`) is started as a child process on a fresh SQLite file, then on a fresh PostgreSQL database, and loaded from a
separate process (the bench, with autocannon) over 127.0.0.1 after a short warm-up.

Columns:
- **benchmark**: \`agency list\` = \`GET /api/agencies?pageSize=20\` as \`justice.supervisor\` (sees all 9 agencies);
  \`login\` = \`POST /api/auth/login\` as \`market.officer1\` (argon2id verification, then a session row and a ledger event are written).
- **dialect**: database behind the server.
- **req/s**: mean requests per second (autocannon's per-second samples).
- **p50 / p95 / p99 ms**: response latency percentiles (nearest rank) over every response in the measured window,
  from autocannon's per-response timing (its \`response\` event); warm-up excluded. Measured exactly, not read off a histogram.
- **responses**: responses received in the measured window.
- **non-2xx / errors**: responses with a status other than 2xx / connection errors and timeouts. A row with anything but 0 here
  is not a clean measurement.
- **conn**: concurrent connections. **s**: measured duration in seconds.

Ledger (\`### Ledger\`, from bench/ledger.ts; \`BENCH_ONLY=ledger\`): raw node:crypto hash rates, building a tree of 1,000,000
leaves with Lawtrail's tiles and with merkletreejs, proof latency read from a SQLite ledger of 1,000,000 and 10,000,000
events, and appends per second through \`appendEvent\` on SQLite and PostgreSQL; each table says what it measured.
`;

function formatTable(rows: Row[]): string {
  const lines = [
    '| benchmark | dialect | req/s | p50 ms | p95 ms | p99 ms | responses | non-2xx | errors | conn | s |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.benchmark} | ${row.dialect} | ${row.requestsPerSecond.toFixed(1)} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ` +
        `${row.p99.toFixed(1)} | ${row.responses} | ${row.non2xx} | ${row.errors} | ${row.connections} | ${row.duration.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const startedAt = new Date();
  // The children (server, ledger workers) load src/ when they start: note it when the checkout changes during the run.
  const commitAtStart = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const statusAtStart = git(['status', '--porcelain']);
  const rows: Row[] = [];
  const notes: string[] = [];
  let hasFailed = false;
  let pgVersion = 'skipped';

  if (only === '' || only === 'http') {
    console.log(`HTTP benchmarks: ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s each, target 127.0.0.1\n`);
    try {
      rows.push(...(await benchDialect('sqlite', null, notes)));
    } catch (error) {
      hasFailed = true;
      notes.push(`**sqlite failed**: ${(error as Error).message.split('\n')[0]}`);
      console.error(`sqlite: ${(error as Error).message}`);
    }
    await runCleanups();

    if (!isInterrupted) {
      try {
        const created = await createPgDatabase();
        if ('skipped' in created) {
          console.log(`\npostgres: skipped — ${created.skipped}`);
          notes.push(`postgres: skipped — ${created.skipped}.`);
        } else {
          pgVersion = created.version;
          console.log('');
          rows.push(...(await benchDialect('postgres', created.url, notes)));
        }
      } catch (error) {
        hasFailed = true;
        notes.push(`**postgres failed**: ${(error as Error).message.split('\n')[0]}`);
        console.error(`postgres: ${(error as Error).message}`);
      }
      await runCleanups();
    }
    if (!hasFailed && rows.length === 0) hasFailed = true;
  }
  if (isInterrupted) return 130;

  let ledgerMarkdown = '';
  if (only === '' || only === 'ledger') {
    console.log(`\nLedger benchmarks: ${JSON.stringify(ledgerSettings())}\n`);
    try {
      const ledger = await runLedgerBench({
        registerCleanup: (cleanup) => cleanups.push(cleanup),
        createPgDatabase,
        isInterrupted: () => isInterrupted,
      });
      ledgerMarkdown = ledger.markdown;
      notes.push(...ledger.notes);
      if (ledger.hasFailed) hasFailed = true;
      if (ledger.pgVersion) pgVersion = ledger.pgVersion;
    } catch (error) {
      hasFailed = true;
      notes.push(`**ledger failed**: ${(error as Error).message.split('\n')[0]}`);
      console.error(`ledger: ${(error as Error).message}`);
    }
    await runCleanups();
  }
  if (isInterrupted) return 130;

  let casesMarkdown = '';
  if (only === '' || only === 'cases') {
    console.log('\nCase benchmarks\n');
    try {
      process.env.LAWTRAIL_TEST_PG ??= adminUrl;
      const probe = new pg.Client({ connectionString: process.env.LAWTRAIL_TEST_PG });
      const withPostgres = await probe.connect().then(
        async () => {
          const { rows } = await probe.query<{ server_version: string }>('show server_version');
          if (pgVersion === 'skipped') pgVersion = rows[0]?.server_version ?? 'unknown';
          await probe.end();
          return true;
        },
        () => false,
      );
      const cases = await runCasesBench({ withPostgres, isInterrupted: () => isInterrupted });
      casesMarkdown = cases.markdown;
      notes.push(...cases.notes);
      if (cases.hasFailed) hasFailed = true;
    } catch (error) {
      hasFailed = true;
      notes.push(`**cases failed**: ${(error as Error).message.split('\n')[0]}`);
      console.error(`cases: ${(error as Error).message}`);
    }
  }
  if (isInterrupted) return 130;

  let openDataMarkdown = '';
  if (only === '' || only === 'open-data') {
    console.log('\nOpen-data benchmarks\n');
    try {
      process.env.LAWTRAIL_TEST_PG ??= adminUrl;
      const probe = new pg.Client({ connectionString: process.env.LAWTRAIL_TEST_PG });
      const withPostgres = await probe.connect().then(
        async () => {
          const { rows } = await probe.query<{ server_version: string }>('show server_version');
          if (pgVersion === 'skipped') pgVersion = rows[0]?.server_version ?? 'unknown';
          await probe.end();
          return true;
        },
        () => false,
      );
      const openData = await runOpenDataBench({ withPostgres, isInterrupted: () => isInterrupted });
      openDataMarkdown = openData.markdown;
      notes.push(...openData.notes);
      if (openData.hasFailed) hasFailed = true;
    } catch (error) {
      hasFailed = true;
      notes.push(`**open-data failed**: ${(error as Error).message.split('\n')[0]}`);
      console.error(`open-data: ${(error as Error).message}`);
    }
  }
  if (isInterrupted) return 130;

  let portalSearchMarkdown = '';
  if (only === '' || only === 'portal-search') {
    console.log('\nPortal search benchmarks\n');
    try {
      process.env.LAWTRAIL_TEST_PG ??= adminUrl;
      const probe = new pg.Client({ connectionString: process.env.LAWTRAIL_TEST_PG });
      const withPostgres = await probe.connect().then(
        async () => {
          const { rows } = await probe.query<{ server_version: string }>('show server_version');
          if (pgVersion === 'skipped') pgVersion = rows[0]?.server_version ?? 'unknown';
          await probe.end();
          return true;
        },
        () => false,
      );
      const portal = await runPortalSearchBench({ withPostgres, isInterrupted: () => isInterrupted });
      portalSearchMarkdown = portal.markdown;
      notes.push(...portal.notes);
      if (portal.hasFailed) hasFailed = true;
    } catch (error) {
      hasFailed = true;
      notes.push(`**portal-search failed**: ${(error as Error).message.split('\n')[0]}`);
      console.error(`portal-search: ${(error as Error).message}`);
    }
  }
  if (isInterrupted) return 130;

  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const status = git(['status', '--porcelain']);
  const isDirty = status !== '' || statusAtStart !== '';
  if (commit !== commitAtStart || status !== statusAtStart) {
    notes.push(
      `The checkout changed during the run (HEAD \`${commitAtStart}\` at the start, \`${commit}\` at the end): compare with care.`,
    );
  }
  const cpus = os.cpus();
  const table = rows.length > 0 ? formatTable(rows) : '';
  const section = [
    `## ${startedAt.toISOString()}`,
    '',
    `- commit: \`${commit}\`${isDirty ? ' (working tree dirty: uncommitted changes were measured)' : ''}`,
    `- node ${process.version}, ${os.platform()} ${os.release()}; ${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}; ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    only === 'ledger' || only === 'cases' || only === 'open-data' || only === 'portal-search'
      ? `- PostgreSQL ${pgVersion}; ${only} benchmarks only (\`BENCH_ONLY=${only}\`)`
      : `- PostgreSQL ${pgVersion}; autocannon, ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s per benchmark` +
        (only === 'http' ? ' (`BENCH_ONLY=http`)' : ''),
    '',
    ...(table ? [table, ''] : []),
    ...(ledgerMarkdown ? [ledgerMarkdown] : []),
    ...(casesMarkdown ? [casesMarkdown] : []),
    ...(openDataMarkdown ? [openDataMarkdown] : []),
    ...(portalSearchMarkdown ? [portalSearchMarkdown] : []),
    ...(notes.length > 0 ? [...notes.map((note) => `- ${note}`), ''] : []),
  ].join('\n');

  if (table) console.log(`\n${table}\n`);
  if (ledgerMarkdown) console.log(`\n${ledgerMarkdown}`);
  if (casesMarkdown) console.log(`\n${casesMarkdown}`);
  if (openDataMarkdown) console.log(`\n${openDataMarkdown}`);
  if (portalSearchMarkdown) console.log(`\n${portalSearchMarkdown}`);
  for (const note of notes) console.log(`- ${note}`);
  if (!existsSync(resultsFile)) writeFileSync(resultsFile, header);
  appendFileSync(resultsFile, `\n${section}`);
  console.log(`\nAppended to ${path.relative(process.cwd(), resultsFile) || resultsFile}`);
  return hasFailed ? 1 : 0;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await runCleanups();
    process.exitCode = 1;
  });
