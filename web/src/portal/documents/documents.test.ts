import { describe, expect, it } from 'vitest';
import { documentVerificationPath, matchDigest, sha256Hex } from './documents';

describe('checking a document file in the browser', () => {
  it('hashes with WebCrypto and tells which issued file it is', async () => {
    const digest = await sha256Hex(new TextEncoder().encode('abc').buffer as ArrayBuffer);
    expect(digest).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const document = { pdfSha256: digest, docxSha256: '0'.repeat(64) };
    expect(matchDigest(document, digest.toUpperCase())).toEqual({ isMatch: true, format: 'PDF' });
    expect(matchDigest(document, '0'.repeat(64))).toEqual({ isMatch: true, format: 'Word' });
    expect(matchDigest(document, '1'.repeat(64))).toEqual({ isMatch: false });
    expect(documentVerificationPath('a b')).toBe('/verify/document/a%20b');
  });
});
