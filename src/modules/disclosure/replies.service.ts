/**
 * The party's right to reply (当事人陈述): a short statement published beside its decision on the portal.
 *
 * The party submits it in writing (staff record the text and the day it was received) or online with a one-time reply
 * code the agency gave it (在线提交: the code's SHA-256 is kept, never the code). Either way the text passes through the
 * redaction engine (a natural person's name, ID numbers, phone numbers, bank cards and home addresses are masked) and a
 * second person of the agency's office — not whoever recorded it — checks the public text before it appears under
 * 当事人陈述 on the decision's page; or returns it with the reason. A published statement replaces the earlier one;
 * a withdrawal notice drops it with the decision's content. Each step is a ledger event in its transaction; the
 * statement's publication is also an event of the publication, whose public copy it changes.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { PublicationReplyTable } from '../../db/schema.js';
import { type Actor, hasRole, systemActor } from '../../kernel/actor.js';
import { nowIso, todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { appendEvent } from '../../ledger/index.js';
import { canSeeAgency, resolveScope } from '../org/index.js';
import { copyOfRow, type PublicCopy, type PublicStatement } from './public-copy.js';
import { recordPublicationEvent, writePublicRecord } from './publications.service.js';
import { RedactionBlocked, redactText } from './redact.js';

export type ReplyRow = Selectable<PublicationReplyTable>;

export const replyChannels = { written: '书面提交', online: '在线提交' } as const;
export type ReplyChannel = keyof typeof replyChannels;
export const replyStatuses = {
  submitted: '待审核',
  published: '已公开',
  returned: '已退回',
  replaced: '已被新的陈述替换',
  withdrawn: '随决定撤下',
} as const;

/** At most this many characters: a short statement, as the portal shows it beside the decision. */
export const replyMaxLength = 1000;
/** A reply code is valid this many days from its issue. */
export const replyCodeDays = 30;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const actorId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
const actorLabel = (actor: Actor) => (actor.kind === 'user' ? actor.displayName : actor.label);
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function replyState(row: ReplyRow) {
  return {
    id: row.id,
    publicationId: row.publication_id,
    agencyId: row.agency_id,
    channel: row.channel,
    textSha256: sha256(row.text),
    publicText: row.public_text,
    receivedOn: row.received_on,
    status: row.status,
    recordedBy: row.recorded_by,
    checkedBy: row.checked_by,
    publishedOn: row.published_on,
    returnReason: row.return_reason,
    version: Number(row.version),
  };
}

async function recordReply(trx: Executor, actor: Actor, action: string, id: string) {
  const row = await trx.selectFrom('publication_replies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return appendEvent(trx, {
    actor,
    agencyId: row.agency_id,
    subjectType: 'publication_reply',
    subjectId: id,
    action,
    state: replyState(row),
  });
}

export function presentReply(row: ReplyRow) {
  return {
    id: row.id,
    publicationId: row.publication_id,
    channel: row.channel,
    channelLabel: replyChannels[row.channel as ReplyChannel] ?? row.channel,
    text: row.text,
    publicText: row.public_text,
    receivedOn: row.received_on,
    status: row.status,
    statusLabel: replyStatuses[row.status as keyof typeof replyStatuses] ?? row.status,
    recordedByLabel: row.recorded_by_label,
    checkedByLabel: row.checked_by_label,
    publishedOn: row.published_on,
    returnReason: row.return_reason,
    version: Number(row.version),
  };
}

/** The public text: through the redaction engine, the party's own name masked when it is a natural person. */
async function publicTextOf(ctx: AppContext, trx: Executor, caseId: string, text: string): Promise<string> {
  const party = await trx.selectFrom('cases').select(['party_type', 'party_name']).where('id', '=', caseId).executeTakeFirst();
  try {
    return redactText(text, { names: party?.party_type === 'person' ? [party.party_name] : [], nameStyle: ctx.config.nameMask }).text;
  } catch (error) {
    if (error instanceof RedactionBlocked) throw new DomainError('disclosure.blocked', error.detail ?? error.reason);
    throw error;
  }
}

function checkText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new DomainError('disclosure.invalid', '陈述内容不能为空');
  if ([...trimmed].length > replyMaxLength) throw new DomainError('disclosure.invalid', `陈述内容不超过${replyMaxLength}字`);
  return trimmed;
}

async function publicationForStaff(_ctx: AppContext, trx: Executor, actor: Actor, publicationId: string) {
  const row = await trx.selectFrom('publications').selectAll().where('id', '=', publicationId).executeTakeFirst();
  if (!row) throw new DomainError('disclosure.not_found');
  const agency = await trx.selectFrom('agencies').select(['id', 'government_id']).where('id', '=', row.agency_id).executeTakeFirstOrThrow();
  if (!canSeeAgency(await resolveScope(trx, actor), agency)) throw new DomainError('disclosure.not_found');
  return row;
}

function requireRole(actor: Actor, agencyId: string, roles: ('officer' | 'agency_head' | 'reviewer')[], what: string) {
  if (actor.kind === 'user' && (actor.agencyId !== agencyId || !hasRole(actor, ...roles))) {
    throw new DomainError('auth.forbidden', `只有本机关的${what}可以办理`);
  }
}

function requirePublished(status: string) {
  if (status !== 'published' && status !== 'changed') {
    throw new DomainError('disclosure.state_invalid', '只有已公开（或已变更）的决定可以附当事人陈述');
  }
}

async function insertReply(
  ctx: AppContext,
  trx: Executor,
  actor: Actor,
  publication: { id: string; agency_id: string; case_id: string },
  input: { channel: ReplyChannel; text: string; receivedOn: string },
) {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('publication_replies')
    .values({
      id,
      publication_id: publication.id,
      agency_id: publication.agency_id,
      channel: input.channel,
      text: input.text,
      public_text: await publicTextOf(ctx, trx, publication.case_id, input.text),
      received_on: input.receivedOn,
      status: 'submitted',
      recorded_by: actorId(actor),
      recorded_by_label: actorLabel(actor),
      checked_by: null,
      checked_by_label: null,
      published_on: null,
      return_reason: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await recordReply(trx, actor, input.channel === 'online' ? 'reply.submitted' : 'reply.recorded', id);
  return presentReply(await trx.selectFrom('publication_replies').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

/** Staff record a statement the party submitted in writing: its text and the day it was received. */
export async function recordWrittenReply(
  ctx: AppContext,
  actor: Actor,
  publicationId: string,
  input: { text: string; receivedOn: string },
) {
  const text = checkText(input.text);
  if (!isoDay.test(input.receivedOn) || input.receivedOn > todayInChina()) {
    throw new DomainError('disclosure.invalid', '收到日期不正确（不能晚于今天）');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const publication = await publicationForStaff(ctx, trx, actor, publicationId);
    requireRole(actor, publication.agency_id, ['officer', 'agency_head', 'reviewer'], '执法人员、负责人或法制审核人员');
    requirePublished(publication.status);
    if (input.receivedOn < (publication.published_on ?? '')) throw new DomainError('disclosure.invalid', '收到日期不能早于决定公开之日');
    return insertReply(ctx, trx, actor, publication, { channel: 'written', text, receivedOn: input.receivedOn });
  });
}

/** A one-time reply code for the party to submit its statement online (shown once; only its SHA-256 is kept). */
export async function issueReplyCode(ctx: AppContext, actor: Actor, publicationId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const publication = await publicationForStaff(ctx, trx, actor, publicationId);
    requireRole(actor, publication.agency_id, ['officer', 'agency_head', 'reviewer'], '执法人员、负责人或法制审核人员');
    requirePublished(publication.status);
    // 12 characters of an alphabet without look-alikes (no 0/O, 1/I/L): about 60 bits, grouped for reading aloud.
    const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
    const raw = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
    const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    const today = todayInChina();
    const expires = new Date(`${today}T00:00:00Z`);
    expires.setUTCDate(expires.getUTCDate() + replyCodeDays);
    const expiresOn = expires.toISOString().slice(0, 10);
    await trx
      .insertInto('publication_reply_codes')
      .values({
        code_sha256: sha256(raw),
        publication_id: publicationId,
        issued_by: actorId(actor),
        issued_on: today,
        expires_on: expiresOn,
        used_at: null,
      })
      .execute();
    await appendEvent(trx, {
      actor,
      agencyId: publication.agency_id,
      // Its own subject: the publication's events record the publication's state, which a code does not change.
      subjectType: 'publication_reply_code',
      subjectId: sha256(raw),
      action: 'reply.code_issued',
      state: { publicationId, codeSha256: sha256(raw), expiresOn },
    });
    return { code, expiresOn };
  });
}

/** The party submits its statement online with its reply code (public, rate-limited); it then waits for the office's check. */
export async function submitReplyOnline(ctx: AppContext, input: { code: string; text: string }) {
  const text = checkText(input.text);
  const raw = input.code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return ctx.db.transaction().execute(async (trx) => {
    const code = await trx.selectFrom('publication_reply_codes').selectAll().where('code_sha256', '=', sha256(raw)).executeTakeFirst();
    const today = todayInChina();
    if (!code || code.used_at !== null || code.expires_on < today) {
      throw new DomainError('disclosure.reply_code_invalid');
    }
    const publication = await trx.selectFrom('publications').selectAll().where('id', '=', code.publication_id).executeTakeFirstOrThrow();
    requirePublished(publication.status);
    const used = await trx
      .updateTable('publication_reply_codes')
      .set({ used_at: nowIso() })
      .where('code_sha256', '=', code.code_sha256)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new DomainError('disclosure.reply_code_invalid');
    const reply = await insertReply(ctx, trx, systemActor('当事人在线提交'), publication, { channel: 'online', text, receivedOn: today });
    return { id: reply.id, receivedOn: reply.receivedOn, status: reply.status, statusLabel: reply.statusLabel };
  });
}

async function loadReply(ctx: AppContext, trx: Executor, actor: Actor, id: string) {
  const row = await trx.selectFrom('publication_replies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('disclosure.not_found', '未找到该当事人陈述');
  await publicationForStaff(ctx, trx, actor, row.publication_id);
  return row;
}

function requireReplyVersion(row: ReplyRow, version: number) {
  if (Number(row.version) !== version) throw new DomainError('disclosure.version_conflict');
}

/**
 * The office's check by a second person: the public text appears under 当事人陈述 on the decision's page (replacing an
 * earlier statement), in the public copy's transaction with both events.
 */
export async function approveReply(ctx: AppContext, actor: Actor, id: string, input: { version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadReply(ctx, trx, actor, id);
    requireRole(actor, row.agency_id, ['agency_head', 'reviewer'], '负责人或法制审核人员');
    requireReplyVersion(row, input.version);
    if (row.status !== 'submitted') throw new DomainError('disclosure.state_invalid', '该陈述不在待审核状态');
    if (actor.kind === 'user' && actor.userId === row.recorded_by) {
      throw new DomainError('disclosure.same_person', '该陈述由您录入，须由本机关另一名负责人或法制审核人员审核后公开');
    }
    const publication = await trx.selectFrom('publications').selectAll().where('id', '=', row.publication_id).executeTakeFirstOrThrow();
    requirePublished(publication.status);
    const current = await trx.selectFrom('public_records').selectAll().where('id', '=', row.publication_id).executeTakeFirstOrThrow();
    const today = todayInChina();
    const now = nowIso();
    const earlier = await trx
      .selectFrom('publication_replies')
      .select('id')
      .where('publication_id', '=', row.publication_id)
      .where('status', '=', 'published')
      .execute();
    for (const e of earlier) {
      await trx
        .updateTable('publication_replies')
        .set((eb) => ({ status: 'replaced', version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', e.id)
        .execute();
      await recordReply(trx, actor, 'reply.replaced', e.id);
    }
    await trx
      .updateTable('publication_replies')
      .set({
        status: 'published',
        checked_by: actorId(actor),
        checked_by_label: actorLabel(actor),
        published_on: today,
        version: Number(row.version) + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const statement: PublicStatement = {
      text: row.public_text,
      receivedOn: row.received_on,
      publishedOn: today,
      channel: row.channel as ReplyChannel,
      channelLabel: replyChannels[row.channel as ReplyChannel] ?? row.channel,
    };
    const copy: PublicCopy = { ...copyOfRow(current), statement };
    await writePublicRecord(trx, ctx, copy, Number(current.is_visible) === 1, today);
    await recordReply(trx, actor, 'reply.published', id);
    await recordPublicationEvent(trx, actor, 'publication.statement_published', row.publication_id);
    return presentReply(await trx.selectFrom('publication_replies').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The office returns a statement it will not publish as it stands, with the reason (the party is told outside the system). */
export async function returnReply(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string }) {
  if (!input.reason.trim()) throw new DomainError('disclosure.invalid', '须写明退回理由');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadReply(ctx, trx, actor, id);
    requireRole(actor, row.agency_id, ['agency_head', 'reviewer'], '负责人或法制审核人员');
    requireReplyVersion(row, input.version);
    if (row.status !== 'submitted') throw new DomainError('disclosure.state_invalid', '该陈述不在待审核状态');
    await trx
      .updateTable('publication_replies')
      .set({
        status: 'returned',
        checked_by: actorId(actor),
        checked_by_label: actorLabel(actor),
        return_reason: input.reason.trim().slice(0, 1000),
        version: Number(row.version) + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await recordReply(trx, actor, 'reply.returned', id);
    return presentReply(await trx.selectFrom('publication_replies').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** A publication's statements, newest first (staff). */
export async function listReplies(ctx: AppContext, actor: Actor, publicationId: string) {
  const publication = await publicationForStaff(ctx, ctx.db, actor, publicationId);
  const rows = await ctx.db
    .selectFrom('publication_replies')
    .selectAll()
    .where('publication_id', '=', publication.id)
    .orderBy('created_at', 'desc')
    .execute();
  return { items: rows.map(presentReply) };
}
