// Case benchmarks (issue 5 item 8), run by `npm run bench` (or alone: BENCH_ONLY=cases npm run bench).
// (a) Case-step throughput through the real write path — performStep: guards, the step row, the case row, the ledger
//     event, the clocks' projection and the step's documents, in one transaction — with 8 and 64 concurrent clients,
//     each working its own case, on SQLite and on PostgreSQL. Two steps: 延长办案期限 (no document) and 询问调查
//     (two certified officers checked, an inquiry record rendered as PDF and Word, signed and stored).
// (b) Upload hashing: a 1 GiB file streamed through the blob store's append (what a tus PATCH does: hash while
//     writing to disk), as a ratio to the raw node:crypto rate of the same algorithm over the same bytes in memory.
// It measures and records only; no assertions.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../src/kernel/actor.js';
import { todayInChina } from '../src/kernel/clock.js';
import { computeUsccCheckCharacter } from '../src/kernel/uscc.js';
import { openCase, performStep } from '../src/modules/cases/index.js';
import { type EnforcementSetup, setUpEnforcement } from '../test/support/enforcement.js';
import { createTestOrg, type TestOrg } from '../test/support/factories.js';
import { openTestSystem, type TestDialect, type TestSystem } from '../test/support/system.js';

const seconds = Number(process.env.BENCH_CASE_SECONDS || 8);
const uploadBytes = Number(process.env.BENCH_UPLOAD_MB || 1024) * 2 ** 20;
const chunk = 1 << 20;
/** BENCH_CASES_PARTS=steps or =upload runs one part (default both). */
const parts = (process.env.BENCH_CASES_PARTS || 'steps,upload').split(',');

export interface CasesBenchResult {
  markdown: string;
  notes: string[];
  hasFailed: boolean;
}

function userActor(org: TestOrg, who: 'officerA' | 'headA', role: 'officer' | 'agency_head'): Actor {
  const user = org.users[who];
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: user.username,
    agencyId: org.agencyA.id,
    governmentId: org.countyId,
    roles: [role],
    sessionId: 'bench',
  };
}

async function openCases(system: TestSystem, org: TestOrg, setup: EnforcementSetup, count: number): Promise<string[]> {
  const officer = userActor(org, 'officerA', 'officer');
  const today = todayInChina();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const first17 = `91640502MA7${String(600000 + i).slice(-6)}`;
    const opened = await openCase(system.ctx, officer, {
      agencyId: org.agencyA.id,
      procedure: 'penalty',
      itemCode: 'EI-002',
      divisionCode: '640502',
      party: { type: 'organization', name: `压测餐饮店${i}`, creditCode: first17 + computeUsccCheckCharacter(first17) },
      officerIds: [setup.officers.zhang, setup.officers.li],
      occurredOn: today,
      data: { source: 'inspection', violationOn: today, summary: '压测' },
    });
    ids.push(opened.id);
  }
  return ids;
}

interface StepRun {
  step: string;
  clients: number;
  steps: number;
  perSecond: number;
  p50: number;
  p95: number;
  conflicts: number;
}

async function runSteps(
  system: TestSystem,
  org: TestOrg,
  setup: EnforcementSetup,
  step: 'extend_deadline' | 'inquire',
  clients: number,
): Promise<StepRun> {
  const cases = await openCases(system, org, setup, clients);
  const actor = step === 'extend_deadline' ? userActor(org, 'headA', 'agency_head') : userActor(org, 'officerA', 'officer');
  const versions = new Map(cases.map((id) => [id, 1]));
  const latencies: number[] = [];
  let conflicts = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    cases.map(async (id) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const after = await performStep(system.ctx, actor, id, {
            step,
            version: versions.get(id) as number,
            ...(step === 'inquire'
              ? {
                  officerIds: [setup.officers.zhang, setup.officers.li],
                  data: { interviewee: '负责人', place: '询问室', record: '问：……答：……' },
                }
              : { data: { days: 1, reason: '压测：案情复杂需延长' } }),
          });
          versions.set(id, after.version);
          latencies.push(performance.now() - t0);
        } catch (error) {
          if ((error as { code?: string }).code === 'cases.version_conflict') conflicts += 1;
          else throw error;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { step, clients, steps: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), conflicts };
}

async function benchDialect(dialect: TestDialect): Promise<StepRun[]> {
  const runs: StepRun[] = [];
  for (const step of ['extend_deadline', 'inquire'] as const) {
    for (const clients of [8, 64]) {
      // A fresh system per run, so that one run's rows do not slow the next.
      const system = await openTestSystem(dialect);
      try {
        const org = await createTestOrg(system.ctx);
        const setup = await setUpEnforcement(system.ctx, org);
        const run = await runSteps(system, org, setup, step, clients);
        runs.push(run);
        console.log(`cases ${dialect} ${step} ×${clients}: ${run.perSecond.toFixed(1)} steps/s, p50 ${run.p50.toFixed(0)} ms`);
      } finally {
        await system.close();
      }
    }
  }
  return runs;
}

function source(bytes: Buffer, total: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk, total - sent);
      sent += n;
      this.push(n === bytes.length ? bytes : bytes.subarray(0, n));
    },
  });
}

async function uploadRatio(algorithm: 'sha256' | 'sm3') {
  const system = await openTestSystem('sqlite', {
    LAWTRAIL_FILE_HASH: algorithm,
    LAWTRAIL_MAX_UPLOAD_MB: String(uploadBytes / 2 ** 20 + 1),
  });
  try {
    const block = randomBytes(chunk);
    // Raw: the same 1 MiB blocks through createHash, in memory.
    let t0 = performance.now();
    const raw = createHash(algorithm);
    for (let sent = 0; sent < uploadBytes; sent += chunk) raw.update(block);
    raw.digest();
    const rawSeconds = (performance.now() - t0) / 1000;
    // Upload: streamed through the blob store (hash + append to disk), in 64 MiB PATCH-sized pieces.
    const id = `bench-${algorithm}`;
    const piece = 64 * chunk;
    t0 = performance.now();
    for (let offset = 0; offset < uploadBytes; offset += piece) {
      await system.ctx.blobs.append(id, source(block, Math.min(piece, uploadBytes - offset)), offset, uploadBytes);
    }
    await system.ctx.blobs.finish(id);
    const uploadSeconds = (performance.now() - t0) / 1000;
    // The ceiling: the same bytes written to the same disk the same way, without hashing.
    const plain = path.join(system.dataDir, 'write-only');
    t0 = performance.now();
    await pipeline(
      source(block, uploadBytes),
      new PassThrough({ highWaterMark: 8 << 20 }),
      createWriteStream(plain, { highWaterMark: 8 << 20 }),
    );
    const writeSeconds = (performance.now() - t0) / 1000;
    rmSync(plain, { force: true });
    const mib = uploadBytes / 2 ** 20;
    return {
      algorithm,
      rawMiBs: mib / rawSeconds,
      uploadMiBs: mib / uploadSeconds,
      writeMiBs: mib / writeSeconds,
      ratio: rawSeconds / uploadSeconds,
    };
  } finally {
    await system.close();
  }
}

export async function runCasesBench(options: { withPostgres: boolean; isInterrupted: () => boolean }): Promise<CasesBenchResult> {
  const notes: string[] = [];
  let hasFailed = false;
  const runs: (StepRun & { dialect: TestDialect })[] = [];
  for (const dialect of options.withPostgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    if (options.isInterrupted() || !parts.includes('steps')) break;
    try {
      runs.push(...(await benchDialect(dialect)).map((run) => ({ ...run, dialect })));
    } catch (error) {
      hasFailed = true;
      notes.push(`**cases ${dialect} failed**: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (!options.withPostgres) notes.push('cases: PostgreSQL skipped (no LAWTRAIL_TEST_PG / LAWTRAIL_BENCH_PG).');
  const uploads = [];
  for (const algorithm of ['sha256', 'sm3'] as const) {
    if (options.isInterrupted() || !parts.includes('upload')) break;
    try {
      const result = await uploadRatio(algorithm);
      uploads.push(result);
      console.log(
        `upload ${algorithm}: ${result.uploadMiBs.toFixed(0)} MiB/s vs raw ${result.rawMiBs.toFixed(0)} MiB/s (${(result.ratio * 100).toFixed(0)}%)`,
      );
    } catch (error) {
      hasFailed = true;
      notes.push(`**upload ${algorithm} failed**: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  const labels = {
    extend_deadline: '延长办案期限 (no document)',
    inquire: '询问调查 (two officers checked; PDF + Word issued and signed)',
  };
  const markdown = [
    '### Cases',
    '',
    `Case steps through \`performStep\` (guards, step and case rows, ledger event, clocks, documents; one transaction), ${seconds} s per row, each client on its own case:`,
    '',
    '| step | dialect | clients | steps/s | p50 ms | p95 ms | steps | version conflicts |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
    ...runs.map(
      (r) =>
        `| ${labels[r.step as keyof typeof labels]} | ${r.dialect} | ${r.clients} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.steps} | ${r.conflicts} |`,
    ),
    '',
    `Upload hashing: ${uploadBytes / 2 ** 20} MiB through the blob store's append (hash while writing to disk, 64 MiB pieces) against the raw rate (target ≥ 70%):`,
    '',
    '| algorithm | raw hash MiB/s | upload MiB/s | ratio | target | write only, no hash MiB/s (the disk’s ceiling) |',
    '|---|--:|--:|--:|---|--:|',
    ...uploads.map(
      (u) =>
        `| ${u.algorithm} | ${u.rawMiBs.toFixed(0)} | ${u.uploadMiBs.toFixed(0)} | ${(u.ratio * 100).toFixed(0)}% | ${u.ratio >= 0.7 ? 'met' : '**missed**'} | ${u.writeMiBs.toFixed(0)} |`,
    ),
    '',
  ].join('\n');
  return { markdown, notes, hasFailed };
}
