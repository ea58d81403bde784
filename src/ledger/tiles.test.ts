import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { consistencyProof, type Hash, hashLeaf, hashLeafInto, inclusionProof, memoryReader, rootOf } from './merkle.js';
import { extendTiles, innerHashCount, rowRoot, storedTile, subtreeRoot, TileReader, tileWidth } from './tiles.js';

function entries(n: number): Buffer[] {
  const bytes = createHash('shake256', { outputLength: n * 32 })
    .update('tiles test')
    .digest();
  return Array.from({ length: n }, (_, i) => bytes.subarray(i * 32, i * 32 + 32));
}

/** Tiles in a Map; a reader over it that counts what it fetches. */
class MapTiles extends TileReader {
  readonly stored = new Map<string, { width: number; bytes: Buffer }>();
  fetches = 0;
  /** Serve tiles as written before the inner levels were stored. */
  rowsOnly = false;

  constructor() {
    super(undefined as unknown as Db);
  }

  protected override async fetchTile(level: number, index: number) {
    this.fetches++;
    const tile = this.stored.get(`${level}/${index}`);
    return tile && { width: tile.width, bytes: Buffer.from(this.rowsOnly ? tile.bytes.subarray(0, tile.width * 32) : tile.bytes) };
  }

  protected override async fetchTiles(tiles: Array<{ level: number; index: number }>) {
    this.fetches++;
    const out = new Map<string, { width: number; bytes: Buffer }>();
    for (const { level, index } of tiles) {
      const tile = this.stored.get(`${level}/${index}`);
      if (tile) out.set(`${level}/${index}`, { width: tile.width, bytes: Buffer.from(tile.bytes) });
    }
    return out;
  }

  grow(leaves: Buffer[], from: number, to: number): Promise<void> {
    const hashes = Buffer.alloc((to - from) * 32);
    for (let i = from; i < to; i++) hashLeafInto(leaves[i] as Buffer, hashes, (i - from) * 32);
    return extendTiles(
      {
        readTile: (level, index) => {
          const tile = this.stored.get(`${level}/${index}`);
          return tile && { width: tile.width, bytes: this.rowsOnly ? tile.bytes.subarray(0, tile.width * 32) : tile.bytes };
        },
        write: (level, index, width, bytes) => {
          if (!bytes.equals(storedTile(bytes, 0, width))) throw new Error(`tile ${level}/${index} written without its inner levels`);
          this.stored.set(`${level}/${index}`, { width, bytes });
        },
      },
      from,
      to,
      hashes,
    );
  }
}

describe('tiles', () => {
  it('hash leaves into a buffer exactly as hashLeaf, for 32-byte and other entries', () => {
    for (const entry of [Buffer.alloc(32, 7), Buffer.alloc(0), Buffer.from('entry'), Buffer.alloc(100, 1)]) {
      const out = Buffer.alloc(40);
      hashLeafInto(entry, out, 8);
      expect(out.subarray(8)).toEqual(
        createHash('sha256')
          .update(Buffer.concat([Buffer.from([0]), entry]))
          .digest(),
      );
      expect(hashLeaf(entry)).toEqual(out.subarray(8));
    }
  });

  it('are stored with the complete nodes of their inner levels, 254 hashes above a full row', async () => {
    const leaves = entries(256).map((e) => hashLeaf(e));
    expect(innerHashCount(256)).toBe(254);
    expect(innerHashCount(200)).toBe(100 + 50 + 25 + 12 + 6 + 3 + 1);
    const memory = memoryReader(leaves);
    for (const width of [1, 3, 200, 256]) {
      const stored = storedTile(Buffer.concat(leaves), 0, width);
      expect(stored.length).toBe((width + innerHashCount(width)) * 32);
      // level 1 starts right after the row; the last complete node of level 7 (if any) ends the tile
      if (width >= 2) expect(stored.subarray(width * 32, width * 32 + 32)).toEqual(await memory(1, 0));
      if (width === 256) expect(stored.subarray(stored.length - 32)).toEqual(await memory(7, 1));
    }
    // grown from an earlier stored tile: the nodes it had are taken over, the rest computed, the same bytes either way
    for (const [before, after] of [
      [1, 3],
      [100, 200],
      [200, 256],
      [255, 256],
    ] as const) {
      const earlier = { width: before, bytes: storedTile(Buffer.concat(leaves), 0, before), reusable: before };
      expect(storedTile(Buffer.concat(leaves), 0, after, earlier)).toEqual(storedTile(Buffer.concat(leaves), 0, after));
    }
  });

  it('fold a row into the same root as the tree over it', async () => {
    const leaves = entries(256).map((e) => hashLeaf(e));
    for (const count of [1, 2, 4, 128, 256]) {
      const expected = await rootOf(memoryReader(leaves.slice(0, count)), count);
      expect(subtreeRoot(leaves.slice(0, count))).toEqual(expected);
      expect(rowRoot(Buffer.concat([Buffer.alloc(32), ...leaves.slice(0, count)]), 32, count)).toEqual(expected);
    }
  });

  it('grown in any batches, answer the same roots and proofs as the full tree, for every earlier size too', async () => {
    const leaves = entries(1400);
    const leafHashes = leaves.map((e) => hashLeaf(e));
    const memory = memoryReader(leafHashes);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 1400 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        async (cuts, picks, rowsOnly) => {
          const sizes = [...new Set(cuts)].sort((a, b) => a - b);
          const tiles = new MapTiles();
          tiles.rowsOnly = rowsOnly;
          let from = 0;
          for (const size of sizes) {
            await tiles.grow(leaves, from, size);
            from = size;
            // one reader across growth: what it cached of a partial tile must not hide what was added since
            expect(await rootOf(tiles.node, size)).toEqual(await rootOf(memory, size));
            const earlier = sizes[(picks[0] as number) % sizes.length] as number;
            const m = Math.min(earlier, size);
            expect(await rootOf(tiles.node, m)).toEqual(await rootOf(memory, m));
            const index = (picks[1] as number) % size;
            expect(await inclusionProof(tiles.node, index, size)).toEqual(await inclusionProof(memory, index, size));
            expect(await consistencyProof(tiles.node, m, size)).toEqual(await consistencyProof(memory, m, size));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reach the third tile level (over 65,536 leaves) and cache tiles so that a second proof reads nothing', async () => {
    const n = tileWidth * tileWidth + 3 * tileWidth + 5;
    const leaves = entries(n);
    const leafHashes = leaves.map((e) => hashLeaf(e));
    const memory = memoryReader(leafHashes);
    const tiles = new MapTiles();
    for (let from = 0; from < n; from += 10_000) await tiles.grow(leaves, from, Math.min(n, from + 10_000));
    expect(tiles.stored.has('2/0')).toBe(true);
    expect(await rootOf(tiles.node, n)).toEqual(await rootOf(memory, n));
    for (const index of [0, 65_535, 65_536, n - 1]) {
      const nodes: Array<[number, number]> = [];
      await inclusionProof(
        async (level, i) => {
          nodes.push([level, i]);
          return Buffer.alloc(32);
        },
        index,
        n,
      );
      const before = tiles.fetches;
      await tiles.prefetch(nodes);
      expect(tiles.fetches).toBeLessThanOrEqual(before + 1);
      const afterPrefetch = tiles.fetches;
      const proof: Hash[] = await inclusionProof(tiles.node, index, n);
      expect(tiles.fetches).toBe(afterPrefetch);
      expect(proof).toEqual(await inclusionProof(memory, index, n));
      const fetches = tiles.fetches;
      expect(await inclusionProof(tiles.node, index, n)).toEqual(proof);
      expect(tiles.fetches).toBe(fetches);
    }
    expect(await consistencyProof(tiles.node, 65_537, n)).toEqual(await consistencyProof(memory, 65_537, n));
  });
});
