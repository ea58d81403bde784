/** The one place the dialects differ in portal search: the same queries give the same answers on both databases. */

import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestSystem, type TestSystem } from '../../../test/support/system.js';
import {
  dateCoverOf,
  dateWordsOf,
  indexedMatches,
  indexRecord,
  matchesTerms,
  pairTextOf,
  searchTerms,
  type TermStrategy,
} from './search-adapter.js';

const texts: Record<string, string> = {
  a: '中卫市沙坡头区鑫源餐饮店 未按规定建立食品安全管理制度 罚款8,000元 92640502MA7100037X',
  b: '中卫市沙坡头区兴隆副食超市 销售过期乳制品 警告',
  c: '宁夏某某运输有限公司 超限运输 听证 100%_合规',
};

describe('the word index of pairs and days (SQLite)', () => {
  const dayOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

  it('covers a range of days with blocks that hold every day in it and no other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: -5, max: 405 }),
        (from, length, probe) => {
          const cover = new Set(dateCoverOf(from, from + length));
          const day = from + probe;
          // Days before 1970-01-01 are held as that day (the index's first); no decision is dated before it.
          fc.pre(day >= 0);
          const hits = dateWordsOf(dayOf(day)).filter((w) => cover.has(w)).length;
          expect(hits).toBe(probe >= 0 && probe <= length ? 1 : 0);
        },
      ),
    );
    // A month is a few blocks, not thirty days.
    expect(dateCoverOf(19_787, 19_817).length).toBeLessThanOrEqual(8);
  });

  it('holds each pair of neighbouring letters or digits, and breaks between runs', () => {
    expect(pairTextOf('罚款8,000元 A公司')).toBe('罚款 款8 0 00 00 0元 0 A公 公司');
  });
});

describe.each(dialects)('portal search adapter (%s)', (dialect) => {
  let system: TestSystem;

  const addRecord = async (id: string, text: string) => {
    const db = system.ctx.db;
    await db
      .insertInto('public_records')
      .values({
        id,
        agency_id: 'x',
        agency_name: 'x',
        government_id: 'x',
        division_code: '640502',
        division_name: 'x',
        action_type: 'penalty',
        title: 'x',
        document_number: 'x',
        decided_on: '2026-11-01',
        published_on: '2026-11-02',
        party_type: 'organization',
        party_name: 'x',
        party_credit_code: null,
        amount: null,
        status: 'published',
        is_visible: 1,
        expires_on: null,
        body: '{}',
        search_text: text,
        updated_on: '2026-11-02',
      })
      .execute();
    await indexRecord(db, system.ctx.dialect, id, text);
  };

  beforeAll(async () => {
    system = await openTestSystem(dialect);
    for (const [id, text] of Object.entries(texts)) await addRecord(id, text);
  });
  afterAll(async () => {
    await system?.close();
  });

  const findBy = async (q: string, strategy: TermStrategy) => {
    const rows = await system.ctx.db
      .selectFrom('public_records as r')
      .select('r.id')
      .where(matchesTerms(system.ctx.dialect, searchTerms(q), strategy))
      .orderBy('r.id')
      .execute();
    return rows.map((r) => r.id);
  };
  /**
   * Every way of matching gives the same answer: the index, LIKE on rows read in date order (common words), and the ids
   * the index matched looked up again (a long term, SQLite).
   */
  const find = async (q: string) => {
    const byIndex = await findBy(q, 'index');
    expect(await findBy(q, 'scan')).toEqual(byIndex);
    const indexed = await indexedMatches(system.ctx.db, system.ctx.dialect, searchTerms(q), 100);
    expect(indexed?.count ?? byIndex.length).toBeGreaterThanOrEqual(byIndex.length);
    if (indexed?.ids) expect(await findBy(q, { ids: indexed.ids })).toEqual(byIndex);
    return byIndex;
  };

  it('matches Chinese terms of any length, several terms together, Latin letters in either case, and wildcards literally', async () => {
    expect(await find('食品安全')).toEqual(['a']);
    expect(await find('乳制品')).toEqual(['b']);
    expect(await find('听证')).toEqual(['c']); // two characters: below the trigram, by LIKE
    expect(await find('沙坡头区 过期')).toEqual(['b']);
    expect(await find('中卫市沙坡头区鑫源餐饮店')).toEqual(['a']); // a full name: the index's ids, looked up
    expect(await find('中卫市沙坡头区 罚款')).toEqual(['a']);
    expect(await find('沙坡头区兴隆副食超市 警告')).toEqual(['b']);
    expect(await find('沙坡头区兴隆副食超市 罚款')).toEqual([]);
    expect(await find('沙坡头')).toEqual(['a', 'b']);
    expect(await find('92640502ma7100037x')).toEqual(['a']);
    expect(await find('100%')).toEqual(['c']);
    expect(await find('%')).toEqual(['c']);
    expect(await find('_')).toEqual(['c']);
    expect(await find('"引号')).toEqual([]);
    expect(await find('  ')).toEqual(['a', 'b', 'c']);
  });

  it('keeps the index in step when a record’s text changes', async () => {
    await system.ctx.db.updateTable('public_records').set({ search_text: '改名后的商行' }).where('id', '=', 'b').execute();
    await indexRecord(system.ctx.db, system.ctx.dialect, 'b', '改名后的商行');
    expect(await find('乳制品')).toEqual([]);
    expect(await find('改名后')).toEqual(['b']);
  });

  it('finds a long name through its rarest trigrams only where the whole name stands, also after new records hold it', async () => {
    // e holds every trigram of the name, but not the name in one piece; f holds it.
    await addRecord('e', '鑫源餐饮店 饮店分店');
    await addRecord('f', '宁夏鑫源餐饮店分店 责令改正');
    expect(await find('鑫源餐饮店分店')).toEqual(['f']);
    expect(await find('鑫源餐饮店分店 责令')).toEqual(['f']);
    expect(await find('鑫源餐饮店分店 罚款')).toEqual([]);
    expect(await find('鑫源餐饮超市分店')).toEqual([]); // 饮超市 is in no record
    // The trigram counts kept from the searches above are stale now; the answer is not.
    await addRecord('g', '鑫源餐饮店分店二号 罚款');
    expect(await find('鑫源餐饮店分店')).toEqual(['f', 'g']);
    await addRecord('h', '鑫源餐饮超市分店');
    expect(await find('鑫源餐饮超市分店')).toEqual(['h']);
    // Letters whose case JavaScript and FTS5 fold differently (İ) or not at all in LIKE (Greek): found as typed.
    await addRecord('i', 'İSTANBUL鑫源贸易公司 ΑΒΓ鑫源商贸有限公司');
    expect(await find('İSTANBUL鑫源贸易公司')).toEqual(['i']);
    expect(await find('İstanbul鑫源贸易公司')).toEqual(['i']);
    expect(await find('ΑΒΓ鑫源商贸有限公司')).toEqual(['i']);
  });

  it.runIf(dialect === 'postgres')('uses the pg_trgm GIN index for Chinese text (UTF-8 ctype)', async () => {
    const db = system.ctx.db;
    const trgm = await sql<{ ok: boolean }>`select show_trgm('行政处罚') <> '{}' as ok`.execute(db);
    expect(trgm.rows[0]?.ok).toBe(true);
    await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const plan = await sql<{ 'QUERY PLAN': string }>`explain select id from public_records where search_text ilike '%食品安全%'`.execute(
        trx,
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('public_records_search');
    });
  });
});
