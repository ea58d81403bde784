/**
 * Chinese full-text search over public copies: the one place where the two databases differ.
 * - SQLite: an FTS5 table with the trigram tokenizer (`public_records_fts`), kept beside `public_records` by
 *   `indexRecord`; a term of three characters or more matches through MATCH, a shorter one (罚款, 听证 — trigrams
 *   need three) by LIKE on the records. A long term (a full company name) is looked up through its rarest trigrams
 *   (`public_records_fts_vocab`) and confirmed by LIKE on those few candidates.
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

/** Keeps the search index in step with a record's text (nothing to do on PostgreSQL: the GIN index follows the row). */
export async function indexRecord(trx: Executor, dialect: Dialect, id: string, searchText: string): Promise<void> {
  if (dialect !== 'sqlite') return;
  await trx.deleteFrom('public_records_fts').where('record_id', '=', id).execute();
  await trx.insertInto('public_records_fts').values({ record_id: id, search_text: searchText }).execute();
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
