import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';
import { canonicalJson } from '../kernel/canonical-json.js';
import { parseCheckpointBody } from './checkpoint.js';
import { verifyCosignature } from './cosignature.js';
import type { LedgerKeys } from './keys.js';
import { hashLeaf, rootOf } from './merkle.js';
import { parseNote, verifyNote } from './note.js';
import { splitHashes, storedTile, subtreeRoot, TileReader, tileWidth } from './tiles.js';

/**
 * How a module's current rows are compared with what the ledger last recorded for them: `load` gives the subject's
 * state as the module presents it now, `recorded` picks that state out of the latest event's payload.
 */
/**
 * What `verify` checks beyond the log itself: a module's rows against the state their latest event recorded
 * (`RowCheck`), or a rule over the events themselves (`LedgerAudit`, e.g. "every major decision has a passed review").
 */
export type StateCheck = RowCheck | LedgerAudit;

export interface LedgerAudit {
  audit: string;
  /** Reads the ledger (and rows) and returns one Chinese finding per breach. */
  run(db: Executor): Promise<string[]>;
}

export interface RowCheck {
  subjectType: string;
  label: string;
  load(db: Executor, id: string): Promise<unknown | undefined>;
  recorded(state: Record<string, unknown>): unknown;
  /** Only events with these actions carry the subject's full state (others record e.g. a sign-in); default: all. */
  actions?: string[];
}

export interface VerifyReport {
  isIntact: boolean;
  size: number;
  findings: string[];
  lines: string[];
}

interface Context {
  db: Executor;
  findings: string[];
}

/** Every event: indices without gaps, content matching its leaf hash and SM3 digest, and matching the signed tree. */
async function checkEvents(c: Context, size: number, integrated: number): Promise<void> {
  const tiles = new TileReader(c.db, { maxCachedTiles: 2 });
  let expected = 0;
  for (;;) {
    const rows = await c.db
      .selectFrom('ledger_events')
      .select(['seq', 'payload', 'leaf_hash', 'payload_sm3'])
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(tileWidth * 20)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq > expected)
        c.findings.push(seq - 1 > expected ? `缺少第 ${expected}–${seq - 1} 条记录（已被删除）` : `缺少第 ${expected} 条记录（已被删除）`);
      const bytes = Buffer.from(row.payload, 'utf8');
      const leaf = hashLeaf(bytes);
      if (leaf.toString('hex') !== row.leaf_hash || createHash('sm3').update(bytes).digest('hex') !== row.payload_sm3) {
        c.findings.push(`第 ${seq} 条记录的内容已被改动（与其叶哈希或 SM3 摘要不符）`);
      }
      if (seq >= size) c.findings.push(`第 ${seq} 条记录不在账本之内（账本只有 ${size} 条，此条为后来插入）`);
      else if (seq < integrated) {
        const tileIndex = Math.floor(seq / tileWidth);
        const signed = (await tiles.readTile(0, tileIndex, Math.min(tileWidth, integrated - tileIndex * tileWidth)))[seq % tileWidth];
        if (signed && !signed.equals(leaf) && leaf.toString('hex') === row.leaf_hash) {
          c.findings.push(`第 ${seq} 条记录与已签名的树不符（记录被替换或调换了顺序）`);
        }
      }
      expected = seq + 1;
    }
  }
  if (expected < size) c.findings.push(`缺少第 ${expected}${size - 1 > expected ? `–${size - 1}` : ''} 条记录（已被删除）`);
}

/**
 * Each tile's stored inner levels must be those of its row, and each stored tile above level 0 must hold the roots of
 * the full tiles below it.
 */
async function checkTiles(c: Context): Promise<void> {
  let after = { level: -1, index: -1 };
  for (;;) {
    const page = await c.db
      .selectFrom('ledger_tiles')
      .select(['level', 'tile_index', 'width', 'hashes'])
      .where((eb) => eb.or([eb('level', '>', after.level), eb.and([eb('level', '=', after.level), eb('tile_index', '>', after.index)])]))
      .orderBy('level')
      .orderBy('tile_index')
      .limit(512)
      .execute();
    if (page.length === 0) break;
    for (const row of page) {
      const bytes = Buffer.from(row.hashes);
      if (bytes.length > row.width * 32 && !bytes.equals(storedTile(bytes, 0, row.width))) {
        c.findings.push(`树的第 ${row.level} 层第 ${Number(row.tile_index)} 块中的内层哈希与该块不符（存储的树层被改动）`);
      }
    }
    const last = page[page.length - 1] as (typeof page)[number];
    after = { level: last.level, index: Number(last.tile_index) };
  }
  const rows = await c.db
    .selectFrom('ledger_tiles')
    .select(['level', 'tile_index', 'width', 'hashes'])
    .where('level', '>', 0)
    .orderBy('level')
    .orderBy('tile_index')
    .execute();
  const reader = new TileReader(c.db, { maxCachedTiles: 16 });
  for (const row of rows) {
    const hashes = splitHashes(Buffer.from(row.hashes).subarray(0, row.width * 32));
    for (let i = 0; i < row.width; i++) {
      const below = await reader.readTile(row.level - 1, Number(row.tile_index) * tileWidth + i, tileWidth).catch(() => null);
      if (!below || !subtreeRoot(below).equals(hashes[i] as Buffer)) {
        c.findings.push(`树的第 ${row.level} 层第 ${Number(row.tile_index) * tileWidth + i} 个节点与下层不符（存储的树层被改动）`);
      }
    }
  }
}

/** Every checkpoint: signed by one of the log's keys, and its root is the root of the stored tree at its size. */
async function checkCheckpoints(c: Context, keys: LedgerKeys): Promise<number> {
  const rows = await c.db.selectFrom('ledger_checkpoints').selectAll().orderBy('size').execute();
  const reader = new TileReader(c.db, { maxCachedTiles: 256 });
  for (const row of rows) {
    const size = Number(row.size);
    let check: ReturnType<typeof verifyNote>;
    let body: ReturnType<typeof parseCheckpointBody>;
    try {
      check = verifyNote(row.note, keys.verifiers);
      body = parseCheckpointBody(check.text);
    } catch {
      c.findings.push(`规模 ${size} 的检查点格式已被破坏`);
      continue;
    }
    if (check.invalid.length > 0 || !check.verifiedBy.includes(keys.origin)) c.findings.push(`规模 ${size} 的检查点签名无效`);
    if (body.size !== size || body.root.toString('hex') !== row.root_hash) c.findings.push(`规模 ${size} 的检查点内容与其记录不符`);
    const root = await rootOf(reader.node, size).catch(() => null);
    if (!root?.equals(body.root)) c.findings.push(`规模 ${size} 的检查点根哈希与存储的树不符`);
  }
  return rows.length === 0 ? 0 : Number(rows[rows.length - 1]?.size);
}

/**
 * Every stored cosignature: signed by the named witness (when its key is configured, `LAWTRAIL_WITNESSES`) over the
 * text of the checkpoint of that size. A cosignature from a witness no longer configured cannot be checked; it is
 * counted, not reported as tampering.
 */
async function checkCosignatures(c: Context, witnessKeys: string[]): Promise<{ checked: number; unknown: number }> {
  const rows = await c.db.selectFrom('ledger_cosignatures').selectAll().orderBy('size').orderBy('witness').execute();
  const checkpoints = new Map<number, string>();
  let checked = 0;
  let unknown = 0;
  for (const row of rows) {
    const size = Number(row.size);
    const key = witnessKeys.find((k) => /^([^+\s]+)\+/.exec(k)?.[1] === row.witness);
    if (!key) {
      unknown += 1;
      continue;
    }
    if (!checkpoints.has(size)) {
      const checkpoint = await c.db.selectFrom('ledger_checkpoints').select('note').where('size', '=', size).executeTakeFirst();
      checkpoints.set(size, checkpoint ? parseNote(checkpoint.note).text : '');
    }
    const text = checkpoints.get(size) as string;
    if (text === '') c.findings.push(`见证方 ${row.witness} 副署的规模 ${size} 没有对应的检查点`);
    else if (!verifyCosignature(row.line, text, key))
      c.findings.push(`见证方 ${row.witness} 对规模 ${size} 的副署签名无效（副署或检查点被改动）`);
    else checked += 1;
  }
  return { checked, unknown };
}

/** The latest event of each subject against the module's current row. */
async function checkStates(c: Context, checks: StateCheck[]): Promise<void> {
  for (const check of checks) {
    if ('run' in check) {
      c.findings.push(...(await check.run(c.db)));
      continue;
    }
    let query = c.db
      .selectFrom('ledger_events')
      .select(['subject_id', (eb) => eb.fn.max('seq').as('seq')])
      .where('subject_type', '=', check.subjectType);
    if (check.actions) query = query.where('action', 'in', check.actions);
    const subjects = await query.groupBy('subject_id').execute();
    for (const subject of subjects) {
      const event = await c.db.selectFrom('ledger_events').select('payload').where('seq', '=', Number(subject.seq)).executeTakeFirst();
      if (!event) continue;
      const recorded = check.recorded((JSON.parse(event.payload) as { state: Record<string, unknown> }).state);
      const current = await check.load(c.db, subject.subject_id);
      if (current === undefined) {
        c.findings.push(`${check.label} ${subject.subject_id} 已被删除，账本中仍有其记录`);
      } else if (canonicalJson(current) !== canonicalJson(recorded)) {
        const now = current as Record<string, unknown>;
        const then = recorded as Record<string, unknown>;
        const fields = Object.keys({ ...now, ...then }).filter((k) => canonicalJson(now[k] ?? null) !== canonicalJson(then[k] ?? null));
        c.findings.push(
          `${check.label} ${subject.subject_id} 的数据与账本最近一条记录不符（字段：${fields.join('、')}）：数据被绕过系统改动`,
        );
      }
    }
  }
}

/**
 * Recomputes every leaf and tree level, checks every checkpoint signature and root, and compares current rows with
 * what the ledger last recorded. Names each thing that was changed, deleted, inserted or reordered.
 */
export async function verifyLedger(
  db: Executor,
  keys: LedgerKeys,
  checks: StateCheck[] = [],
  witnessKeys: string[] = [],
): Promise<VerifyReport> {
  const c: Context = { db, findings: [] };
  const state = await db.selectFrom('ledger_state').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
  const size = Number(state.size);
  const integrated = await checkCheckpoints(c, keys);
  await checkTiles(c);
  await checkEvents(c, size, integrated);
  await checkStates(c, checks);
  const cosignatures = await checkCosignatures(c, witnessKeys);
  const findings = c.findings;
  const lines =
    findings.length === 0
      ? [`记录账本完好：共 ${size} 条记录，已签名至第 ${integrated} 条；叶哈希、树层、检查点签名与业务数据均一致`]
      : [`记录账本发现 ${findings.length} 处问题：`, ...findings.map((f) => `  - ${f}`)];
  if (cosignatures.checked + cosignatures.unknown > 0) {
    lines.push(
      `见证副署：核验 ${cosignatures.checked} 个` +
        (cosignatures.unknown > 0 ? `；${cosignatures.unknown} 个来自未配置验证密钥的见证方，无法核验` : ''),
    );
  }
  return { isIntact: findings.length === 0, size, findings, lines };
}
