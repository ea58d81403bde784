/**
 * 执法人员与证件: the roster, certificates and their lifecycle, training, the reviewer ratio, and what the public may
 * check (亮证执法). Shapes of the API's answers, one call per endpoint, and the small rules the pages share.
 */

import {
  type AgencyKind,
  agencyKinds,
  type CertificateStatus,
  certificateStatuses,
  minReviewerRatio,
  type TrainingCategory,
  trainingCategories,
} from '../../../src/kernel/vocabulary';
import { api } from '../api';
import { uploadFile } from './endpoints';
import type { Page } from './types';

export type { CertificateStatus, TrainingCategory };
export { certificateStatuses, minReviewerRatio, trainingCategories };

// ---- Shapes ----

export interface Officer {
  id: string;
  agencyId: string;
  agencyName?: string;
  userId: string | null;
  name: string;
  post: string | null;
  isAuxiliary: boolean;
  isActive: boolean;
  version: number;
}

export interface Certificate {
  id: string;
  officerId: string;
  agencyId: string;
  number: string;
  categories: AgencyKind[];
  categoryLabels: string[];
  regionCode: string;
  regionName: string;
  issuedOn: string;
  expiresOn: string;
  nextReviewOn: string | null;
  lastReviewedOn: string | null;
  /** 登记状态: valid / suspended / cancelled. */
  status: 'valid' | 'suspended' | 'cancelled';
  statusReason: string | null;
  statusChangedOn: string | null;
  /** Today's status: the recorded one, or expired / review_overdue. */
  effectiveStatus: CertificateStatus;
  effectiveStatusLabel: string;
  /** Valid today (and already in force). */
  isValid: boolean;
  version: number;
}

export interface TrainingRecord {
  id: string;
  agencyId: string;
  officerId: string | null;
  userId: string | null;
  personName: string;
  course: string;
  category: TrainingCategory;
  categoryLabel: string;
  hours: number;
  completedOn: string;
  provider: string | null;
}

export interface PersonnelHistoryEntry {
  seq: number;
  occurredAt: string;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string;
}

export interface ReviewerRatio {
  agencyId: string;
  agencyName: string;
  officerCount: number;
  auxiliaryCount: number;
  reviewerCount: number;
  /** Of them, those with a recorded legal-profession qualification. */
  qualifiedReviewerCount: number;
  /** Null when the agency has no enforcement officer. */
  ratio: number | null;
  isBelowMinimum: boolean;
}

/** What anyone may see of a certificate: no phone, ID number or address. */
export interface PublicCertificate {
  number: string;
  officerName: string;
  post: string | null;
  agencyId: string;
  agencyName: string;
  categories: AgencyKind[];
  categoryLabels: string[];
  regionName: string;
  issuedOn: string;
  expiresOn: string;
  status: CertificateStatus;
  statusLabel: string;
  isValid: boolean;
}

export interface CertificateCheck extends PublicCertificate {
  /** The day (in China) the server checked it. */
  checkedOn: string;
}

// ---- Calls ----

export interface OfficerQuery {
  q?: string;
  agencyId?: string;
  isAuxiliary?: boolean;
  page?: number;
  pageSize?: number;
}

export interface OfficerCreate {
  agencyId: string;
  name: string;
  post?: string | null;
  isAuxiliary?: boolean;
}

export interface OfficerPatch {
  version: number;
  name?: string;
  post?: string | null;
  isAuxiliary?: boolean;
  isActive?: boolean;
  reason?: string;
}

export interface CertificateIssue {
  number: string;
  categories: AgencyKind[];
  regionCode: string;
  issuedOn: string;
  expiresOn: string;
  nextReviewOn?: string;
}

export type LifecycleAction =
  | { action: 'renew'; expiresOn: string; nextReviewOn?: string; reason: string }
  | { action: 'review'; reviewedOn: string; isPassed: boolean; nextReviewOn?: string; reason: string }
  | { action: 'suspend' | 'reinstate' | 'cancel'; reason: string };

export interface TrainingCreate {
  officerId?: string;
  userId?: string;
  course: string;
  category: TrainingCategory;
  hours: number;
  completedOn: string;
  provider?: string;
}

const officerPath = (id: string) => `/api/officers/${encodeURIComponent(id)}`;

export const officers = {
  list: (query: OfficerQuery) => api.get<Page<Officer>>('/api/officers', { ...query }),
  create: (body: OfficerCreate) => api.post<Officer>('/api/officers', body),
  update: (id: string, body: OfficerPatch) => api.patch<Officer>(officerPath(id), body),
  deactivate: (officer: Officer, reason: string) =>
    api.patch<Officer>(officerPath(officer.id), { version: officer.version, isActive: false, reason }),
  history: (id: string) => api.get<{ items: PersonnelHistoryEntry[] }>(`${officerPath(id)}/history`),
  certificates: (id: string) => api.get<{ items: Certificate[] }>(`${officerPath(id)}/certificates`),
  issueCertificate: (id: string, body: CertificateIssue) => api.post<Certificate>(`${officerPath(id)}/certificates`, body),
};

export const certificates = {
  change: (certificate: Pick<Certificate, 'id' | 'version'>, body: LifecycleAction) =>
    api.post<Certificate>(`/api/certificates/${encodeURIComponent(certificate.id)}/lifecycle`, {
      version: certificate.version,
      ...body,
    }),
};

export const training = {
  list: (query: { agencyId: string; officerId?: string; userId?: string }) =>
    api.get<{ items: TrainingRecord[]; totalHours: number }>('/api/training', { ...query }),
  create: (body: TrainingCreate) => api.post<TrainingRecord>('/api/training', body),
};

export const reviewerRatios = {
  get: () => api.get<{ minRatio: number; items: ReviewerRatio[] }>('/api/personnel/reviewer-ratios'),
};

const publicOptions = { skipAuthRedirect: true };

export interface PublicOfficerQuery {
  agencyId?: string;
  category?: AgencyKind;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const publicPersonnel = {
  verify: (number: string) => api.get<CertificateCheck>(`/api/public/certificates/${encodeURIComponent(number)}`, undefined, publicOptions),
  officers: (query: PublicOfficerQuery) => api.get<Page<PublicCertificate>>('/api/public/officers', { ...query }, publicOptions),
};

// ---- Rules the pages share ----

/** 执法门类 options with their Chinese names, in the vocabulary's order. */
export const categoryOptions = (Object.keys(agencyKinds) as AgencyKind[]).map((value) => ({ value, label: agencyKinds[value] }));

export const trainingCategoryOptions = (Object.keys(trainingCategories) as TrainingCategory[]).map((value) => ({
  value,
  label: trainingCategories[value],
}));

export type StatusTone = 'valid' | 'invalid' | 'pending';

export interface ShownStatus {
  label: string;
  tone: StatusTone;
  /** The sentence the verification page shows in large type. */
  sentence: string;
}

const invalidSentence: Record<CertificateStatus, string> = {
  valid: '该执法证尚未生效',
  suspended: '该执法证已被暂扣',
  cancelled: '该执法证已注销',
  expired: '该执法证已过期',
  review_overdue: '该执法证未按期年审',
};

/**
 * How a certificate's state reads today: 有效 (green) only when the server says it is valid today; a certificate whose
 * status is valid but which is not yet in force is 尚未生效; anything else (暂扣, 已注销, 已过期, 未按期年审) is red.
 */
export function describeCertificateStatus(certificate: { status: CertificateStatus; isValid: boolean } | null): ShownStatus {
  if (!certificate) return { label: '未领取执法证', tone: 'pending', sentence: '' };
  if (certificate.isValid) return { label: certificateStatuses.valid, tone: 'valid', sentence: '该执法人员今日持有效执法证' };
  const label = certificate.status === 'valid' ? '尚未生效' : certificateStatuses[certificate.status];
  return { label, tone: 'invalid', sentence: `${invalidSentence[certificate.status]}，持证人不得从事执法活动` };
}

/** A ratio as people read it: 0.0476 → 4.8%; no officers → —. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const percent = Math.round(ratio * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** 5% from 0.05, for the 低于5% tag. */
export const minRatioLabel = formatRatio(minReviewerRatio);

/** The portal page a certificate's QR code opens. */
export function verificationPath(number: string): string {
  return `/verify/certificate/${encodeURIComponent(number)}`;
}

export function verificationUrl(origin: string, number: string): string {
  return `${origin.replace(/\/$/, '')}${verificationPath(number)}`;
}

/**
 * The certificate an officer holds now: the one registered valid or suspended (at most one), otherwise the most
 * recently issued; null when none was ever issued.
 */
export function currentCertificate(items: Certificate[]): Certificate | null {
  const held = items.find((c) => c.status === 'valid' || c.status === 'suspended');
  if (held) return held;
  return [...items].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))[0] ?? null;
}

/** Which lifecycle steps a certificate's registered status allows (the server refuses the others). */
export function allowedActions(status: Certificate['status']): LifecycleAction['action'][] {
  switch (status) {
    case 'valid':
      return ['renew', 'review', 'suspend', 'cancel'];
    case 'suspended':
      return ['reinstate', 'cancel'];
    case 'cancelled':
      return [];
  }
}

export const lifecycleLabels: Record<LifecycleAction['action'], string> = {
  renew: '换发',
  review: '年审',
  suspend: '暂扣',
  reinstate: '恢复',
  cancel: '注销',
};

export interface RosterImportJob {
  id: string;
  agencyId: string;
  agencyName: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  statusLabel: string;
  totalRows: number;
  processedRows: number;
  errorCount: number;
  errors: { row: number; column: string; detail: string }[];
  result: { officerCount: number; certificateCount: number } | null;
  failure: { code: string; title: string; detail: string | null } | null;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The roster as .xlsx: template, export of an agency's roster, and the import job. */
export const rosterSpreadsheet = {
  templateUrl: '/api/personnel/roster/template.xlsx',
  exportUrl: (agencyId: string) => `/api/agencies/${encodeURIComponent(agencyId)}/roster.xlsx`,
  start: (agencyId: string, file: Blob) =>
    uploadFile<{ id: string }>(`/api/agencies/${encodeURIComponent(agencyId)}/roster/import`, {}, file, xlsxType),
  get: (id: string) => api.get<RosterImportJob>(`/api/personnel/roster/imports/${encodeURIComponent(id)}`),
};
