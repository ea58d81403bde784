/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a
 * 31-character alphabet (no I, O, Z, S, V); the 18th is a check character over the first 17.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccCheck = { isValid: true } | { isValid: false; reason: string };

export function computeUsccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = alphabet.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`invalid character at ${i + 1}`);
    sum += value * (weights[i] as number);
  }
  return alphabet.charAt((31 - (sum % 31)) % 31);
}

export function checkUscc(input: string): UsccCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    return { isValid: false, reason: `统一社会信用代码应为18位，当前为${code.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    if (!alphabet.includes(code.charAt(i))) {
      return {
        isValid: false,
        reason: `第${i + 1}位“${code.charAt(i)}”不是统一社会信用代码允许的字符（不使用 I、O、Z、S、V）`,
      };
    }
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) {
    return { isValid: false, reason: '第3至8位应为登记管理机关的行政区划码（6位数字）' };
  }
  const expected = computeUsccCheckCharacter(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return {
      isValid: false,
      reason: `第18位校验码错误：按 GB 32100-2015 计算应为“${expected}”，请核对代码是否抄错`,
    };
  }
  return { isValid: true };
}

export function normalizeUscc(input: string): string {
  return input.trim().toUpperCase();
}
