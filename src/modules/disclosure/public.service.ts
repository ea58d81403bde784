/**
 * What the portal and the public API show of ex-post disclosure. Reads `public_records` (the public copies) and the
 * ledger's index of their events — never cases, case steps or documents.
 */

import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { copyOfRow, type PublicCopy } from './public-copy.js';
import { answersByKeys, indexedMatches, matchesTerms, searchByKeys, searchTerms, type TermStrategy } from './search-adapter.js';

export interface PublicSearch {
  q?: string | undefined;
  agencyId?: string | undefined;
  actionType?: string | undefined;
  /** Decided on or after / on or before (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  /** A division code: the region and everything below it (640502 covers 640502100). */
  region?: string | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
  status?: string | undefined;
  creditCode?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** The publication, change and withdrawal events of a record: its ledger indices, for the inclusion proof. */
export const publicActions = [
  'publication.published',
  'publication.changed',
  'publication.withdrawn',
  'publication.ended',
  'publication.upheld',
  'publication.statement_published',
];
export const publicActionLabels: Record<string, string> = {
  'publication.published': '公开',
  'publication.changed': '变更',
  'publication.withdrawn': '撤下',
  'publication.ended': '公开期满撤出平台',
  'publication.upheld': '复议或诉讼维持原决定',
  'publication.statement_published': '公开当事人陈述',
};

function summaryOf(copy: PublicCopy) {
  return {
    id: copy.id,
    title: copy.title,
    caseTitle: copy.caseTitle,
    documentNumber: copy.documentNumber,
    agencyId: copy.agency.id,
    agencyName: copy.agency.name,
    actionType: copy.actionType,
    actionTypeLabel: copy.actionTypeLabel,
    regionName: copy.region.name,
    partyName: copy.party.name,
    partyCreditCode: copy.party.creditCode,
    decision: copy.change ? copy.change.currentDecision : copy.decision,
    amount: copy.change ? copy.change.currentAmount : copy.amount,
    decidedOn: copy.decidedOn,
    publishedOn: copy.publishedOn,
    status: copy.status,
    ...(copy.origin && { origin: copy.origin }),
  };
}
export type PublicSummary = ReturnType<typeof summaryOf>;

/** Counting stops here: beyond it the portal says 1,000条以上 (counting every match of a common word costs more than the page). */
export const countLimit = 1_000;
/** SQLite: when the FTS index matches this many records or more, the page is read newest first with LIKE (see matchesTerms). */
const commonMatches = 2_000;

type RecordsScope = ExpressionBuilder<Database & { r: Database['public_records'] }, 'r'>;

/**
 * The search's conditions on `public_records as r`, other than its words. `forPage` on SQLite: the amount range is
 * tested on each row (`+amount` keeps the amount index out) so that the page is read newest first along the date
 * index — with the amount index, SQLite would fetch every record in a wide range (200,000 元 and up) and sort them
 * all for one page (0.5–1 s at a million records). The count, which needs no order, uses the amount index.
 */
function filtersOf(search: PublicSearch, dialect: Dialect = 'postgres', forPage = false) {
  return (eb: RecordsScope): Expression<SqlBool> => {
    const amount = forPage && dialect === 'sqlite' ? sql<number>`+${eb.ref('r.amount')}` : eb.ref('r.amount');
    const conditions: Expression<SqlBool>[] = [eb('r.is_visible', '=', 1)];
    if (search.agencyId) conditions.push(eb('r.agency_id', '=', search.agencyId));
    if (search.actionType) conditions.push(eb('r.action_type', '=', search.actionType));
    if (search.from) conditions.push(eb('r.decided_on', '>=', search.from));
    if (search.to) conditions.push(eb('r.decided_on', '<=', search.to));
    if (search.region) conditions.push(eb('r.division_code', 'like', `${search.region.replace(/0+$/, '') || search.region}%`));
    if (search.minAmount !== undefined) conditions.push(eb(amount, '>=', search.minAmount));
    if (search.maxAmount !== undefined) conditions.push(eb(amount, '<=', search.maxAmount));
    if (search.status) conditions.push(eb('r.status', '=', search.status));
    if (search.creditCode) conditions.push(eb('r.party_credit_code', '=', search.creditCode.toUpperCase()));
    return eb.and(conditions);
  };
}

/**
 * How many records match, counting at most `countLimit` + 1 (so that the caller knows there are more). `strategy`
 * `scan` (common words, SQLite): with other filters the count reads the rows they select and tests the words by LIKE —
 * from the FTS index it would walk the word's every match to find the few the filters keep.
 */
async function countMatches(ctx: AppContext, search: PublicSearch, terms: string[], strategy: TermStrategy): Promise<number> {
  const filters = filtersOf(search);
  const long = terms.filter((t) => [...t].length >= 3);
  const filtered = [
    search.agencyId,
    search.actionType,
    search.from,
    search.to,
    search.region,
    search.minAmount,
    search.maxAmount,
    search.status,
    search.creditCode,
  ].some((v) => v !== undefined && v !== '');
  // `{ ids }`: every match is in hand, so the generic count below looks them up by id.
  if (ctx.dialect === 'sqlite' && long.length > 0 && (strategy === 'index' || (strategy === 'scan' && !filtered))) {
    // From the FTS index, joined to the records: its matches stream, so the count stops at the limit — where
    // `id in (select … match …)` would collect every match of a common word first.
    const short = terms.filter((t) => [...t].length < 3);
    const counted = ctx.db
      .selectFrom('public_records_fts as f')
      .innerJoin('public_records as r', 'r.id', 'f.record_id')
      .select(sql<number>`1`.as('one'))
      .where(sql<SqlBool>`public_records_fts match ${long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ')}`)
      .where((eb) => filters(eb as unknown as RecordsScope))
      .$if(short.length > 0, (q) => q.where((eb) => matchesTerms(ctx.dialect, short)(eb as unknown as RecordsScope)))
      .limit(countLimit + 1);
    const { n } = await ctx.db
      .selectFrom(counted.as('c'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }
  let q = ctx.db.selectFrom('public_records as r').select(sql<number>`1`.as('one')).where(filters);
  if (terms.length > 0) q = q.where(matchesTerms(ctx.dialect, terms, strategy));
  const { n } = await ctx.db
    .selectFrom(q.limit(countLimit + 1).as('c'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** A unified social credit code typed as a search word (GB 32100-2015 form, check character not verified). */
const creditCodeForm = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

export async function searchPublicRecords(ctx: AppContext, input: PublicSearch) {
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, input.pageSize ?? 20));
  // A credit code among the words is looked up by the party's code (an index) rather than as text: its trigrams are
  // shared by every code of the region (91640502…), so the full-text index reads most records to find it (64 ms at a
  // million on PostgreSQL). Only the first; the copy's text holds a party's code in that field alone.
  let search = input;
  let terms = searchTerms(input.q);
  const code = terms.find((t) => creditCodeForm.test(t.toUpperCase()));
  if (code && !input.creditCode) {
    search = { ...input, creditCode: code.toUpperCase() };
    terms = terms.filter((t) => t !== code);
  }
  const result = (counted: number, bodies: string[]) => ({
    page,
    pageSize,
    /** At most `countLimit`; `totalIsLowerBound` says there are more. */
    total: Math.min(counted, countLimit),
    totalIsLowerBound: counted > countLimit,
    items: bodies.map((body) => summaryOf(JSON.parse(body) as PublicCopy)),
  });
  // SQLite, words (not a long name) with no filter but the dates: the word index of pairs, a date range as day blocks.
  const onlyDates = [
    search.agencyId,
    search.actionType,
    search.region,
    search.minAmount,
    search.maxAmount,
    search.status,
    search.creditCode,
  ].every((v) => v === undefined || v === '');
  if (ctx.dialect === 'sqlite' && onlyDates && answersByKeys(terms)) {
    const { count, bodies } = await searchByKeys(ctx.db, {
      terms,
      from: search.from,
      to: search.to,
      offset: (page - 1) * pageSize,
      limit: pageSize,
      countLimit,
    });
    return result(count, bodies);
  }
  // Common words: the index's every match would be collected and sorted; reading the newest records first finds a page
  // sooner. Rarer ones: the index's matches, looked up by id for the count and the page.
  const indexed = await indexedMatches(ctx.db, ctx.dialect, terms, commonMatches);
  const strategy: TermStrategy =
    indexed === null ? 'index' : indexed.count >= commonMatches ? 'scan' : indexed.ids ? { ids: indexed.ids } : 'index';
  const counted = await countMatches(ctx, search, terms, strategy);
  let q = ctx.db.selectFrom('public_records as r').where(filtersOf(search, ctx.dialect, true));
  if (terms.length > 0) q = q.where(matchesTerms(ctx.dialect, terms, strategy));
  const rows =
    counted === 0
      ? []
      : await q
          .select('r.body')
          .orderBy('r.decided_on', 'desc')
          .orderBy('r.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute();
  return result(
    counted,
    rows.map((row) => row.body),
  );
}

async function ledgerEntriesOf(db: Executor, id: string) {
  const events = await db
    .selectFrom('ledger_events')
    .select(['seq', 'action', 'occurred_at'])
    .where('subject_type', '=', 'publication')
    .where('subject_id', '=', id)
    .where('action', 'in', publicActions)
    .orderBy('seq')
    .execute();
  // A copy received from a lower-level platform: the events that recorded its receipt here (数据交换).
  const receipts = await db
    .selectFrom('exchange_receipts')
    .select(['ledger_seq as seq', 'kind as action', 'received_at as occurred_at'])
    .where('key', '=', id)
    .orderBy('ledger_seq')
    .execute();
  const entry = (e: { seq: number; action: string; occurred_at: string }, suffix = '') => ({
    index: Number(e.seq),
    action: e.action,
    label: `${publicActionLabels[e.action] ?? e.action}${suffix}`,
    occurredAt: e.occurred_at,
  });
  return [...events.map((e) => entry(e)), ...receipts.map((e) => entry(e, '（本平台接收）'))];
}

/** One decision's public copy with its ledger entries; a record whose publicity ended is not found. */
export async function getPublicRecord(ctx: AppContext, id: string) {
  const row = await ctx.db.selectFrom('public_records').selectAll().where('id', '=', id).where('is_visible', '=', 1).executeTakeFirst();
  if (!row) throw new DomainError('disclosure.not_found');
  return { ...copyOfRow(row), ledger: await ledgerEntriesOf(ctx.db, id) };
}

/** A party's whole public history by its credit code, newest first. */
export async function getPartyHistory(ctx: AppContext, creditCode: string, page = 1, pageSize = 50) {
  const code = creditCode.trim().toUpperCase();
  const result = await searchPublicRecords(ctx, { creditCode: code, page, pageSize });
  if (result.total === 0) throw new DomainError('disclosure.not_found', `统一社会信用代码 ${code} 名下没有公开的执法决定`);
  const first = result.items[0] as PublicSummary;
  const counts: Record<string, number> = {};
  const all = await ctx.db
    .selectFrom('public_records')
    .select(['action_type', 'status'])
    .where('party_credit_code', '=', code)
    .where('is_visible', '=', 1)
    .execute();
  for (const r of all) counts[r.action_type] = (counts[r.action_type] ?? 0) + 1;
  return { creditCode: code, partyName: first.partyName, countsByActionType: counts, ...result };
}

/**
 * The public copy of one record as the exchange pushes it, whatever its visibility (a withdrawal or an ended publicity
 * must reach the higher-level platform too): the copy and whether it is on the portal. Null if never published.
 */
export async function publicRecordOf(db: Executor, id: string): Promise<{ copy: PublicCopy; isVisible: boolean } | null> {
  const row = await db.selectFrom('public_records').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { copy: copyOfRow(row), isVisible: Number(row.is_visible) === 1 } : null;
}
