import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointBody } from '../../../src/ledger/checkpoint';
import { createCosigner } from '../../../src/ledger/cosignature';
import { hashLeaf, inclusionProof, memoryReader, rootOf } from '../../../src/ledger/merkle';
import { ed25519PublicKeyBytes, ed25519Signer, formatVerifierKey, signNote } from '../../../src/ledger/note';
import { fromHex, verifyCheckpoint, verifyInclusion } from './ledger-verify';

/** A key whose base64 form contains '+', the case that once broke the browser's parser. */
function keyWithPlus() {
  for (;;) {
    const pair = generateKeyPairSync('ed25519');
    const key = formatVerifierKey('lawtrail.example', 1, ed25519PublicKeyBytes(pair.publicKey));
    if (key.split('+').length > 3) return { ...pair, key };
  }
}

describe("the browser's own checks agree with the server's signatures and proofs", () => {
  it('verifies a server-signed checkpoint with a verifier key containing "+", and refuses a changed one', async () => {
    const { privateKey, key } = keyWithPlus();
    const leaves = Array.from({ length: 21 }, (_, i) => hashLeaf(Buffer.from(`record ${i}`)));
    const root = await rootOf(memoryReader(leaves), 21);
    const note = signNote(checkpointBody('lawtrail.example', 21, root), [ed25519Signer('lawtrail.example', privateKey)]);
    const checkpoint = await verifyCheckpoint(note, [key]);
    expect(checkpoint).toMatchObject({ origin: 'lawtrail.example', size: 21, rootBase64: root.toString('base64') });
    await expect(verifyCheckpoint(note.replace('\n21\n', '\n22\n'), [key])).rejects.toThrow('检查点签名未能通过验证');
    const cosigner = createCosigner('city.example/witness', generateKeyPairSync('ed25519').privateKey);
    const cosigned = `${note}${cosigner.cosign(checkpointBody('lawtrail.example', 21, root), 1795000000)}\n`;
    expect((await verifyCheckpoint(cosigned, [key])).cosigners).toEqual(['city.example/witness']);

    for (const index of [0, 7, 20]) {
      const proof = (await inclusionProof(memoryReader(leaves), index, 21)).map((h) => fromHex(h.toString('hex')));
      expect(await verifyInclusion(index, 21, new Uint8Array(leaves[index] as Buffer), proof, checkpoint.root)).toBe(true);
      expect(await verifyInclusion((index + 1) % 21, 21, new Uint8Array(leaves[index] as Buffer), proof, checkpoint.root)).toBe(false);
    }
  });
});
