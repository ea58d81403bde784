/** Who is acting: a signed-in user, or the system itself (migrations, demo seed, CLI). */
export const roles = ['officer', 'reviewer', 'agency_head', 'supervisor', 'administrator', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  officer: '执法人员',
  reviewer: '法制审核人员',
  agency_head: '机关负责人',
  supervisor: '执法监督人员',
  administrator: '系统管理员',
  auditor: '审计人员',
};

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
