import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { consistencyProof, type Hash, hashLeaf, hashLeafInto, inclusionProof, memoryReader, rootOf } from './merkle.js';
import { extendTiles, rowRoot, subtreeRoot, TileReader, tileWidth } from './tiles.js';

function entries(n: number): Buffer[] {
  const bytes = createHash('shake256', { outputLength: n * 32 })
    .update('tiles test')
    .digest();
  return Array.from({ length: n }, (_, i) => bytes.subarray(i * 32, i * 32 + 32));
}

/** Tiles in a Map; a reader over it that counts what it fetches. */
class MapTiles extends TileReader {
  readonly stored = new Map<string, Buffer>();
  fetches = 0;

  constructor() {
    super(undefined as unknown as Db);
  }

  protected override async fetchTile(level: number, index: number) {
    this.fetches++;
    const row = this.stored.get(`${level}/${index}`);
    return row && { width: row.length / 32, row: Buffer.from(row) };
  }

  grow(leaves: Buffer[], from: number, to: number): Promise<void> {
    const hashes = Buffer.alloc((to - from) * 32);
    for (let i = from; i < to; i++) hashLeafInto(leaves[i] as Buffer, hashes, (i - from) * 32);
    return extendTiles(
      {
        readPrefix: (level, index, width) => (this.stored.get(`${level}/${index}`) as Buffer).subarray(0, width * 32),
        write: (level, index, width, bytes) => {
          expect(bytes.length).toBe(width * 32);
          this.stored.set(`${level}/${index}`, bytes);
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
      expect(out.subarray(8)).toEqual(createHash('sha256').update(Buffer.concat([Buffer.from([0]), entry])).digest());
      expect(hashLeaf(entry)).toEqual(out.subarray(8));
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
        async (cuts, picks) => {
          const sizes = [...new Set(cuts)].sort((a, b) => a - b);
          const tiles = new MapTiles();
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
      const proof: Hash[] = await inclusionProof(tiles.node, index, n);
      expect(proof).toEqual(await inclusionProof(memory, index, n));
      const fetches = tiles.fetches;
      expect(await inclusionProof(tiles.node, index, n)).toEqual(proof);
      expect(tiles.fetches).toBe(fetches);
    }
    expect(await consistencyProof(tiles.node, 65_537, n)).toEqual(await consistencyProof(memory, 65_537, n));
  });
});
