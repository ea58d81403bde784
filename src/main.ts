import cluster from 'node:cluster';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { isDatabaseEmpty, openSystem } from './bootstrap.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { demoTotpSecret, formatDemoLogins, seedDemo } from './demo/seed-demo.js';
import { isRole, type Role, roles, systemActor } from './kernel/actor.js';
import { now } from './kernel/clock.js';
import type { AppContext } from './kernel/context.js';
import { DomainError } from './kernel/errors.js';
import { totpCode, totpStep } from './kernel/totp.js';
import { type CatalogKind, catalogKinds } from './kernel/vocabulary.js';
import { loadCosigner } from './ledger/cosignature.js';
import { createLedgerKey, loadLedgerKeys, startIntegrator, verifyLedger } from './ledger/index.js';
import { checkOnce, monitorStateFile, readMonitorState, writeMonitorState } from './ledger/monitor.js';
import { addWitnessedLog } from './ledger/witness.js';
import { startClockMonitor } from './modules/cases/index.js';
import { exportVersion, importCatalogFile, writeCatalogWorkbook } from './modules/catalog/index.js';
import { startDisclosureMonitor } from './modules/disclosure/index.js';
import { exportToDirectory, startOpenDataWorker } from './modules/disclosure/open-data/index.js';
import { formatChineseDate, verifyDocumentBytes } from './modules/documents/index.js';
import { registerOrigin, startExchangePusher } from './modules/exchange/index.js';
import { stateChecksFor } from './modules/index.js';
import { createUser } from './modules/org/index.js';
import { importRosterFile } from './modules/personnel/index.js';
import { startReportMonitor } from './modules/reports/index.js';
import { buildApp } from './server.js';

const help = `用法：lawtrail <命令> [选项]

命令：
  serve                 启动服务（默认 http://127.0.0.1:8080；首次启动且数据库为空时载入演示数据，LAWTRAIL_DEMO=off 关闭；
                          LAWTRAIL_WORKERS=n 以 n 个服务进程共用端口与数据库）
  migrate               执行数据库迁移
  seed-demo             向空数据库载入演示数据并打印演示账号
  user add              新增用户，密码从标准输入读取一行
                          --username 用户名  --name 姓名  --role 角色（可重复）  [--agency 执法机关ID或统一社会信用代码]  [--post 职务]
                          角色：${roles.join('、')}
  verify                核对记录账本：重算每个叶哈希与树层，核对每个检查点签名，比对业务数据与其最近一条记录；发现问题时逐条指出并以非零状态退出
  rotate-key [--sm2]    轮换检查点签名密钥（Ed25519；--sm2 轮换 SM2 密钥）；旧密钥继续公布，旧检查点仍可验证；运行中的服务须重启
  witness key           显示本平台作为见证方的副署验证密钥
  witness add-log       登记要见证的平台：--origin 来源名 --key 其检查点验证密钥（可重复）
  exchange key          显示本平台推送数据时所用的验证密钥（交上级平台登记）
  exchange add-origin   登记向本平台推送数据的下级平台：--origin 来源名 --name 名称 --key 验证密钥（可重复）
  monitor URL           跟踪另一个阳光执法平台的记录账本：核验签名检查点，并要求一致性证明；发现回滚或分叉时报警并以状态 3 退出
                          [--key 验证密钥（可重复；缺省为首次所见的密钥）]  [--once 只检查一次]  [--interval 秒（默认60）]
  import                从 Excel（.xlsx）导入清单，生成草稿（已有未提交的草稿时替换其条目），须再提交法制审核
                          --agency 执法机关ID或统一社会信用代码  --list 清单种类  [--note 说明]  文件.xlsx
                          清单种类：${Object.entries(catalogKinds)
                            .map(([k, v]) => `${k}（${v}）`)
                            .join('、')}
                          逐行校验并在标准错误输出进度；有错误时逐行列出（第几行、哪一列、什么问题），不导入任何数据，以状态 1 退出
                          模板：/api/catalog/templates/<清单种类>.xlsx，或导出一个版本作为模板
  export                导出清单版本为 Excel：--version 清单版本ID  输出文件.xlsx（格式与导入一致）
  verify-document 文件   核验文书文件（PDF 或 Word）：是本平台签发且未被改动时打印文书、文号、制作机关、日期与账本序号，以状态 0 退出；否则以状态 1 退出
  export-public --out 目录  导出公示平台上的全部执法决定：public-records-YYYY-MM-DD.csv（UTF-8 带 BOM）与 .jsonl，数据字典见 /api/open-data/dictionary
  demo-code             显示演示账号当前的动态验证码
  --help                显示本帮助

环境变量：
  PORT                  端口（默认 8080）
  LAWTRAIL_DATA         数据目录（默认 ./data）
  LAWTRAIL_DB           sqlite:路径 或 postgres://… 连接串（默认 LAWTRAIL_DATA 下的 lawtrail.db）
  LAWTRAIL_DEMO         on/off：空数据库首次启动时是否载入演示数据（默认 on）
  LAWTRAIL_WITNESSES    请见证方副署检查点："见证方地址|见证方验证密钥"，多个以逗号分隔
  LAWTRAIL_SM2          on/off：检查点同时以国密 SM2（SM3 摘要）签名（默认 off）
  LAWTRAIL_ORIGIN       记录账本的来源名（检查点第一行），首次启动前设定
  LAWTRAIL_PUBLIC_URL   公示平台的公网地址（如 https://zf.example.gov.cn），印在执法文书的核验二维码中
  LAWTRAIL_EXCHANGE_UPSTREAM  上级平台地址：本平台的每一次公开、变更和撤下签名后成批推送到其 /api/exchange/intake
`;

class UsageError extends Error {}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function readLine(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new UsageError('未从标准输入读到密码');
}

/** Migrates, and on an empty database loads the demo (or says how to create the first administrator). */
async function prepareDatabase(ctx: AppContext, config: Config, applied: string[]): Promise<void> {
  if (applied.length > 0) print(`数据库迁移完成：${applied.join(', ')}`);
  if (await isDatabaseEmpty(ctx)) {
    if (config.isDemo) {
      print('首次启动：正在载入演示数据（中卫市沙坡头区）……');
      print(formatDemoLogins(await seedDemo(ctx)));
    } else {
      print('数据库为空，且未载入演示数据。请先创建第一个系统管理员：');
      print('  echo "强密码" | npx lawtrail user add --username admin --name 系统管理员 --role administrator');
    }
  }
}

const startedLine = (address: string) =>
  `阳光执法平台已启动：${address}/ （公示平台）  ${address}/admin （执法工作台）  ${address}/api/docs （接口文档）`;

/**
 * `serve`. With `LAWTRAIL_WORKERS` = n > 1 this process prepares the database, then runs n server processes (node:cluster)
 * that share the port and the database and answer requests side by side, on every core; it restarts one that dies and
 * stops them all on SIGINT/SIGTERM. Background work (ledger checkpoints, deadlines, publication monitors, open data,
 * exchange) runs in the first server process only. Each process keeps its own rate-limit counters and answer cache.
 */
async function serve(config: Config): Promise<number> {
  if (config.workers > 1 && cluster.isPrimary) return servePrimary(config);
  if (cluster.isWorker) {
    // A server process that cannot start ends (its channel to the first process would keep it alive), so that the first
    // process sees it fail.
    return serveOne(config).catch((error: unknown) => {
      process.stderr.write(`lawtrail: 出错：${(error as Error).message}\n`);
      process.exit(1);
    });
  }
  return serveOne(config);
}

async function serveOne(config: Config): Promise<number> {
  const isWorker = cluster.isWorker;
  const { ctx, handle, applied } = await openSystem(config);
  if (!isWorker) await prepareDatabase(ctx, config, applied);
  const app = await buildApp(ctx);
  const runsJobs = !isWorker || process.env.LAWTRAIL_WORKER_INDEX === '0';
  const stops: Array<() => Promise<void>> = [];
  if (runsJobs) {
    stops.push(startExchangePusherIf(ctx, app, config));
    stops.push(startClockMonitor(ctx, app.log), startReportMonitor(ctx, app.log), startDisclosureMonitor(ctx, app.log));
    stops.push(startOpenDataWorker(ctx, app.log), startIntegrator(ctx, app.log));
  }
  const close = async () => {
    for (const stop of stops) await stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  const address = await app.listen({ port: config.port, host: config.host });
  if (!isWorker) print(startedLine(address));
  return new Promise<number>(() => {});
}

function startExchangePusherIf(ctx: AppContext, app: Awaited<ReturnType<typeof buildApp>>, config: Config): () => Promise<void> {
  const upstream = config.exchangeUpstream;
  return upstream ? startExchangePusher(ctx, app.log, { upstream }) : async () => {};
}

async function servePrimary(config: Config): Promise<number> {
  const opened = await openSystem(config);
  try {
    await prepareDatabase(opened.ctx, config, opened.applied);
  } finally {
    await opened.handle.close();
  }
  let isStopping = false;
  const workers = new Map<number, number>(); // cluster worker id → index
  const fork = (index: number) => workers.set(cluster.fork({ LAWTRAIL_WORKER_INDEX: String(index) }).id, index);
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === config.workers) {
      const host = address.address?.includes(':') ? `[${address.address}]` : (address.address ?? config.host);
      print(startedLine(`http://${host}:${address.port}`));
      const pids = Object.values(cluster.workers ?? {}).map((w) => w?.process.pid);
      print(`服务进程 ${config.workers} 个（LAWTRAIL_WORKERS；进程号 ${pids.join('、')}），共用端口与数据库`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const index = workers.get(worker.id);
    workers.delete(worker.id);
    if (isStopping || index === undefined) {
      if (workers.size === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    if (listening < config.workers) {
      // Not all up yet (the port taken, the database unreachable): restarting would only repeat the failure.
      process.stderr.write(`lawtrail: 服务进程 ${index + 1} 启动失败（${signal ?? `退出码 ${code}`}），服务未能启动\n`);
      isStopping = true;
      process.exitCode = 1;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      if (workers.size === 0) process.exit(1);
      return;
    }
    process.stderr.write(`lawtrail: 服务进程 ${index + 1} 意外退出（${signal ?? `退出码 ${code}`}），1 秒后重启\n`);
    setTimeout(() => fork(index), 1_000);
  });
  const stop = () => {
    isStopping = true;
    if (workers.size === 0) process.exit(0);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  for (let index = 0; index < config.workers; index++) fork(index);
  return new Promise<number>(() => {});
}

async function withSystem(config: Config, run: (opened: Awaited<ReturnType<typeof openSystem>>) => Promise<number>) {
  const opened = await openSystem(config);
  try {
    return await run(opened);
  } finally {
    await opened.handle.close();
  }
}

async function addUser(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      agency: { type: 'string' },
      post: { type: 'string' },
    },
  });
  if (!values.username || !values.name || !values.role?.length) {
    throw new UsageError('user add 需要 --username、--name 和至少一个 --role');
  }
  const bad = values.role.find((role) => !isRole(role));
  if (bad) throw new UsageError(`未知角色 ${bad}，可选：${roles.join('、')}`);
  const password = (await readLine('请输入初始密码：')).trim();
  return withSystem(config, async ({ ctx }) => {
    let agencyId: string | null = null;
    if (values.agency) {
      const agency = await ctx.db
        .selectFrom('agencies')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', values.agency as string), eb('uscc', '=', (values.agency as string).toUpperCase())]))
        .executeTakeFirst();
      if (!agency) throw new UsageError(`未找到执法机关 ${values.agency}`);
      agencyId = agency.id;
    }
    const user = await createUser(ctx, systemActor('命令行 lawtrail user add'), {
      username: values.username as string,
      displayName: values.name as string,
      agencyId,
      roles: values.role as Role[],
      password,
      post: values.post ?? null,
    });
    print(`已创建用户 ${user.username}（${user.displayName}），角色：${user.roles.join('、')}`);
    if (user.roles.some((role) => role === 'administrator' || role === 'reviewer')) {
      print('该角色须使用动态验证码：首次登录时按提示绑定身份验证器。');
    }
    return 0;
  });
}

async function witness(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'key') {
    print(loadCosigner(config.dataDir, config.origin).verifierKey);
    return 0;
  }
  if (sub !== 'add-log') throw new UsageError('用法：lawtrail witness key | lawtrail witness add-log --origin 来源名 --key 验证密钥');
  const { values } = parseArgs({ args: rest, options: { origin: { type: 'string' }, key: { type: 'string', multiple: true } } });
  if (!values.origin || !values.key?.length) throw new UsageError('witness add-log 需要 --origin 和至少一个 --key');
  return withSystem(config, async ({ ctx }) => {
    try {
      await addWitnessedLog(ctx, systemActor('命令行 lawtrail witness add-log'), values.origin as string, values.key as string[]);
    } catch (error) {
      throw new UsageError(`验证密钥不正确：${(error as Error).message}`);
    }
    print(`已登记见证对象 ${values.origin}；其服务器须在 LAWTRAIL_WITNESSES 中配置：<本平台地址>|${ctx.cosigner.verifierKey}`);
    return 0;
  });
}

async function exchange(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'key') {
    for (const key of loadLedgerKeys(config.dataDir, config.origin, { isSm2: config.isSm2 }).verifierKeys) print(key);
    return 0;
  }
  const usage = '用法：lawtrail exchange key | lawtrail exchange add-origin --origin 来源名 --name 名称 --key 验证密钥';
  if (sub !== 'add-origin') throw new UsageError(usage);
  const { values } = parseArgs({
    args: rest,
    options: { origin: { type: 'string' }, name: { type: 'string' }, key: { type: 'string', multiple: true } },
  });
  if (!values.origin || !values.name || !values.key?.length) throw new UsageError(usage);
  return withSystem(config, async ({ ctx }) => {
    const state = await registerOrigin(ctx, systemActor('命令行 lawtrail exchange add-origin'), {
      origin: values.origin as string,
      name: values.name as string,
      verifierKeys: values.key as string[],
    });
    print(
      `已登记下级平台 ${state.name}（${state.origin}），已接收至第 ${state.lastSeq} 条；其服务器须设 LAWTRAIL_EXCHANGE_UPSTREAM=<本平台地址>`,
    );
    return 0;
  });
}

async function monitor(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { key: { type: 'string', multiple: true }, once: { type: 'boolean' }, interval: { type: 'string' } },
  });
  const url = positionals[0];
  if (!url || !/^https?:\/\//.test(url))
    throw new UsageError('用法：lawtrail monitor http(s)://平台地址 [--key 验证密钥] [--once] [--interval 秒]');
  const intervalSeconds = Number(values.interval ?? 60);
  if (!Number.isFinite(intervalSeconds) || intervalSeconds < 1) throw new UsageError('--interval 须为不小于1的秒数');
  const file = monitorStateFile(config.dataDir, url);
  for (;;) {
    const outcome = await checkOnce(url, readMonitorState(file), values.key);
    if (outcome.kind === 'alarm') {
      process.stderr.write(`lawtrail monitor: ${outcome.message}\n`);
      return 3;
    }
    writeMonitorState(file, outcome.state);
    print(`${new Date().toISOString()} ${outcome.message}`);
    if (values.once) return 0;
    await new Promise((resolve) => setTimeout(resolve, intervalSeconds * 1000));
  }
}

async function findAgencyId(ctx: AppContext, idOrUscc: string): Promise<string> {
  const agency = await ctx.db
    .selectFrom('agencies')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrUscc), eb('uscc', '=', idOrUscc.toUpperCase())]))
    .executeTakeFirst();
  if (!agency) throw new UsageError(`未找到执法机关 ${idOrUscc}`);
  return agency.id;
}

const importUsage = 'lawtrail import --agency 执法机关ID或统一社会信用代码 --list 清单种类或roster（执法人员名册） [--note 说明] 文件.xlsx';

async function importList(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { agency: { type: 'string' }, list: { type: 'string' }, note: { type: 'string' } },
  });
  const [path] = positionals;
  if (!values.agency || !values.list || !path || positionals.length !== 1) throw new UsageError(`用法：${importUsage}`);
  if (values.list !== 'roster' && !Object.hasOwn(catalogKinds, values.list)) {
    throw new UsageError(`未知清单种类 ${values.list}，可选：${Object.keys(catalogKinds).join('、')}、roster（执法人员名册）`);
  }
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    throw new UsageError(`无法读取文件 ${path}`);
  }
  const progress = (progress: { processedRows: number; totalRows: number | null }) => {
    const total = progress.totalRows === null ? '' : `/${progress.totalRows}`;
    process.stderr.write(`已校验 ${progress.processedRows}${total} 行\n`);
  };
  const reportErrors = (outcome: { errors: { row: number; column: string; detail: string }[]; errorCount: number }) => {
    for (const error of outcome.errors) process.stderr.write(`第${error.row}行 “${error.column}”：${error.detail}\n`);
    const listed = outcome.errorCount > outcome.errors.length ? `（以上为前 ${outcome.errors.length} 处）` : '';
    process.stderr.write(`lawtrail: 文件中有 ${outcome.errorCount} 处错误${listed}，未导入任何数据\n`);
    return 1;
  };
  if (values.list === 'roster') {
    return withSystem(config, async ({ ctx }) => {
      const agencyId = await findAgencyId(ctx, values.agency as string);
      const outcome = await importRosterFile(ctx, systemActor('命令行导入'), { agencyId, file }, progress);
      if (!outcome.isImported) return reportErrors(outcome);
      print(`已导入执法人员名册：新增 ${outcome.officerCount} 名人员、${outcome.certificateCount} 个执法证。`);
      return 0;
    });
  }
  const kind = values.list as CatalogKind;
  return withSystem(config, async ({ ctx }) => {
    const agencyId = await findAgencyId(ctx, values.agency as string);
    const outcome = await importCatalogFile(ctx, systemActor('命令行导入'), { agencyId, kind, file, note: values.note }, progress);
    if (!outcome.isImported) return reportErrors(outcome);
    const { version } = outcome;
    print(
      `已导入 ${version.agencyName}${version.kindLabel}第 ${version.version} 版（草稿），共 ${version.entryCount} 个条目；版本ID ${version.id}。请在执法工作台提交法制审核。`,
    );
    return 0;
  });
}

async function exportList(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { version: { type: 'string' } } });
  const [path] = positionals;
  if (!values.version || !path || positionals.length !== 1)
    throw new UsageError('用法：lawtrail export --version 清单版本ID 输出文件.xlsx');
  return withSystem(config, async ({ ctx }) => {
    const list = await exportVersion(ctx, systemActor('命令行导出'), values.version as string);
    const out = createWriteStream(path);
    const done = finished(out);
    await writeCatalogWorkbook(out, list.kind, list.entries, list.source);
    await done;
    print(`已导出 ${list.filename}（${list.entries.length} 个条目）到 ${path}`);
    return 0;
  });
}

async function verifyDocumentFile(config: Config, args: string[]): Promise<number> {
  const [path] = args;
  if (!path || args.length !== 1) throw new UsageError('用法：lawtrail verify-document 文件.pdf（或 .docx）');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UsageError(`无法读取文件 ${path}`);
  }
  return withSystem(config, async ({ ctx }) => {
    const verdict = await verifyDocumentBytes(ctx, bytes);
    if (!verdict.issued) {
      print(
        `未签发：${path} 不是本平台签发的文书，或签发后已被改动（SHA-256 ${verdict.sha256}）${verdict.reason ? `；${verdict.reason}` : ''}`,
      );
      return 1;
    }
    const { document } = verdict;
    print(
      `已签发：${document.title} ${document.number}，${document.agencyName}，${formatChineseDate(document.issuedOn)}，账本第 ${verdict.ledgerSeq} 条，${verdict.signatureValid ? '签名有效' : '签名无效'}`,
    );
    return verdict.signatureValid ? 0 : 1;
  });
}

async function exportPublic(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) throw new UsageError('用法：lawtrail export-public --out 目录');
  const out = values.out;
  mkdirSync(out, { recursive: true });
  return withSystem(config, async ({ ctx }) => {
    const started = performance.now();
    const result = await exportToDirectory(ctx, out);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    print(`已导出 ${result.records} 条记录（${seconds} 秒）：`);
    for (const format of ['csv', 'jsonl'] as const)
      print(`  ${result.files[format]}  ${result[format].size} 字节  SHA-256 ${result[format].sha256}`);
    return 0;
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      print(help);
      return 0;
    }
    const config = loadConfig();
    switch (command) {
      case 'serve':
        return await serve(config);
      case 'migrate':
        return await withSystem(config, async ({ applied }) => {
          print(applied.length > 0 ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新结构');
          return 0;
        });
      case 'seed-demo':
        return await withSystem(config, async ({ ctx }) => {
          if (!(await isDatabaseEmpty(ctx))) throw new UsageError('数据库中已有用户，演示数据只能载入空数据库');
          print(formatDemoLogins(await seedDemo(ctx)));
          return 0;
        });
      case 'user':
        if (rest[0] !== 'add') throw new UsageError('用法：lawtrail user add --username … --name … --role …');
        return await addUser(config, rest.slice(1));
      case 'verify':
        return await withSystem(config, async ({ ctx }) => {
          const report = await verifyLedger(
            ctx.db,
            ctx.ledgerKeys,
            stateChecksFor(ctx),
            ctx.config.witnesses.map((w) => w.key),
          );
          for (const line of report.lines) print(line);
          return report.isIntact ? 0 : 1;
        });
      case 'rotate-key': {
        const kind = rest[0] === '--sm2' ? 'sm2' : 'ed25519';
        if (rest.length > 0 && rest[0] !== '--sm2') throw new UsageError('用法：lawtrail rotate-key [--sm2]');
        const file = createLedgerKey(config.dataDir, kind);
        const keys = loadLedgerKeys(config.dataDir, config.origin, { isSm2: config.isSm2 });
        print(`已生成新的检查点签名密钥：${file}`);
        print(`新的验证密钥：${keys.verifierKeys[0]}`);
        print(`共公布 ${keys.verifierKeys.length} 个验证密钥；请重启服务以使用新密钥签名。`);
        return 0;
      }
      case 'witness':
        return await witness(config, rest);
      case 'monitor':
        return await monitor(config, rest);
      case 'exchange':
        return await exchange(config, rest);
      case 'import':
        return await importList(config, rest);
      case 'export':
        return await exportList(config, rest);
      case 'verify-document':
        return await verifyDocumentFile(config, rest);
      case 'export-public':
        return await exportPublic(config, rest);
      case 'demo-code':
        print(`${totpCode(demoTotpSecret, totpStep(now()))}（约 ${30 - (Math.floor(now().getTime() / 1000) % 30)} 秒后更换）`);
        return 0;
      default:
        throw new UsageError(`未知命令 ${command}，运行 lawtrail --help 查看用法`);
    }
  } catch (error) {
    const message =
      error instanceof DomainError
        ? `${error.detail ?? error.code}`
        : error instanceof UsageError || error instanceof ConfigError
          ? error.message
          : `出错：${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`lawtrail: ${message}\n`);
    return 2;
  }
}
