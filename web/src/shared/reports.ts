/**
 * 行政执法统计年报: the report as the API answers it (src/modules/reports), for the staff pages and the portal.
 */
import { api } from '../api';

export interface ReportFigure {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  note: string | null;
  sourceKind: 'case' | 'publication';
  sourceCount: number;
  sourcesDigest: string;
}

export interface ChartItem {
  name: string;
  value: number;
}

export interface Report {
  id: string;
  scopeKind: 'agency' | 'government';
  scopeId: string;
  scopeName: string;
  year: number;
  title: string;
  status: 'draft' | 'published';
  statusLabel: string;
  dueOn: string;
  isOverdue: boolean;
  figuresAsOf: string;
  figuresDigest: string;
  sections: { key: string; label: string; figures: ReportFigure[] }[];
  charts: { byActionType: ChartItem[]; outcomes: ChartItem[]; review: ChartItem[]; disclosure: ChartItem[] };
  narrative: { overview: string; problems: string; plans: string };
  publishedOn: string | null;
  publishedBy: string | null;
  version: number;
  ledgerSeq?: number | null;
}

export interface FigureSources {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  sourcesDigest: string;
  items: { caseId: string; caseNumber: string; title: string; openedOn: string; status: string }[];
}

/** 40000 元 → 40,000.00 元; 87.5 % → 87.5%; null → — */
export function formatFigure(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === '元') return `${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  if (unit === '%') return `${value}%`;
  return `${value.toLocaleString('zh-CN')} ${unit}`;
}

export const reportsApi = {
  list: (query: { year?: number; status?: 'draft' | 'published' } = {}) => api.get<{ items: Report[] }>('/api/reports', query),
  get: (id: string) => api.get<Report>(`/api/reports/${encodeURIComponent(id)}`),
  draft: (input: { scopeKind: 'agency' | 'government'; scopeId: string; year: number }) => api.post<Report>('/api/reports', input),
  refresh: (id: string, version: number) => api.post<Report>(`/api/reports/${encodeURIComponent(id)}/refresh`, { version }),
  narrative: (id: string, input: Report['narrative'] & { version: number }) =>
    api.put<Report>(`/api/reports/${encodeURIComponent(id)}/narrative`, input),
  publish: (id: string, version: number) => api.post<Report>(`/api/reports/${encodeURIComponent(id)}/publish`, { version }),
  sources: (id: string, key: string) =>
    api.get<FigureSources>(`/api/reports/${encodeURIComponent(id)}/figures/${encodeURIComponent(key)}/sources`),
  published: (query: { year?: number } = {}) => api.get<{ items: Report[] }>('/api/public/reports', query),
  publishedOne: (id: string) => api.get<Report>(`/api/public/reports/${encodeURIComponent(id)}`),
  pdfUrl: (id: string) => `/api/public/reports/${encodeURIComponent(id)}/pdf`,
  xlsxUrl: (id: string) => `/api/public/reports/${encodeURIComponent(id)}/xlsx`,
};
