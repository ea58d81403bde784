import { describe, expect, it } from 'vitest';
import { checkResidentId, maskResidentId, residentIdCheckCharacter } from './resident-id.js';

describe('resident identity numbers (GB 11643)', () => {
  it('accepts the standard example and computes its check character', () => {
    // The worked example of GB 11643-1999 Annex: 11010519491231002X.
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(checkResidentId('11010519491231002x')).toEqual({ isValid: true, birthDate: '1949-12-31' });
  });

  it('refuses a wrong check character, an impossible birth date and a short number, saying which', () => {
    expect(checkResidentId('110105194912310021')).toEqual({ isValid: false, reason: '公民身份号码校验位不正确' });
    expect(checkResidentId('110105194902300021')).toMatchObject({ reason: '公民身份号码中的出生日期不正确' });
    expect(checkResidentId('1101051949')).toMatchObject({ isValid: false });
  });

  it('masks all but the division code and the last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});
