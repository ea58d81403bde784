/**
 * 法制审核: the shapes of the review API's answers (src/modules/review) — the reviewers' queue and the per-agency
 * statistics. The review itself is a step of the case (POST /api/cases/{id}/steps, see ../cases/api).
 */
import { type QualificationKind, qualificationKinds } from '../../../../src/kernel/vocabulary';
import { api } from '../../api';
import type { ReviewerRatio } from '../../shared/personnel';

export { type QualificationKind, qualificationKinds };

export interface QueueItem {
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  partyName: string;
  agencyName: string;
  submittedOn: string;
  submittedBy: string;
  /** 较大数额罚款（ZD-01） */
  majorReasons: string[];
  isResubmission: boolean;
  /** 新任审核员（reviewer.new） once the review office has named one. */
  assignedReviewer: string | null;
  /** Working days added by the head's approval. */
  extendedDays: number;
  dueOn: string | null;
  isOverdue: boolean;
  workingDaysLeft: number | null;
}

export interface AgencyReviewStatistics {
  agencyId: string;
  agencyName: string;
  submissions: number;
  reviews: number;
  passed: number;
  returned: number;
  transferRecommended: number;
  /** 0–1; null without reviews. */
  passRate: number | null;
  deliberations: number;
  disputes: number;
  extensions: number;
  averageWorkingDays: number | null;
  overdueReviews: number;
  reviewerRatio: Pick<ReviewerRatio, 'officerCount' | 'reviewerCount' | 'qualifiedReviewerCount' | 'ratio' | 'isBelowMinimum'> | null;
  reviewerTrainingHours: number;
}

export interface Qualification {
  id: string;
  userId: string;
  personName: string;
  kind: QualificationKind;
  kindLabel: string;
  certificateNumber: string | null;
  obtainedOn: string;
  note: string | null;
}

export interface Reviewer {
  userId: string;
  name: string;
  username: string;
  post: string | null;
  isActive: boolean;
  isQualified: boolean;
  qualifications: Qualification[];
  trainingHours: number;
}

export interface ReviewTerms {
  agencyId: string;
  reviewDays: number;
  maxExtensionDays: number;
  basis: string;
  isDefault: boolean;
  version: number;
}

export interface QualificationInput {
  kind: QualificationKind;
  certificateNumber?: string;
  obtainedOn: string;
  note?: string;
}

export const reviews = {
  queue: () => api.get<{ today: string; items: QueueItem[] }>('/api/reviews/queue'),
  statistics: (year: number) => api.get<{ year: number; items: AgencyReviewStatistics[] }>('/api/reviews/statistics', { year }),
  reviewers: (agencyId: string) =>
    api.get<{ items: Reviewer[]; qualifiedCount: number; activeCount: number }>('/api/personnel/reviewers', { agencyId }),
  recordQualification: (userId: string, input: QualificationInput) =>
    api.post<Qualification>(`/api/personnel/reviewers/${encodeURIComponent(userId)}/qualifications`, input),
  terms: (agencyId: string) => api.get<ReviewTerms>(`/api/reviews/terms/${encodeURIComponent(agencyId)}`),
  setTerms: (agencyId: string, input: Pick<ReviewTerms, 'reviewDays' | 'maxExtensionDays' | 'basis' | 'version'>) =>
    api.put<ReviewTerms>(`/api/reviews/terms/${encodeURIComponent(agencyId)}`, input),
};

/** The review's opinions and findings, as the procedure definition names them (for where a definition is not at hand). */
export const findingOptions = { pass: '符合', fail: '不符合', not_applicable: '不适用' } as const;

/** Solid tags (white text) that keep their contrast on any alert's background. */
export const reviewStatusColors: Record<string, string> = {
  not_submitted: '#595959',
  pending: '#0b4ea2',
  passed: '#237804',
  not_passed: '#a8071a',
};
