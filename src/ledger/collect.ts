import type { AppContext } from '../kernel/context.js';
import { latestCheckpoint, parseCheckpointBody, type StoredCheckpoint } from './checkpoint.js';
import { verifyCosignature } from './cosignature.js';
import { consistencyProof } from './merkle.js';
import { parseNote } from './note.js';
import { TileReader } from './tiles.js';

/** A witness this log asks to cosign its checkpoints: its base URL and its cosignature verifier key. */
export interface WitnessConfig {
  url: string;
  key: string;
}

/** `LAWTRAIL_WITNESSES`: entries "URL|verifier key", separated by commas or whitespace. */
export function parseWitnesses(value: string | undefined): WitnessConfig[] {
  if (!value?.trim()) return [];
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const [url, key] = entry.split('|');
      if (!url || !key || !/^https?:\/\//.test(url)) throw new Error(`LAWTRAIL_WITNESSES 条目应为 URL|验证密钥，收到：${entry}`);
      return { url: url.replace(/\/+$/, ''), key };
    });
}

function witnessName(key: string): string {
  return key.split('+')[0] as string;
}

async function lastCosignedSize(ctx: AppContext, witness: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('ledger_cosignatures')
    .select((eb) => eb.fn.max('size').as('size'))
    .where('witness', '=', witness)
    .executeTakeFirst();
  return row?.size === null || row?.size === undefined ? 0 : Number(row.size);
}

async function post(ctx: AppContext, witness: WitnessConfig, checkpoint: StoredCheckpoint, oldSize: number) {
  const proof =
    oldSize > 0 && oldSize < checkpoint.size ? await consistencyProof(new TileReader(ctx.db).node, oldSize, checkpoint.size) : [];
  const body = `old ${oldSize}\n${proof.map((h) => `${h.toString('base64')}\n`).join('')}\n${checkpoint.note}`;
  const response = await fetch(`${witness.url}/api/witness/add-checkpoint`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Asks each configured witness to cosign the latest checkpoint, starting from the size it cosigned last (a 409 tells
 * us the witness's size, and we try once more from there). Valid cosignatures are kept; the portal shows them with the
 * checkpoint. Returns what happened per witness.
 */
export async function collectCosignatures(ctx: AppContext, witnesses: WitnessConfig[]): Promise<string[]> {
  const checkpoint = await latestCheckpoint(ctx.db);
  if (!checkpoint || checkpoint.size === 0) return [];
  const outcomes: string[] = [];
  const { text } = parseNote(checkpoint.note);
  parseCheckpointBody(text);
  for (const witness of witnesses) {
    const name = witnessName(witness.key);
    const already = await ctx.db
      .selectFrom('ledger_cosignatures')
      .select('size')
      .where('witness', '=', name)
      .where('size', '=', checkpoint.size)
      .executeTakeFirst();
    if (already) continue;
    let answer = await post(ctx, witness, checkpoint, await lastCosignedSize(ctx, name));
    if (answer.status === 409 && /^\d+\s*$/.test(answer.text)) answer = await post(ctx, witness, checkpoint, Number(answer.text.trim()));
    if (answer.status !== 200) {
      outcomes.push(`${name}: ${answer.status} ${answer.text.trim()}`);
      continue;
    }
    const line = answer.text.trim();
    if (!verifyCosignature(line, text, witness.key)) {
      outcomes.push(`${name}: 返回的副署签名无效`);
      continue;
    }
    await ctx.db
      .insertInto('ledger_cosignatures')
      .values({ witness: name, size: checkpoint.size, line, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['witness', 'size']).doNothing())
      .execute();
    outcomes.push(`${name}: 已副署规模 ${checkpoint.size}`);
  }
  return outcomes;
}

/** The checkpoint note with the cosignature lines witnesses gave it. */
export async function withCosignatures(ctx: AppContext, checkpoint: StoredCheckpoint): Promise<string> {
  const rows = await ctx.db
    .selectFrom('ledger_cosignatures')
    .select('line')
    .where('size', '=', checkpoint.size)
    .orderBy('witness')
    .execute();
  return checkpoint.note + rows.map((row) => `${row.line}\n`).join('');
}
