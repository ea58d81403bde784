import { describe, expect, it } from 'vitest';
import { checkUscc, computeUsccCheckCharacter } from './uscc.js';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published codes whose check characters are letters', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual({ isValid: true });
    expect(checkUscc('11100000000013127D')).toEqual({ isValid: true });
  });

  it('accepts lower case and surrounding spaces as the same code', () => {
    expect(checkUscc(' 91350100m000100y43 ')).toEqual({ isValid: true });
  });

  it('refuses a wrong check character and names the right one in Chinese', () => {
    const result = checkUscc('91350100M000100Y44');
    expect(result.isValid).toBe(false);
    if (!result.isValid) expect(result.reason).toBe('第18位校验码错误：按 GB 32100-2015 计算应为“3”，请核对代码是否抄错');
  });

  it('refuses a single changed character anywhere in the first 17', () => {
    const valid = '91350100M000100Y43';
    for (let i = 0; i < 17; i++) {
      if (i >= 2 && i < 8) continue; // region digits: covered by the digit rule and the check
      const replacement = valid[i] === '1' ? '2' : '1';
      const changed = valid.slice(0, i) + replacement + valid.slice(i + 1);
      expect(checkUscc(changed).isValid, changed).toBe(false);
    }
  });

  it('refuses letters the standard excludes, and the wrong length', () => {
    const withO = checkUscc('91350100MO00100Y43');
    expect(withO.isValid).toBe(false);
    if (!withO.isValid) expect(withO.reason).toContain('第10位“O”');
    const short = checkUscc('9135010');
    expect(short.isValid).toBe(false);
    if (!short.isValid) expect(short.reason).toBe('统一社会信用代码应为18位，当前为7位');
  });

  it('computes the check character that makes a code valid', () => {
    const first17 = '11640502MB0001234';
    expect(checkUscc(first17 + computeUsccCheckCharacter(first17))).toEqual({ isValid: true });
  });
});
