/**
 * Moving bytes outside the JSON client: the resumable (tus 1.0.0) upload of evidence files, and document downloads
 * that name their purpose. Problems become ApiError like every other call.
 */
import { ApiError, type Problem } from '../../api';

const TUS_VERSION = '1.0.0';
/** 8 MB pieces: small enough to resume cheaply, large enough for a video of gigabytes in a few hundred requests. */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;
const MAX_RETRIES = 5;

function csrfToken(): string | undefined {
  const found = document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith('lt_csrf='));
  return found ? decodeURIComponent(found.slice('lt_csrf='.length)) : undefined;
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function problemOf(response: Response, fallback: string): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: Partial<Problem> = {};
  try {
    parsed = text ? (JSON.parse(text) as Partial<Problem>) : {};
  } catch {
    parsed = {};
  }
  return new ApiError({ ...parsed, title: parsed.title || fallback, status: response.status });
}

function tusHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const token = csrfToken();
  return {
    'Tus-Resumable': TUS_VERSION,
    Accept: 'application/json, application/problem+json',
    ...(token ? { 'X-CSRF-Token': token } : {}),
    ...extra,
  };
}

export interface UploadProgress {
  sent: number;
  total: number;
  /** Set while waiting to resume after a broken connection. */
  retrying?: number;
}

export interface UploadedFile {
  fileId: string;
  /** algorithm:hex, as the server computed it while the bytes arrived. */
  digest: string | null;
}

/** One PATCH of a piece, with progress inside the piece (fetch cannot report upload progress; XHR can). */
function patchPiece(
  location: string,
  offset: number,
  piece: Blob,
  onProgress: (loaded: number) => void,
  signal?: AbortSignal,
): Promise<{ status: number; offset: number | null; fileId: string | null; digest: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PATCH', location);
    for (const [name, value] of Object.entries(
      tusHeaders({ 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }),
    )) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      const next = xhr.getResponseHeader('Upload-Offset');
      resolve({
        status: xhr.status,
        offset: next === null ? null : Number(next),
        fileId: xhr.getResponseHeader('Lawtrail-File-Id'),
        digest: xhr.getResponseHeader('Lawtrail-File-Digest'),
        body: xhr.responseText,
      });
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(piece);
  });
}

/** What the server holds of an upload (HEAD), to resume from there. */
async function uploadOffset(location: string): Promise<{ offset: number; fileId: string | null }> {
  const response = await fetch(location, { method: 'HEAD', headers: tusHeaders(), credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw await problemOf(response, '无法查询上传进度');
  return { offset: Number(response.headers.get('Upload-Offset') ?? '0'), fileId: response.headers.get('Lawtrail-File-Id') };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Uploads a file with the tus protocol: creates the upload, sends it in pieces of `chunkBytes`, and after a broken
 * connection or a refused piece asks the server how much it holds (HEAD) and goes on from there.
 */
export async function uploadResumable(
  file: File,
  onProgress: (progress: UploadProgress) => void,
  options: { chunkBytes?: number; signal?: AbortSignal } = {},
): Promise<UploadedFile> {
  if (file.size === 0) throw new ApiError({ title: '文件为空', detail: '请选择有内容的文件', status: 400 });
  const chunk = options.chunkBytes ?? UPLOAD_CHUNK_BYTES;
  const created = await fetch('/api/uploads', {
    method: 'POST',
    credentials: 'same-origin',
    headers: tusHeaders({
      'Upload-Length': String(file.size),
      'Upload-Metadata': `filename ${base64Utf8(file.name)},filetype ${base64Utf8(file.type || 'application/octet-stream')}`,
    }),
  });
  if (created.status !== 201) throw await problemOf(created, '无法开始上传');
  const location = created.headers.get('Location');
  if (!location) throw new ApiError({ title: '无法开始上传', detail: '服务器未返回上传地址', status: 500 });

  let offset = 0;
  let failures = 0;
  onProgress({ sent: 0, total: file.size });
  for (;;) {
    if (options.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const piece = file.slice(offset, Math.min(file.size, offset + chunk));
    const start = offset;
    try {
      const answer = await patchPiece(
        location,
        start,
        piece,
        (loaded) => onProgress({ sent: start + loaded, total: file.size }),
        options.signal,
      );
      if (answer.status === 204 && answer.offset !== null) {
        failures = 0;
        offset = answer.offset;
        onProgress({ sent: offset, total: file.size });
        if (answer.fileId) return { fileId: answer.fileId, digest: answer.digest };
        if (offset >= file.size) {
          const state = await uploadOffset(location);
          if (state.fileId) return { fileId: state.fileId, digest: answer.digest };
        }
        continue;
      }
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 409) {
        const response = new Response(answer.body, { status: answer.status });
        throw await problemOf(response, '文件未能上传');
      }
      // 409 (offset mismatch) or a server error: ask where to go on from.
    } catch (error) {
      if (error instanceof ApiError || (error instanceof DOMException && error.name === 'AbortError')) throw error;
    }
    failures += 1;
    if (failures > MAX_RETRIES) throw new ApiError({ title: '文件未能上传', detail: '网络多次中断，请稍后重新上传', status: 503 });
    onProgress({ sent: offset, total: file.size, retrying: failures });
    await pause(Math.min(8000, 500 * 2 ** (failures - 1)));
    const state = await uploadOffset(location);
    if (state.fileId) return { fileId: state.fileId, digest: null };
    offset = state.offset;
  }
}

function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Downloads a file the browser keeps (a link click), reporting a refusal as ApiError instead of saving it. */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: '*/*' } });
  if (!response.ok) throw await problemOf(response, '文件未能下载');
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}

/** The address of a case document's PDF or Word file; downloading it is an access recorded with its purpose. */
export function documentUrl(documentId: string, format: 'pdf' | 'docx', purpose: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/${format}?purpose=${encodeURIComponent(purpose)}`;
}

/** Sends a file's bytes as the request body (not JSON, not multipart), answering the JSON reply; refusals are ApiError. */
export async function postFile<T>(url: string, file: Blob, contentType: string): Promise<T> {
  const token = csrfToken();
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json, application/problem+json',
      'Content-Type': contentType,
      ...(token ? { 'X-CSRF-Token': token } : {}),
    },
    body: file,
  });
  if (!response.ok) throw await problemOf(response, '文件未能发送');
  return (await response.json()) as T;
}
