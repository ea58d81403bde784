import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { cachedAnswer, publicRecordsChanged } from './public-cache.js';

// Only the identity of the database matters to the cache.
const fakeDb = () => ({}) as unknown as Db;

describe('the portal answer cache', () => {
  it('answers the same search once, and again after any public record changes', async () => {
    const db = fakeDb();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cachedAnswer(db, 'search:食品', compute)).toBe(1);
    expect(await cachedAnswer(db, 'search:食品', compute)).toBe(1);
    expect(await cachedAnswer(db, 'search:罚款', compute)).toBe(2);
    publicRecordsChanged();
    expect(await cachedAnswer(db, 'search:食品', compute)).toBe(3);
    // Another database (another app in the same process) has answers of its own.
    expect(await cachedAnswer(fakeDb(), 'search:食品', compute)).toBe(4);
  });

  it('shares one computation between identical requests that arrive together, and keeps no failure', async () => {
    const db = fakeDb();
    let computed = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 20));
    expect(await Promise.all([cachedAnswer(db, 'k', slow), cachedAnswer(db, 'k', slow)])).toEqual([1, 1]);
    const failing = () => Promise.reject(new Error('数据库不可用'));
    await expect(cachedAnswer(db, 'broken', failing)).rejects.toThrow('数据库不可用');
    expect(await cachedAnswer(db, 'broken', async () => 'recovered')).toBe('recovered');
  });
});
