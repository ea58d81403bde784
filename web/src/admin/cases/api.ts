/**
 * 案件办理: the shapes of the case API's answers (src/modules/cases) and one call per endpoint, plus the catalog and
 * roster look-ups the case forms need (the agency's published items and benchmarks, its officers).
 */

import type { AccessPurpose, EvidenceKind, ProcedureKey } from '../../../../src/kernel/vocabulary';
import { api } from '../../api';
import { catalog } from '../../shared/endpoints';
import type { Certificate, Officer } from '../../shared/personnel';
import type { ActionType, CatalogEntry, CatalogKind, LegalBasis, Page } from '../../shared/types';

export type { AccessPurpose, EvidenceKind, ProcedureKey };

// ---- Procedures: the server's own definition types (src/modules/cases/procedures/types.ts) ----

import type {
  ClockDefinition,
  FieldKind,
  FieldSpec,
  FlowEdge,
  FlowNode,
  ProcedureDefinition,
  ProcedureFlow,
  StepDefinition,
} from '../../../../src/modules/cases/procedures/types';

export type { ClockDefinition, FieldKind, FieldSpec, FlowEdge, FlowNode, ProcedureDefinition, ProcedureFlow, StepDefinition };

export interface ProcedureWithFlow {
  definition: ProcedureDefinition;
  flow: ProcedureFlow;
}

export interface ProcedureSummary {
  key: ProcedureKey;
  version: number;
  name: string;
  actionType: ActionType;
  basis: string;
}

// ---- Cases ----

export interface CaseParty {
  type: 'person' | 'organization';
  name: string;
  idNumberMasked: string | null;
  creditCode: string | null;
  address: string | null;
}

export interface CaseSummary {
  id: string;
  agencyId: string;
  agencyName?: string;
  number: string;
  title: string;
  status: string;
  statusLabel: string;
  procedure: { key: ProcedureKey; version: number };
  procedureName: string;
  actionType: ActionType;
  itemCode: string;
  itemName: string;
  legalBases: LegalBasis[];
  legalBasisText: string;
  divisionCode: string;
  divisionName: string;
  party: CaseParty;
  source: string;
  sourceLabel: string;
  openedOn: string;
  closedOn: string | null;
  fullProcessRecording: boolean;
  officerIds: string[];
  version: number;
}

export interface TimelineField {
  key: string;
  label: string;
  value: unknown;
  options: Record<string, string> | null;
}

export interface CaseDocument {
  id: string;
  kind: string;
  title: string;
  number: string;
  issuedOn: string;
  pdfSha256: string;
}

export interface TimelineStep {
  id: string;
  stepKey: string;
  label: string;
  basis: string | null;
  position: number;
  occurredOn: string;
  recordedAt: string;
  actorLabel: string;
  officers: { id: string; name: string }[];
  recordingIds: string[];
  data: Record<string, unknown>;
  fields: TimelineField[];
  documents: CaseDocument[];
  ledgerSeq: number;
}

export type ClockStatus = 'running' | 'due_soon' | 'overdue' | 'paused' | 'met' | 'late';

export interface ClockView {
  key: string;
  label: string;
  basis: string;
  duty: string;
  unit: 'working' | 'calendar';
  days: number;
  startedOn: string;
  dueOn: string | null;
  stoppedOn: string | null;
  extensionDays: number;
  status: ClockStatus;
  statusLabel: string;
  daysLeft: number | null;
  surcharge: { days: number; amountFen: number; basis: string } | null;
  provisionalNote: string | null;
}

export interface NextStep {
  key: string;
  label: string;
  description: string;
  basis: string | null;
  roles: string[];
  canAct: boolean;
  needsOfficers: boolean;
  needsRecording: boolean;
  fields: FieldSpec[];
  documents: string[];
}

export interface CaseFlag {
  id: string;
  kind: string;
  detail: string;
  stepId: string | null;
  createdAt: string;
}

export type ReviewStatus = 'not_submitted' | 'pending' | 'passed' | 'not_passed';

/** Is the case's proposal a major decision (重大执法决定), why, and where its legal review stands. */
export interface MajorView {
  isMajor: boolean;
  reasons: { code: string; name: string; description: string; basis: string }[];
  review: {
    status: ReviewStatus;
    statusLabel: string;
    opinion: string | null;
    /** A passed review covers the proposal as it stands now. */
    coversCurrentProposal: boolean;
  };
}

export interface CaseDetail extends CaseSummary {
  procedureBasis: string;
  officers: { id: string; name: string }[];
  timeline: TimelineStep[];
  clocks: ClockView[];
  nextSteps: NextStep[];
  flags: CaseFlag[];
  major: MajorView;
}

export interface CaseQuery {
  q?: string;
  procedure?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

export interface PartyInput {
  type: 'person' | 'organization';
  name: string;
  idNumber?: string;
  creditCode?: string;
  address?: string;
}

export interface OpenCaseInput {
  agencyId: string;
  procedure: ProcedureKey;
  itemCode: string;
  divisionCode: string;
  party: PartyInput;
  fullProcessRecording?: boolean;
  officerIds: string[];
  occurredOn?: string;
  data: Record<string, unknown>;
}

export interface StepInput {
  step: string;
  version: number;
  occurredOn?: string;
  officerIds?: string[];
  recordingIds?: string[];
  data: Record<string, unknown>;
}

export interface DueItem {
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  agencyName: string;
  statusLabel: string;
  clockKey: string;
  label: string;
  basis: string;
  duty: string;
  startedOn: string;
  dueOn: string;
  isOverdue: boolean;
  workingDaysLeft: number;
}

// ---- Evidence ----

export interface Evidence {
  id: string;
  caseId: string;
  fileId: string;
  kind: EvidenceKind;
  kindLabel: string;
  title: string;
  description: string | null;
  capturedAt: string;
  capturedPlace: string;
  deviceId: string | null;
  deviceSerial: string | null;
  officerIds: string[];
  supersedesId: string | null;
  supersededById: string | null;
  correctionReason: string | null;
  createdAt: string;
  file: { algorithm: string; digest: string; size: number; mediaType: string; fileName: string };
  ledgerSeq: number;
  fileLedgerSeq: number | null;
  digestMatchesLedger: boolean;
}

export interface EvidenceInput {
  fileId: string;
  kind: EvidenceKind;
  title: string;
  description?: string;
  capturedAt: string;
  capturedPlace: string;
  officerIds: string[];
  supersedesId?: string;
  correctionReason?: string;
}

export interface AccessGrant {
  accessId: string;
  url: string;
  expiresAt: string;
}

export interface EvidenceCheck {
  algorithm: string;
  recordedDigest: string | null;
  recordedLedgerSeq: number | null;
  storedDigest: string | null;
  isIntact: boolean;
  message: string;
}

export interface AccessLogEntry {
  id: string;
  evidenceId: string;
  evidenceTitle: string;
  who: string;
  action: 'view' | 'download';
  actionLabel: string;
  purpose: string;
  purposeLabel: string;
  note: string | null;
  at: string;
  ledgerSeq: number;
}

// ---- Calls ----

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;
const evidencePath = (id: string) => `/api/evidence/${encodeURIComponent(id)}`;

export const procedures = {
  list: () => api.get<{ items: ProcedureSummary[] }>('/api/procedures'),
  get: (key: string, version?: number) => api.get<ProcedureWithFlow>(`/api/procedures/${encodeURIComponent(key)}`, { version }),
};

export const cases = {
  list: (query: CaseQuery) => api.get<Page<CaseSummary>>('/api/cases', { ...query }),
  get: (id: string) => api.get<CaseDetail>(casePath(id)),
  open: (body: OpenCaseInput) => api.post<CaseDetail>('/api/cases', body),
  step: (id: string, body: StepInput) => api.post<CaseDetail>(`${casePath(id)}/steps`, body),
  due: () => api.get<{ today: string; items: DueItem[] }>('/api/cases/due'),
  evidence: (id: string) => api.get<{ items: Evidence[] }>(`${casePath(id)}/evidence`),
  addEvidence: (id: string, body: EvidenceInput) => api.post<Evidence>(`${casePath(id)}/evidence`, body),
  accessLog: (id: string) => api.get<{ items: AccessLogEntry[] }>(`${casePath(id)}/access-log`),
};

export const evidence = {
  access: (id: string, body: { action: 'view' | 'download'; purpose: AccessPurpose; note?: string }) =>
    api.post<AccessGrant>(`${evidencePath(id)}/access`, body),
  check: (id: string) => api.post<EvidenceCheck>(`${evidencePath(id)}/check`),
};

// ---- What the forms look up ----

export type RosterOfficer = Officer & { certificate: Certificate | null };

/** The agency's roster (in post, officers and auxiliaries), with each officer's current certificate. */
export async function loadRoster(agencyId: string): Promise<RosterOfficer[]> {
  const all: RosterOfficer[] = [];
  for (let page = 1; page <= 10; page += 1) {
    const answer = await api.get<Page<RosterOfficer>>('/api/officers', { agencyId, page, pageSize: 200 });
    all.push(...answer.items);
    if (answer.items.length < 200 || all.length >= answer.total) break;
  }
  return all.filter((officer) => officer.isActive);
}

/** Every entry of the agency's published list of a kind (empty when it has none published). */
export async function loadPublishedEntries(agencyId: string, kind: CatalogKind, actionType?: ActionType): Promise<CatalogEntry[]> {
  const overview = await catalog.agency(agencyId);
  const published = overview.lists.find((list) => list.kind === kind)?.published;
  if (!published) return [];
  const all: CatalogEntry[] = [];
  for (let page = 1; page <= 20; page += 1) {
    const answer = await catalog.version(published.id, { page, pageSize: 200, ...(actionType ? { actionType } : {}) });
    all.push(...answer.entries.items);
    if (answer.entries.items.length < 200 || all.length >= answer.entries.total) break;
  }
  return all;
}

export interface BenchmarkGrade {
  code: string;
  label: string;
  circumstances?: string;
  penalty?: string;
  minAmount?: number;
  maxAmount?: number;
}

export interface Benchmark {
  code: string;
  name: string;
  itemCode?: string;
  grades: BenchmarkGrade[];
}

/** The published discretion benchmarks that apply to an enforcement item. */
export async function loadBenchmarks(agencyId: string, itemCode: string): Promise<Benchmark[]> {
  const entries = await loadPublishedEntries(agencyId, 'discretion_benchmark');
  return entries
    .filter((entry) => entry.itemCode === itemCode)
    .map((entry) => ({
      code: entry.code,
      name: entry.name,
      itemCode: entry.itemCode as string,
      grades: Array.isArray(entry.grades) ? (entry.grades as BenchmarkGrade[]) : [],
    }));
}
