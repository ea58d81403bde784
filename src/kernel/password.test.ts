import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';

describe('passwords', () => {
  it('stores argon2id hashes that verify only the right password', async () => {
    const stored = await hashPassword('Correct-Horse-2026');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, 'Correct-Horse-2026')).toBe(true);
    expect(await verifyPassword(stored, 'correct-horse-2026')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('explains in Chinese why a password is too weak', () => {
    expect(checkPasswordStrength('Short-1', 'zhang')).toBe('密码至少需要12位，当前为7位');
    expect(checkPasswordStrength('alllowercaseletters', 'zhang')).toBe('密码需包含大写字母、小写字母、数字、符号中的至少三类');
    expect(checkPasswordStrength('Zhang.San-2026x', 'zhang.san')).toBe('密码不能包含用户名');
    expect(checkPasswordStrength('Aaaaaa-2026-xyz', 'li')).toBe('密码不能包含4个及以上连续相同的字符');
    expect(checkPasswordStrength('Harbour-Light-2026', 'zhang')).toBeNull();
  });
});
