/**
 * The journal of public changes (公开动态): what the feed shows and what subscriptions deliver. Built by scanning
 * `public_records` only — a record whose public copy or visibility changed since the last scan gets one numbered entry:
 * `published` (first seen on the portal), `changed` (a changed decision, or a corrected copy), `withdrawn` (its
 * withdrawal notice) or `ended` (it left the portal: its publicity period ended, or ended early on credit repair).
 * An `ended` entry says only that: the record's id, the agency, the region, the kind of document, the reason and the day
 * — not the party, the case or the decision, which are no longer public — so that a mirror of the open data (a feed
 * reader, a webhook receiver) can take the record down too. It names no party, so a party's feed does not list it.
 *
 * Why a journal rather than a cursor on `public_records.updated_on`: that column is a day, so two changes on one day
 * (or a record published later the same day with a smaller id) would slip behind a (day, id) cursor. The scan re-reads
 * the days not yet closed (from the last day it saw) and compares each record's digest with the one it recorded, so each
 * change is noticed exactly once; numbers come from one state row, taken in the writing transaction (gapless, and on
 * PostgreSQL in commit order, since the row lock is held to commit), so a cursor on them skips nothing.
 */
import { createHash } from 'node:crypto';
import type { Trx } from '../../../db/database.js';
import { nowIso } from '../../../kernel/clock.js';
import type { AppContext } from '../../../kernel/context.js';
import type { PublicCopy } from '../public-copy.js';

export const changeEvents = ['published', 'changed', 'withdrawn', 'ended'] as const;
export type ChangeEvent = (typeof changeEvents)[number];
export const changeEventLabels: Record<ChangeEvent, string> = {
  published: '公开',
  changed: '变更',
  withdrawn: '已撤下',
  ended: '停止公示',
};

/** What the feed shows of a record as it was when the change was noticed: public copy fields only. */
export interface ChangeSummary {
  title: string;
  caseTitle: string;
  documentNumber: string;
  agencyName: string;
  regionName: string;
  partyName: string;
  partyCreditCode: string | null;
  actionTypeLabel: string;
  decision: string;
  amount: number | null;
  decidedOn: string;
  publishedOn: string | null;
  /** The withdrawal's or change's ground and reason, as the public copy states them. */
  notice: { groundLabel: string; sourceLabel: string; reason: string; on: string } | null;
}

/** What an `ended` entry shows: nothing of the party, the case or the decision. */
export interface EndedSummary {
  title: string;
  agencyName: string;
  regionName: string;
  /** 公开期限届满 or 信用修复; empty when this platform does not know why (a record received from another platform). */
  reasonLabel: string;
  endedOn: string;
}

/** The reason's label from the publication's `end_reason` (`<label>：<note>`); the note is staff's and stays inside. */
function endReasonLabel(endReason: string | null | undefined): string {
  for (const label of ['信用修复', '公开期限届满']) if (endReason?.startsWith(label)) return label;
  return '';
}

function summaryOf(copy: PublicCopy): ChangeSummary {
  const notice = copy.withdrawal ?? copy.change;
  return {
    title: copy.title,
    caseTitle: copy.caseTitle,
    documentNumber: copy.documentNumber,
    agencyName: copy.agency.name,
    regionName: copy.region.name,
    partyName: copy.party.name,
    partyCreditCode: copy.party.creditCode,
    actionTypeLabel: copy.actionTypeLabel,
    decision: copy.change ? copy.change.currentDecision : copy.decision,
    amount: copy.change ? copy.change.currentAmount : copy.amount,
    decidedOn: copy.decidedOn,
    publishedOn: copy.publishedOn,
    notice: notice ? { groundLabel: notice.groundLabel, sourceLabel: notice.sourceLabel, reason: notice.reason, on: notice.on } : null,
  };
}

const digestOf = (body: string, isVisible: number) => createHash('sha256').update(`${isVisible}\n${body}`).digest('hex');

function eventOf(status: string, wasSeen: boolean): ChangeEvent {
  if (status === 'withdrawn') return 'withdrawn';
  if (status === 'changed') return 'changed';
  return wasSeen ? 'changed' : 'published';
}

async function lockState(trx: Trx, ctx: AppContext) {
  let query = trx.selectFrom('open_data_state').select(['last_seq', 'scan_from']).where('id', '=', 1);
  if (ctx.dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirstOrThrow();
}

/**
 * One scan: reads the records updated on or after the last day seen, in pages (each page one transaction, holding
 * the state row), and journals what changed. Returns how many entries it added.
 */
export async function scanChanges(ctx: AppContext, options: { pageSize?: number } = {}): Promise<number> {
  const pageSize = options.pageSize ?? 500;
  const start = await ctx.db.selectFrom('open_data_state').select('scan_from').where('id', '=', 1).executeTakeFirstOrThrow();
  const from = start.scan_from;
  let after: { day: string; id: string } | null = null;
  let added = 0;
  let maxDay = from;
  for (;;) {
    const cursor: { day: string; id: string } | null = after;
    // The page is read after the state row is locked, so that two processes scanning at once never journal an older
    // version of a record after a newer one.
    const page = await ctx.db.transaction().execute(async (trx) => {
      const state = await lockState(trx, ctx);
      let query = trx.selectFrom('public_records').select(['id', 'updated_on', 'is_visible', 'body']);
      if (from !== null) query = query.where('updated_on', '>=', from);
      if (cursor !== null) {
        const { day, id } = cursor;
        query = query.where((eb) => eb.or([eb('updated_on', '>', day), eb.and([eb('updated_on', '=', day), eb('id', '>', id)])]));
      }
      const rows = await query.orderBy('updated_on').orderBy('id').limit(pageSize).execute();
      if (rows.length === 0) return { rows: 0, added: 0, last: null };
      const lastRow = rows[rows.length - 1] as (typeof rows)[number];
      const seen = await trx
        .selectFrom('open_data_seen')
        .select(['record_id', 'digest'])
        .where(
          'record_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      const known = new Map(seen.map((s) => [s.record_id, s.digest]));
      // Records that were seen and are now off the portal: those whose last entry said they were public get `ended`.
      const leaving = rows.filter((r) => Number(r.is_visible) !== 1 && known.has(r.id));
      const ends = new Map<string, { lastEvent: string | undefined; endReason: string | null; endedOn: string | null }>();
      if (leaving.length > 0) {
        const ids = leaving.map((r) => r.id);
        const lastEvents = await trx
          .selectFrom('open_data_changes')
          .select(['record_id', 'event'])
          .where('record_id', 'in', ids)
          .orderBy('seq')
          .execute();
        const publications = await trx.selectFrom('publications').select(['id', 'end_reason', 'ended_on']).where('id', 'in', ids).execute();
        for (const id of ids) ends.set(id, { lastEvent: undefined, endReason: null, endedOn: null });
        for (const e of lastEvents) (ends.get(e.record_id) as { lastEvent: string | undefined }).lastEvent = e.event;
        for (const p of publications) Object.assign(ends.get(p.id) as object, { endReason: p.end_reason, endedOn: p.ended_on });
      }
      const at = nowIso();
      let seq = Number(state.last_seq);
      const entries = [];
      const fresh: { record_id: string; digest: string }[] = [];
      for (const row of rows) {
        const digest = digestOf(row.body, Number(row.is_visible));
        const before = known.get(row.id);
        if (before === digest) continue;
        if (before === undefined) fresh.push({ record_id: row.id, digest });
        else await trx.updateTable('open_data_seen').set({ digest }).where('record_id', '=', row.id).execute();
        const copy = JSON.parse(row.body) as PublicCopy;
        if (Number(row.is_visible) !== 1) {
          const end = ends.get(row.id);
          if (end === undefined || end.lastEvent === undefined || end.lastEvent === 'ended') continue;
          seq += 1;
          const summary: EndedSummary = {
            title: copy.title,
            agencyName: copy.agency.name,
            regionName: copy.region.name,
            reasonLabel: endReasonLabel(end.endReason),
            endedOn: end.endedOn ?? row.updated_on,
          };
          entries.push({
            seq,
            record_id: row.id,
            event: 'ended' as ChangeEvent,
            agency_id: copy.agency.id,
            division_code: copy.region.code,
            party_credit_code: null,
            summary: JSON.stringify(summary),
            noticed_at: at,
          });
          continue;
        }
        seq += 1;
        entries.push({
          seq,
          record_id: row.id,
          event: eventOf(copy.status, before !== undefined),
          agency_id: copy.agency.id,
          division_code: copy.region.code,
          party_credit_code: copy.party.creditCode,
          summary: JSON.stringify(summaryOf(copy)),
          noticed_at: at,
        });
      }
      if (fresh.length > 0) await trx.insertInto('open_data_seen').values(fresh).execute();
      if (entries.length > 0) {
        await trx.insertInto('open_data_changes').values(entries).execute();
        await trx.updateTable('open_data_state').set({ last_seq: seq }).where('id', '=', 1).execute();
      }
      return { rows: rows.length, added: entries.length, last: { day: lastRow.updated_on, id: lastRow.id } };
    });
    added += page.added;
    if (page.last === null) break;
    after = page.last;
    if (maxDay === null || page.last.day > maxDay) maxDay = page.last.day;
    if (page.rows < pageSize) break;
  }
  // The next scan starts from the last day seen: records of earlier days cannot change without moving to a later day.
  if (maxDay !== null && maxDay !== from) {
    await ctx.db
      .updateTable('open_data_state')
      .set({ scan_from: maxDay })
      .where('id', '=', 1)
      .where((eb) => eb.or([eb('scan_from', 'is', null), eb('scan_from', '<', maxDay)]))
      .execute();
  }
  return added;
}

export interface ChangeFilter {
  agencyId?: string | undefined;
  /** A division code: the region and everything below it. */
  region?: string | undefined;
  party?: string | undefined;
}

/** The prefix a region filter matches: 640500 covers 640502 and 640502100. */
export const regionPrefix = (region: string) => region.replace(/0+$/, '') || region;

export type ChangeEntry = { seq: number; recordId: string; noticedAt: string } & (
  | { event: Exclude<ChangeEvent, 'ended'>; summary: ChangeSummary }
  | { event: 'ended'; summary: EndedSummary }
);

/** Journal entries matching a filter: newest first (the feed), or after a cursor, oldest first (delivery). */
export async function listChanges(
  ctx: AppContext,
  filter: ChangeFilter,
  options: { limit: number; afterSeq?: number; upToSeq?: number },
): Promise<ChangeEntry[]> {
  let query = ctx.db.selectFrom('open_data_changes').select(['seq', 'record_id', 'event', 'summary', 'noticed_at']);
  if (filter.agencyId) query = query.where('agency_id', '=', filter.agencyId);
  if (filter.party) query = query.where('party_credit_code', '=', filter.party.toUpperCase());
  if (filter.region) query = query.where('division_code', 'like', `${regionPrefix(filter.region)}%`);
  const isForward = options.afterSeq !== undefined;
  if (options.afterSeq !== undefined) query = query.where('seq', '>', options.afterSeq);
  if (options.upToSeq !== undefined) query = query.where('seq', '<=', options.upToSeq);
  const rows = await query
    .orderBy('seq', isForward ? 'asc' : 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(
    (r) =>
      ({
        seq: Number(r.seq),
        recordId: r.record_id,
        event: r.event as ChangeEvent,
        noticedAt: r.noticed_at,
        summary: JSON.parse(r.summary),
      }) as ChangeEntry,
  );
}

export async function lastSeq(ctx: AppContext): Promise<number> {
  const row = await ctx.db.selectFrom('open_data_state').select('last_seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.last_seq);
}
