import { spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lawtrailBin as bin, cliEnv, runLawtrail as lawtrail } from './support/cli.js';
import { dialects, openTestSystem, type TestSystem } from './support/system.js';

describe.each(dialects)('the lawtrail command (%s)', (dialect) => {
  let system: TestSystem;
  let env: Record<string, string>;

  beforeAll(async () => {
    system = await openTestSystem(dialect);
    env = cliEnv(system);
    await system.handle.close();
  });
  afterAll(async () => {
    await system.close().catch(() => {});
  });

  it('prints help with every command', async () => {
    const run = await lawtrail(['--help'], env);
    expect(run.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed-demo', 'user add', 'verify']) expect(run.stdout).toContain(command);
  });

  it('answers an unknown command or a bad database setting in one line with a non-zero exit', async () => {
    const unknown = await lawtrail(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toEqual(['lawtrail: 未知命令 frobnicate，运行 lawtrail --help 查看用法']);
    const badDb = await lawtrail(['migrate'], { ...env, LAWTRAIL_DB: 'mysql://nope' });
    expect(badDb.code).toBe(2);
    expect(badDb.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('creates the first administrator of a production install from a password on stdin', async () => {
    expect((await lawtrail(['migrate'], env)).code).toBe(0);
    const weak = await lawtrail(['user', 'add', '--username', 'root.admin', '--name', '管理员', '--role', 'administrator'], env, 'weak\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('密码至少需要12位');
    const added = await lawtrail(
      ['user', 'add', '--username', 'root.admin', '--name', '管理员', '--role', 'administrator'],
      env,
      'Very-Strong-Pass-2026\n',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('已创建用户 root.admin');
    const again = await lawtrail(
      ['user', 'add', '--username', 'root.admin', '--name', '管理员', '--role', 'administrator'],
      env,
      'Very-Strong-Pass-2026\n',
    );
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe('lawtrail: 用户名 root.admin 已被使用');
  }, 120_000);

  it('refuses demo data in a database that already has users, and verifies the ledger', async () => {
    const seed = await lawtrail(['seed-demo'], env);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('演示数据只能载入空数据库');
    const verify = await lawtrail(['verify'], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/记录账本完好：共 \d+ 条记录/);
  });

  it('rotates the checkpoint key and keeps publishing the old one', async () => {
    const rotated = await lawtrail(['rotate-key'], env);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/新的验证密钥：lawtrail\.local\+[0-9a-f]{8}\+/);
    expect(rotated.stdout).toContain('共公布 2 个验证密钥');
  });
});

describe.each(dialects)('a first start with demo data (%s)', (dialect) => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await openTestSystem(dialect);
    await system.handle.close();
  });
  afterAll(async () => {
    await system.close().catch(() => {});
  });

  it('migrates, loads the 沙坡头区 demo, prints the logins, and serves the portal', async () => {
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...cliEnv(system), LAWTRAIL_DEMO: 'on' },
    });
    let output = '';
    try {
      const address = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /已启动：(http:\/\/[^/\s]+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1] as string);
          }
        });
        child.on('exit', () => reject(new Error(`server exited:\n${output}`)));
      });
      expect(output).toContain('演示账号（密码均为 Demo@Lawtrail2026）');
      for (const login of ['admin', 'justice.supervisor', 'market.officer1', 'market.reviewer', 'market.head'])
        expect(output).toContain(login);
      const portal = (await (await fetch(`${address}/api/public/portal`)).json()) as {
        government: unknown;
        justiceBureau: { name: string };
        agencies: { kindLabel: string }[];
      };
      expect(portal.government).toEqual({ name: '沙坡头区人民政府', divisionCode: '640502', fullName: '中卫市沙坡头区人民政府' });
      expect(portal.justiceBureau.name).toBe('中卫市沙坡头区司法局');
      expect(portal.agencies.map((a: { kindLabel: string }) => a.kindLabel).sort()).toEqual(
        ['市场监督管理', '生态环境', '城市管理综合执法', '交通运输', '应急管理', '卫生健康', '文化和旅游', '自然资源'].sort(),
      );
      const health = await (await fetch(`${address}/healthz`)).json();
      expect(health).toMatchObject({ status: 'ok', database: { dialect }, ledger: { ok: true } });
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);

  it('ends with a non-zero exit when its server processes cannot start (the port is taken) instead of restarting them', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, [bin, 'serve'], {
        env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...cliEnv(system), LAWTRAIL_DEMO: 'on', LAWTRAIL_WORKERS: '2' },
      });
      let errors = '';
      child.stderr.on('data', (chunk) => {
        errors += chunk;
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(errors).toContain('EADDRINUSE');
      expect(errors).toContain('服务未能启动');
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('runs several server processes on one port and one database (LAWTRAIL_WORKERS), all writing, and stops them all', async () => {
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...cliEnv(system), LAWTRAIL_DEMO: 'on', LAWTRAIL_WORKERS: '2' },
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const address = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /已启动：(http:\/\/[^/\s]+)[\s\S]*服务进程 2 个/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1] as string);
          }
        });
        child.on('exit', () => reject(new Error(`server exited:\n${output}`)));
      });
      const pids = (/进程号 (\d+)、(\d+)/.exec(output) ?? []).slice(1).map(Number);
      expect(pids).toHaveLength(2);
      for (const pid of pids) expect(() => process.kill(pid, 0)).not.toThrow();
      // Sign-ins write (sessions, attempts): 16 at once, spread over both processes, all go through.
      const logins = await Promise.all(
        Array.from({ length: 16 }, () =>
          fetch(`${address}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'market.officer1', password: 'Demo@Lawtrail2026' }),
          }),
        ),
      );
      expect(logins.map((r) => r.status)).toEqual(Array(16).fill(200));
      const health = await (await fetch(`${address}/healthz`)).json();
      expect(health).toMatchObject({ status: 'ok', database: { dialect }, ledger: { ok: true } });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
