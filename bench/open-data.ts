// Open-data benchmark (issue 7 item 8): bulk file generation of N public records (BENCH_OPEN_DATA_N, default
// 1,000,000) — time and peak memory — on SQLite and PostgreSQL. Run alone: BENCH_ONLY=open-data npm run bench.
// The records are generated (realistic Chinese: agencies, 案由, parties with valid credit codes, document numbers such
// as 沙市监罚〔2026〕123号, amounts) and inserted straight into `public_records` with multi-row inserts in transactions;
// the export then runs in a child process of its own (bench/open-data-worker.ts: what `lawtrail export-public` does),
// so that its peak RSS (the kernel's maxRSS) belongs to the export alone. Measures and records only; no assertions.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeUsccCheckCharacter } from '../src/kernel/uscc.js';
import { rowOf } from '../src/modules/disclosure/open-data/fixtures.js';
import type { PublicCopy } from '../src/modules/disclosure/public-copy.js';
import { openTestSystem, type TestDialect, type TestSystem } from '../test/support/system.js';

const total = Number(process.env.BENCH_OPEN_DATA_N || 1_000_000);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface OpenDataBenchResult {
  markdown: string;
  notes: string[];
  hasFailed: boolean;
}

// ---------------------------------------------------------------- generated records

const agencies = [
  { name: '中卫市沙坡头区市场监督管理局', short: '沙市监罚', region: ['640502', '沙坡头区'] },
  { name: '中卫市沙坡头区交通运输局', short: '沙交罚', region: ['640502', '沙坡头区'] },
  { name: '中宁县市场监督管理局', short: '宁市监罚', region: ['640521', '中宁县'] },
  { name: '中宁县生态环境局', short: '宁环罚', region: ['640521', '中宁县'] },
  { name: '海原县应急管理局', short: '海应急罚', region: ['640522', '海原县'] },
  { name: '中卫市城市管理综合执法局', short: '卫城管罚', region: ['640500', '中卫市'] },
  { name: '银川市兴庆区市场监督管理局', short: '兴市监罚', region: ['640104', '兴庆区'] },
  { name: '银川市金凤区卫生健康局', short: '金卫罚', region: ['640106', '金凤区'] },
] as const;
const causes = [
  ['未按规定建立食品安全管理制度', '《中华人民共和国食品安全法》第一百二十六条', 'EI-002'],
  ['销售不符合食品安全标准的食品', '《中华人民共和国食品安全法》第一百二十四条', 'EI-003'],
  ['未取得道路运输经营许可擅自从事道路运输经营', '《中华人民共和国道路运输条例》第六十三条', 'EI-101'],
  ['超标排放大气污染物', '《中华人民共和国大气污染防治法》第九十九条', 'EI-201'],
  ['未按规定对从业人员进行安全生产教育和培训', '《中华人民共和国安全生产法》第九十七条', 'EI-301'],
  ['擅自占用城市道路从事经营活动', '《城市道路管理条例》第四十二条', 'EI-401'],
  ['发布虚假广告', '《中华人民共和国广告法》第五十五条', 'EI-004'],
  ['未取得医疗机构执业许可证擅自执业', '《医疗机构管理条例》第四十三条', 'EI-501'],
] as const;
const tradeNames = [...'鑫源恒泰瑞丰金盛华润德顺宏达兴隆永安福康嘉和益民祥云天成佳美'];
const industries = [
  '餐饮管理有限公司',
  '商贸有限公司',
  '运输有限责任公司',
  '建材有限公司',
  '医药连锁有限公司',
  '农业科技有限公司',
  '超市',
  '物流有限公司',
];
const surnames = [...'张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗'];

/** A small deterministic generator, so that every run loads the same records. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function generate(i: number, random: () => number): PublicCopy {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const agency = agencies[i % agencies.length] as (typeof agencies)[number];
  const [cause, basis, itemCode] = pick(causes);
  const isPerson = random() < 0.15;
  const city = agency.region[1].replace(/区|县|市$/, '');
  const company = `${city}${pick(tradeNames)}${pick(tradeNames)}${pick(industries)}`;
  const partyName = isPerson ? `${pick(surnames)}某某` : company;
  let creditCode: string | null = null;
  if (!isPerson) {
    let first17 = `91${agency.region[0]}MA`;
    while (first17.length < 17) first17 += USCC[Math.floor(random() * USCC.length)];
    creditCode = first17 + computeUsccCheckCharacter(first17);
  }
  const month = 1 + Math.floor(random() * 11);
  const day = 1 + Math.floor(random() * 28);
  const decidedOn = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const fine = (1 + Math.floor(random() * 200)) * 500;
  const status = random() < 0.03 ? 'withdrawn' : 'published';
  const caseTitle = `${partyName}${cause}案`;
  return {
    id: `bench-${String(i).padStart(8, '0')}`,
    agency: { id: `agency-${i % agencies.length}`, name: agency.name, governmentId: `gov-${agency.region[0]}` },
    region: { code: agency.region[0], name: agency.region[1] },
    actionType: 'penalty',
    actionTypeLabel: '行政处罚',
    title: '行政处罚决定书',
    documentNumber: `${agency.short}〔2026〕${1 + (i % 9000)}号`,
    documentId: null,
    caseTitle,
    decidedOn,
    publishedOn: decidedOn,
    party: { type: isPerson ? 'person' : 'organization', name: partyName, creditCode, address: null },
    item: { code: itemCode, name: `对${cause}的处罚` },
    legalBasis: basis,
    facts: `经查，当事人${partyName}于2026年${month}月${day}日在经营场所${cause}，经现场检查、询问调查属实，违反了${basis}的规定。`,
    decision: `给予行政处罚：警告，罚款${fine.toLocaleString('zh-CN')}元`,
    amount: fine,
    rule: { code: null, name: '行政处罚决定', basis: '《中华人民共和国行政处罚法》第四十八条', periodText: '三年' },
    status,
    change: null,
    withdrawal:
      status === 'withdrawn'
        ? {
            ground: 'revoked',
            groundLabel: '被撤销',
            source: 'reconsideration',
            sourceLabel: '行政复议',
            reason: '经行政复议，原处罚决定被撤销',
            on: '2026-11-20',
          }
        : null,
    expiresOn: '2029-11-06',
  };
}

async function load(system: TestSystem, n: number): Promise<number> {
  const started = performance.now();
  const random = rng(20261123);
  // 21 columns a row: 500 rows stay under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
  const rowsPerInsert = 500;
  const insertsPerTransaction = 20;
  for (let i = 0; i < n; ) {
    await system.ctx.db.transaction().execute(async (trx) => {
      for (let k = 0; k < insertsPerTransaction && i < n; k++) {
        const rows = [];
        for (let r = 0; r < rowsPerInsert && i < n; r++, i++) rows.push(rowOf(generate(i, random), { updatedOn: '2026-11-22' }));
        await trx.insertInto('public_records').values(rows).execute();
      }
    });
    if (i % 100_000 === 0) process.stdout.write(`  loaded ${i.toLocaleString('en')} / ${n.toLocaleString('en')}\r`);
  }
  process.stdout.write('\n');
  return (performance.now() - started) / 1000;
}

// ---------------------------------------------------------------- export in a child process

interface ExportRun {
  records: number;
  seconds: number;
  csvBytes: number;
  jsonlBytes: number;
  maxRssMiB: number;
  baselineRssMiB: number;
  peakHeapMiB: number;
}

function exportInChild(databaseUrl: string, dataDir: string, outDir: string): Promise<ExportRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench/open-data-worker.ts'), outDir], {
      cwd: repoRoot,
      env: { ...process.env, LAWTRAIL_DB: databaseUrl, LAWTRAIL_DATA: dataDir, LAWTRAIL_DEMO: 'off', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`open-data worker exited with ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as ExportRun);
    });
  });
}

async function benchDialect(dialect: TestDialect): Promise<ExportRun & { dialect: TestDialect; loadSeconds: number }> {
  const system = await openTestSystem(dialect);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'lawtrail-open-data-'));
  try {
    console.log(`open-data ${dialect}: loading ${total.toLocaleString('en')} public records`);
    const loadSeconds = await load(system, total);
    console.log(`open-data ${dialect}: loaded in ${loadSeconds.toFixed(1)} s; exporting in a child process`);
    const database = system.config.database;
    const url = database.dialect === 'sqlite' ? `sqlite:${database.file}` : database.url;
    const run = await exportInChild(url, system.dataDir, outDir);
    console.log(
      `open-data ${dialect}: ${run.records} records in ${run.seconds.toFixed(1)} s, max RSS ${run.maxRssMiB.toFixed(0)} MiB (baseline ${run.baselineRssMiB.toFixed(0)}), peak heap ${run.peakHeapMiB.toFixed(0)} MiB`,
    );
    return { ...run, dialect, loadSeconds };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    await system.close();
  }
}

export async function runOpenDataBench(options: { withPostgres: boolean; isInterrupted: () => boolean }): Promise<OpenDataBenchResult> {
  const notes: string[] = [];
  let hasFailed = false;
  const runs: Awaited<ReturnType<typeof benchDialect>>[] = [];
  for (const dialect of options.withPostgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    if (options.isInterrupted()) break;
    try {
      runs.push(await benchDialect(dialect));
    } catch (error) {
      hasFailed = true;
      notes.push(`**open-data ${dialect} failed**: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (!options.withPostgres) notes.push('open-data: PostgreSQL skipped (no LAWTRAIL_TEST_PG / LAWTRAIL_BENCH_PG).');
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  const markdown = [
    '### Open data: bulk files',
    '',
    `${total.toLocaleString('en')} generated public records (realistic Chinese text) loaded into \`public_records\`, then CSV + JSON Lines written in one streamed pass (keyset pages of 1,000 by id) by \`exportToDirectory\` — what \`lawtrail export-public\` runs — in a child process; max RSS is that process's (the kernel's maxRSS), baseline is its RSS after start-up and before the export, peak heap is sampled every 20 ms:`,
    '',
    '| dialect | records | load s | export s | records/s | CSV MiB | JSONL MiB | baseline RSS MiB | max RSS MiB | peak heap MiB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...runs.map(
      (r) =>
        `| ${r.dialect} | ${r.records.toLocaleString('en')} | ${r.loadSeconds.toFixed(0)} | ${r.seconds.toFixed(1)} | ${(r.records / r.seconds).toFixed(0)} | ${mib(r.csvBytes)} | ${mib(r.jsonlBytes)} | ${r.baselineRssMiB.toFixed(0)} | ${r.maxRssMiB.toFixed(0)} | ${r.peakHeapMiB.toFixed(0)} |`,
    ),
    '',
  ].join('\n');
  return { markdown, notes, hasFailed };
}
