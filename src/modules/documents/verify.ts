/**
 * Is this file a document the platform issued? The file's SHA-256 is looked up among the issued PDFs and Word files;
 * the answer comes from what the ledger recorded at issue (not from the row alone, which SQL could change), and the
 * platform's signature over the digests is checked with every verifier key the ledger ever published.
 */
import { hash } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import type { LedgerKeys } from '../../ledger/index.js';
import { verifyNote } from '../../ledger/note.js';
import { type DocumentFormat, type DocumentState, signedDocumentText } from './documents.service.js';
import { documentKindLabel } from './kinds.js';

export interface DocumentVerdictIssued {
  issued: true;
  format: DocumentFormat;
  sha256: string;
  document: {
    id: string;
    title: string;
    number: string;
    kind: string;
    kindLabel: string;
    agencyId: string;
    agencyName: string;
    issuedOn: string;
    caseId: string | null;
  };
  /** The platform's signature over the recorded digests verifies with a published key. */
  signatureValid: boolean;
  /** The ledger index of the `document.issued` event. */
  ledgerSeq: number;
}

export interface DocumentVerdictNotIssued {
  issued: false;
  sha256: string;
  /** Why not, when a document row was found but the ledger does not back it. */
  reason?: string;
}

export type DocumentVerdict = DocumentVerdictIssued | DocumentVerdictNotIssued;

function isSignatureValid(keys: Pick<LedgerKeys, 'origin' | 'verifiers'>, state: DocumentState): boolean {
  try {
    const check = verifyNote(state.signature, keys.verifiers);
    return check.verifiedBy.length > 0 && check.invalid.length === 0 && check.text === signedDocumentText(keys.origin, state);
  } catch {
    return false;
  }
}

export async function verifyDocumentBytes(
  ctx: { db: Executor; ledgerKeys: Pick<LedgerKeys, 'origin' | 'verifiers'> },
  bytes: Buffer,
): Promise<DocumentVerdict> {
  const sha256 = hash('sha256', bytes, 'hex');
  const row = await ctx.db
    .selectFrom('documents')
    .select(['id', 'pdf_sha256'])
    .where((eb) => eb.or([eb('pdf_sha256', '=', sha256), eb('docx_sha256', '=', sha256)]))
    .executeTakeFirst();
  if (!row) return { issued: false, sha256 };
  const format: DocumentFormat = row.pdf_sha256 === sha256 ? 'pdf' : 'docx';
  const event = await ctx.db
    .selectFrom('ledger_events')
    .select(['seq', 'payload'])
    .where('subject_type', '=', 'document')
    .where('subject_id', '=', row.id)
    .where('action', '=', 'document.issued')
    .executeTakeFirst();
  const state = event ? (JSON.parse(event.payload) as { state: DocumentState }).state : null;
  if (!event || !state || (format === 'pdf' ? state.pdfSha256 : state.docxSha256) !== sha256) {
    return { issued: false, sha256, reason: '文书记录与记录账本不符：该文件的摘要未登记在账本中' };
  }
  const agency = await ctx.db.selectFrom('agencies').select('name').where('id', '=', state.agencyId).executeTakeFirst();
  return {
    issued: true,
    format,
    sha256,
    document: {
      id: state.id,
      title: state.title,
      number: state.number,
      kind: state.kind,
      kindLabel: documentKindLabel(state.kind, state.title),
      agencyId: state.agencyId,
      agencyName: agency?.name ?? '',
      issuedOn: state.issuedOn,
      caseId: state.caseId,
    },
    signatureValid: isSignatureValid(ctx.ledgerKeys, state),
    ledgerSeq: Number(event.seq),
  };
}
