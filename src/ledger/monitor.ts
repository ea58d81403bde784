import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCheckpointBody } from './checkpoint.js';
import { parseLedgerVerifierKey } from './keys.js';
import { verifyConsistency } from './merkle.js';
import { verifyNote } from './note.js';

/**
 * Follows another Lawtrail's log from outside, as a county's citizens, a city justice bureau or an auditor would:
 * each round it fetches the signed checkpoint, checks the signature with the keys pinned at first sight, and checks
 * that the new tree extends the last one it saw (a consistency proof). A smaller size is a rollback; a different root
 * at the same size, or a failing proof, is a fork. Either is an alarm.
 */
export interface MonitorState {
  url: string;
  origin: string;
  verifierKeys: string[];
  size: number;
  /** base64 */
  root: string;
  checkedAt: string;
}

export type MonitorOutcome =
  | { kind: 'first'; state: MonitorState; message: string }
  | { kind: 'unchanged' | 'extended'; state: MonitorState; message: string }
  | { kind: 'alarm'; message: string };

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`${url} 返回 ${response.status}`);
  return response.text();
}

export async function checkOnce(baseUrl: string, previous: MonitorState | null, pinnedKeys?: string[]): Promise<MonitorOutcome> {
  const base = baseUrl.replace(/\/+$/, '');
  const keys = previous?.verifierKeys ?? pinnedKeys ?? (await fetchText(`${base}/api/ledger/public-key`)).trim().split('\n');
  const note = await fetchText(`${base}/api/ledger/checkpoint`);
  let checked: ReturnType<typeof verifyNote>;
  try {
    checked = verifyNote(note, keys.map(parseLedgerVerifierKey));
  } catch {
    return { kind: 'alarm', message: `警报：${base} 的检查点格式不正确` };
  }
  const body = parseCheckpointBody(checked.text);
  if (checked.invalid.length > 0 || !checked.verifiedBy.includes(body.origin) || (previous && body.origin !== previous.origin)) {
    return { kind: 'alarm', message: `警报：${base} 的检查点（规模 ${body.size}）不是由所记录的密钥签名的` };
  }
  const state: MonitorState = {
    url: base,
    origin: body.origin,
    verifierKeys: keys,
    size: body.size,
    root: body.root.toString('base64'),
    checkedAt: new Date().toISOString(),
  };
  if (!previous) return { kind: 'first', state, message: `首次记录 ${body.origin}：规模 ${body.size}，树根 ${state.root}` };
  if (body.size < previous.size) {
    return { kind: 'alarm', message: `警报：${body.origin} 回滚了：此前已见规模 ${previous.size}，现在只有 ${body.size}` };
  }
  const previousRoot = Buffer.from(previous.root, 'base64');
  if (body.size === previous.size) {
    if (!body.root.equals(previousRoot)) {
      return {
        kind: 'alarm',
        message: `警报：${body.origin} 出现分叉：规模 ${body.size} 有两个不同的树根（${previous.root} 与 ${state.root}）`,
      };
    }
    return { kind: 'unchanged', state, message: `${body.origin} 无新记录：规模 ${body.size}` };
  }
  const proofResponse = await fetch(`${base}/api/ledger/proof/consistency?first=${previous.size}&second=${body.size}`, {
    signal: AbortSignal.timeout(15_000),
  });
  const proof = proofResponse.ok ? ((await proofResponse.json()) as { proof: string[] }).proof : null;
  if (
    !proof ||
    !verifyConsistency(
      previous.size,
      body.size,
      previousRoot,
      body.root,
      proof.map((h) => Buffer.from(h, 'hex')),
    )
  ) {
    return { kind: 'alarm', message: `警报：${body.origin} 出现分叉：规模 ${body.size} 的树不是此前规模 ${previous.size} 的延续` };
  }
  return { kind: 'extended', state, message: `${body.origin} 一致地增长：规模 ${previous.size} → ${body.size}` };
}

export function monitorStateFile(dataDir: string, url: string): string {
  return path.join(dataDir, 'monitor', `${url.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_')}.json`);
}

export function readMonitorState(file: string): MonitorState | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as MonitorState) : null;
}

export function writeMonitorState(file: string, state: MonitorState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}
