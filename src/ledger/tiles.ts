import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { type Hash, hashChildren, type NodeReader } from './merkle.js';

/**
 * Stored tree levels in tiles, after Go's tlog tiles: a tile is 8 tree levels high and 256 hashes wide; tile
 * (L, N) stores the hashes of tree level 8·L for nodes [256·N, 256·N + width). Any complete subtree is computed
 * from at most 128 consecutive hashes of one tile, so a proof reads a handful of tiles and never the whole tree.
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
  let level = row;
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(hashChildren(level[i] as Hash, level[i + 1] as Hash));
    level = next;
  }
  return level[0] as Hash;
}

export function splitHashes(bytes: Buffer): Hash[] {
  const out: Hash[] = [];
  for (let i = 0; i + hashSize <= bytes.length; i += hashSize) out.push(bytes.subarray(i, i + hashSize));
  return out;
}

/** Reads tiles (full ones are immutable and cached) and answers node lookups for proofs. */
export class TileReader {
  private readonly fullTiles = new Map<string, Hash[]>();
  private readonly maxCached: number;

  constructor(
    private readonly db: Executor,
    options: { maxCachedTiles?: number } = {},
  ) {
    this.maxCached = options.maxCachedTiles ?? 4096;
  }

  async readTile(level: number, index: number, minWidth: number): Promise<Hash[]> {
    const key = `${level}/${index}`;
    const cached = this.fullTiles.get(key);
    if (cached) return cached;
    const row = await this.db
      .selectFrom('ledger_tiles')
      .select(['width', 'hashes'])
      .where('level', '=', level)
      .where('tile_index', '=', index)
      .executeTakeFirst();
    if (!row || row.width < minWidth) throw new Error(`tile ${key} holds ${row?.width ?? 0} hashes, ${minWidth} needed`);
    const hashes = splitHashes(Buffer.from(row.hashes));
    if (row.width === tileWidth) {
      if (this.fullTiles.size >= this.maxCached) this.fullTiles.delete(this.fullTiles.keys().next().value as string);
      this.fullTiles.set(key, hashes);
    }
    return hashes;
  }

  /** Inner levels of full tiles (255 hashes above the 256 stored ones), computed once per cached tile. */
  private readonly innerLevels = new Map<string, Hash[][]>();

  private levelsOf(key: string, bottom: Hash[]): Hash[][] {
    let levels = this.innerLevels.get(key);
    if (!levels) {
      levels = [bottom];
      for (let r = 1; r <= tileHeight; r++) {
        const below = levels[r - 1] as Hash[];
        const row: Hash[] = [];
        for (let i = 0; i + 1 < below.length; i += 2) row.push(hashChildren(below[i] as Hash, below[i + 1] as Hash));
        levels.push(row);
      }
      if (this.innerLevels.size >= this.maxCached) this.innerLevels.delete(this.innerLevels.keys().next().value as string);
      this.innerLevels.set(key, levels);
    }
    return levels;
  }

  /** Node (level k, index j) of the tree: 2^r consecutive hashes of tile level ⌊k/8⌋, folded (or looked up, for a full tile). */
  readonly node: NodeReader = async (level, index) => {
    const tileLevel = Math.floor(level / tileHeight);
    const height = level - tileLevel * tileHeight;
    const span = 2 ** height;
    const first = index * span;
    const tileIndex = Math.floor(first / tileWidth);
    const offset = first - tileIndex * tileWidth;
    const hashes = await this.readTile(tileLevel, tileIndex, offset + span);
    if (height > 0 && hashes.length === tileWidth) {
      return this.levelsOf(`${tileLevel}/${tileIndex}`, hashes)[height]?.[offset / span] as Hash;
    }
    return subtreeRoot(hashes.slice(offset, offset + span));
  };
}

async function readLeafHashes(db: Executor, from: number, to: number): Promise<Hash[]> {
  const out: Hash[] = [];
  for (let start = from; start < to; start += 50_000) {
    const rows = await db
      .selectFrom('ledger_events')
      .select(['seq', 'leaf_hash'])
      .where('seq', '>=', start)
      .where('seq', '<', Math.min(to, start + 50_000))
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      if (Number(row.seq) !== from + out.length) throw new Error(`ledger index ${from + out.length} is missing`);
      out.push(Buffer.from(row.leaf_hash, 'hex'));
    }
  }
  if (out.length !== to - from) throw new Error(`ledger holds ${from + out.length} events, ${to} expected`);
  return out;
}

/**
 * Extends the stored tiles from a tree of `from` leaves to one of `to` leaves, level by level: new leaf hashes fill
 * level-0 tiles; each level-0 tile that fills up contributes its root to level 1, and so on.
 */
export async function growTiles(db: Executor, from: number, to: number): Promise<void> {
  let newNodes = await readLeafHashes(db, from, to);
  for (let level = 0; ; level++) {
    const countFrom = nodesAtTileLevel(from, level);
    const countTo = nodesAtTileLevel(to, level);
    if (countTo === countFrom) break;
    const firstTile = Math.floor(countFrom / tileWidth);
    const lastTile = Math.floor((countTo - 1) / tileWidth);
    let carried: Hash[] = [];
    if (countFrom % tileWidth !== 0) {
      const row = await db
        .selectFrom('ledger_tiles')
        .select('hashes')
        .where('level', '=', level)
        .where('tile_index', '=', firstTile)
        .executeTakeFirst();
      carried = splitHashes(Buffer.from(row?.hashes ?? Buffer.alloc(0))).slice(0, countFrom % tileWidth);
      if (carried.length !== countFrom % tileWidth) throw new Error(`tile ${level}/${firstTile} is shorter than the tree`);
    }
    const all = [...carried, ...newNodes];
    const completedRoots: Hash[] = [];
    for (let tile = firstTile; tile <= lastTile; tile++) {
      const hashes = all.slice((tile - firstTile) * tileWidth, (tile - firstTile + 1) * tileWidth);
      const width = hashes.length;
      await db
        .insertInto('ledger_tiles')
        .values({ level, tile_index: tile, width, hashes: Buffer.concat(hashes) })
        .onConflict((oc) =>
          oc
            .columns(['level', 'tile_index'])
            .doUpdateSet({ width: (eb) => eb.ref('excluded.width'), hashes: (eb) => eb.ref('excluded.hashes') })
            .where('ledger_tiles.width', '<', sql<number>`excluded.width`),
        )
        .execute();
      if (width === tileWidth) completedRoots.push(subtreeRoot(hashes));
    }
    newNodes = completedRoots;
  }
}
