import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519PublicKeyBytes, ed25519Signer, formatVerifierKey, parseVerifierKey, signNote, verifyNote } from './note.js';

// The example of Go's golang.org/x/mod/sumdb/note documentation.
const peterKey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const peterNote =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n" +
  '\n' +
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('signed notes (C2SP signed-note)', () => {
  it('verifies the sumdb/note example with its published verifier key', () => {
    const { text, verifiedBy } = verifyNote(peterNote, [parseVerifierKey(peterKey)]);
    expect(verifiedBy).toEqual(['PeterNeumann']);
    expect(text).toBe("If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n");
  });

  it('finds no valid signature once the text changes by one character', () => {
    expect(verifyNote(peterNote.replace('answer', 'Answer'), [parseVerifierKey(peterKey)]).verifiedBy).toEqual([]);
  });

  it('refuses a verifier key whose hash does not match its key', () => {
    expect(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow('hash');
  });

  it('signs notes that its own verifier key checks, and that another key does not', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signer = ed25519Signer('lawtrail.example/640502', privateKey);
    const note = signNote('lawtrail.example/640502\n3\nabc=\n', [signer]);
    const key = formatVerifierKey('lawtrail.example/640502', 1, ed25519PublicKeyBytes(publicKey));
    expect(key).toMatch(/^lawtrail\.example\/640502\+[0-9a-f]{8}\+/);
    expect(verifyNote(note, [parseVerifierKey(key)]).verifiedBy).toEqual(['lawtrail.example/640502']);
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(
      verifyNote(note, [parseVerifierKey(formatVerifierKey('lawtrail.example/640502', 1, ed25519PublicKeyBytes(other)))]).verifiedBy,
    ).toEqual([]);
  });
});
