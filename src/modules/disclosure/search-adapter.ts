/**
 * Chinese full-text search over public copies: the one place where the two databases differ.
 * - SQLite: an FTS5 table with the trigram tokenizer (`public_records_fts`), kept beside `public_records` by
 *   `indexRecord`; a term of three characters or more matches through MATCH, a shorter one (罚款, 听证 — trigrams
 *   need three) by LIKE on the records. A long term (a full company name) is looked up through its rarest trigrams
 *   (`public_records_fts_vocab`) and confirmed by LIKE on those few candidates. A second FTS5 table,
 *   `public_records_pairs`, holds each record's pairs of neighbouring characters and its decision day as words of day
 *   blocks: words of two to five characters with no filter but the dates are answered there (`searchByKeys`), the two-
 *   character ones included; LIKE remains for such words combined with other filters.
 * - PostgreSQL: a pg_trgm GIN index on `public_records.search_text`, used by `LIKE '%…%'` (the database must have a
 *   UTF-8 ctype, or pg_trgm drops every Chinese character).
 * Each whitespace-separated term must match (AND).
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

export const maxTerms = 5;

/** The terms of a query: trimmed, at most five, each at most 50 characters. */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '')
    .split(/[\s\u3000]+/)
    .map((t) => t.trim().slice(0, 50))
    .filter(Boolean)
    .slice(0, maxTerms);
}

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** FTS5 phrase: double quotes doubled inside a quoted string. */
const ftsPhrase = (term: string) => `"${term.replace(/"/g, '""')}"`;

// ---------------------------------------------------------------- SQLite: index entries keyed by the decision's day

/**
 * SQLite: each record's entries in both full-text indexes carry one integer key, `public_records.search_rowid`: the day
 * of the decision (days since 1970-01-01) times 2³², plus the record's number within that day. The index's key order
 * is then the date order the portal lists in: newest first is the index read backwards, no sorting.
 */
const dayKeys = 2 ** 32;
const epochDay = (isoDate: string) => Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000);
/** The first key of a day. */
const firstKeyOf = (isoDate: string) => epochDay(isoDate) * dayKeys;
/** The day (days since 1970-01-01) a key belongs to. */
const dayOfKey = (key: number) => Math.floor(key / dayKeys);

/**
 * The decision's day as words of the word index, one per level of a binary hierarchy of days (the day itself, its
 * 2-day block, 4-day block, … up to blocks of 2¹⁷ days), e.g. `dt3x2560` for the 8-day block 2560. Any range of days
 * is then a handful of blocks (at most two per level; a 30-day window four to eight), and a word within a range is the
 * word AND any of those blocks: FTS5 seeks each list to the next match through its doclist index, where a rowid
 * range on the table would read the word's list from its start (measured: linear in the list, 6–13 ms for a word in
 * 200,000 records; the AND with a block's word 0.2 ms wherever the block lies).
 */
const dateLevels = 18;
const lastDay = 2 ** dateLevels - 1;
const dateWord = (level: number, block: number) => `dt${level}x${block}`;
export function dateWordsOf(isoDate: string): string[] {
  const day = Math.min(lastDay, Math.max(0, epochDay(isoDate)));
  return Array.from({ length: dateLevels }, (_, level) => dateWord(level, day >> level));
}

/** The fewest blocks whose days are exactly `from`…`to` (days since 1970-01-01, inclusive): a segment tree's cover. */
export function dateCoverOf(from: number, to: number): string[] {
  const words: string[] = [];
  let low = Math.max(0, from);
  let high = Math.min(lastDay, to) + 1; // exclusive
  for (let level = 0; low < high; level++) {
    if (low & 1) words.push(dateWord(level, low++));
    if (high & 1) words.push(dateWord(level, --high));
    low >>= 1;
    high >>= 1;
  }
  return words;
}

/** A run of letters and digits: the characters the word index (unicode61) keeps; anything else separates words. */
const wordRun = /[\p{L}\p{N}]+/gu;
/** Put between two runs, so that the last pair of one and the first pair of the next are not neighbours in a phrase. */
const runBreak = '0';

/**
 * The words the word index holds for a text: every pair of neighbouring characters within a run of letters and digits
 * (食品安全 → 食品 品安 安全). Any term of two characters or more made of letters and digits is then a phrase of its
 * pairs, which matches exactly where the term stands in the text — 罚款 and 警告 included, which the trigram index
 * cannot look up.
 */
export function pairTextOf(text: string): string {
  const tokens: string[] = [];
  for (const [run] of text.matchAll(wordRun)) {
    const chars = [...run];
    if (tokens.length > 0) tokens.push(runBreak);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
  }
  return tokens.join(' ');
}

/** What the word index holds for a record: its text's pairs, then its decision day's words (never a pair: longer). */
const pairsColumnOf = (searchText: string, decidedOn: string) =>
  `${pairTextOf(searchText)} ${runBreak} ${dateWordsOf(decidedOn).join(' ')}`;

/** Whether the word index can answer a term: two characters or more, letters and digits only. */
export const isPairIndexable = (term: string) => /^[\p{L}\p{N}]+$/u.test(term) && [...term].length >= 2;

/** The word index's query for terms (each isPairIndexable): each a phrase of its pairs, all of them required. */
function pairQueryOf(terms: readonly string[]): string {
  return terms.map((term) => `"${pairTextOf(term)}"`).join(' AND ');
}

/**
 * Keeps the search indexes in step with a record's text (nothing to do on PostgreSQL: the GIN index follows the row).
 * The record's row must be written first: its key comes from its decision date, and stays while that date does.
 */
export async function indexRecord(trx: Executor, dialect: Dialect, id: string, searchText: string): Promise<void> {
  if (dialect !== 'sqlite') return;
  const row = await trx.selectFrom('public_records').select(['decided_on', 'search_rowid']).where('id', '=', id).executeTakeFirstOrThrow();
  const old = row.search_rowid === null ? null : Number(row.search_rowid);
  let key = old;
  if (key === null || dayOfKey(key) !== epochDay(row.decided_on)) {
    const last = await trx
      .selectFrom('public_records')
      .select((eb) => eb.fn.max('search_rowid').as('k'))
      .where('search_rowid', '>=', firstKeyOf(row.decided_on))
      .where('search_rowid', '<', firstKeyOf(row.decided_on) + dayKeys)
      .executeTakeFirst();
    key = last?.k === null || last?.k === undefined ? firstKeyOf(row.decided_on) : Number(last.k) + 1;
    await trx.updateTable('public_records').set({ search_rowid: key }).where('id', '=', id).execute();
  }
  // By key, not by record_id (which the index does not index: deleting by it reads every entry).
  if (old !== null) {
    await sql`delete from public_records_fts where rowid = ${old}`.execute(trx);
    await sql`delete from public_records_pairs where rowid = ${old}`.execute(trx);
  }
  await sql`insert into public_records_fts (rowid, record_id, search_text) values (${key}, ${id}, ${searchText})`.execute(trx);
  await sql`insert into public_records_pairs (rowid, pairs) values (${key}, ${pairsColumnOf(searchText, row.decided_on)})`.execute(trx);
}

/**
 * SQLite: gives every record its key and rebuilds both full-text indexes from the records (the migration that brought
 * the keys, and the benchmark after loading a million records in bulk).
 */
export async function rebuildSearchIndex(db: Executor): Promise<void> {
  await sql`with keys as materialized (
      select id, (cast(julianday(decided_on) - 2440587.5 as integer)) * ${sql.lit(dayKeys)}
        + row_number() over (partition by decided_on order by id) - 1 as k
      from public_records)
    update public_records set search_rowid = keys.k from keys where keys.id = public_records.id`.execute(db);
  await sql`delete from public_records_fts`.execute(db);
  await sql`insert into public_records_fts (rowid, record_id, search_text) select search_rowid, id, search_text from public_records`.execute(
    db,
  );
  await sql`insert into public_records_pairs (public_records_pairs) values ('delete-all')`.execute(db);
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = await db
      .selectFrom('public_records')
      .select(['search_rowid', 'search_text', 'decided_on'])
      .where('search_rowid', '>', after)
      .orderBy('search_rowid')
      .limit(5_000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      await sql`insert into public_records_pairs (rowid, pairs) values (${row.search_rowid}, ${pairsColumnOf(row.search_text, row.decided_on)})`.execute(
        db,
      );
    }
    after = Number(rows[rows.length - 1]?.search_rowid);
  }
}

/** A term this long (a company's full name, a phrase from the facts) usually matches few records. */
const specificLength = 6;

/**
 * What the index matches for the terms of three characters or more, reading at most `limit` matches (FTS5 streams
 * them, so this costs at most `limit` rows however common the terms are). Null when no term is long enough for the
 * index; on PostgreSQL also when no term is `specificLength` long (there the count and page evaluate LIKE themselves).
 * - With a term of `specificLength` characters or more: the matching records' ids (`ids`), which the count and the page
 *   then look up by id (`{ ids }` for matchesTerms) instead of evaluating the phrase again — a company's full name costs
 *   5–10 ms per evaluation at a million records, its few ids almost nothing.
 * - Otherwise only how many (`count`): reading each match's id costs more than evaluating a short phrase again when
 *   there are hundreds of matches (烟花爆竹: 502 ids 13 ms, counted 1.4 ms).
 */
export async function indexedMatches(
  db: Executor,
  dialect: Dialect,
  terms: readonly string[],
  limit: number,
): Promise<{ count: number; ids: string[] | null } | null> {
  const long = terms.filter((t) => [...t].length >= 3);
  if (long.length === 0) return null;
  const isSpecific = long.some((t) => [...t].length >= specificLength);
  if (dialect === 'postgres') {
    // The GIN index reads every trigram's posting list of a long name (中卫市… are in most records): once, not twice.
    if (!isSpecific) return null;
    const rows = await db.selectFrom('public_records as r').select('r.id').where(matchesTerms(dialect, long)).limit(limit).execute();
    return { count: rows.length, ids: rows.map((r) => r.id) };
  }
  const match = long.map(ftsPhrase).join(' AND ');
  if (isSpecific) {
    const rare = await throughRarestTrigrams(db, long, limit);
    if (rare) return { count: rare.length, ids: rare };
    const { rows } = await sql<{
      record_id: string;
    }>`select record_id from public_records_fts where public_records_fts match ${match} limit ${limit}`.execute(db);
    return { count: rows.length, ids: rows.map((r) => r.record_id) };
  }
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from (select 1 from public_records_fts where public_records_fts match ${match} limit ${limit})`.execute(db);
  return { count: Number(rows[0]?.n ?? 0), ids: null };
}

/**
 * A term's trigrams as the index's vocabulary spells them: every three consecutive characters, Latin letters in lower
 * case. Other letters are left as typed — JavaScript's case folding differs from FTS5's for some (İ becomes two
 * characters) — so such a trigram may be missing from the vocabulary; it then counts as rare, and MATCH, which folds
 * the query as it folded the records, still finds what it should.
 */
export function trigramsOf(term: string): string[] {
  const chars = [...term.replace(/[A-Z]/g, (c) => c.toLowerCase())];
  return chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join(''));
}

/** How many records hold each trigram, as last counted: a hint for choosing, never an answer (see rarestTrigrams). */
const trigramDocs = new WeakMap<object, Map<string, number>>();
const trigramDocsLimit = 100_000;
/** Trigrams asked of the index for a long term: the rarest ones, whose lists of records are short. */
const rarestCount = 3;
/** More candidates than this and the whole phrase is asked instead (the rarest trigrams were not rare). */
const candidateLimit = 5_000;

/** A trigram in fewer records than this is rare enough to ask the index for. */
const rareDocs = 1_000;

/**
 * The rarest trigrams of the terms, least common first. Counting a trigram's records reads its whole list in the index — for 中卫市 or 有限公 almost every record,
 * 30–50 ms at a million; for a business type (餐饮管) 4 ms — so the counts are kept per database (they change slowly,
 * and only steer the choice: a stale count picks a less rare trigram, never a wrong answer; a count of zero — no
 * record, or a spelling the vocabulary does not hold — is not kept, and the index is asked as for any rare one), and the trigrams are counted from each term's middle outwards — a name's own
 * words (鑫源, 一八二九) sit between its place and its business type — until three rare ones are found.
 */
async function rarestTrigrams(db: Executor, terms: readonly string[]): Promise<string[]> {
  let known = trigramDocs.get(db);
  if (!known) {
    known = new Map();
    trigramDocs.set(db, known);
  }
  const middleOut = terms.flatMap((term) => {
    const grams = trigramsOf(term);
    const middle = (grams.length - 1) / 2;
    return grams.map((gram, i) => ({ gram, distance: Math.abs(i - middle) }));
  });
  middleOut.sort((a, b) => a.distance - b.distance);
  const counted = new Map<string, number>();
  for (const { gram } of middleOut) {
    if (counted.has(gram)) continue;
    let docs = known.get(gram);
    if (docs === undefined) {
      const { rows } = await sql<{ doc: number }>`select doc from public_records_fts_vocab where term = ${gram}`.execute(db);
      docs = Number(rows[0]?.doc ?? 0);
      if (docs > 0) {
        if (known.size >= trigramDocsLimit) known.clear();
        known.set(gram, docs);
      }
    }
    counted.set(gram, docs);
    if ([...counted.values()].filter((n) => n < rareDocs).length >= rarestCount) break;
  }
  return [...counted]
    .sort((a, b) => a[1] - b[1])
    .slice(0, rarestCount)
    .map(([gram]) => gram);
}

/**
 * SQLite: the ids of at most `limit` records holding every long term, found through the terms' rarest trigrams — a
 * full name's phrase makes FTS5 read the lists of all its trigrams, several of which (中卫市, 沙坡头, 有限公) are in
 * most records; its three rarest are in few. The candidates are then tested for the whole terms by LIKE (the same
 * matches: both fold Latin letters' case). Null when the rarest trigrams still hold too many records: ask the phrase.
 */
async function throughRarestTrigrams(db: Executor, long: readonly string[], limit: number): Promise<string[] | null> {
  const rarest = await rarestTrigrams(db, long);
  const { rows: candidates } = await sql<{ record_id: string }>`select record_id from public_records_fts
    where public_records_fts match ${rarest.map(ftsPhrase).join(' AND ')} limit ${candidateLimit + 1}`.execute(db);
  if (candidates.length > candidateLimit) return null;
  if (candidates.length === 0) return [];
  const rows = await db
    .selectFrom('public_records as r')
    .select('r.id')
    .where(sql<SqlBool>`r.id in (select value from json_each(${JSON.stringify(candidates.map((c) => c.record_id))}))`)
    .where((eb) => eb.and(long.map((term) => sql<SqlBool>`${eb.ref('r.search_text')} like ${likePattern(term)} escape '\\'`)))
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * How to test the words: `index` asks the FTS index (SQLite), `scan` tests each row by LIKE, `{ ids }` takes the
 * records the index already matched (indexedMatches) and tests only the short terms on them.
 */
export type TermStrategy = 'index' | 'scan' | { ids: readonly string[] };

/**
 * A condition on `public_records as r`: every term appears in the record's search text.
 * `scan`: on SQLite, test every term by LIKE on the row instead of asking the FTS index — for terms so common that
 * reading the records newest first (an index on the date) finds a page sooner than collecting every match from the
 * index and sorting them. The answer is the same either way (the trigram tokenizer matches case-insensitively, as LIKE).
 */
export function matchesTerms(dialect: Dialect, terms: readonly string[], strategy: TermStrategy = 'index') {
  return (eb: ExpressionBuilder<Database & { r: Database['public_records'] }, 'r'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    const long = terms.filter((t) => [...t].length >= 3);
    const short = terms.filter((t) => [...t].length < 3);
    const byIds = typeof strategy === 'object' && long.length > 0;
    if (byIds && dialect === 'sqlite') {
      conditions.push(sql<SqlBool>`${eb.ref('r.id')} in (select value from json_each(${JSON.stringify(strategy.ids)}))`);
    } else if (byIds) {
      conditions.push(sql<SqlBool>`${eb.ref('r.id')} = any(${strategy.ids})`);
    } else if (dialect === 'sqlite' && strategy === 'index' && long.length > 0) {
      const match = long.map(ftsPhrase).join(' AND ');
      conditions.push(
        sql<SqlBool>`${eb.ref('r.id')} in (select record_id from public_records_fts where public_records_fts match ${match})`,
      );
    }
    for (const term of byIds || (dialect === 'sqlite' && strategy === 'index' && long.length > 0) ? short : terms) {
      // ILIKE on PostgreSQL for a term with letters: pg_trgm's GIN index serves it, and Latin letters match in either
      // case as in SQLite. A term without letters (Chinese, digits) uses LIKE — the same matches, and 5–15 times
      // faster on the rows a common word is tested against (ILIKE folds the case of every row's text first).
      const like = dialect === 'postgres' && term.toLowerCase() !== term.toUpperCase() ? sql`ilike` : sql`like`;
      conditions.push(sql<SqlBool>`${eb.ref('r.search_text')} ${like} ${likePattern(term)} escape '\\'`);
    }
    return conditions.length === 0 ? sql<SqlBool>`1 = 1` : eb.and(conditions);
  };
}

/**
 * SQLite: whether `searchByKeys` answers these terms — each made of letters and digits, two characters or more, and
 * none a long name (those go through their rarest trigrams, `indexedMatches`).
 */
export const answersByKeys = (terms: readonly string[]) =>
  terms.length > 0 && terms.every((t) => isPairIndexable(t) && [...t].length < specificLength);

export interface KeyedSearch {
  /** Each accepted by answersByKeys. */
  terms: readonly string[];
  /** Decision dates, inclusive (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
  /** Counting stops after this many plus one. */
  countLimit: number;
}

/**
 * SQLite: the visible records holding every term within a date range, from the word index — each term a phrase of its
 * pairs, the range the blocks of days that cover it (dateCoverOf): how many (at most `countLimit` + 1, each checked for
 * visibility in the key index alone) and one page, newest first. Both come from one read of the keys, newest first
 * (FTS5 gives them in key order, no sorting), which also says on which day the page's last record is; then the records
 * from that day on, sorted as every portal list is (date descending, then id), so that records of one day come in the same order
 * as on any other path.
 */
export async function searchByKeys(db: Executor, search: KeyedSearch): Promise<{ count: number; bodies: string[] }> {
  const toDay = search.to ? epochDay(search.to) : lastDay;
  const matches = (fromDay: number) => {
    const cover = fromDay === 0 && toDay === lastDay ? [] : dateCoverOf(fromDay, toDay);
    const match = cover.length > 0 ? `${pairQueryOf(search.terms)} AND (${cover.join(' OR ')})` : pairQueryOf(search.terms);
    return sql`from public_records_pairs p
      join public_records r on r.search_rowid = p.rowid and r.is_visible = 1
      where public_records_pairs match ${match}`;
  };
  const fromDay = search.from ? Math.max(0, epochDay(search.from)) : 0;
  if (fromDay > toDay) return { count: 0, bodies: [] };
  // One pass, newest first: the keys give both the count (up to the limit) and where the page ends.
  const { rows: keys } = await sql<{ k: number }>`select p.rowid as k ${matches(fromDay)} order by p.rowid desc limit ${Math.max(
    search.countLimit + 1,
    search.offset + search.limit,
  )}`.execute(db);
  const count = keys.length;
  if (count <= search.offset) return { count, bodies: [] };
  const lastKey = keys[Math.min(keys.length, search.offset + search.limit) - 1]?.k;
  if (lastKey === undefined) return { count, bodies: [] };
  // The day's order by id from the key index alone (it holds the id); only the page's records are read.
  const { rows: page } = await sql<{ id: string }>`select r.id as id ${matches(dayOfKey(Number(lastKey)))}
    order by p.rowid >> 32 desc, r.id limit ${search.limit} offset ${search.offset}`.execute(db);
  const ids = page.map((r) => r.id);
  const rows = await db
    .selectFrom('public_records')
    .select(['id', 'body'])
    .where('id', 'in', ids.length > 0 ? ids : [''])
    .execute();
  const bodies = new Map(rows.map((r) => [r.id, r.body]));
  return { count, bodies: ids.map((id) => bodies.get(id) ?? '').filter(Boolean) };
}
