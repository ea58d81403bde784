import { createHash, hash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 §2.1 (as RFC 6962): leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right),
 * the tree over n leaves split at the largest power of two below n. Pure functions; node lookups are injected so that
 * proofs read stored tree levels and never rebuild the tree.
 */
export type Hash = Buffer;

const leafPrefix = Buffer.from([0]);

export const emptyRoot: Hash = createHash('sha256').digest();

// One-shot hashing (crypto.hash, Node ≥ 20.12) over a reused scratch buffer, the digest taken as a latin1 string and
// copied out byte by byte: about 2.5× the rate of hash(…, 'buffer') on 65-byte inputs, whose output path allocates a
// Buffer and normalises the encoding name on every call (bench/RESULTS.md, (a)). latin1 maps each byte to one char.
const nodeScratch = Buffer.alloc(65);
nodeScratch[0] = 1;
const leafScratch = Buffer.alloc(33);

function digestInto(input: Uint8Array, dest: Uint8Array, offset: number): void {
  const digest = hash('sha256', input, 'latin1');
  for (let j = 0; j < 32; j++) dest[offset + j] = digest.charCodeAt(j);
}

export function hashLeaf(entry: Uint8Array): Hash {
  const out = Buffer.allocUnsafe(32);
  hashLeafInto(entry, out, 0);
  return out;
}

/** hashLeaf, written into `dest` at `offset`. */
export function hashLeafInto(entry: Uint8Array, dest: Uint8Array, offset: number): void {
  if (entry.length !== 32) {
    digestInto(Buffer.concat([leafPrefix, entry]), dest, offset);
    return;
  }
  for (let j = 0; j < 32; j++) leafScratch[1 + j] = entry[j] as number;
  digestInto(leafScratch, dest, offset);
}

export function hashChildren(left: Hash, right: Hash): Hash {
  for (let j = 0; j < 32; j++) {
    nodeScratch[1 + j] = left[j] as number;
    nodeScratch[33 + j] = right[j] as number;
  }
  const out = Buffer.allocUnsafe(32);
  digestInto(nodeScratch, out, 0);
  return out;
}

/**
 * The node over the two adjacent hashes at `src[offset … offset + 64)`, written into `dest` at `destOffset` (which may
 * lie in `src` at or before `offset`, for folding a row in place).
 */
export function hashPairInto(src: Uint8Array, offset: number, dest: Uint8Array, destOffset: number): void {
  for (let j = 0; j < 64; j++) nodeScratch[1 + j] = src[offset + j] as number;
  digestInto(nodeScratch, dest, destOffset);
}

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

function log2(n: number): number {
  return Math.round(Math.log2(n));
}

/**
 * Looks up the hash of a complete subtree: `level` 0 is a leaf hash; node (level, index) covers leaves
 * [index·2^level, (index+1)·2^level).
 */
export type NodeReader = (level: number, index: number) => Promise<Hash>;

/** MTH of leaves [start, end), composed from complete subtrees; `start` must be aligned to the range's first split. */
export async function rangeHash(read: NodeReader, start: number, end: number): Promise<Hash> {
  const length = end - start;
  if (length <= 0) return emptyRoot;
  if (isPowerOfTwo(length) && start % length === 0) return read(log2(length), start / length);
  const k = splitPoint(length);
  return hashChildren(await rangeHash(read, start, start + k), await rangeHash(read, start + k, end));
}

export function rootOf(read: NodeReader, size: number): Promise<Hash> {
  return rangeHash(read, 0, size);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[start:end]). */
async function path(read: NodeReader, m: number, start: number, end: number): Promise<Hash[]> {
  if (end - start <= 1) return [];
  const k = splitPoint(end - start);
  if (m - start < k) return [...(await path(read, m, start, start + k)), await rangeHash(read, start + k, end)];
  return [...(await path(read, m, start + k, end)), await rangeHash(read, start, start + k)];
}

export function inclusionProof(read: NodeReader, index: number, size: number): Promise<Hash[]> {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  }
  return path(read, index, 0, size);
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[start:end], b). */
async function subproof(read: NodeReader, m: number, start: number, end: number, isComplete: boolean): Promise<Hash[]> {
  const n = end - start;
  if (m === n) return isComplete ? [] : [await rangeHash(read, start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...(await subproof(read, m, start, start + k, isComplete)), await rangeHash(read, start + k, end)];
  return [...(await subproof(read, m - k, start + k, end, false)), await rangeHash(read, start, start + k)];
}

export function consistencyProof(read: NodeReader, first: number, second: number): Promise<Hash[]> {
  if (!Number.isInteger(first) || !Number.isInteger(second) || first < 1 || first > second) {
    throw new RangeError(`no consistency proof from size ${first} to size ${second}`);
  }
  if (first === second) return Promise.resolve([]);
  return subproof(read, first, 0, second, true);
}

/** RFC 9162 §2.1.3.2: true only when `proof` proves `leafHash` at `index` in the tree of `size` with `root`. */
export function verifyInclusion(index: number, size: number, leafHash: Hash, proof: Hash[], root: Hash): boolean {
  if (index < 0 || index >= size || leafHash.length !== 32 || root.length !== 32) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (p.length !== 32 || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: true only when `proof` shows the tree of `first` leaves is a prefix of the tree of `second`. */
export function verifyConsistency(first: number, second: number, firstRoot: Hash, secondRoot: Hash, proof: Hash[]): boolean {
  if (first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (firstRoot.length !== 32 || secondRoot.length !== 32 || proof.length === 0 || proof.some((p) => p.length !== 32)) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/** A reader over leaf hashes held in memory (tests, and small ranges): computes complete subtrees on demand. */
export function memoryReader(leafHashes: Hash[]): NodeReader {
  const cache = new Map<string, Hash>();
  const node = (level: number, index: number): Hash => {
    if (level === 0) {
      const leaf = leafHashes[index];
      if (!leaf) throw new RangeError(`no leaf ${index}`);
      return leaf;
    }
    const key = `${level}/${index}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const hash = hashChildren(node(level - 1, index * 2), node(level - 1, index * 2 + 1));
    cache.set(key, hash);
    return hash;
  };
  return async (level, index) => node(level, index);
}
