/** Who is acting: a signed-in user, or the system itself (migrations, demo seed, CLI). */
import { type Role, roles } from './vocabulary.js';

export { type Role, roleLabels, roles } from './vocabulary.js';

export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  agencyId: string | null;
  governmentId: string | null;
  roles: Role[];
  sessionId: string;
}

export interface SystemActor {
  kind: 'system';
  label: string;
}

export type Actor = UserActor | SystemActor;

export function systemActor(label: string): SystemActor {
  return { kind: 'system', label };
}

export function hasRole(actor: Actor, ...wanted: Role[]): boolean {
  return actor.kind === 'user' && actor.roles.some((role) => wanted.includes(role));
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Roles that must use a second factor (TOTP) to sign in. */
export const rolesRequiringSecondFactor: readonly Role[] = ['administrator', 'reviewer'];
