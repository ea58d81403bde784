/**
 * The one HTTP client of the web app: same-origin fetch with JSON bodies, the
 * CSRF token on every unsafe method, and RFC 9457 problem+json turned into ApiError.
 */

export interface ProblemFieldError {
  /** JSON Pointer into the request body, e.g. "/uscc". */
  pointer: string;
  detail: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}：${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The problem's Chinese title and detail as one sentence, for a message or an alert. */
export function describeError(error: unknown): { title: string; detail?: string } {
  if (isApiError(error)) return { title: error.problem.title, detail: error.problem.detail };
  if (error instanceof TypeError) return { title: '无法连接服务器', detail: '请检查网络连接后重试。' };
  return { title: '操作失败', detail: error instanceof Error ? error.message : undefined };
}

const CSRF_COOKIE = 'lt_csrf';
const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** 401 answers that mean "wrong input", not "you are not signed in": shown, never redirected. */
const INPUT_401_CODES = new Set(['auth.invalid_credentials', 'auth.second_factor_invalid']);

let csrfToken: string | null = null;

/** Remember the token a login or session answer carried. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function currentCsrfToken(): string | null {
  return csrfToken ?? readCookie(CSRF_COOKIE);
}

type UnauthorizedHandler = () => void;

function defaultUnauthorizedHandler(): void {
  const { pathname, search } = window.location;
  if (!pathname.startsWith('/admin') || pathname.startsWith('/admin/login')) return;
  const next = encodeURIComponent(pathname + search);
  window.location.assign(`/admin/login?next=${next}`);
}

let onUnauthorized: UnauthorizedHandler = defaultUnauthorizedHandler;

/** The staff app installs a handler that navigates to its login page without a reload. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler ?? defaultUnauthorizedHandler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not redirect to the login page on 401 (the session probe, the login form). */
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function parseProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { title: fallbackTitle(response.status), status: response.status };
  const text = await response.text().catch(() => '');
  if (!text) return fallback;
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    return {
      ...parsed,
      title: typeof parsed.title === 'string' && parsed.title ? parsed.title : fallback.title,
      status: typeof parsed.status === 'number' ? parsed.status : response.status,
    };
  } catch {
    return fallback;
  }
}

function fallbackTitle(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '无权进行此操作';
  if (status === 404) return '记录不存在';
  if (status === 409) return '记录已被他人修改，请刷新后重试';
  if (status === 429) return '请求过于频繁，请稍后再试';
  if (status >= 500) return '服务器暂时无法处理请求，请稍后再试';
  return '请求未能完成';
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const upper = method.toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (UNSAFE_METHODS.has(upper)) {
    const token = currentCsrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  const response = await fetch(buildUrl(path, options.query), {
    method: upper,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!response.ok) {
    const problem = await parseProblem(response);
    if (response.status === 401 && !options.skipAuthRedirect && !INPUT_401_CODES.has(problem.code ?? '')) {
      onUnauthorized();
    }
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'query' | 'body'>) => request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};
