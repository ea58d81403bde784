/** Typed calls to the API, one function per endpoint of the contract. */
import { ApiError, api, type Problem, setCsrfToken } from '../api';
import type {
  ActionType,
  Agency,
  AgencyCatalog,
  AgencyKind,
  AuthState,
  CatalogEntry,
  CatalogEvent,
  CatalogKind,
  CatalogSearchHit,
  CatalogVersion,
  CatalogVersionPage,
  Government,
  HistoryEntry,
  ImportJob,
  Page,
  Portal,
  PublicAgencyCatalog,
  PublicCatalogVersion,
  Role,
  SecondFactorSetup,
  SessionInfo,
  User,
} from './types';

function remember(state: AuthState): AuthState {
  setCsrfToken(state.csrfToken);
  return state;
}

export const auth = {
  session: () => api.get<AuthState>('/api/auth/session', undefined, { skipAuthRedirect: true }).then(remember),
  login: (username: string, password: string) =>
    api.post<AuthState>('/api/auth/login', { username, password }, { skipAuthRedirect: true }).then(remember),
  secondFactor: (code: string) => api.post<AuthState>('/api/auth/second-factor', { code }, { skipAuthRedirect: true }).then(remember),
  setupSecondFactor: (options?: { skipAuthRedirect?: boolean }) =>
    api.post<SecondFactorSetup>('/api/auth/second-factor/setup', {}, options),
  enableSecondFactor: (code: string, options?: { skipAuthRedirect?: boolean }) =>
    api.post<AuthState>('/api/auth/second-factor/enable', { code }, options).then(remember),
  logout: () => api.post<void>('/api/auth/logout', {}, { skipAuthRedirect: true }).finally(() => setCsrfToken(null)),
  changePassword: (currentPassword: string, newPassword: string) => api.post<void>('/api/auth/password', { currentPassword, newPassword }),
  sessions: () => api.get<{ items: SessionInfo[] }>('/api/auth/sessions'),
  revokeSession: (id: string) => api.delete<void>(`/api/auth/sessions/${encodeURIComponent(id)}`),
};

export const governments = {
  list: () => api.get<{ items: Government[] }>('/api/governments'),
};

export interface AgencyQuery {
  q?: string;
  isActive?: boolean;
  governmentId?: string;
  page?: number;
  pageSize?: number;
}

export interface AgencyFields {
  name: string;
  shortName?: string | null;
  uscc: string;
  kind: AgencyKind;
  address?: string | null;
  phone?: string | null;
  supervisionPhone?: string | null;
  complaintChannel?: string | null;
  website?: string | null;
  officeHours?: string | null;
}

export type AgencyCreate = AgencyFields & { governmentId: string };
export type AgencyPatch = Partial<AgencyFields> & { version: number };

const agencyPath = (id: string) => `/api/agencies/${encodeURIComponent(id)}`;

export const agencies = {
  list: (query: AgencyQuery) => api.get<Page<Agency>>('/api/agencies', { ...query }),
  get: (id: string) => api.get<Agency>(agencyPath(id)),
  create: (body: AgencyCreate) => api.post<Agency>('/api/agencies', body),
  update: (id: string, body: AgencyPatch) => api.patch<Agency>(agencyPath(id), body),
  deactivate: (id: string, version: number, reason: string) => api.post<Agency>(`${agencyPath(id)}/deactivate`, { version, reason }),
  activate: (id: string, version: number) => api.post<Agency>(`${agencyPath(id)}/activate`, { version }),
  history: (id: string) => api.get<{ items: HistoryEntry[] }>(`${agencyPath(id)}/history`),
};

export interface UserQuery {
  q?: string;
  agencyId?: string;
  role?: Role;
  isActive?: boolean;
  page?: number;
  pageSize?: number;
}

export interface UserCreate {
  username: string;
  displayName: string;
  agencyId: string | null;
  post?: string | null;
  roles: Role[];
  password: string;
}

export interface UserPatch {
  version: number;
  displayName?: string;
  post?: string | null;
  roles?: Role[];
  agencyId?: string | null;
}

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const users = {
  list: (query: UserQuery) => api.get<Page<User>>('/api/users', { ...query }),
  create: (body: UserCreate) => api.post<User>('/api/users', body),
  update: (id: string, body: UserPatch) => api.patch<User>(userPath(id), body),
  deactivate: (id: string, version: number) => api.post<User>(`${userPath(id)}/deactivate`, { version }),
  activate: (id: string, version: number) => api.post<User>(`${userPath(id)}/activate`, { version }),
  unlock: (id: string, version: number) => api.post<User>(`${userPath(id)}/unlock`, { version }),
  resetPassword: (id: string, version: number, newPassword: string) =>
    api.post<User>(`${userPath(id)}/reset-password`, { version, newPassword }),
};

export const portal = {
  get: () => api.get<Portal>('/api/public/portal', undefined, { skipAuthRedirect: true }),
};

// ---- 事前公开: the catalog lists ----

export interface CatalogEntryQuery {
  q?: string;
  actionType?: ActionType;
  page?: number;
  pageSize?: number;
}

export interface CatalogSearchQuery extends CatalogEntryQuery {
  agencyId?: string;
  kind?: CatalogKind;
}

const versionPath = (id: string) => `/api/catalog/versions/${encodeURIComponent(id)}`;

export const catalog = {
  agency: (agencyId: string) => api.get<AgencyCatalog>(`/api/catalog/agencies/${encodeURIComponent(agencyId)}`),
  versions: (agencyId: string, kind: CatalogKind) =>
    api.get<{ items: CatalogVersion[] }>(`/api/catalog/agencies/${encodeURIComponent(agencyId)}/${kind}/versions`),
  version: (id: string, query: CatalogEntryQuery = {}) => api.get<CatalogVersionPage<CatalogVersion>>(versionPath(id), { ...query }),
  history: (id: string) => api.get<{ items: CatalogEvent[] }>(`${versionPath(id)}/history`),
  /** Without entries the draft starts as a copy of the published version (纠错). */
  createDraft: (body: { agencyId: string; kind: CatalogKind; note?: string; entries?: CatalogEntry[] }) =>
    api.post<CatalogVersion>('/api/catalog/drafts', body),
  saveEntries: (id: string, body: { rowVersion: number; note?: string; entries: CatalogEntry[] }) =>
    api.put<CatalogVersion>(`${versionPath(id)}/entries`, body),
  submit: (id: string, rowVersion: number) => api.post<CatalogVersion>(`${versionPath(id)}/submit`, { rowVersion }),
  review: (id: string, body: { rowVersion: number; decision: 'approve' | 'return'; opinion?: string }) =>
    api.post<CatalogVersion>(`${versionPath(id)}/review`, body),
  discard: (id: string, rowVersion: number, reason: string) =>
    api.post<CatalogVersion>(`${versionPath(id)}/discard`, { rowVersion, reason }),
  exportUrl: (id: string) => `${versionPath(id)}/export.xlsx`,
  templateUrl: (kind: CatalogKind) => `/api/catalog/templates/${kind}.xlsx`,
};

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function csrfFromCookie(): string | undefined {
  const found = document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith('lt_csrf='));
  return found ? decodeURIComponent(found.slice('lt_csrf='.length)) : undefined;
}

/** Sends a file as the request body itself (the API's JSON client cannot); problems become ApiError as usual. */
export async function uploadFile<T>(path: string, query: Record<string, string | undefined>, file: Blob, contentType: string): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const token = csrfFromCookie();
  const response = await fetch(`${path}?${params}`, {
    method: 'POST',
    headers: {
      'Content-Type': contentType,
      Accept: 'application/json, application/problem+json',
      ...(token ? { 'X-CSRF-Token': token } : {}),
    },
    body: file,
    credentials: 'same-origin',
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const problem = (body ?? {}) as Partial<Problem>;
    throw new ApiError({ ...problem, title: problem.title || '文件未能上传', status: response.status });
  }
  return body as T;
}

export const catalogImports = {
  /** Queues the import of an .xlsx file into the agency's draft of the list; answers the job's id at once. */
  start: (query: { agencyId: string; kind: CatalogKind; note?: string }, file: Blob) =>
    uploadFile<{ id: string }>('/api/catalog/imports', query, file, xlsxContentType),
  get: (id: string) => api.get<ImportJob>(`/api/imports/${encodeURIComponent(id)}`),
};

const publicOptions = { skipAuthRedirect: true };

export const publicCatalog = {
  exportUrl: (id: string) => `/api/public/catalog/versions/${encodeURIComponent(id)}/export.xlsx`,
  search: (query: CatalogSearchQuery) => api.get<Page<CatalogSearchHit>>('/api/public/catalog/search', { ...query }, publicOptions),
  agency: (agencyId: string) =>
    api.get<PublicAgencyCatalog>(`/api/public/catalog/agencies/${encodeURIComponent(agencyId)}`, undefined, publicOptions),
  history: (agencyId: string, kind: CatalogKind) =>
    api.get<{ items: PublicCatalogVersion[] }>(
      `/api/public/catalog/agencies/${encodeURIComponent(agencyId)}/${kind}/history`,
      undefined,
      publicOptions,
    ),
  version: (id: string, query: CatalogEntryQuery = {}) =>
    api.get<CatalogVersionPage<PublicCatalogVersion>>(
      `/api/public/catalog/versions/${encodeURIComponent(id)}`,
      { ...query },
      publicOptions,
    ),
};
