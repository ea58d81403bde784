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

/**
 * The log's signing keys live outside the database, in `<data>/keys/ledger/` (one PEM file per key, named by the time
 * it was made). The newest signs; every key ever used stays published, so checkpoints signed before a rotation keep
 * verifying.
 */
export interface LedgerKeys {
  origin: string;
  signer: NoteSigner;
  /** Verifier keys, newest first. */
  verifierKeys: string[];
  verifiers: NoteVerifier[];
}

function keyDir(dataDir: string): string {
  return path.join(dataDir, 'keys', 'ledger');
}

function stamp(): string {
  return new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export function createLedgerKey(dataDir: string): string {
  const dir = keyDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const made = stamp();
  let file = '';
  for (let n = 0; n === 0 || existsSync(file); n++) file = path.join(dir, `ed25519-${made}-${String(n).padStart(2, '0')}.pem`);
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return file;
}

export function loadLedgerKeys(dataDir: string, origin: string): LedgerKeys {
  const dir = keyDir(dataDir);
  if (!existsSync(dir) || readdirSync(dir).filter((f) => f.endsWith('.pem')).length === 0) createLedgerKey(dataDir);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pem'))
    .sort()
    .reverse();
  const keys: KeyObject[] = files.map((f) => createPrivateKey(readFileSync(path.join(dir, f), 'utf8')));
  const verifierKeys = keys.map((key) => formatVerifierKey(origin, ed25519Algorithm, ed25519PublicKeyBytes(key)));
  return {
    origin,
    signer: ed25519Signer(origin, keys[0] as KeyObject),
    verifierKeys,
    verifiers: verifierKeys.map(parseVerifierKey),
  };
}
