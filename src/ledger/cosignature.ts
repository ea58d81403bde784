import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ed25519PublicKeyBytes, formatVerifierKey, noteKeyHash } from './note.js';

/**
 * C2SP tlog-cosignature: a witness signs "cosignature/v1\ntime <unix seconds>\n" followed by the checkpoint's text, with
 * Ed25519; its signature line carries key hash ‖ 8-byte big-endian timestamp ‖ signature, under algorithm byte 0x04.
 */
export const cosignatureAlgorithm = 0x04;

export function cosignedMessage(checkpointText: string, timestamp: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8');
}

export interface Cosigner {
  name: string;
  verifierKey: string;
  cosign(checkpointText: string, timestamp: number): string;
}

export function createCosigner(name: string, privateKey: KeyObject): Cosigner {
  const publicKey = ed25519PublicKeyBytes(createPublicKey(privateKey));
  const keyHash = noteKeyHash(name, cosignatureAlgorithm, publicKey);
  return {
    name,
    verifierKey: formatVerifierKey(name, cosignatureAlgorithm, publicKey),
    cosign(text, timestamp) {
      const time = Buffer.alloc(8);
      time.writeBigUInt64BE(BigInt(timestamp));
      const signature = sign(null, cosignedMessage(text, timestamp), privateKey);
      return `— ${name} ${Buffer.concat([keyHash, time, signature]).toString('base64')}`;
    },
  };
}

/** Checks a cosignature line for the checkpoint text against a witness's verifier key; returns its time, or null. */
export function verifyCosignature(line: string, checkpointText: string, witnessKey: string): { timestamp: number } | null {
  const key = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(witnessKey.trim());
  const sig = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(line.trim());
  if (!key || !sig || key[1] !== sig[1]) return null;
  const keyBytes = Buffer.from(key[3] as string, 'base64');
  if (keyBytes[0] !== cosignatureAlgorithm || keyBytes.length !== 33) return null;
  const bytes = Buffer.from(sig[2] as string, 'base64');
  if (bytes.length !== 4 + 8 + 64 || bytes.subarray(0, 4).toString('hex') !== key[2]) return null;
  const timestamp = Number(bytes.readBigUInt64BE(4));
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: keyBytes.subarray(1).toString('base64url') }, format: 'jwk' });
  return verify(null, cosignedMessage(checkpointText, timestamp), publicKey, bytes.subarray(12)) ? { timestamp } : null;
}

/** The witness key of this Lawtrail, kept with the other keys outside the database (`<data>/keys/witness/`). */
export function loadCosigner(dataDir: string, origin: string): Cosigner {
  const dir = path.join(dataDir, 'keys', 'witness');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let files = readdirSync(dir).filter((f) => f.endsWith('.pem'));
  if (files.length === 0) {
    writeFileSync(path.join(dir, 'ed25519.pem'), generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), {
      mode: 0o600,
    });
    files = ['ed25519.pem'];
  }
  const file = path.join(dir, files.sort().reverse()[0] as string);
  if (!existsSync(file)) throw new Error('witness key missing');
  return createCosigner(`${origin}/witness`, createPrivateKey(readFileSync(file, 'utf8')));
}
