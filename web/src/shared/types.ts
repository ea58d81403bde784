/** Shapes of the API's answers, as the contract describes them. */

export type { AgencyKind, GovernmentLevel, Role } from '../../../src/kernel/vocabulary';

import type { AgencyKind, GovernmentLevel, Role } from '../../../src/kernel/vocabulary';

export type AuthStage = 'active' | 'second_factor' | 'enrollment';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  agency: { id: string; name: string } | null;
  hasSecondFactor: boolean;
}

export interface AuthState {
  stage: AuthStage;
  csrfToken: string;
  user?: Me;
}

export interface SecondFactorSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  isCurrent: boolean;
}

export interface Government {
  id: string;
  parentId: string | null;
  level: GovernmentLevel;
  divisionCode: string;
  name: string;
}

export interface Agency {
  id: string;
  governmentId: string;
  governmentName: string;
  name: string;
  shortName: string | null;
  uscc: string;
  kind: AgencyKind;
  kindLabel: string;
  isJusticeBureau: boolean;
  address: string | null;
  phone: string | null;
  supervisionPhone: string | null;
  complaintChannel: string | null;
  website: string | null;
  officeHours: string | null;
  isActive: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryEntry {
  seq: number;
  occurredAt: string;
  actorLabel: string;
  action: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  agencyId: string | null;
  agencyName: string | null;
  post: string | null;
  roles: Role[];
  isActive: boolean;
  hasSecondFactor: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PortalAgency {
  id: string;
  name: string;
  kind: AgencyKind;
  kindLabel: string;
  isJusticeBureau?: boolean;
  address: string | null;
  phone: string | null;
  supervisionPhone: string | null;
  complaintChannel: string | null;
  website: string | null;
  officeHours: string | null;
}

export interface Portal {
  /** Null until a government with a justice bureau is set up. `fullName` adds the city, e.g. 中卫市沙坡头区人民政府. */
  government: { name: string; divisionCode: string; fullName?: string } | null;
  justiceBureau: PortalAgency | null;
  agencies: PortalAgency[];
}
