/** Ex-post disclosure (事后公开): the public copies the portal shows, and the staff's publication workflow. */
import type { PublicCopy } from '../../../src/modules/disclosure/public-copy-types';
import { api } from '../api';

const publicOptions = { skipAuthRedirect: true };

// The public copy is the server's own type (a pure file with no server imports), so the two cannot drift apart.
export type {
  PublicChange,
  PublicCopy,
  PublicNotice,
  PublicRemedy,
  PublicStatement,
} from '../../../src/modules/disclosure/public-copy-types';
export type PublicStatus = PublicCopy['status'];

export const publicStatusLabels: Record<PublicStatus, string> = { published: '已公开', changed: '已变更', withdrawn: '已撤下' };

export interface PublicRecord extends PublicCopy {
  ledger: { index: number; action: string; label: string; occurredAt: string }[];
}

export interface PublicSummary {
  id: string;
  title: string;
  caseTitle: string;
  documentNumber: string;
  agencyId: string;
  agencyName: string;
  actionType: string;
  actionTypeLabel: string;
  regionName: string;
  partyName: string;
  partyCreditCode: string | null;
  decision: string;
  amount: number | null;
  decidedOn: string;
  publishedOn: string | null;
  status: PublicStatus;
}

export interface PublicPage {
  page: number;
  pageSize: number;
  /** At most 1,000; `totalIsLowerBound` says there are more. */
  total: number;
  totalIsLowerBound?: boolean;
  items: PublicSummary[];
}

export interface PartyHistory extends PublicPage {
  creditCode: string;
  partyName: string;
  countsByActionType: Record<string, number>;
}

export interface DecisionQuery {
  q?: string;
  agencyId?: string;
  actionType?: string;
  from?: string;
  to?: string;
  region?: string;
  minAmount?: number;
  maxAmount?: number;
  status?: string;
  page?: number;
  pageSize?: number;
}

export const publicDecisions = {
  search: (query: DecisionQuery) => api.get<PublicPage>('/api/public/decisions', { ...query }, publicOptions),
  get: (id: string) => api.get<PublicRecord>(`/api/public/decisions/${encodeURIComponent(id)}`, undefined, publicOptions),
  party: (creditCode: string, page = 1) =>
    api.get<PartyHistory>(`/api/public/parties/${encodeURIComponent(creditCode)}`, { page }, publicOptions),
};

/** 8,000元 */
export function formatYuan(amount: number | null | undefined): string {
  return typeof amount === 'number' ? `${amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元` : '—';
}

// ---- Staff ----

export interface ClassifiedMarking {
  kind: 'state_secret' | 'trade_secret';
  reason: string;
  passage?: string;
}

export interface Publication {
  id: string;
  agencyId: string;
  agencyName?: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  actionType: string;
  actionTypeLabel: string;
  decidedOn: string;
  scheduledOn: string;
  rule: { code: string | null; name: string; basis: string; deadlineWorkingDays: number; periodText: string };
  dueOn: string;
  dueProvisional: boolean;
  isOverdue: boolean;
  status: 'due' | 'prepared' | 'blocked' | 'published' | 'withdrawn' | 'changed' | 'ended';
  statusLabel: string;
  classified: ClassifiedMarking[];
  blockedReason: string | null;
  preparedCopy: PublicCopy | null;
  preparedBy: string | null;
  preparedByLabel: string | null;
  checkedByLabel: string | null;
  publishedOn: string | null;
  expiresOn: string | null;
  correctionDueOn: string | null;
  correctionNote: string | null;
  isCorrectionOverdue: boolean;
  endedOn: string | null;
  endReason: string | null;
  overdueRecorded: boolean;
  version: number;
  workingDaysLeft?: number | null;
}

export interface Preview {
  copy: PublicCopy | null;
  findings: { kind: string; label: string; count: number }[];
  blocked: { kind: string; reason: string } | null;
}

const path = (id: string, action = '') => `/api/disclosure/publications/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export const publications = {
  list: (query: { status?: string; overdue?: boolean } = {}) =>
    api.get<{ today: string; items: Publication[] }>('/api/disclosure/publications', { ...query }),
  preview: (id: string, classified?: ClassifiedMarking[]) => api.post<Preview>(path(id, 'preview'), classified ? { classified } : {}),
  prepare: (id: string, version: number, classified?: ClassifiedMarking[]) =>
    api.post<Publication>(path(id, 'prepare'), classified ? { version, classified } : { version }),
  approve: (id: string, version: number) => api.post<Publication>(path(id, 'approve'), { version }),
  returnToPreparer: (id: string, version: number, opinion: string) => api.post<Publication>(path(id, 'return'), { version, opinion }),
  withdraw: (
    id: string,
    body: { version: number; ground: string; source: string; reason: string; currentDecision?: string; currentAmount?: number | null },
  ) => api.post<Publication>(path(id, 'withdraw'), body),
  confirm: (id: string, version: number, note: string) => api.post<Publication>(path(id, 'confirm'), { version, note }),
  end: (id: string, version: number, note: string) => api.post<Publication>(path(id, 'end'), { version, reason: 'credit_repair', note }),
};

export const withdrawalGrounds: Record<string, string> = {
  revoked: '被撤销',
  unlawful: '被确认违法',
  void: '被确认无效',
  changed: '被变更',
};
export const correctionSources: Record<string, string> = {
  reconsideration: '行政复议',
  litigation: '行政诉讼',
  self_correction: '本机关自行纠正',
};

/** 当事人陈述 as staff see it: the text as received (not public) and the public text after redaction. */
export interface Reply {
  id: string;
  publicationId: string;
  channel: 'written' | 'online';
  channelLabel: string;
  text: string;
  publicText: string;
  receivedOn: string;
  status: 'submitted' | 'published' | 'returned' | 'replaced' | 'withdrawn';
  statusLabel: string;
  recordedByLabel: string | null;
  checkedByLabel: string | null;
  publishedOn: string | null;
  returnReason: string | null;
  version: number;
}

/** The party's right to reply: staff record or invite a statement and check it; the party submits with its code. */
export const replies = {
  list: (publicationId: string) => api.get<{ items: Reply[] }>(path(publicationId, 'replies')),
  recordWritten: (publicationId: string, body: { text: string; receivedOn: string }) =>
    api.post<Reply>(path(publicationId, 'replies'), body),
  issueCode: (publicationId: string) => api.post<{ code: string; expiresOn: string }>(path(publicationId, 'reply-code'), {}),
  approve: (id: string, version: number) => api.post<Reply>(`/api/disclosure/replies/${encodeURIComponent(id)}/approve`, { version }),
  returnReply: (id: string, version: number, reason: string) =>
    api.post<Reply>(`/api/disclosure/replies/${encodeURIComponent(id)}/return`, { version, reason }),
  submitOnline: (body: { code: string; text: string }) =>
    api.post<{ id: string; receivedOn: string; status: string; statusLabel: string }>('/api/public/replies', body, publicOptions),
};
