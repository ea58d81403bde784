/**
 * Issuing enforcement documents (签发执法文书): a number from the agency's series, the content built around it, the
 * PDF and Word files rendered and stored, their SHA-256 and SM3 digests signed with the ledger's keys, the document
 * row and its `document.issued` event — all in the caller's transaction, so a case step and its document commit or
 * roll back together. Reading and downloading (调阅, always recorded) and the public check a QR code opens.
 */
import { hash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DocumentTable } from '../../db/schema.js';
import type { Actor } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { appendEvent } from '../../ledger/index.js';
import { signNote } from '../../ledger/note.js';
import { getFile, storeFileBytes } from '../files/index.js';
import { canSeeAgency, resolveScope } from '../org/index.js';
import { checkContent, type DocumentContent, isIsoDate } from './content.js';
import { documentKindLabel } from './kinds.js';
import { nextDocumentNumber } from './numbering.js';
import { renderDocx } from './render-docx.js';
import { renderPdf } from './render-pdf.js';

export type DocumentRow = Selectable<DocumentTable>;
export type DocumentFormat = 'pdf' | 'docx';

export const documentMediaTypes: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** What the ledger records of a document, and what `verify` compares the row with. */
export function documentState(row: DocumentRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    caseId: row.case_id,
    stepId: row.step_id,
    kind: row.kind,
    series: row.series,
    title: row.title,
    number: row.number,
    issuedOn: row.issued_on,
    pdfFileId: row.pdf_file_id,
    docxFileId: row.docx_file_id,
    pdfSha256: row.pdf_sha256,
    pdfSm3: row.pdf_sm3,
    docxSha256: row.docx_sha256,
    docxSm3: row.docx_sm3,
    signature: row.signature,
    keyId: row.key_id,
    createdBy: row.created_by,
  };
}
export type DocumentState = ReturnType<typeof documentState>;

/** The portal page a document's QR code opens. */
export function documentVerifyPath(id: string): string {
  return `/verify/document/${encodeURIComponent(id)}`;
}

/** The address in the QR code: absolute with LAWTRAIL_PUBLIC_URL set, else the path alone. */
export function documentVerifyUrl(ctx: Pick<AppContext, 'config'>, id: string): string {
  return `${ctx.config.publicUrl ?? ''}${documentVerifyPath(id)}`;
}

/**
 * The text the platform signs for a document: a first line naming what it is (so that it can never be read as a
 * checkpoint), the document, and the digests of both files. Signed as a C2SP note with the ledger's keys.
 */
export function signedDocumentText(origin: string, fields: Omit<DocumentState, 'signature' | 'keyId' | 'createdBy' | 'caseId' | 'stepId'>) {
  return [
    `${origin}/document`,
    fields.id,
    fields.agencyId,
    fields.number,
    fields.issuedOn,
    `pdf sha256 ${fields.pdfSha256}`,
    `pdf sm3 ${fields.pdfSm3}`,
    `docx sha256 ${fields.docxSha256}`,
    `docx sm3 ${fields.docxSm3}`,
    '',
  ].join('\n');
}

export interface IssueDocumentInput {
  agencyId: string;
  caseId: string | null;
  stepId: string | null;
  /** Machine kind, e.g. `penalty_decision` (kinds.ts lists the usual ones). */
  kind: string;
  /** The number series, e.g. 罚. */
  series: string;
  /** YYYY-MM-DD; its year is the number's year. */
  issuedOn: string;
  /**
   * Builds the content around the allocated number and the QR code's address (both must be used as given); may be
   * async (e.g. to read the case in the same transaction).
   */
  build: (number: string, verifyUrl: string) => DocumentContent | Promise<DocumentContent>;
}

export interface IssuedDocument {
  id: string;
  agencyId: string;
  caseId: string | null;
  stepId: string | null;
  kind: string;
  title: string;
  number: string;
  issuedOn: string;
  verifyUrl: string;
  pdfFileId: string;
  docxFileId: string;
  pdfSha256: string;
  pdfSm3: string;
  docxSha256: string;
  docxSm3: string;
  pdfSize: number;
  docxSize: number;
  keyId: string;
  ledgerSeq: number;
}

function actorId(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : `system:${actor.label}`;
}

async function assertAgencyInScope(db: Executor, actor: Actor, agencyId: string, notFound: () => DomainError): Promise<void> {
  const agency = await db.selectFrom('agencies').select(['id', 'government_id']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency || !canSeeAgency(await resolveScope(db, actor), agency)) throw notFound();
}

const safeFileName = (text: string) => text.replace(/[\\/:*?"<>|\r\n\t]/g, '_');

export function documentFileName(row: Pick<DocumentRow, 'title' | 'number'>, format: DocumentFormat): string {
  return safeFileName(`${row.title}（${row.number}）.${format}`);
}

/** A document numbered, built, rendered and signed, not yet stored: `recordDocument` stores it. */
export interface PreparedDocument {
  id: string;
  input: IssueDocumentInput;
  verifyUrl: string;
  number: string;
  title: string;
  pdf: Buffer;
  docx: Buffer;
}

/**
 * The first half of issuing, inside the caller's transaction: takes the number (locking its counter row until the
 * transaction ends) and renders the PDF and Word files (≈0.3 s). It appends nothing to the ledger, so a caller that
 * prepares its documents before appending its own event holds the ledger's sequencing row only for the short second
 * half — other agencies' writers do not wait for the rendering. Lock order (see `nextDocumentNumber`): numbers first,
 * then the ledger.
 */
export async function prepareDocument(trx: Executor, ctx: AppContext, actor: Actor, input: IssueDocumentInput): Promise<PreparedDocument> {
  if (!isIsoDate(input.issuedOn)) throw new DomainError('documents.invalid', `签发日期须为 YYYY-MM-DD，收到：${input.issuedOn}`);
  if (!/^[a-z][a-z0-9_]{1,63}$/.test(input.kind))
    throw new DomainError('documents.invalid', `文书种类须为小写英文代码，收到：${input.kind}`);
  await assertAgencyInScope(trx, actor, input.agencyId, () => new DomainError('auth.forbidden', '只能以本人可见的执法机关名义制作文书'));
  const id = newId();
  const verifyUrl = documentVerifyUrl(ctx, id);
  const { number } = await nextDocumentNumber(trx, {
    agencyId: input.agencyId,
    series: input.series,
    year: Number(input.issuedOn.slice(0, 4)),
  });
  const content = await input.build(number, verifyUrl);
  checkContent(content);
  if (content.number !== number || content.verifyUrl !== verifyUrl || content.kind !== input.kind) {
    throw new DomainError('documents.invalid', '文书内容须使用分配的文号、核验地址和文书种类');
  }
  const pdf = await renderPdf(content, { issuedOn: input.issuedOn });
  const docx = await renderDocx(content);
  return { id, input, verifyUrl, number, title: content.title, pdf, docx };
}

/** The second half: stores both files, signs, inserts the row and appends `document.issued`, in the same transaction. */
export async function recordDocument(trx: Executor, ctx: AppContext, actor: Actor, prepared: PreparedDocument): Promise<IssuedDocument> {
  const { id, input, number, pdf, docx, verifyUrl } = prepared;
  const names = { title: prepared.title, number };
  const pdfFile = await storeFileBytes(trx, ctx, actor, {
    agencyId: input.agencyId,
    fileName: documentFileName(names, 'pdf'),
    mediaType: documentMediaTypes.pdf,
    bytes: pdf,
  });
  const docxFile = await storeFileBytes(trx, ctx, actor, {
    agencyId: input.agencyId,
    fileName: documentFileName(names, 'docx'),
    mediaType: documentMediaTypes.docx,
    bytes: docx,
  });
  const fields = {
    id,
    agencyId: input.agencyId,
    kind: input.kind,
    series: input.series,
    title: prepared.title,
    number,
    issuedOn: input.issuedOn,
    pdfFileId: pdfFile.id,
    docxFileId: docxFile.id,
    pdfSha256: hash('sha256', pdf, 'hex'),
    pdfSm3: hash('sm3', pdf, 'hex'),
    docxSha256: hash('sha256', docx, 'hex'),
    docxSm3: hash('sm3', docx, 'hex'),
  };
  const keys = ctx.ledgerKeys;
  const signature = signNote(signedDocumentText(keys.origin, fields), keys.signers);
  const row: DocumentRow = {
    id,
    agency_id: fields.agencyId,
    case_id: input.caseId,
    step_id: input.stepId,
    kind: fields.kind,
    series: fields.series,
    title: fields.title,
    number,
    issued_on: fields.issuedOn,
    pdf_file_id: fields.pdfFileId,
    docx_file_id: fields.docxFileId,
    pdf_sha256: fields.pdfSha256,
    pdf_sm3: fields.pdfSm3,
    docx_sha256: fields.docxSha256,
    docx_sm3: fields.docxSm3,
    signature,
    key_id: `${keys.signer.name}+${keys.signer.keyHash.toString('hex')}`,
    created_by: actorId(actor),
    created_at: nowIso(),
  };
  await trx.insertInto('documents').values(row).execute();
  const event = await appendEvent(trx, {
    actor,
    agencyId: row.agency_id,
    subjectType: 'document',
    subjectId: id,
    action: 'document.issued',
    state: documentState(row),
  });
  return {
    ...fields,
    caseId: row.case_id,
    stepId: row.step_id,
    verifyUrl,
    pdfSize: pdf.length,
    docxSize: docx.length,
    keyId: row.key_id,
    ledgerSeq: event.seq,
  };
}

/**
 * Issues a document inside the caller's transaction: `prepareDocument` then `recordDocument`. The caller (a case
 * step) has already decided that the actor may do so; here the actor must at least see the agency. A caller that
 * appends its own ledger event must prepare its documents before that event (lock order: numbers, then the ledger).
 */
export async function issueDocument(trx: Executor, ctx: AppContext, actor: Actor, input: IssueDocumentInput): Promise<IssuedDocument> {
  return recordDocument(trx, ctx, actor, await prepareDocument(trx, ctx, actor, input));
}

/** A document the actor may see (its agency is in their scope); anything else is "not found". */
export async function getDocument(ctx: AppContext, actor: Actor, id: string): Promise<DocumentRow> {
  const row = await ctx.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  const notFound = () => new DomainError('documents.not_found', '未找到该文书，或您无权查看');
  if (!row) throw notFound();
  await assertAgencyInScope(ctx.db, actor, row.agency_id, notFound);
  return row;
}

export async function issuedEventSeq(db: Executor, id: string): Promise<number | null> {
  const event = await db
    .selectFrom('ledger_events')
    .select('seq')
    .where('subject_type', '=', 'document')
    .where('subject_id', '=', id)
    .where('action', '=', 'document.issued')
    .executeTakeFirst();
  return event ? Number(event.seq) : null;
}

export async function presentDocument(ctx: AppContext, row: DocumentRow) {
  const agency = await ctx.db.selectFrom('agencies').select('name').where('id', '=', row.agency_id).executeTakeFirst();
  const { signature: _signature, ...state } = documentState(row);
  return {
    ...state,
    agencyName: agency?.name ?? '',
    kindLabel: documentKindLabel(row.kind, row.title),
    signature: row.signature,
    verifyUrl: documentVerifyUrl(ctx, row.id),
    createdAt: row.created_at,
    ledgerSeq: await issuedEventSeq(ctx.db, row.id),
  };
}

export interface DocumentFilter {
  caseId?: string | undefined;
  agencyId?: string | undefined;
  limit: number;
  offset: number;
}

/** Documents the actor may see, newest first; by case or agency. */
export async function listDocuments(ctx: AppContext, actor: Actor, filter: DocumentFilter) {
  const scope = await resolveScope(ctx.db, actor);
  let query = ctx.db.selectFrom('documents as d').innerJoin('agencies as a', 'a.id', 'd.agency_id');
  if (scope.kind === 'none') return { items: [], total: 0 };
  if (scope.kind === 'agency') query = query.where('d.agency_id', '=', scope.agencyId);
  if (scope.kind === 'governments') query = query.where('a.government_id', 'in', scope.governmentIds);
  if (filter.caseId) query = query.where('d.case_id', '=', filter.caseId);
  if (filter.agencyId) query = query.where('d.agency_id', '=', filter.agencyId);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('d')
    .select('a.name as agency_name')
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: Number(total),
    items: rows.map((row) => ({
      id: row.id,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      caseId: row.case_id,
      stepId: row.step_id,
      kind: row.kind,
      kindLabel: documentKindLabel(row.kind, row.title),
      title: row.title,
      number: row.number,
      issuedOn: row.issued_on,
      createdAt: row.created_at,
    })),
  };
}

/**
 * Opens one of a document's files for download (调阅): asks why, and records who took which file and why in the
 * ledger before a byte is sent.
 */
export async function openDocumentFile(ctx: AppContext, actor: Actor, id: string, format: DocumentFormat, purpose: string | undefined) {
  const reason = purpose?.trim() ?? '';
  if (reason.length < 2 || reason.length > 200) {
    throw new DomainError('documents.purpose_required', '下载文书须说明调阅目的（参数 purpose，2–200 字），该次调阅记入记录账本');
  }
  const row = await getDocument(ctx, actor, id);
  const file = await getFile(ctx, actor, format === 'pdf' ? row.pdf_file_id : row.docx_file_id);
  await ctx.db.transaction().execute((trx) =>
    appendEvent(trx, {
      actor,
      agencyId: row.agency_id,
      subjectType: 'document',
      subjectId: row.id,
      action: 'document.downloaded',
      state: {
        documentId: row.id,
        caseId: row.case_id,
        format,
        fileId: file.id,
        digest: `${file.algorithm}:${file.digest}`,
        purpose: reason,
      },
    }),
  );
  return {
    fileName: documentFileName(row, format),
    mediaType: documentMediaTypes[format],
    size: Number(file.size),
    sha256: format === 'pdf' ? row.pdf_sha256 : row.docx_sha256,
    stream: ctx.blobs.open(file.digest),
  };
}

/** What the portal shows for a document's QR code: no party, no content — who issued what, when, and its digests. */
export async function readPublicDocument(ctx: AppContext, id: string) {
  const row = await ctx.db
    .selectFrom('documents as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select(['d.id', 'd.kind', 'd.title', 'd.number', 'd.issued_on', 'd.pdf_sha256', 'd.docx_sha256', 'a.name as agency_name'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new DomainError('documents.not_found', '本平台没有签发过该文书。请核对二维码或向制作机关核实。');
  return {
    id: row.id,
    title: row.title,
    number: row.number,
    agencyName: row.agency_name,
    issuedOn: row.issued_on,
    kind: row.kind,
    kindLabel: documentKindLabel(row.kind, row.title),
    pdfSha256: row.pdf_sha256,
    docxSha256: row.docx_sha256,
    ledgerSeq: await issuedEventSeq(ctx.db, row.id),
  };
}
