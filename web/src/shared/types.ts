/** Shapes of the API's answers, as the contract describes them. */

export type { ActionType, AgencyKind, CatalogKind, CatalogVersionStatus, GovernmentLevel, Role } from '../../../src/kernel/vocabulary';

import type { AgencyKind, CatalogKind, CatalogVersionStatus, GovernmentLevel, Role } from '../../../src/kernel/vocabulary';

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

// ---- 事前公开: the catalog lists ----

/** One provision a catalog entry cites. */
export interface LegalBasis {
  law: string;
  article: string;
  clause?: string;
  item?: string;
  text?: string;
}

/** One entry of a list; every kind has a code and a name, the other fields depend on the kind (see catalogFields). */
export type CatalogEntry = { code: string; name: string; actionType?: string; legalBases?: LegalBasis[] } & Record<string, unknown>;

interface CatalogVersionBase {
  id: string;
  agencyId: string;
  agencyName: string;
  kind: CatalogKind;
  kindLabel: string;
  version: number;
  status: CatalogVersionStatus;
  statusLabel: string;
  /** The published version this one corrects, or null for a first compilation. */
  basedOn: number | null;
  note: string | null;
  entryCount: number;
  entriesSha256: string;
  reviewedAt: string | null;
  publishedAt: string | null;
  supersededAt: string | null;
}

export interface CatalogVersion extends CatalogVersionBase {
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  submittedBy: string | null;
  submittedByName: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedByName: string | null;
  reviewOpinion: string | null;
  rowVersion: number;
}

export interface AgencyCatalog {
  agency: { id: string; name: string };
  lists: { kind: CatalogKind; kindLabel: string; published: CatalogVersion | null; open: CatalogVersion | null }[];
}

export interface CatalogVersionPage<V> {
  version: V;
  entries: Page<CatalogEntry>;
}

export interface CatalogEvent extends HistoryEntry {
  subjectType: string;
  subjectId: string;
}

/** A published (现行版本) or superseded (历史版本) version as the portal shows it. */
export interface PublicCatalogVersion extends CatalogVersionBase {
  /** Index of the ledger event that published it (记录序号), for 记录核验. */
  ledgerSeq: number | null;
}

export interface PublicAgencyCatalog {
  agency: { id: string; name: string };
  lists: { kind: CatalogKind; kindLabel: string; published: PublicCatalogVersion | null }[];
}

export interface CatalogSearchHit {
  agencyId: string;
  agencyName: string;
  kind: CatalogKind;
  kindLabel: string;
  versionId: string;
  version: number;
  publishedAt: string | null;
  code: string;
  name: string;
  actionTypeLabel: string | null;
  entry: CatalogEntry;
}

/** A background Excel import (POST /api/catalog/imports), as GET /api/imports/:id reports it. */
export interface ImportJob {
  id: string;
  agencyId: string;
  agencyName: string;
  kind: string;
  kindLabel: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  statusLabel: string;
  totalRows: number;
  processedRows: number;
  errorCount: number;
  /** Row (the header is row 1), Chinese column name and reason; the first 200. */
  errors: { row: number; column: string; detail: string }[];
  result: { versionId: string; version: number; entryCount: number } | null;
  failure: { code: string; title: string; detail: string | null } | null;
  createdAt: string;
  finishedAt: string | null;
}
