// Portal search benchmark (issue 7 item 8), run by `npm run bench` (or alone: BENCH_ONLY=portal-search npm run bench).
// Loads N public decisions (BENCH_PORTAL_RECORDS, default 1,000,000) straight into the portal's read model —
// `public_records` rows made by the disclosure module's own `publicRecordValues` (exactly what `writePublicRecord`
// writes), multi-row inserts in big transactions; then on SQLite the FTS5 table filled from those rows as `indexRecord`
// does, on PostgreSQL the pg_trgm GIN index built after the load (the migration's definition) and ANALYZE — then
// serves the real app (bench/portal-search-server.ts: `buildApp` listening on 127.0.0.1, in a process of its own) and
// drives the public JSON API with autocannon, 50 connections, per query kind. Records per kind: median and p95 latency
// (exact, from every response), requests/s. Two sorts of kinds: a few queries repeated (as the public repeats popular
// searches; after the first, the portal's answer cache serves them) and queries new with every request (每次不同: other
// parties, date ranges, amounts — what the database costs). The generated text is realistic Chinese: the demo county's agencies and
// its neighbours', companies such as 中卫市沙坡头区鑫源餐饮有限公司 with valid credit codes, natural persons as 张某某,
// causes, facts, legal bases, amounts, five years of dates, some changed, withdrawn and ended records.
// Measures and records only; no assertions.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { computeUsccCheckCharacter } from '../src/kernel/uscc.js';
import type { PublicCopy } from '../src/modules/disclosure/public-copy.js';
import { publicRecordValues } from '../src/modules/disclosure/publications.service.js';
import { rebuildSearchIndex } from '../src/modules/disclosure/search-adapter.js';
import { openTestSystem, type TestDialect, type TestSystem } from '../test/support/system.js';

const total = Number(process.env.BENCH_PORTAL_RECORDS || 1_000_000);
const seconds = Number(process.env.BENCH_PORTAL_SECONDS || 10);
const warmup = Number(process.env.BENCH_PORTAL_WARMUP_SECONDS || 2);
const connections = 50;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface PortalSearchBenchResult {
  markdown: string;
  notes: string[];
  hasFailed: boolean;
}

// ---------------------------------------------------------------- generated records

const agencies = [
  { id: 'agency-market', name: '中卫市沙坡头区市场监督管理局', short: '沙市监罚', region: ['640502', '沙坡头区'] },
  { id: 'agency-urban', name: '中卫市沙坡头区城市管理综合执法局', short: '沙城管罚', region: ['640502', '沙坡头区'] },
  { id: 'agency-transport', name: '中卫市沙坡头区交通运输局', short: '沙交罚', region: ['640502', '沙坡头区'] },
  { id: 'agency-emergency', name: '中卫市沙坡头区应急管理局', short: '沙应急罚', region: ['640502', '沙坡头区'] },
  { id: 'agency-health', name: '中卫市沙坡头区卫生健康局', short: '沙卫罚', region: ['640502', '沙坡头区'] },
  { id: 'agency-culture', name: '中卫市沙坡头区文化旅游体育局', short: '沙文旅罚', region: ['640502', '沙坡头区'] },
  { id: 'agency-ecology', name: '中卫市生态环境局沙坡头分局', short: '卫环沙罚', region: ['640502', '沙坡头区'] },
  { id: 'agency-resources', name: '中卫市自然资源局沙坡头分局', short: '卫自然资源沙罚', region: ['640502', '沙坡头区'] },
  { id: 'agency-zn-market', name: '中宁县市场监督管理局', short: '宁市监罚', region: ['640521', '中宁县'] },
  { id: 'agency-hy-emergency', name: '海原县应急管理局', short: '海应急罚', region: ['640522', '海原县'] },
] as const;
/** 案由, the legal basis, and a weight: the last ones are rare (the "rare keyword" queries find them). */
const causes = [
  ['未按规定建立食品安全管理制度', '《中华人民共和国食品安全法》第一百二十六条第一款第（二）项', 20],
  ['销售不符合食品安全标准的食品', '《中华人民共和国食品安全法》第一百二十四条第一款第（一）项', 15],
  ['未对餐具、饮具进行清洗消毒', '《中华人民共和国食品安全法》第一百二十六条第一款第（五）项', 12],
  ['未取得道路运输经营许可擅自从事道路运输经营', '《中华人民共和国道路运输条例》第六十三条', 10],
  ['未按规定对从业人员进行安全生产教育和培训', '《中华人民共和国安全生产法》第九十七条第（三）项', 10],
  ['擅自占用城市道路从事经营活动', '《城市道路管理条例》第四十二条第（二）项', 10],
  ['发布虚假广告', '《中华人民共和国广告法》第五十五条第一款', 6],
  ['未取得医疗机构执业许可证擅自执业', '《医疗机构管理条例》第四十三条', 5],
  ['超标排放大气污染物', '《中华人民共和国大气污染防治法》第九十九条第（二）项', 5],
  ['未经许可擅自经营营业性演出', '《营业性演出管理条例》第四十三条', 4],
  ['非法占用耕地建房', '《中华人民共和国土地管理法》第七十七条', 3],
  ['违规销售烟花爆竹', '《烟花爆竹安全管理条例》第三十六条', 0.05],
  ['非法收购野生动物制品', '《中华人民共和国野生动物保护法》第五十二条', 0.02],
] as const;
const causeWeights = causes.reduce((sum, c) => sum + c[2], 0);
const tradeChars = [...'鑫源恒泰瑞丰金盛华润德顺宏达兴隆永安福康嘉和益民祥云天成佳美长城沙坡黄河枸杞香山宁安'];
const industries = [
  '餐饮有限公司',
  '餐饮管理有限公司',
  '商贸有限公司',
  '运输有限责任公司',
  '建材有限公司',
  '医药连锁有限公司',
  '农业科技有限公司',
  '超市有限公司',
  '物流有限公司',
  '文化传媒有限公司',
  '烧烤店',
  '便利店',
];
const surnames = [...'张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗'];
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';

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

interface Party {
  name: string;
  creditCode: string | null;
  type: 'organization' | 'person';
}

/** Party k of the pool: the same k always gives the same party (so parties come back, as in life). */
function partyOf(k: number): Party {
  const random = rng(k * 7919 + 17);
  if (random() < 0.12) return { name: `${surnames[k % surnames.length]}某某`, creditCode: null, type: 'person' };
  const agency = agencies[k % agencies.length] as (typeof agencies)[number];
  const prefix = agency.region[0] === '640502' ? '中卫市沙坡头区' : agency.region[0] === '640521' ? '中宁县' : '海原县';
  const a = tradeChars[Math.floor(random() * tradeChars.length)];
  const b = tradeChars[Math.floor(random() * tradeChars.length)];
  const industry = industries[Math.floor(random() * industries.length)];
  let first17 = `91${agency.region[0]}`;
  while (first17.length < 17) first17 += USCC[Math.floor(random() * USCC.length)];
  // Pool index in the name keeps every party distinct (中卫市沙坡头区鑫源餐饮有限公司第3分店 reads oddly; a number
  // in a branch name 鑫源三十二号 is as plausible as any): only the rarest names repeat the trade name.
  return {
    name: `${prefix}${a}${b}${k % 97 === 0 ? '' : numberName(k)}${industry}`,
    creditCode: first17 + computeUsccCheckCharacter(first17),
    type: 'organization',
  };
}
const digits = [...'〇一二三四五六七八九'];
function numberName(k: number): string {
  return [...String(k)].map((d) => digits[Number(d)]).join('');
}

const start = Date.UTC(2021, 10, 23);
const day = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function generate(i: number, partyPool: number): { copy: PublicCopy; isVisible: boolean } {
  const random = rng(i + 1);
  const agencyIndex = Math.floor(random() * agencies.length);
  const agency = agencies[agencyIndex] as (typeof agencies)[number];
  let r = random() * causeWeights;
  let cause: (typeof causes)[number] = causes[0];
  for (const c of causes) {
    r -= c[2];
    if (r <= 0) {
      cause = c;
      break;
    }
  }
  const [causeText, basis] = cause;
  const party = partyOf(Math.floor(random() * partyPool));
  const decided = start + Math.floor(random() * 5 * 365) * day;
  const decidedOn = isoDay(decided);
  const publishedOn = isoDay(decided + (1 + Math.floor(random() * 7)) * day);
  const year = decidedOn.slice(0, 4);
  const [, month, dayOfMonth] = decidedOn.split('-').map(Number);
  // Fines from 200 元 to 500,000 元, most small.
  const amount = Math.round((200 * 2500 ** (random() ** 2)) / 100) * 100;
  const roll = random();
  const status: PublicCopy['status'] = roll < 0.03 ? 'withdrawn' : roll < 0.05 ? 'changed' : 'published';
  const isVisible = random() >= 0.01;
  const decision = `给予行政处罚：警告，罚款${amount.toLocaleString('zh-CN')}元`;
  const facts =
    `经查，当事人${party.name}于${year}年${month}月${dayOfMonth}日在其经营场所${causeText}。执法人员现场检查时制作了现场笔录，` +
    `调取了相关票据和监控录像，当事人对违法事实无异议。上述行为违反了${basis}的规定，依据该规定并参照本机关行政裁量基准，决定从轻处罚。`;
  const copy: PublicCopy = {
    id: `${year}${String(i).padStart(9, '0')}-bench`,
    agency: { id: agency.id, name: agency.name, governmentId: `gov-${agency.region[0]}` },
    region: { code: agency.region[0], name: agency.region[1] },
    actionType: 'penalty',
    actionTypeLabel: '行政处罚',
    title: '行政处罚决定书',
    documentNumber: `${agency.short}〔${year}〕${1 + (i % 4000)}号`,
    documentId: null,
    caseTitle: `${party.name}${causeText}案`,
    decidedOn,
    publishedOn,
    party: { type: party.type, name: party.name, creditCode: party.creditCode, address: null },
    item: { code: `EI-${String(100 + causes.indexOf(cause)).padStart(3, '0')}`, name: `对${causeText}的行政处罚` },
    legalBasis: basis,
    facts,
    decision,
    amount,
    rule: { code: 'DR-001', name: '行政处罚决定', basis: '《中华人民共和国行政处罚法》第四十八条', periodText: '三年' },
    status: 'published',
    change: null,
    withdrawal: null,
    expiresOn: isoDay(decided + 3 * 365 * day),
  };
  if (status === 'changed') {
    const current = Math.round(amount / 200) * 100;
    return {
      copy: {
        ...copy,
        status,
        change: {
          ground: 'changed',
          groundLabel: '被变更',
          source: 'reconsideration',
          sourceLabel: '行政复议',
          reason: '复议机关认为罚款数额明显不当，决定变更',
          on: publishedOn,
          originalDecision: decision,
          originalAmount: amount,
          currentDecision: `给予行政处罚：警告，罚款${current.toLocaleString('zh-CN')}元`,
          currentAmount: current,
        },
      },
      isVisible,
    };
  }
  if (status === 'withdrawn') {
    return {
      copy: {
        ...copy,
        status,
        facts: null,
        decision: '',
        amount: null,
        withdrawal: {
          ground: 'revoked',
          groundLabel: '被撤销',
          source: 'litigation',
          sourceLabel: '行政诉讼',
          reason: '人民法院判决撤销该行政处罚决定',
          on: publishedOn,
        },
      },
      isVisible,
    };
  }
  return { copy, isVisible };
}

// ---------------------------------------------------------------- loading

async function load(system: TestSystem, dialect: TestDialect): Promise<{ seconds: number; indexSeconds: number }> {
  const db = system.ctx.db;
  const partyPool = Math.max(10, Math.floor(total / 5));
  const batch = 500;
  const perTransaction = 20_000;
  const started = performance.now();
  if (dialect === 'postgres') await sql`drop index if exists public_records_search`.execute(db);
  for (let from = 0; from < total; from += perTransaction) {
    await db.transaction().execute(async (trx) => {
      for (let i = from; i < Math.min(total, from + perTransaction); i += batch) {
        const rows = [];
        for (let j = i; j < Math.min(total, i + batch); j++) {
          const { copy, isVisible } = generate(j, partyPool);
          rows.push({ id: copy.id, ...publicRecordValues(copy, isVisible, copy.publishedOn as string) });
        }
        await trx.insertInto('public_records').values(rows).execute();
      }
    });
    if ((from / perTransaction) % 10 === 0) process.stdout.write(`\r  ${dialect}: ${from + perTransaction} records`);
  }
  process.stdout.write('\n');
  const indexStarted = performance.now();
  if (dialect === 'sqlite') {
    // What indexRecord writes for each record: its key, its id and its search text; its pairs of characters.
    await db.transaction().execute((trx) => rebuildSearchIndex(trx));
    await sql`analyze`.execute(db);
  } else {
    await db.connection().execute(async (conn) => {
      await sql`set maintenance_work_mem = '512MB'`.execute(conn);
      await sql`create index public_records_search on public_records using gin (search_text gin_trgm_ops)`.execute(conn);
    });
    // VACUUM as autovacuum would after so many inserts: the visibility map lets counts read the indexes alone.
    await sql`vacuum analyze public_records`.execute(db);
  }
  const done = performance.now();
  return { seconds: (done - started) / 1000, indexSeconds: (done - indexStarted) / 1000 };
}

// ---------------------------------------------------------------- the query kinds

interface Kind {
  key: string;
  label: string;
  paths: string[];
  /** Where the next request takes its path: warm-up and measurement continue through the list, never start it over. */
  cursor?: number;
}

/** Queries nobody made before: each request of the kind is a new one (the answer cache never holds it). */
const distinctCount = 6_000;

/**
 * The same kinds as above, but every request a query not made before (other parties, other date ranges, other
 * amounts): what a search costs the database, where the repeated kinds above measure mostly the answer cache.
 */
function distinctKinds(partyPool: number): Kind[] {
  const q = (params: Record<string, string | number>) =>
    `/api/public/decisions?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;
  const random = rng(20261123);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const dayOf = (offset: number) => isoDay(start + offset * day);
  const parties = new Map<string, Party>();
  for (let i = 11; parties.size < distinctCount && i < total; i += Math.max(1, Math.floor(total / (distinctCount * 1.3)))) {
    const { copy, isVisible } = generate(i, partyPool);
    if (copy.party.creditCode && isVisible) parties.set(copy.party.creditCode, copy.party as Party);
  }
  const partyList = [...parties.values()];
  const times = <T>(make: (n: number) => T) => Array.from({ length: distinctCount }, (_, n) => make(n));
  return [
    { key: 'party-new', label: '当事人名称（全称，每次不同）', paths: partyList.map((p) => q({ q: p.name })) },
    {
      key: 'kw-dates-new',
      label: '关键词 + 30天日期范围（每次不同）',
      paths: times(() => {
        const from = Math.floor(random() * (5 * 365 - 30));
        return q({ q: pick(['食品安全', '罚款', '道路运输', '警告', '安全生产', '广告']), from: dayOf(from), to: dayOf(from + 30) });
      }),
    },
    {
      key: 'agency-dates-new',
      label: '执法机关 + 90天日期范围（每次不同）',
      paths: times(() => {
        const from = Math.floor(random() * (5 * 365 - 90));
        return q({ agencyId: pick(agencies).id, from: dayOf(from), to: dayOf(from + 90) });
      }),
    },
    {
      key: 'amount-new',
      label: '数额范围（每次不同）',
      paths: times(() => {
        const min = Math.round((200 * 2500 ** random()) / 100) * 100;
        return q({ minAmount: min, maxAmount: min + 100 * (1 + Math.floor(random() * 500)) });
      }),
    },
    {
      key: 'party-page-new',
      label: '当事人页面（每次不同的当事人）',
      paths: partyList.map((p) => `/api/public/parties/${p.creditCode}`),
    },
  ];
}

function kinds(): Kind[] {
  const partyPool = Math.max(10, Math.floor(total / 5));
  // Parties of loaded records (visible ones), spread over the load: every query finds something.
  const someParties: Party[] = [];
  for (let i = 5; someParties.length < 20 && i < total; i += Math.floor(total / 23) || 1) {
    const { copy, isVisible } = generate(i, partyPool);
    if (copy.party.creditCode && isVisible) someParties.push(copy.party as Party);
  }
  const q = (params: Record<string, string | number>) =>
    `/api/public/decisions?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;
  const years = ['2022', '2023', '2024', '2025'];
  return [
    {
      key: 'kw2',
      label: '关键词（2字，常见）：食品、罚款、餐饮…',
      paths: ['食品', '罚款', '餐饮', '警告', '道路', '广告'].map((w) => q({ q: w })),
    },
    {
      key: 'kw4',
      label: '关键词（3–4字，常见）：食品安全、安全生产…',
      paths: ['食品安全', '安全生产', '道路运输', '城市道路', '虚假广告', '营业性演出'].map((w) => q({ q: w })),
    },
    { key: 'rare', label: '关键词（4字，少见）：烟花爆竹、野生动物', paths: ['烟花爆竹', '野生动物'].map((w) => q({ q: w })) },
    { key: 'party', label: '当事人名称（全称）', paths: someParties.map((p) => q({ q: p.name })) },
    { key: 'code', label: '统一社会信用代码（精确）', paths: someParties.map((p) => q({ q: p.creditCode as string })) },
    {
      key: 'agency-dates',
      label: '执法机关 + 日期范围（一季度）',
      paths: agencies.flatMap((a, n) => {
        const y = years[n % years.length];
        return [q({ agencyId: a.id, from: `${y}-04-01`, to: `${y}-06-30` })];
      }),
    },
    {
      key: 'amount',
      label: '数额范围',
      paths: [
        q({ minAmount: 50_000, maxAmount: 100_000 }),
        q({ minAmount: 200_000 }),
        q({ minAmount: 1000, maxAmount: 2000 }),
        q({ minAmount: 450_000, maxAmount: 500_000 }),
      ],
    },
    {
      key: 'kw-filters',
      label: '关键词 + 机关 + 日期 + 数额',
      paths: agencies.map((a, n) =>
        q({
          q: n % 2 ? '食品安全' : '罚款',
          agencyId: a.id,
          from: `${years[n % years.length]}-01-01`,
          to: `${years[n % years.length]}-12-31`,
          minAmount: 1000,
        }),
      ),
    },
    { key: 'party-page', label: '当事人页面（按信用代码）', paths: someParties.map((p) => `/api/public/parties/${p.creditCode}`) },
    ...distinctKinds(partyPool),
    // Last: two characters are below the trigram, so a rare one is matched by reading every record.
    { key: 'rare2', label: '关键词（2字，少见）：爆竹、野生', paths: ['爆竹', '野生'].map((w) => q({ q: w })) },
  ];
}

// ---------------------------------------------------------------- server and load

async function startServer(system: TestSystem): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/portal-search-server.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      LAWTRAIL_DB: system.config.database.dialect === 'sqlite' ? `sqlite:${system.config.database.file}` : system.config.database.url,
      LAWTRAIL_DATA: system.dataDir,
      LAWTRAIL_DEMO: 'off',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const match = /LISTENING (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`portal-search server exited (${code})`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, child };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
}

/**
 * Waits until the server has answered what the last run left queued (requests of closed connections are still served,
 * one after another on SQLite): otherwise a slow kind's backlog would be charged to the next one.
 */
async function drain(baseUrl: string) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const started = performance.now();
    try {
      // A search that matches nothing: it queues for the database like the searches before it.
      const response = await fetch(`${baseUrl}/api/public/decisions?agencyId=drain`, {
        headers: { 'x-forwarded-for': '10.255.255.254' },
        signal: AbortSignal.timeout(600_000),
      });
      await response.arrayBuffer();
      if (performance.now() - started < 200) return;
    } catch {
      // still busy
    }
  }
}

interface Measured {
  kind: string;
  dialect: TestDialect;
  p50: number;
  p95: number;
  perSecond: number;
  responses: number;
  non2xx: number;
  errors: number;
  /** Matches of the first path (the count the page shows), for the table. */
  sampleTotal: number | null;
}

let address = 0;
async function drive(baseUrl: string, kind: Kind, duration: number): Promise<Omit<Measured, 'kind' | 'dialect' | 'sampleTotal'>> {
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration,
        timeout: 30,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              address += 1;
              kind.cursor = (kind.cursor ?? 0) + 1;
              return {
                ...request,
                path: kind.paths[kind.cursor % kind.paths.length] as string,
                headers: { 'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` },
              };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx += 1;
    });
  });
  if (latencies.length === 0)
    console.log(
      `  no responses: ${JSON.stringify({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, sent: result.requests.sent, codes: result.statusCodeStats })}`,
    );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    p50: at(0.5),
    p95: at(0.95),
    perSecond: latencies.length / duration,
    responses: latencies.length,
    non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function benchDialect(dialect: TestDialect, isInterrupted: () => boolean) {
  // BENCH_PORTAL_SQLITE_FILE: a SQLite file an earlier run loaded (kept for diagnosis), measured again without loading.
  // BENCH_PORTAL_PG_URL: a PostgreSQL database of one's own (UTF-8 ctype), kept after the run: loaded when it does not
  // hold the records yet, measured as it is when it does.
  const kept =
    dialect === 'sqlite'
      ? process.env.BENCH_PORTAL_SQLITE_FILE && `sqlite:${process.env.BENCH_PORTAL_SQLITE_FILE}`
      : process.env.BENCH_PORTAL_PG_URL;
  const system = await openTestSystem(dialect, kept ? { LAWTRAIL_DB: kept } : {});
  const rows: Measured[] = [];
  let child: ChildProcess | null = null;
  try {
    const held = kept
      ? Number(
          (
            await system.ctx.db
              .selectFrom('public_records')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      : 0;
    const loaded = held >= total ? { seconds: 0, indexSeconds: 0 } : await load(system, dialect);
    console.log(
      `portal-search ${dialect}: ${total} records loaded in ${loaded.seconds.toFixed(0)} s (index ${loaded.indexSeconds.toFixed(0)} s)`,
    );
    const server = await startServer(system);
    child = server.child;
    if (process.env.BENCH_PORTAL_HOLD) {
      // Diagnosis: keep the loaded server for curl and EXPLAIN until the file named by BENCH_PORTAL_HOLD is removed.
      console.log(`portal-search ${dialect}: holding ${server.baseUrl} (${JSON.stringify(system.config.database)})`);
      const { existsSync, writeFileSync } = await import('node:fs');
      writeFileSync(process.env.BENCH_PORTAL_HOLD, server.baseUrl);
      while (existsSync(process.env.BENCH_PORTAL_HOLD)) await sleep(1000);
    }
    // BENCH_PORTAL_KINDS=party-new,amount-new: only these kinds (re-measuring after a change).
    const onlyKinds = process.env.BENCH_PORTAL_KINDS?.split(',');
    for (const kind of kinds().filter((k) => !onlyKinds || onlyKinds.includes(k.key))) {
      if (isInterrupted()) break;
      const sample = await fetch(`${server.baseUrl}${kind.paths[0]}`);
      const body = (await sample.json()) as { total?: number };
      if (warmup > 0) await drive(server.baseUrl, kind, warmup);
      await drain(server.baseUrl);
      const measured = await drive(server.baseUrl, kind, seconds);
      await drain(server.baseUrl);
      rows.push({ kind: kind.label, dialect, sampleTotal: typeof body.total === 'number' ? body.total : null, ...measured });
      console.log(
        `portal-search ${dialect} ${kind.key}: p50 ${measured.p50.toFixed(1)} ms, p95 ${measured.p95.toFixed(1)} ms, ${measured.perSecond.toFixed(0)} req/s` +
          (measured.non2xx || measured.errors ? `, ${measured.non2xx} non-2xx, ${measured.errors} errors` : ''),
      );
    }
    return { rows, loaded };
  } finally {
    if (child) await stop(child);
    await system.close();
  }
}

export async function runPortalSearchBench(options: {
  withPostgres: boolean;
  isInterrupted: () => boolean;
}): Promise<PortalSearchBenchResult> {
  const notes: string[] = [];
  let hasFailed = false;
  const rows: Measured[] = [];
  const loads: string[] = [];
  const only = (process.env.BENCH_PORTAL_DIALECTS || 'sqlite,postgres').split(',');
  for (const dialect of options.withPostgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    if (options.isInterrupted()) break;
    if (!only.includes(dialect)) continue;
    try {
      const result = await benchDialect(dialect, options.isInterrupted);
      rows.push(...result.rows);
      loads.push(
        `${dialect}: loaded in ${result.loaded.seconds.toFixed(0)} s, of which the search index ${result.loaded.indexSeconds.toFixed(0)} s`,
      );
    } catch (error) {
      hasFailed = true;
      notes.push(`**portal-search ${dialect} failed**: ${(error as Error).message.split('\n')[0]}`);
      console.error(error);
    }
  }
  if (!options.withPostgres) notes.push('portal-search: PostgreSQL skipped (no LAWTRAIL_TEST_PG / LAWTRAIL_BENCH_PG).');
  for (const r of rows) {
    if (r.non2xx || r.errors) notes.push(`portal-search ${r.dialect} “${r.kind}”: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
  }
  const serverProcesses = Number(process.env.LAWTRAIL_WORKERS || 1);
  const markdown = [
    '### Portal search',
    '',
    `${total.toLocaleString('en-US')} public decisions in \`public_records\` (rows by \`publicRecordValues\`; FTS5 trigram / pg_trgm GIN), ` +
      `the public JSON API served by \`buildApp\` in ${serverProcesses === 1 ? 'its own process' : `${serverProcesses} processes sharing the port (LAWTRAIL_WORKERS)`}, autocannon ${connections} connections, ${warmup} s warm-up + ${seconds} s per kind, ` +
      `each kind cycling through its queries — a few repeated ones (answered from the portal's answer cache after the first, \`public-cache.ts\`), ` +
      `or, for the kinds marked 每次不同, a new query with every request (what the database costs). Target p95 < 100 ms. ${loads.join('; ')}.`,
    '',
    '| query kind | dialect | matches (first query) | p50 ms | p95 ms | req/s | target |',
    '|---|---|--:|--:|--:|--:|---|',
    ...rows.map(
      (r) =>
        `| ${r.kind} | ${r.dialect} | ${r.sampleTotal ?? '—'} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${r.p95 < 100 ? 'met' : '**missed**'} |`,
    ),
    '',
  ].join('\n');
  return { markdown, notes, hasFailed };
}
