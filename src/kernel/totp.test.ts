import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, matchTotp, totpCode, totpStep } from './totp.js';

// RFC 6238 Appendix B, SHA-1 seed "12345678901234567890"; the last six digits of its 8-digit codes.
const rfcSecret = encodeBase32(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 test vectors', () => {
    const vectors: [number, string][] = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ];
    for (const [seconds, code] of vectors) expect(totpCode(rfcSecret, totpStep(new Date(seconds * 1000)))).toBe(code);
  });

  it('round-trips base32', () => {
    expect(rfcSecret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(decodeBase32(rfcSecret).toString()).toBe('12345678901234567890');
  });

  it('accepts one step of clock drift but refuses a code that was already used', () => {
    const at = new Date(1111111111 * 1000);
    const previous = totpCode(rfcSecret, totpStep(at) - 1);
    const step = matchTotp(rfcSecret, previous, at, null);
    expect(step).toBe(totpStep(at) - 1);
    expect(matchTotp(rfcSecret, previous, at, step)).toBeNull();
    expect(matchTotp(rfcSecret, totpCode(rfcSecret, totpStep(at) - 2), at, null)).toBeNull();
    expect(matchTotp(rfcSecret, 'abcdef', at, null)).toBeNull();
  });
});
