import { canonicalJson } from '../../kernel/canonical-json.js';
import { DomainError } from '../../kernel/errors.js';
import { type NoteSigner, type NoteVerifier, parseNote, signNote, verifyNote } from '../../ledger/note.js';

/**
 * The exchange format: a batch of outbox items as a C2SP signed note signed with the sending platform's ledger keys
 * (the Ed25519 key kept outside the database in `$LAWTRAIL_DATA/keys/ledger/`, the same one that signs its checkpoints
 * and documents; the receiver knows it from `/api/ledger/public-key`). The note's text is three lines:
 *
 *   lawtrail-exchange/v1
 *   <origin>
 *   <RFC 8785 canonical JSON of { origin, items: [{ seq, kind, key, payload, createdAt }] }>
 *
 * The first line keeps a batch from ever being read as a checkpoint (whose second line is a number) or a document.
 */
export const batchFormat = 'lawtrail-exchange/v1';

export interface ExchangeItem {
  /** Gapless, increasing per origin. */
  seq: number;
  /** What happened, e.g. `publication.published`. */
  kind: string;
  /** What it happened to (e.g. the public copy's id), so that the receiver can replace or withdraw it. */
  key: string;
  payload: unknown;
  createdAt: string;
}

export interface ExchangeBatch {
  origin: string;
  items: ExchangeItem[];
}

export function signBatch(batch: ExchangeBatch, signers: NoteSigner[]): string {
  const text = `${batchFormat}\n${batch.origin}\n${canonicalJson(batch)}\n`;
  return signNote(text, signers);
}

/** Reads the origin a batch claims, before its signature is checked (to find the keys to check it with). */
export function batchOrigin(note: string): string {
  let text: string;
  try {
    text = parseNote(note).text;
  } catch {
    throw new DomainError('exchange.batch_invalid', '批次应为签名文本（signed note）：正文、空行、签名行');
  }
  const [format, origin] = text.split('\n');
  if (format !== batchFormat) throw new DomainError('exchange.batch_invalid', `批次第一行应为 ${batchFormat}`);
  if (!origin || /\s|\+/.test(origin)) throw new DomainError('exchange.batch_invalid', '批次第二行应为发送平台的来源名');
  return origin;
}

function isItem(value: unknown): value is ExchangeItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(item.seq) &&
    (item.seq as number) >= 1 &&
    typeof item.kind === 'string' &&
    item.kind.length > 0 &&
    typeof item.key === 'string' &&
    item.key.length > 0 &&
    'payload' in item &&
    typeof item.createdAt === 'string'
  );
}

/**
 * Checks the batch's signature with the keys registered for its origin and returns its items. A signature by one of
 * those keys must verify and none may fail: an altered batch fails, and a batch signed by anyone else is refused.
 */
export function openBatch(note: string, origin: string, verifiers: NoteVerifier[]): ExchangeBatch {
  const check = verifyNote(note, verifiers);
  if (check.invalid.length > 0 || !check.verifiedBy.includes(origin)) {
    throw new DomainError('exchange.signature_invalid', `批次没有 ${origin} 的有效签名（内容被改动，或不是以其登记的密钥签名）`);
  }
  const lines = check.text.split('\n');
  if (lines.length !== 4 || lines[3] !== '') throw new DomainError('exchange.batch_invalid', '批次正文应为三行');
  let batch: unknown;
  try {
    batch = JSON.parse(lines[2] as string);
  } catch {
    throw new DomainError('exchange.batch_invalid', '批次第三行不是有效的 JSON');
  }
  const parsed = batch as Partial<ExchangeBatch>;
  if (parsed.origin !== origin || !Array.isArray(parsed.items) || !parsed.items.every(isItem)) {
    throw new DomainError('exchange.batch_invalid', '批次内容应为 { origin, items: [{ seq, kind, key, payload, createdAt }] }');
  }
  const items = parsed.items;
  for (let i = 1; i < items.length; i++) {
    if ((items[i] as ExchangeItem).seq !== (items[i - 1] as ExchangeItem).seq + 1) {
      throw new DomainError('exchange.batch_invalid', '批次中的序号应连续递增');
    }
  }
  return { origin, items };
}
