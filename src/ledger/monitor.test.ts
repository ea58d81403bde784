import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../test/support/factories.js';
import { useTestApp } from '../../test/support/http.js';
import { dialects } from '../../test/support/system.js';
import { systemActor } from '../kernel/actor.js';
import { createAgency } from '../modules/org/index.js';
import { checkOnce, type MonitorState, monitorStateFile, writeMonitorState } from './monitor.js';
import { ed25519PublicKeyBytes, formatVerifierKey } from './note.js';

describe.each(dialects)('lawtrail monitor follows a log from outside (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let url = '';

  beforeAll(async () => {
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const addRecord = () =>
    createAgency(t.system.ctx, systemActor('测试'), {
      governmentId: t.org.countyId,
      name: `机关${makeUscc()}`,
      uscc: makeUscc(),
      kind: 'other',
    });

  it('pins the keys at first sight, then accepts a log that only grows', async () => {
    const first = await checkOnce(url, null);
    expect(first.kind).toBe('first');
    if (first.kind === 'alarm') return;
    expect(first.state.verifierKeys).toEqual(t.system.ctx.ledgerKeys.verifierKeys);
    expect((await checkOnce(url, first.state)).kind).toBe('unchanged');
    await addRecord();
    const grown = await checkOnce(url, first.state);
    expect(grown).toMatchObject({
      kind: 'extended',
      message: `${first.state.origin} 一致地增长：规模 ${first.state.size} → ${first.state.size + 1}`,
    });
  });

  it('raises the alarm on a rollback, a fork, and a checkpoint signed by another key', async () => {
    const seen = await checkOnce(url, null);
    if (seen.kind === 'alarm') throw new Error(seen.message);
    const state: MonitorState = seen.state;
    const rollback = await checkOnce(url, { ...state, size: state.size + 5 });
    expect(rollback).toMatchObject({ kind: 'alarm', message: expect.stringContaining('回滚了') });
    const otherRoot = Buffer.alloc(32, 7).toString('base64');
    const sameSizeFork = await checkOnce(url, { ...state, root: otherRoot });
    expect(sameSizeFork).toMatchObject({ kind: 'alarm', message: expect.stringContaining('有两个不同的树根') });
    await addRecord();
    const brokenHistory = await checkOnce(url, { ...state, root: otherRoot });
    expect(brokenHistory).toMatchObject({ kind: 'alarm', message: expect.stringContaining('不是此前规模') });
    const stranger = formatVerifierKey(state.origin, 1, ed25519PublicKeyBytes(generateKeyPairSync('ed25519').publicKey));
    const impostor = await checkOnce(url, { ...state, verifierKeys: [stranger] });
    expect(impostor).toMatchObject({ kind: 'alarm', message: expect.stringContaining('不是由所记录的密钥签名的') });
  });

  it('exits 0 while all is well and 3 with one line on stderr when the log was rolled back', async () => {
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../bin/lawtrail.js'), 'monitor', url, '--once'], {
          env: { ...process.env, ...env },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => {
          stdout += d;
        });
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const env = { LAWTRAIL_DATA: path.join(t.system.dataDir, 'monitor-home') };
    const ok = await run(env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('首次记录');
    const file = monitorStateFile(env.LAWTRAIL_DATA, url);
    const seen = await checkOnce(url, null);
    if (seen.kind === 'alarm') throw new Error(seen.message);
    writeMonitorState(file, { ...seen.state, size: seen.state.size + 100 });
    const alarm = await run(env);
    expect(alarm.code).toBe(3);
    expect(alarm.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lawtrail monitor: 警报：.+ 回滚了/)]);
  });
});
