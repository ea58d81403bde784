/**
 * 文书核验 on the portal: what the public API says of an issued document, and the file check done in the browser
 * (the file never leaves the citizen's computer; only its SHA-256 is compared).
 */
import { api } from '../../api';

export interface PublicDocument {
  id: string;
  title: string;
  number: string;
  agencyName: string;
  issuedOn: string;
  kind: string;
  kindLabel: string;
  pdfSha256: string;
  docxSha256: string;
  ledgerSeq: number | null;
}

export const publicDocuments = {
  get: (id: string) => api.get<PublicDocument>(`/api/public/documents/${encodeURIComponent(id)}`, undefined, { skipAuthRedirect: true }),
};

export function documentVerificationPath(id: string): string {
  return `/verify/document/${encodeURIComponent(id)}`;
}

/** SHA-256 of the bytes, lower-case hex, with WebCrypto (available on HTTPS pages and on localhost). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function canHashInBrowser(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle?.digest === 'function';
}

export type FileMatch = { isMatch: true; format: 'PDF' | 'Word' } | { isMatch: false };

/** Which of the document's files the digest is, if any. */
export function matchDigest(document: Pick<PublicDocument, 'pdfSha256' | 'docxSha256'>, digest: string): FileMatch {
  const normalised = digest.trim().toLowerCase();
  if (normalised === document.pdfSha256) return { isMatch: true, format: 'PDF' };
  if (normalised === document.docxSha256) return { isMatch: true, format: 'Word' };
  return { isMatch: false };
}
