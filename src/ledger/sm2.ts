import { sm2 } from 'sm-crypto';
import type { NoteSigner, NoteVerifier } from './note.js';
import { noteKeyHash } from './note.js';

/**
 * National cryptography: GB/T 32918 SM2 signatures over SM3 (with the standard's default user id
 * 1234567812345678), via sm-crypto — node:crypto's own "SM2" is ECDSA on the SM2 curve and interoperates with nothing.
 * OpenSSL verifies these: `openssl dgst -sm3 -verify key.pem -signature sig.der -sigopt distid:1234567812345678`.
 *
 * In signed notes the algorithm byte 0x53 ("S") marks an SM2 key. It is Lawtrail's own identifier, not a C2SP-registered
 * one; signed-note verifiers skip signatures by keys they do not know, so Ed25519-only verifiers are unaffected.
 */
export const sm2Algorithm = 0x53;
const signOptions = { hash: true, der: true } as const;

export interface Sm2KeyPair {
  privateKey: string;
  /** Uncompressed point, hex: 04 ‖ x ‖ y. */
  publicKey: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const pair = sm2.generateKeyPairHex();
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}

export function sm2PublicKeyBytes(pair: Pick<Sm2KeyPair, 'publicKey'>): Buffer {
  return Buffer.from(pair.publicKey, 'hex');
}

/** The public key as an X.509 SubjectPublicKeyInfo PEM (id-ecPublicKey on curve SM2, OID 1.2.156.10197.1.301). */
export function sm2PublicKeyPem(publicKey: Buffer): string {
  const spki = Buffer.concat([Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex'), publicKey]);
  return `-----BEGIN PUBLIC KEY-----\n${(spki.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END PUBLIC KEY-----\n`;
}

export function sm2Signer(name: string, pair: Sm2KeyPair): NoteSigner {
  return {
    name,
    keyHash: noteKeyHash(name, sm2Algorithm, sm2PublicKeyBytes(pair)),
    // DER-encoded (r, s), as OpenSSL reads it; the message is the note text's UTF-8 bytes.
    sign: (message) => Buffer.from(sm2.doSignature(message.toString('utf8'), pair.privateKey, signOptions), 'hex'),
  };
}

export function sm2Verifier(name: string, publicKey: Buffer): NoteVerifier {
  const publicHex = publicKey.toString('hex');
  return {
    name,
    keyHash: noteKeyHash(name, sm2Algorithm, publicKey),
    verify: (message, signature) => {
      try {
        return sm2.doVerifySignature(message.toString('utf8'), signature.toString('hex'), publicHex, signOptions);
      } catch {
        return false;
      }
    },
  };
}
