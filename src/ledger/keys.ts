import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ed25519Algorithm,
  ed25519PublicKeyBytes,
  ed25519Signer,
  formatVerifierKey,
  type NoteSigner,
  type NoteVerifier,
  parseVerifierKey,
} from './note.js';
import { generateSm2KeyPair, type Sm2KeyPair, sm2Algorithm, sm2PublicKeyBytes, sm2Signer, sm2Verifier } from './sm2.js';

/**
 * The log's signing keys live outside the database, in `<data>/keys/ledger/` (one file per key, named by the time it
 * was made): Ed25519 always (`ed25519-*.pem`), and SM2 with national cryptography on (`sm2-*.json`). The newest key of
 * each kind signs; every key ever used stays published, so checkpoints signed before a rotation keep verifying.
 */
export interface LedgerKeys {
  origin: string;
  /** The Ed25519 signer (every checkpoint carries its signature). */
  signer: NoteSigner;
  /** Everyone who signs a new checkpoint: Ed25519, then SM2 when it is on. */
  signers: NoteSigner[];
  /** Verifier keys, Ed25519 newest first, then SM2 newest first. */
  verifierKeys: string[];
  verifiers: NoteVerifier[];
}

export type LedgerKeyKind = 'ed25519' | 'sm2';

function keyDir(dataDir: string): string {
  return path.join(dataDir, 'keys', 'ledger');
}

/** Sorts as the keys were made: UTC time to the millisecond, then a counter. */
function stamp(): string {
  return new Date().toISOString().replace(/[-:.]/g, '');
}

function listKeyFiles(dataDir: string, kind: LedgerKeyKind): string[] {
  const dir = keyDir(dataDir);
  if (!existsSync(dir)) return [];
  const extension = kind === 'ed25519' ? '.pem' : '.json';
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${kind}-`) && f.endsWith(extension))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f));
}

export function createLedgerKey(dataDir: string, kind: LedgerKeyKind = 'ed25519'): string {
  const dir = keyDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const made = stamp();
  const extension = kind === 'ed25519' ? 'pem' : 'json';
  let file = '';
  for (let n = 0; n === 0 || existsSync(file); n++) file = path.join(dir, `${kind}-${made}-${String(n).padStart(2, '0')}.${extension}`);
  const content =
    kind === 'ed25519'
      ? (generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)
      : JSON.stringify(generateSm2KeyPair());
  writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return file;
}

/** Parses a verifier key of either kind this log uses. */
export function parseLedgerVerifierKey(text: string): NoteVerifier {
  return parseVerifierKey(text, { [sm2Algorithm]: sm2Verifier });
}

export function loadLedgerKeys(dataDir: string, origin: string, options: { isSm2?: boolean } = {}): LedgerKeys {
  if (listKeyFiles(dataDir, 'ed25519').length === 0) createLedgerKey(dataDir, 'ed25519');
  if (options.isSm2 && listKeyFiles(dataDir, 'sm2').length === 0) createLedgerKey(dataDir, 'sm2');
  const edKeys: KeyObject[] = listKeyFiles(dataDir, 'ed25519').map((f) => createPrivateKey(readFileSync(f, 'utf8')));
  const smKeys: Sm2KeyPair[] = listKeyFiles(dataDir, 'sm2').map((f) => JSON.parse(readFileSync(f, 'utf8')) as Sm2KeyPair);
  const verifierKeys = [
    ...edKeys.map((key) => formatVerifierKey(origin, ed25519Algorithm, ed25519PublicKeyBytes(key))),
    ...smKeys.map((pair) => formatVerifierKey(origin, sm2Algorithm, sm2PublicKeyBytes(pair))),
  ];
  const signer = ed25519Signer(origin, edKeys[0] as KeyObject);
  const smSigner = options.isSm2 && smKeys[0] ? [sm2Signer(origin, smKeys[0])] : [];
  return { origin, signer, signers: [signer, ...smSigner], verifierKeys, verifiers: verifierKeys.map(parseLedgerVerifierKey) };
}
