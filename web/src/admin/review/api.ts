/**
 * 法制审核: the shapes of the review API's answers (src/modules/review) — the reviewers' queue and the per-agency
 * statistics. The review itself is a step of the case (POST /api/cases/{id}/steps, see ../cases/api).
 */
import { api } from '../../api';
import type { ReviewerRatio } from '../../shared/personnel';

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
  averageWorkingDays: number | null;
  overdueReviews: number;
  reviewerRatio: Pick<ReviewerRatio, 'officerCount' | 'reviewerCount' | 'ratio' | 'isBelowMinimum'> | null;
  reviewerTrainingHours: number;
}

export const reviews = {
  queue: () => api.get<{ today: string; items: QueueItem[] }>('/api/reviews/queue'),
  statistics: (year: number) => api.get<{ year: number; items: AgencyReviewStatistics[] }>('/api/reviews/statistics', { year }),
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
