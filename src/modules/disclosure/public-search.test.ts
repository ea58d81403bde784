/**
 * Portal search at volume: counts stop at `countLimit` (and say so), and a common word — answered by reading the newest
 * records first instead of collecting every match from the index — gives the same page as a rare one would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestSystem, type TestSystem } from '../../../test/support/system.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';
import { countLimit, searchPublicRecords } from './public.service.js';
import type { PublicCopy } from './public-copy.js';
import { publicRecordValues } from './publications.service.js';
import { indexRecord } from './search-adapter.js';

const records = 2_100;
const code = `91640502MA7100037${computeUsccCheckCharacter('91640502MA7100037')}`;

function copyOf(i: number): PublicCopy {
  const decidedOn = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const rare = i % 700 === 0;
  return {
    id: `r${String(i).padStart(5, '0')}`,
    agency: { id: i % 2 ? 'agency-a' : 'agency-b', name: '中卫市沙坡头区市场监督管理局', governmentId: 'gov' },
    region: { code: '640502', name: '沙坡头区' },
    actionType: 'penalty',
    actionTypeLabel: '行政处罚',
    title: '行政处罚决定书',
    documentNumber: `沙市监罚〔2024〕${i}号`,
    documentId: null,
    caseTitle: `中卫市沙坡头区第${i}号餐饮有限公司${rare ? '违规销售烟花爆竹' : '未按规定建立食品安全管理制度'}案`,
    decidedOn,
    publishedOn: decidedOn,
    party: { type: 'organization', name: `中卫市沙坡头区第${i}号餐饮有限公司`, creditCode: i === 1400 ? code : null, address: null },
    item: { code: 'EI-001', name: '对未建立食品安全管理制度的处罚' },
    legalBasis: '《中华人民共和国食品安全法》第一百二十六条',
    facts: null,
    decision: `给予行政处罚：警告，罚款${1000 + i}元`,
    amount: 1000 + i,
    rule: { code: null, name: '行政处罚决定', basis: '《中华人民共和国行政处罚法》第四十八条', periodText: '三年' },
    status: 'published',
    change: null,
    withdrawal: null,
    expiresOn: null,
  };
}

describe.each(dialects)('portal search at volume (%s)', (dialect) => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await openTestSystem(dialect);
    await system.ctx.db.transaction().execute(async (trx) => {
      for (let from = 0; from < records; from += 300) {
        const copies = Array.from({ length: Math.min(300, records - from) }, (_, k) => copyOf(from + k));
        await trx
          .insertInto('public_records')
          .values(copies.map((c) => ({ id: c.id, ...publicRecordValues(c, true, c.decidedOn) })))
          .execute();
        for (const c of copies) await indexRecord(trx, dialect, c.id, publicRecordValues(c, true, c.decidedOn).search_text);
      }
    });
  }, 120_000);
  afterAll(async () => {
    await system?.close();
  });

  it('stops counting at the limit and says there are more', async () => {
    const common = await searchPublicRecords(system.ctx, { q: '食品安全' });
    expect(common.total).toBe(countLimit);
    expect(common.totalIsLowerBound).toBe(true);
    const rare = await searchPublicRecords(system.ctx, { q: '烟花爆竹' });
    expect(rare).toMatchObject({ total: 3, totalIsLowerBound: false });
    expect(rare.items.map((i) => i.id)).toEqual(['r01400', 'r00700', 'r00000']);
  });

  it('finds a credit code typed among the words by the party’s code, in either case', async () => {
    const byCode = await searchPublicRecords(system.ctx, { q: code.toLowerCase() });
    expect(byCode).toMatchObject({ total: 1, totalIsLowerBound: false });
    expect(byCode.items.map((i) => i.id)).toEqual(['r01400']);
    expect((await searchPublicRecords(system.ctx, { q: `烟花爆竹 ${code}` })).items.map((i) => i.id)).toEqual(['r01400']);
    expect((await searchPublicRecords(system.ctx, { q: `食品安全 ${code}`, to: '2024-01-02' })).total).toBe(0);
  });

  it('gives a common word’s page newest first, with filters and paging, as the index would', async () => {
    const first = await searchPublicRecords(system.ctx, { q: '食品安全', pageSize: 5 });
    expect(first.items.map((i) => i.id)).toEqual(['r02099', 'r02098', 'r02097', 'r02096', 'r02095']);
    const filtered = await searchPublicRecords(system.ctx, {
      q: '食品安全 罚款',
      agencyId: 'agency-b',
      minAmount: 3000,
      page: 2,
      pageSize: 3,
    });
    // agency-b holds the even numbers; amounts 3,000 元 and up are numbers 2,000 and up, the newest first: page 2 of 3.
    expect(filtered.items.map((i) => i.id)).toEqual(['r02092', 'r02090', 'r02088']);
    expect(filtered).toMatchObject({ total: 50, totalIsLowerBound: false });
    const short = await searchPublicRecords(system.ctx, { q: '食品', to: '2024-01-02', pageSize: 100 });
    expect(short.total).toBe(2);
    expect(short.items.map((i) => i.id)).toEqual(['r00001', 'r00000']);
  });

  /** Records of one day, added in an order other than their ids': the portal lists one day's records by id. */
  const addOnOneDay = async (ids: string[], caseTitle: string, decidedOn = '2024-02-15') => {
    for (const id of ids) {
      const copy = { ...copyOf(45), id, caseTitle, decidedOn, publishedOn: decidedOn };
      await system.ctx.db
        .insertInto('public_records')
        .values({ id, ...publicRecordValues(copy, true, decidedOn) })
        .execute();
      await indexRecord(system.ctx.db, dialect, id, publicRecordValues(copy, true, decidedOn).search_text);
    }
  };
  const idsOf = (result: { items: { id: string }[] }) => result.items.map((i) => i.id);

  it('finds two-character words and words within a date range, newest first and paged, one day in id order', async () => {
    const march = await searchPublicRecords(system.ctx, { q: '罚款', from: '2024-03-01', to: '2024-03-10', pageSize: 4, page: 2 });
    expect(march).toMatchObject({ total: 10, totalIsLowerBound: false });
    expect(idsOf(march)).toEqual(['r00065', 'r00064', 'r00063', 'r00062']);
    expect((await searchPublicRecords(system.ctx, { q: '食品安全 警告', from: '2024-03-01' })).total).toBe(countLimit);
    expect((await searchPublicRecords(system.ctx, { q: '罚款', from: '2024-03-10', to: '2024-03-01' })).total).toBe(0);

    await addOnOneDay(['same-e', 'same-a', 'same-d', 'same-b', 'same-c'], '某民宿消防通道堵塞案');
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(idsOf(await searchPublicRecords(system.ctx, { q: '民宿', pageSize: 2, page })));
    expect(pages).toEqual([['same-a', 'same-b'], ['same-c', 'same-d'], ['same-e']]);
    const thatDay = await searchPublicRecords(system.ctx, { q: '民宿 堵塞', from: '2024-02-15', to: '2024-02-15', pageSize: 3, page: 2 });
    expect(thatDay).toMatchObject({ total: 5 });
    expect(idsOf(thatDay)).toEqual(['same-d', 'same-e']);
    expect((await searchPublicRecords(system.ctx, { q: '民宿', to: '2024-02-14' })).total).toBe(0);
  });

  it('does not join words across punctuation, leaves out records no longer public, and follows a changed decision date', async () => {
    await addOnOneDay(['split-1'], '某公司租用民宿，宿舍未登记案');
    expect(idsOf(await searchPublicRecords(system.ctx, { q: '租用民宿' }))).toEqual(['split-1']);
    expect((await searchPublicRecords(system.ctx, { q: '民宿舍' })).total).toBe(0);

    await system.ctx.db.updateTable('public_records').set({ is_visible: 0 }).where('id', '=', 'same-b').execute();
    expect(idsOf(await searchPublicRecords(system.ctx, { q: '民宿 堵塞' }))).toEqual(['same-a', 'same-c', 'same-d', 'same-e']);

    await system.ctx.db.updateTable('public_records').set({ decided_on: '2024-02-20' }).where('id', '=', 'same-e').execute();
    const row = await system.ctx.db.selectFrom('public_records').select('search_text').where('id', '=', 'same-e').executeTakeFirstOrThrow();
    await indexRecord(system.ctx.db, dialect, 'same-e', row.search_text);
    expect(idsOf(await searchPublicRecords(system.ctx, { q: '民宿', from: '2024-02-20', to: '2024-02-20' }))).toEqual(['same-e']);
    expect(idsOf(await searchPublicRecords(system.ctx, { q: '民宿', to: '2024-02-15' }))).toEqual([
      'same-a',
      'same-c',
      'same-d',
      'split-1',
    ]);
  });
});
