import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cliEnv, runLawtrail } from '../../../test/support/cli.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { systemActor } from '../../kernel/actor.js';
import type { AppContext } from '../../kernel/context.js';
import { appendEvent, verifyLedger } from '../../ledger/index.js';
import { verifyNote } from '../../ledger/note.js';
import { stateChecksFor } from '../index.js';
import { type IssuedDocument, issueDocument, prepareDocument, recordDocument, verifyDocumentBytes } from './index.js';
import { samplePenaltyDecision } from './sample-content.js';

const actor = systemActor('测试');

/**
 * Issues the sample decision in its own transaction; like a case step, it may append its own event — after preparing
 * the document (numbers first, then the ledger) and before recording it.
 */
function issue(
  ctx: AppContext,
  agencyId: string,
  options: { caseId?: string; fail?: boolean; isAfterEvent?: boolean } = {},
): Promise<IssuedDocument> {
  return ctx.db.transaction().execute(async (trx) => {
    const input = {
      agencyId,
      caseId: options.caseId ?? 'case-1',
      stepId: null,
      kind: 'penalty_decision',
      series: '罚',
      issuedOn: '2026-11-22',
      build: (number: string, verifyUrl: string) => samplePenaltyDecision(number, verifyUrl),
    };
    let issued: IssuedDocument;
    if (options.isAfterEvent) {
      const prepared = await prepareDocument(trx, ctx, actor, input);
      await appendEvent(trx, {
        actor,
        agencyId,
        subjectType: 'test_step',
        subjectId: options.caseId ?? 'x',
        action: 'test.step',
        state: {},
      });
      issued = await recordDocument(trx, ctx, actor, prepared);
    } else issued = await issueDocument(trx, ctx, actor, input);
    if (options.fail) throw new Error('the case step failed after the document was issued');
    return issued;
  });
}

/** A copy with one bit of one byte changed. */
function flipByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt8(copy.readUInt8(at) ^ 0x01, at);
  return copy;
}

const sequenceOf = (number: string) => Number(/〕(\d+)号$/.exec(number)?.[1]);

describe.each(dialects)('enforcement documents (%s)', (dialect) => {
  const t = useTestApp(dialect);
  const documents: IssuedDocument[] = [];
  let officer: Client;
  let pdf: Buffer;

  it('numbers 20 documents issued at once 1…20 without gaps, duplicates or deadlocks, and takes back the numbers of rolled-back issues', async () => {
    const { ctx } = t.system;
    officer = await signIn(t.app, 'officer.a');
    const started = Date.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 23 }, (_, i) =>
        issue(ctx, t.org.agencyA.id, { fail: i % 8 === 3, caseId: `case-${i}`, isAfterEvent: i % 2 === 1 }),
      ),
    );
    const elapsed = Date.now() - started;
    for (const outcome of outcomes) if (outcome.status === 'fulfilled') documents.push(outcome.value);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(3);
    expect(documents.map((d) => sequenceOf(d.number)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(documents[0]?.number).toMatch(/^沙市监罚〔2026〕\d+号$/);
    const rows = await ctx.db.selectFrom('documents').select('number').execute();
    expect(new Set(rows.map((r) => r.number)).size).toBe(20);
    const events = await ctx.db.selectFrom('ledger_events').select('subject_id').where('action', '=', 'document.issued').execute();
    expect(events.map((e) => e.subject_id).sort()).toEqual(documents.map((d) => d.id).sort());
    console.info(
      `[documents] ${dialect}: 23 concurrent issues in ${elapsed} ms; PDF ${documents[0]?.pdfSize} B, DOCX ${documents[0]?.docxSize} B`,
    );
  });

  it('records the issue in the ledger with both files’ digests and a signature valid under the published keys', async () => {
    const { ctx } = t.system;
    const doc = documents[0] as IssuedDocument;
    const event = await ctx.db.selectFrom('ledger_events').selectAll().where('seq', '=', doc.ledgerSeq).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'document.issued', subject_type: 'document', subject_id: doc.id, agency_id: t.org.agencyA.id });
    const state = JSON.parse(event.payload).state;
    expect(state).toMatchObject({
      number: doc.number,
      pdfSha256: doc.pdfSha256,
      pdfSm3: doc.pdfSm3,
      docxSha256: doc.docxSha256,
      caseId: doc.caseId,
    });
    const check = verifyNote(state.signature, ctx.ledgerKeys.verifiers);
    expect(check.verifiedBy).toEqual([ctx.ledgerKeys.origin]);
    expect(check.text).toContain(`pdf sha256 ${doc.pdfSha256}\n`);
    expect(doc.verifyUrl).toBe(`/verify/document/${doc.id}`);
    const files = await ctx.db
      .selectFrom('stored_files')
      .select(['id', 'media_type'])
      .where('id', 'in', [doc.pdfFileId, doc.docxFileId])
      .execute();
    expect(files.map((f) => f.media_type).sort()).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
  });

  it('asks why before a download, and records who took which file and why', async () => {
    const doc = documents[0] as IssuedDocument;
    const missing = await officer.request({ method: 'GET', url: `/api/documents/${doc.id}/pdf` });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ code: 'documents.purpose_required', title: '请说明调阅目的' });
    const purpose = encodeURIComponent('复核处罚决定');
    const download = await officer.request({ method: 'GET', url: `/api/documents/${doc.id}/pdf?purpose=${purpose}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`行政处罚决定书（${doc.number}）.pdf`).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    pdf = download.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const event = await t.system.ctx.db
      .selectFrom('ledger_events')
      .select(['actor_id', 'payload'])
      .where('action', '=', 'document.downloaded')
      .where('subject_id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(t.org.users.officerA.id);
    expect(JSON.parse(event.payload).state).toMatchObject({ format: 'pdf', purpose: '复核处罚决定', fileId: doc.pdfFileId });
    const docx = await officer.request({ method: 'GET', url: `/api/documents/${doc.id}/docx?purpose=${purpose}` });
    expect(docx.statusCode).toBe(200);
    expect((await verifyDocumentBytes(t.system.ctx, docx.rawPayload)).issued).toBe(true);
  });

  it('recognises the issued bytes and refuses a single changed byte', async () => {
    const doc = documents[0] as IssuedDocument;
    const verdict = await verifyDocumentBytes(t.system.ctx, pdf);
    expect(verdict).toMatchObject({
      issued: true,
      format: 'pdf',
      signatureValid: true,
      ledgerSeq: doc.ledgerSeq,
      document: { id: doc.id, number: doc.number, title: '行政处罚决定书', agencyName: '沙坡头区市场监督管理局', issuedOn: '2026-11-22' },
    });
    const changed = flipByte(pdf, Math.floor(pdf.length / 2));
    expect(await verifyDocumentBytes(t.system.ctx, changed)).toMatchObject({ issued: false });
    const answer = await officer.request({
      method: 'POST',
      url: '/api/documents/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: changed,
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ issued: false });
    const good = await officer.request({
      method: 'POST',
      url: '/api/documents/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(good.json()).toMatchObject({ issued: true, signatureValid: true, document: { number: doc.number } });
  });

  it('shows a document to its agency and its supervisors only', async () => {
    const doc = documents[0] as IssuedDocument;
    const own = await officer.request({ method: 'GET', url: `/api/documents/${doc.id}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      number: doc.number,
      kindLabel: '行政处罚决定书',
      ledgerSeq: doc.ledgerSeq,
      agencyName: '沙坡头区市场监督管理局',
    });
    const list = await officer.request({ method: 'GET', url: `/api/documents?caseId=${doc.caseId}` });
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    const stranger = await signIn(t.app, 'officer.b');
    for (const url of [`/api/documents/${doc.id}`, `/api/documents/${doc.id}/pdf?purpose=${encodeURIComponent('查看')}`]) {
      const response = await stranger.request({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('documents.not_found');
    }
    expect((await stranger.request({ method: 'GET', url: '/api/documents' })).json()).toEqual({ items: [], total: 0 });
    expect((await (await signIn(t.app, 'supervisor')).request({ method: 'GET', url: `/api/documents/${doc.id}` })).statusCode).toBe(200);
  });

  it('tells anyone who scans the QR code what was issued, by whom and when — and nothing about the party', async () => {
    const doc = documents[0] as IssuedDocument;
    const response = await t.app.inject({ method: 'GET', url: `/api/public/documents/${doc.id}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(
      ['agencyName', 'docxSha256', 'id', 'issuedOn', 'kind', 'kindLabel', 'ledgerSeq', 'number', 'pdfSha256', 'title'].sort(),
    );
    expect(body).toMatchObject({
      title: '行政处罚决定书',
      number: doc.number,
      agencyName: '沙坡头区市场监督管理局',
      pdfSha256: doc.pdfSha256,
    });
    expect(response.body).not.toContain('某某商贸');
    expect(response.body).not.toContain(doc.caseId);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/public/documents/no-such-document' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('lets the agency head choose the number format; the next number follows it', async () => {
    const head = await signIn(t.app, 'head.a');
    const url = `/api/documents/number-formats/${t.org.agencyA.id}`;
    expect((await officer.request({ method: 'GET', url })).json()).toMatchObject({ isDefault: true, abbreviation: '沙市监' });
    const refused = await officer.request({ method: 'PUT', url, payload: { format: '{abbr}{series}字〔{year}〕第{n:3}号' } });
    expect(refused.statusCode).toBe(403);
    const bad = await head.request({ method: 'PUT', url, payload: { format: '{abbr}〔{year}〕号' } });
    expect(bad.json()).toMatchObject({ status: 400, code: 'documents.number_format_invalid' });
    const set = await head.request({ method: 'PUT', url, payload: { format: '{abbr}{series}字〔{year}〕第{n:3}号' } });
    expect(set.json()).toMatchObject({ isDefault: false, example: expect.stringMatching(/^沙市监罚字〔\d{4}〕第012号$/) });
    const next = await issue(t.system.ctx, t.org.agencyA.id);
    expect(next.number).toBe('沙市监罚字〔2026〕第021号');
    documents.push(next);
  });

  it('makes `lawtrail verify-document` answer in one line: 0 for an issued file, 1 for a changed one, 2 for no file', async () => {
    const doc = documents[0] as IssuedDocument;
    const env = cliEnv(t.system);
    const good = path.join(t.system.dataDir, 'decision.pdf');
    const changed = path.join(t.system.dataDir, 'changed.pdf');
    writeFileSync(good, pdf);
    writeFileSync(changed, flipByte(pdf, 100));
    const [ok, bad, missing] = await Promise.all([
      runLawtrail(['verify-document', good], env),
      runLawtrail(['verify-document', changed], env),
      runLawtrail(['verify-document', path.join(t.system.dataDir, 'nothing.pdf')], env),
    ]);
    expect(ok.stdout.trim().split('\n')).toEqual([
      `已签发：行政处罚决定书 ${doc.number}，沙坡头区市场监督管理局，2026年11月22日，账本第 ${doc.ledgerSeq} 条，签名有效`,
    ]);
    expect(ok.code).toBe(0);
    expect(bad.code).toBe(1);
    expect(bad.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^未签发：/)]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lawtrail: 无法读取文件 /)]);
  });

  it('makes `lawtrail verify` name a documents row changed by SQL', async () => {
    const { ctx } = t.system;
    const doc = documents[1] as IssuedDocument;
    expect((await verifyLedger(ctx.db, ctx.ledgerKeys, stateChecksFor(ctx))).findings).toEqual([]);
    await sql`update documents set number = ${'沙市监罚〔2026〕99号'} where id = ${doc.id}`.execute(ctx.db);
    const findings = (await verifyLedger(ctx.db, ctx.ledgerKeys, stateChecksFor(ctx))).findings;
    expect(findings).toEqual([expect.stringContaining(`执法文书 ${doc.id} 的数据与账本最近一条记录不符（字段：number）`)]);
    await sql`update documents set number = ${doc.number} where id = ${doc.id}`.execute(ctx.db);
  });
});
