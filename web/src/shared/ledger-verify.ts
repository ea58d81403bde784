/**
 * Checks, in the citizen's own browser, that the platform's ledger is what it claims: the checkpoint's Ed25519
 * signature against the published verifier key (C2SP signed-note), and a record's inclusion proof against the signed
 * root (RFC 9162 §2.1.3.2). Nothing here trusts the server's word: only its bytes.
 */
const encoder = new TextEncoder();

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(data)));
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  rootBase64: string;
  /** Names on the other signature lines: witnesses' cosignatures (checked with each witness's own key). */
  cosigners: string[];
}

/** Verifies the note's signature by a key of the verifier-key list; returns the checkpoint it signs. */
export async function verifyCheckpoint(note: string, verifierKeys: string[]): Promise<Checkpoint> {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('检查点格式不正确');
  const text = note.slice(0, split + 1);
  const signatureLines = note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean);
  for (const keyText of verifierKeys) {
    // name+hash+key: the base64 key itself may contain '+'
    const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(keyText.trim());
    if (!match) continue;
    const [, name, hashHex, keyBase64] = match as unknown as [string, string, string, string];
    const key = fromBase64(keyBase64);
    if (key[0] !== 1 || key.length !== 33) continue;
    const publicKey = await crypto.subtle.importKey('raw', concat(key.subarray(1)), { name: 'Ed25519' }, false, ['verify']);
    for (const line of signatureLines) {
      const match = /^— (\S+) (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const bytes = fromBase64(match[2] as string);
      if (toHex(bytes.subarray(0, 4)) !== hashHex) continue;
      if (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, concat(bytes.subarray(4)), concat(encoder.encode(text)))) {
        const [origin, size, rootBase64] = text.split('\n');
        const cosigners = signatureLines.map((l) => /^— (\S+) /.exec(l)?.[1] ?? '').filter((n) => n !== '' && n !== origin);
        return { origin: origin ?? '', size: Number(size), root: fromBase64(rootBase64 ?? ''), rootBase64: rootBase64 ?? '', cosigners };
      }
    }
  }
  throw new Error('检查点签名未能通过验证');
}

/** RFC 9162 §2.1.3.2, with the browser's own SHA-256. */
export async function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  if (index < 0 || index >= size || leafHash.length !== 32) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(concat(new Uint8Array([1]), p, r));
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await sha256(concat(new Uint8Array([1]), r, p));
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}
