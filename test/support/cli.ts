import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestSystem } from './system.js';

export const lawtrailBin = path.resolve(import.meta.dirname, '../../bin/lawtrail.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `lawtrail ARGS` as its own process (as an operator would), with stdin given and output collected. */
export function runLawtrail(args: string[], env: Record<string, string>, stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [lawtrailBin, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The environment that points the command at a test system's data folder and database. */
export function cliEnv(system: TestSystem): Record<string, string> {
  const db = system.config.database;
  return { LAWTRAIL_DATA: system.dataDir, LAWTRAIL_DB: db.dialect === 'sqlite' ? `sqlite:${db.file}` : db.url, LAWTRAIL_DEMO: 'off' };
}
