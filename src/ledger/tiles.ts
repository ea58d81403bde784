import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { type Hash, hashPairInto, type NodeReader } from './merkle.js';

/**
 * Stored tree levels in tiles, after Go's tlog tiles: a tile is 8 tree levels high and 256 hashes wide; tile
 * (L, N) stores the hashes of tree level 8·L for nodes [256·N, 256·N + width), followed by the tile's inner levels
 * (tree levels 8·L + 1 … 8·L + 7; see `storedTile`), so a proof reads a handful of tiles, each node a lookup, and
 * never rebuilds the tree. Tiles written before the inner levels were stored hold only their row; readers compute
 * the levels of those.
 */
export const tileHeight = 8;
export const tileWidth = 256;
const hashSize = 32;

/** How many nodes of tree level 8·L a tree of `size` leaves has. */
export function nodesAtTileLevel(size: number, level: number): number {
  return Math.floor(size / tileWidth ** level);
}

/** Root of a complete subtree given its bottom row (a power-of-two count of hashes). */
export function subtreeRoot(row: Hash[]): Hash {
  if (row.length === 1) return row[0] as Hash;
  const bytes = Buffer.concat(row);
  return rowRoot(bytes, 0, row.length);
}

/** Root of the complete subtree over `count` (a power of two) hashes at `bytes[offset …]`; `bytes` is left as it was. */
export function rowRoot(bytes: Uint8Array, offset: number, count: number): Hash {
  const out = Buffer.allocUnsafe(32);
  if (count === 1) {
    out.set(bytes.subarray(offset, offset + hashSize));
    return out;
  }
  const scratch = count <= tileWidth ? foldScratch : Buffer.allocUnsafe((count / 2) * hashSize);
  for (let i = 0; i < count / 2; i++) hashPairInto(bytes, offset + i * 2 * hashSize, scratch, i * hashSize);
  for (let width = count / 2; width > 1; width /= 2) {
    for (let i = 0; i < width / 2; i++) hashPairInto(scratch, i * 2 * hashSize, scratch, i * hashSize);
  }
  out.set(scratch.subarray(0, hashSize));
  return out;
}
const foldScratch = Buffer.alloc((tileWidth / 2) * hashSize);

export function splitHashes(bytes: Buffer): Hash[] {
  const out: Hash[] = [];
  for (let i = 0; i + hashSize <= bytes.length; i += hashSize) out.push(bytes.subarray(i, i + hashSize));
  return out;
}

/** How many hashes tile levels 1 … 7 hold above a row of `width`: the complete nodes, ⌊width/2⌋ + … + ⌊width/128⌋. */
export function innerHashCount(width: number): number {
  let count = 0;
  for (let h = 1; h < tileHeight; h++) count += Math.floor(width / 2 ** h);
  return count;
}

/** Byte offset of the nodes of height `height` (0 … 7) in a tile as stored: its row, then levels 1 … 7. */
function levelOffset(width: number, height: number): number {
  let hashes = 0;
  for (let h = 0; h < height; h++) hashes += Math.floor(width / 2 ** h);
  return hashes * hashSize;
}

/**
 * A tile as stored: its `width` hashes, then the complete nodes of its inner levels 1 … 7, level after level (254
 * hashes for a full tile; its root, level 8, is in the tile above). A proof then finds any node inside a tile by a
 * lookup, even when the tile was not cached. Derived data like the row itself: `verify` recomputes it.
 */
export function storedTile(row: Uint8Array, rowOffset: number, width: number, previous?: EarlierTile): Buffer {
  const out = Buffer.allocUnsafe((width + innerHashCount(width)) * hashSize);
  out.set(row.subarray(rowOffset, rowOffset + width * hashSize));
  // nodes over the first `reusable` hashes are in the stored tile already, if it was stored with its levels
  const earlier = previous && previous.bytes.length === (previous.width + innerHashCount(previous.width)) * hashSize ? previous : undefined;
  let below = 0;
  let at = width * hashSize;
  let earlierAt = (earlier?.width ?? 0) * hashSize;
  for (let h = 1; h < tileHeight; h++) {
    const count = Math.floor(width / 2 ** h);
    let i = 0;
    if (earlier) {
      i = Math.min(count, Math.floor(earlier.reusable / 2 ** h));
      out.set(earlier.bytes.subarray(earlierAt, earlierAt + i * hashSize), at);
      earlierAt += Math.floor(earlier.width / 2 ** h) * hashSize;
    }
    for (; i < count; i++) hashPairInto(out, below + i * 2 * hashSize, out, at + i * hashSize);
    below = at;
    at += count * hashSize;
  }
  return out;
}

/** A tile as stored before it grew: `reusable` of its first hashes are unchanged in the new row. */
export interface EarlierTile {
  width: number;
  bytes: Uint8Array;
  reusable: number;
}

interface CachedTile {
  width: number;
  /** The tile as stored (row, then inner levels); the inner levels are computed here if the table had only the row. */
  bytes: Buffer;
  hasLevels: boolean;
}

/**
 * Reads tiles and answers node lookups for proofs. Tiles are cached, partial ones too: a partial tile only ever grows,
 * and its first hashes never change, so a cached prefix answers every node inside it; a read that needs more of the
 * tile than is cached goes back to the table.
 */
export class TileReader {
  private readonly tiles = new Map<string, CachedTile>();
  private readonly maxCached: number;

  constructor(
    private readonly db: Executor,
    options: { maxCachedTiles?: number } = {},
  ) {
    this.maxCached = options.maxCachedTiles ?? 4096;
  }

  /** Tile (level, index) as stored: `width` and its bytes (the row, with or without the inner levels after it). */
  protected async fetchTile(level: number, index: number): Promise<{ width: number; bytes: Buffer } | undefined> {
    const row = await this.db
      .selectFrom('ledger_tiles')
      .select(['width', 'hashes'])
      .where('level', '=', level)
      .where('tile_index', '=', index)
      .executeTakeFirst();
    return row && { width: row.width, bytes: Buffer.from(row.hashes) };
  }

  private async tile(level: number, index: number, minWidth: number): Promise<CachedTile> {
    const cached = this.tiles.get(`${level}/${index}`);
    if (cached && cached.width >= minWidth) return cached;
    return this.keep(level, index, minWidth, await this.fetchTile(level, index));
  }

  private keep(level: number, index: number, minWidth: number, fetched: { width: number; bytes: Buffer } | undefined): CachedTile {
    const key = `${level}/${index}`;
    if (!fetched || fetched.width < minWidth || fetched.bytes.length < fetched.width * hashSize) {
      throw new Error(`tile ${key} holds ${fetched?.width ?? 0} hashes, ${minWidth} needed`);
    }
    const { width, bytes } = fetched;
    const hasLevels = bytes.length === (width + innerHashCount(width)) * hashSize;
    const tile: CachedTile = { width, bytes: hasLevels ? bytes : bytes.subarray(0, width * hashSize), hasLevels };
    if (this.tiles.has(key)) this.tiles.delete(key);
    else if (this.tiles.size >= this.maxCached) this.tiles.delete(this.tiles.keys().next().value as string);
    this.tiles.set(key, tile);
    return tile;
  }

  /**
   * Reads, in one query, the tiles that hold the given nodes (level, index) and are not cached wide enough, so that a
   * proof that knows its nodes in advance costs one round trip to the table instead of one per tile.
   */
  async prefetch(nodes: Array<[number, number]>): Promise<void> {
    const wanted = new Map<string, { level: number; index: number; minWidth: number }>();
    for (const [level, index] of nodes) {
      const tile = tileOf(level, index);
      const key = `${tile.level}/${tile.index}`;
      if ((this.tiles.get(key)?.width ?? 0) >= tile.minWidth) continue;
      const seen = wanted.get(key);
      if (!seen || seen.minWidth < tile.minWidth) wanted.set(key, tile);
    }
    if (wanted.size === 0) return;
    const list = [...wanted.values()];
    const found = await this.fetchTiles(list);
    for (const t of list) this.keep(t.level, t.index, t.minWidth, found.get(`${t.level}/${t.index}`));
  }

  /** Tiles (level, index) as stored, in one query, by `level/index`. */
  protected async fetchTiles(tiles: Array<{ level: number; index: number }>): Promise<Map<string, { width: number; bytes: Buffer }>> {
    const rows = await this.db
      .selectFrom('ledger_tiles')
      .select(['level', 'tile_index', 'width', 'hashes'])
      .where((eb) => eb.or(tiles.map((t) => eb.and([eb('level', '=', t.level), eb('tile_index', '=', t.index)]))))
      .execute();
    return new Map(rows.map((row) => [`${row.level}/${Number(row.tile_index)}`, { width: row.width, bytes: Buffer.from(row.hashes) }]));
  }

  async readTile(level: number, index: number, minWidth: number): Promise<Hash[]> {
    const tile = await this.tile(level, index, minWidth);
    return splitHashes(tile.bytes.subarray(0, tile.width * hashSize));
  }

  /** Node (level k, index j) of the tree: a stored hash of tile level ⌊k/8⌋, or one of that tile's inner levels. */
  readonly node: NodeReader = async (level, index) => {
    const { level: tileLevel, index: tileIndex, offset, height } = tileOf(level, index);
    const tile = await this.tile(tileLevel, tileIndex, offset + 2 ** height);
    if (height > 0 && !tile.hasLevels) {
      tile.bytes = storedTile(tile.bytes, 0, tile.width);
      tile.hasLevels = true;
    }
    const at = levelOffset(tile.width, height) + (offset / 2 ** height) * hashSize;
    return tile.bytes.subarray(at, at + hashSize);
  };
}

/** Where node (level k, index j) of the tree is: 2^h hashes from `offset` of tile (⌊k/8⌋, …), h = k mod 8. */
function tileOf(level: number, index: number): { level: number; index: number; offset: number; height: number; minWidth: number } {
  const tileLevel = Math.floor(level / tileHeight);
  const height = level - tileLevel * tileHeight;
  const first = index * 2 ** height;
  const tileIndex = Math.floor(first / tileWidth);
  const offset = first - tileIndex * tileWidth;
  return { level: tileLevel, index: tileIndex, offset, height, minWidth: offset + 2 ** height };
}

async function readLeafHashes(db: Executor, from: number, to: number): Promise<Buffer> {
  const out = Buffer.allocUnsafe((to - from) * hashSize);
  let next = from;
  for (let start = from; start < to; start += 50_000) {
    const rows = await db
      .selectFrom('ledger_events')
      .select(['seq', 'leaf_hash'])
      .where('seq', '>=', start)
      .where('seq', '<', Math.min(to, start + 50_000))
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      if (Number(row.seq) !== next) throw new Error(`ledger index ${next} is missing`);
      if (out.write(row.leaf_hash, (next - from) * hashSize, hashSize, 'hex') !== hashSize) {
        throw new Error(`ledger index ${next} has a malformed leaf hash`);
      }
      next++;
    }
  }
  if (next !== to) throw new Error(`ledger holds ${next} events, ${to} expected`);
  return out;
}

/** Where `extendTiles` reads the partial tile it continues and writes the tiles it makes. */
export interface TileStore {
  /** Tile (level, index) as stored (its row, with or without its inner levels after it), if it is. */
  readTile(
    level: number,
    index: number,
  ): Promise<{ width: number; bytes: Uint8Array } | undefined> | { width: number; bytes: Uint8Array } | undefined;
  /** Tile (level, index) now holds `width` hashes: `stored` is the tile as stored (see `storedTile`), the store's to keep. */
  write(level: number, index: number, width: number, stored: Buffer): Promise<void> | void;
}

/**
 * Extends the tiles from a tree of `from` leaves to one of `to` leaves, given the new leaf hashes as one buffer of
 * 32-byte hashes: they fill level-0 tiles (after the stored part of a partial one); each tile that fills up contributes
 * its root to level 1, and so on. The hashes of a level stay in one buffer; each tile is written with its inner levels.
 */
export async function extendTiles(store: TileStore, from: number, to: number, leafHashes: Buffer): Promise<void> {
  if (leafHashes.length !== (to - from) * hashSize) throw new RangeError(`${to - from} leaf hashes expected`);
  let newNodes = leafHashes;
  for (let level = 0; ; level++) {
    const countFrom = nodesAtTileLevel(from, level);
    const countTo = nodesAtTileLevel(to, level);
    if (countTo === countFrom) break;
    const firstTile = Math.floor(countFrom / tileWidth);
    const lastTile = Math.floor((countTo - 1) / tileWidth);
    const carried = countFrom % tileWidth;
    let all = newNodes;
    let earlier: EarlierTile | undefined;
    if (carried !== 0) {
      const stored = await store.readTile(level, firstTile);
      if (!stored || stored.width < carried || stored.bytes.length < carried * hashSize) {
        throw new Error(`tile ${level}/${firstTile} is shorter than the tree`);
      }
      earlier = { ...stored, reusable: carried };
      all = Buffer.concat([stored.bytes.subarray(0, carried * hashSize), newNodes]);
    }
    const fullTiles = Math.floor(countTo / tileWidth) - firstTile;
    const roots = Buffer.allocUnsafe(Math.max(0, fullTiles) * hashSize);
    for (let tile = firstTile; tile <= lastTile; tile++) {
      const start = (tile - firstTile) * tileWidth * hashSize;
      const end = Math.min(all.length, start + tileWidth * hashSize);
      const width = (end - start) / hashSize;
      const stored = storedTile(all, start, width, tile === firstTile ? earlier : undefined);
      await store.write(level, tile, width, stored);
      // a full tile's root: the node over the two hashes of its level 7, the last two of the stored tile
      if (width === tileWidth) hashPairInto(stored, stored.length - 2 * hashSize, roots, (tile - firstTile) * hashSize);
    }
    newNodes = roots;
  }
}

/** Extends the stored tiles (`ledger_tiles`) from a tree of `from` leaves to one of `to` leaves. */
export async function growTiles(db: Executor, from: number, to: number): Promise<void> {
  const store: TileStore = {
    async readTile(level, index) {
      const row = await db
        .selectFrom('ledger_tiles')
        .select(['width', 'hashes'])
        .where('level', '=', level)
        .where('tile_index', '=', index)
        .executeTakeFirst();
      return row && { width: row.width, bytes: Buffer.from(row.hashes) };
    },
    async write(level, index, width, stored) {
      await db
        .insertInto('ledger_tiles')
        .values({ level, tile_index: index, width, hashes: stored })
        .onConflict((oc) =>
          oc
            .columns(['level', 'tile_index'])
            .doUpdateSet({ width: (eb) => eb.ref('excluded.width'), hashes: (eb) => eb.ref('excluded.hashes') })
            .where('ledger_tiles.width', '<', sql<number>`excluded.width`),
        )
        .execute();
    },
  };
  await extendTiles(store, from, to, await readLeafHashes(db, from, to));
}
