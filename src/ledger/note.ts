import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * C2SP signed notes (the format of Go's sumdb/note and of tlog checkpoints): a UTF-8 text ending in a newline,
 * a blank line, then one line per signature: "— <name> <base64(4-byte key hash ‖ signature)>".
 * Verifier keys are written "<name>+<8 hex digits of key hash>+<base64(algorithm byte ‖ public key)>".
 */
export const ed25519Algorithm = 0x01;

export interface NoteSigner {
  name: string;
  keyHash: Buffer;
  sign(message: Buffer): Buffer;
}

export interface NoteVerifier {
  name: string;
  keyHash: Buffer;
  verify(message: Buffer, signature: Buffer): boolean;
}

export interface NoteSignature {
  name: string;
  keyHash: Buffer;
  signature: Buffer;
}

function isValidName(name: string): boolean {
  return name.length > 0 && !/[\s+]/.test(name);
}

/** The first four bytes of SHA-256(name ‖ "\n" ‖ algorithm ‖ public key). */
export function noteKeyHash(name: string, algorithm: number, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, algorithm]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

export function ed25519PublicKeyBytes(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url');
}

export function ed25519Signer(name: string, privateKey: KeyObject): NoteSigner {
  if (!isValidName(name)) throw new Error(`invalid signer name ${name}`);
  const publicKey = ed25519PublicKeyBytes(createPublicKey(privateKey));
  return { name, keyHash: noteKeyHash(name, ed25519Algorithm, publicKey), sign: (message) => sign(null, message, privateKey) };
}

export function formatVerifierKey(name: string, algorithm: number, publicKey: Buffer): string {
  const hash = noteKeyHash(name, algorithm, publicKey).toString('hex');
  return `${name}+${hash}+${Buffer.concat([Buffer.from([algorithm]), publicKey]).toString('base64')}`;
}

/** Parses "<name>+<hash>+<key>" for Ed25519 keys and, through `extra`, other algorithms (SM2). */
export function parseVerifierKey(
  text: string,
  extra: Record<number, (name: string, publicKey: Buffer) => NoteVerifier> = {},
): NoteVerifier {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!match) throw new Error('malformed verifier key');
  const [, name, hashHex, keyBase64] = match as unknown as [string, string, string, string];
  const key = Buffer.from(keyBase64, 'base64');
  const algorithm = key[0];
  const publicKey = key.subarray(1);
  const keyHash = Buffer.from(hashHex, 'hex');
  if (algorithm === undefined || !noteKeyHash(name, algorithm, publicKey).equals(keyHash))
    throw new Error('verifier key hash does not match its key');
  const other = extra[algorithm];
  if (other) return other(name, publicKey);
  if (algorithm !== ed25519Algorithm || publicKey.length !== 32) throw new Error('unsupported verifier key algorithm');
  const keyObject = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') }, format: 'jwk' });
  return { name, keyHash, verify: (message, signature) => signature.length === 64 && verify(null, message, keyObject, signature) };
}

export function signNote(text: string, signers: NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new Error('note text must end with a newline');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => `— ${signer.name} ${Buffer.concat([signer.keyHash, signer.sign(message)]).toString('base64')}\n`);
  return `${text}\n${lines.join('')}`;
}

/** Adds signature lines (e.g. witness cosignatures) to an already signed note. */
export function appendSignatures(note: string, lines: string[]): string {
  return note + lines.map((line) => (line.endsWith('\n') ? line : `${line}\n`)).join('');
}

export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('malformed note');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      if (!match) throw new Error('malformed signature line');
      const bytes = Buffer.from(match[2] as string, 'base64');
      if (bytes.length < 5) throw new Error('malformed signature');
      return { name: match[1] as string, keyHash: bytes.subarray(0, 4), signature: bytes.subarray(4) };
    });
  if (signatures.length === 0) throw new Error('note has no signatures');
  return { text, signatures };
}

export interface NoteCheck {
  text: string;
  /** Names of the known keys whose signatures are valid (one entry per signature). */
  verifiedBy: string[];
  /** Signatures by a known key that do not verify: the note was altered, or the signature forged. */
  invalid: NoteSignature[];
}

/** Checks every signature line by a known key; lines by unknown keys are ignored, as signed-note says. */
export function verifyNote(note: string, verifiers: NoteVerifier[]): NoteCheck {
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, 'utf8');
  const verifiedBy: string[] = [];
  const invalid: NoteSignature[] = [];
  for (const sig of signatures) {
    const key = verifiers.find((v) => v.name === sig.name && v.keyHash.equals(sig.keyHash));
    if (!key) continue;
    if (key.verify(message, sig.signature)) verifiedBy.push(sig.name);
    else invalid.push(sig);
  }
  return { text, verifiedBy, invalid };
}
