import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** argon2id, OWASP's minimum profile (m=19 MiB, t=2, p=1): ≈25 ms a hash on this machine. */
// Algorithm.Argon2id is an ambient const enum (value 2), which isolated modules cannot read.
const options = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export { passwordRule } from './vocabulary.js';

/** Returns why the password is too weak, or null when it passes the rule. */
export function checkPasswordStrength(password: string, username: string): string | null {
  if (password.length < 12) return `密码至少需要12位，当前为${password.length}位`;
  if (password.length > 128) return '密码不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码需包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (/(.)\1{3,}/.test(password)) return '密码不能包含4个及以上连续相同的字符';
  return null;
}

let dummyHash: Promise<string> | undefined;
/** Spend the same time on an unknown username as on a wrong password, so timing reveals nothing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('lawtrail-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
