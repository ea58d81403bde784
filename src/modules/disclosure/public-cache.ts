/**
 * The portal's answer cache: a search or a party's page, computed once and served to everyone who asks the same within
 * a few seconds — the way a portal under load answers the searches everybody makes (食品, a well-known company) without
 * asking the database each time. What a database costs for a search nobody made before is unchanged (bench/RESULTS.md
 * measures both).
 *
 * Correctness: every write of a public record in this process (`publicRecordsChanged`, called by writePublicRecord and
 * by the end of publicity) drops every answer, so a publication, withdrawal or change shows at once on the server that
 * made it. Another server process on the same PostgreSQL (or a copy received through the exchange there) shows it
 * after at most `ttlMs`. Answers are kept per database (tests run several apps in one process) and at most `maxEntries`
 * of them, least recently used first out. Concurrent identical requests share one computation.
 */
import type { Db } from '../../db/database.js';

export const ttlMs = 10_000;
const maxEntries = 2_000;

interface Entry {
  generation: number;
  expiresAt: number;
  value: Promise<unknown>;
}

let generation = 0;
const caches = new WeakMap<Db, Map<string, Entry>>();

/** A public record was written or left the portal: every cached answer is out of date. */
export function publicRecordsChanged(): void {
  generation += 1;
}

/** The answer for `key` from the cache when it is fresh, else computed by `compute` (and kept unless it fails). */
export function cachedAnswer<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.generation === generation && hit.expiresAt > now) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as Promise<T>;
  }
  const entry: Entry = { generation, expiresAt: now + ttlMs, value: compute() };
  cache.delete(key);
  cache.set(key, entry);
  const store = cache;
  entry.value.catch(() => {
    if (store.get(key) === entry) store.delete(key);
  });
  while (cache.size > maxEntries) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return entry.value as Promise<T>;
}
