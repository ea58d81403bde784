import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProof, hashLeaf, inclusionProof, memoryReader, rootOf, verifyConsistency, verifyInclusion } from './merkle.js';

const leaves = Array.from({ length: 3000 }, (_, i) => hashLeaf(Buffer.from(`leaf ${i}`)));
const read = memoryReader(leaves);

/** Flips one bit of one hash of the proof. */
function flip(proof: Buffer[], which: number, bit: number): Buffer[] {
  return proof.map((hash, i) => {
    if (i !== which % proof.length) return hash;
    const copy = Buffer.from(hash);
    copy[Math.floor(bit / 8) % 32] = (copy[Math.floor(bit / 8) % 32] as number) ^ (1 << (bit % 8));
    return copy;
  });
}

describe('Merkle proofs for random trees (property tests)', () => {
  it('every inclusion proof verifies, and any altered proof, index or leaf fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3000 }), fc.nat(), fc.nat(), fc.nat(255), async (size, rawIndex, which, bit) => {
        const index = rawIndex % size;
        const root = await rootOf(read, size);
        const proof = await inclusionProof(read, index, size);
        const leaf = leaves[index] as Buffer;
        expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
        if (proof.length > 0) expect(verifyInclusion(index, size, leaf, flip(proof, which, bit), root)).toBe(false);
        if (size > 1) expect(verifyInclusion((index + 1) % size, size, leaf, proof, root)).toBe(false);
        expect(verifyInclusion(index, size, leaves[(index + 1) % 3000] as Buffer, proof, root)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('every consistency proof verifies, and any altered proof or root fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3000 }), fc.nat(), fc.nat(), fc.nat(255), async (second, rawFirst, which, bit) => {
        const first = (rawFirst % second) + 1;
        const [firstRoot, secondRoot] = [await rootOf(read, first), await rootOf(read, second)];
        const proof = await consistencyProof(read, first, second);
        expect(verifyConsistency(first, second, firstRoot, secondRoot, proof)).toBe(true);
        if (proof.length > 0) expect(verifyConsistency(first, second, firstRoot, secondRoot, flip(proof, which, bit))).toBe(false);
        if (first < second) expect(verifyConsistency(first, second, secondRoot, secondRoot, proof)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
