import { randomBytes, randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

/** A secret token for cookies and CSRF: 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
