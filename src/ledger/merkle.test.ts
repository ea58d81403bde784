import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  emptyRoot,
  hashLeaf,
  inclusionProof,
  memoryReader,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

// transparency-dev/merkle testdata (Apache-2.0), copied into test/vectors/merkle with its LICENSE and README.
const vectors = path.resolve(import.meta.dirname, '../../test/vectors/merkle');
const referenceLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const referenceRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsonFiles(path.join(dir, entry.name)) : entry.name.endsWith('.json') ? [path.join(dir, entry.name)] : [],
  );
}

const b64 = (value: string | null) => Buffer.from(value ?? '', 'base64');
const leafHashes = referenceLeaves.map((hex) => hashLeaf(Buffer.from(hex, 'hex')));

describe('the Merkle tree (RFC 9162)', () => {
  it('has the reference roots for the 8 reference leaves, and SHA-256 of nothing when empty', async () => {
    for (let size = 1; size <= 8; size++) {
      expect((await rootOf(memoryReader(leafHashes), size)).toString('hex')).toBe(referenceRoots[size - 1]);
    }
    expect((await rootOf(memoryReader([]), 0)).equals(emptyRoot)).toBe(true);
  });

  const inclusionCases = jsonFiles(path.join(vectors, 'inclusion'));
  it(`accepts and rejects exactly as the ${inclusionCases.length} published inclusion vectors say`, () => {
    for (const file of inclusionCases) {
      const v = JSON.parse(readFileSync(file, 'utf8'));
      const ok = verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root));
      expect([path.relative(vectors, file), ok]).toEqual([path.relative(vectors, file), !v.wantErr]);
    }
  });

  const consistencyCases = jsonFiles(path.join(vectors, 'consistency'));
  it(`accepts and rejects exactly as the ${consistencyCases.length} published consistency vectors say`, () => {
    for (const file of consistencyCases) {
      const v = JSON.parse(readFileSync(file, 'utf8'));
      const ok = verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64));
      expect([path.relative(vectors, file), ok]).toEqual([path.relative(vectors, file), !v.wantErr]);
    }
  });

  it('produces the published proofs for the reference tree', async () => {
    for (const file of inclusionCases) {
      const v = JSON.parse(readFileSync(file, 'utf8'));
      if (v.wantErr || v.treeSize > 8 || v.root !== Buffer.from(referenceRoots[v.treeSize - 1] ?? '', 'hex').toString('base64')) continue;
      const proof = await inclusionProof(memoryReader(leafHashes), v.leafIdx, v.treeSize);
      expect(proof.map((h) => h.toString('base64'))).toEqual(v.proof ?? []);
    }
  });

  it('proves every leaf of every tree up to 70 leaves, and every pair of sizes consistent', async () => {
    const leaves = Array.from({ length: 70 }, (_, i) => hashLeaf(Buffer.from(`entry ${i}`)));
    const read = memoryReader(leaves);
    const roots = [emptyRoot];
    for (let size = 1; size <= 70; size++) roots.push(await rootOf(read, size));
    for (let size = 1; size <= 70; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProof(read, index, size);
        expect(verifyInclusion(index, size, leaves[index] as Buffer, proof, roots[size] as Buffer)).toBe(true);
        if (proof.length > 0) {
          const tampered = proof.map((h, i) => (i === 0 ? Buffer.from(h).fill(h[0] === 0 ? 1 : 0, 0, 1) : h));
          expect(verifyInclusion(index, size, leaves[index] as Buffer, tampered, roots[size] as Buffer)).toBe(false);
        }
      }
      for (let first = 1; first <= size; first++) {
        const proof = await consistencyProof(read, first, size);
        expect(verifyConsistency(first, size, roots[first] as Buffer, roots[size] as Buffer, proof)).toBe(true);
      }
    }
  });
});
