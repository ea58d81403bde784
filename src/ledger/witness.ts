import { type Actor, systemActor } from '../kernel/actor.js';
import { nowIso } from '../kernel/clock.js';
import type { AppContext } from '../kernel/context.js';
import { parseCheckpointBody } from './checkpoint.js';
import type { Cosigner } from './cosignature.js';
import { appendEvent } from './events.js';
import { parseLedgerVerifierKey } from './keys.js';
import { emptyRoot, verifyConsistency } from './merkle.js';
import { verifyNote } from './note.js';

/**
 * The witness side of C2SP tlog-witness: another Lawtrail (a county) sends "old <size>", a consistency proof from the
 * size this witness last cosigned, a blank line and its new signed checkpoint; the witness checks the signature, the
 * size it remembers and the proof, then remembers the new checkpoint and returns its cosignature. Anything that does
 * not extend what it cosigned before is refused, so a log cannot show different histories to different people.
 */
export interface WitnessAnswer {
  status: 200 | 400 | 403 | 404 | 409 | 422;
  contentType: string;
  body: string;
}

const text = (status: WitnessAnswer['status'], body: string): WitnessAnswer => ({ status, contentType: 'text/plain; charset=utf-8', body });

export async function addWitnessedLog(ctx: AppContext, actor: Actor, origin: string, verifierKeys: string[]): Promise<void> {
  for (const key of verifierKeys) parseLedgerVerifierKey(key);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('witnessed_logs').select('origin').where('origin', '=', origin).executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('witnessed_logs')
        .set({ verifier_keys: verifierKeys.join('\n'), updated_at: nowIso() })
        .where('origin', '=', origin)
        .execute();
    } else {
      await trx
        .insertInto('witnessed_logs')
        .values({ origin, verifier_keys: verifierKeys.join('\n'), size: 0, root_hash: emptyRoot.toString('hex'), updated_at: nowIso() })
        .execute();
    }
    await appendEvent(trx, {
      actor,
      agencyId: null,
      subjectType: 'witnessed_log',
      subjectId: origin,
      action: 'witness.log_registered',
      state: { origin, verifierKeys },
    });
  });
}

function parseRequest(body: string): { oldSize: number; proof: Buffer[]; note: string } | null {
  const split = body.indexOf('\n\n');
  if (split < 0) return null;
  const [first, ...proofLines] = body.slice(0, split).split('\n');
  const match = /^old (\d+)$/.exec(first ?? '');
  if (!match) return null;
  const proof = proofLines.map((line) => Buffer.from(line, 'base64'));
  if (proof.some((p) => p.length !== 32)) return null;
  return { oldSize: Number(match[1]), proof, note: body.slice(split + 2) };
}

export async function addCheckpoint(ctx: AppContext, cosigner: Cosigner, body: string): Promise<WitnessAnswer> {
  const request = parseRequest(body);
  if (!request) return text(400, '请求格式不正确：应为 "old <规模>"、一致性证明各行、空行、签名检查点\n');
  let checkpoint: ReturnType<typeof parseCheckpointBody>;
  let signedText: string;
  try {
    const parsedText = verifyNote(request.note, []).text;
    checkpoint = parseCheckpointBody(parsedText);
    signedText = parsedText;
  } catch {
    return text(400, '签名检查点格式不正确\n');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const log = await trx.selectFrom('witnessed_logs').selectAll().where('origin', '=', checkpoint.origin).executeTakeFirst();
    if (!log) return text(404, `本见证方不见证 ${checkpoint.origin}\n`);
    const check = verifyNote(request.note, log.verifier_keys.split('\n').map(parseLedgerVerifierKey));
    if (check.invalid.length > 0 || !check.verifiedBy.includes(checkpoint.origin)) return text(403, '检查点签名无效\n');
    const knownSize = Number(log.size);
    if (request.oldSize !== knownSize) return { status: 409, contentType: 'text/x.tlog.size', body: `${knownSize}\n` };
    if (checkpoint.size < knownSize) return text(400, `检查点规模 ${checkpoint.size} 小于已见证的规模 ${knownSize}\n`);
    const knownRoot = Buffer.from(log.root_hash, 'hex');
    const isConsistent =
      knownSize === 0
        ? request.proof.length === 0
        : checkpoint.size === knownSize
          ? request.proof.length === 0 && checkpoint.root.equals(knownRoot)
          : verifyConsistency(knownSize, checkpoint.size, knownRoot, checkpoint.root, request.proof);
    if (!isConsistent) return text(422, `规模 ${checkpoint.size} 的检查点不是已见证的规模 ${knownSize} 的延续\n`);
    const updated = await trx
      .updateTable('witnessed_logs')
      .set({ size: checkpoint.size, root_hash: checkpoint.root.toString('hex'), updated_at: nowIso() })
      .where('origin', '=', checkpoint.origin)
      .where('size', '=', knownSize)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { status: 409, contentType: 'text/x.tlog.size', body: `${knownSize}\n` };
    await appendEvent(trx, {
      actor: systemActor(cosigner.name),
      agencyId: null,
      subjectType: 'witnessed_log',
      subjectId: checkpoint.origin,
      action: 'witness.cosigned',
      state: { origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root.toString('base64') },
    });
    return text(200, `${cosigner.cosign(signedText, Math.floor(Date.now() / 1000))}\n`);
  });
}
