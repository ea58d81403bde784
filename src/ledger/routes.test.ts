import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../test/support/factories.js';
import { signIn, useTestApp } from '../../test/support/http.js';
import { dialects } from '../../test/support/system.js';
import { systemActor } from '../kernel/actor.js';
import { createAgency } from '../modules/org/index.js';
import { parseCheckpointBody } from './checkpoint.js';
import { hashLeaf, verifyConsistency, verifyInclusion } from './merkle.js';
import { parseVerifierKey, verifyNote } from './note.js';

describe.each(dialects)('proofs over HTTP, for anyone (%s)', (dialect) => {
  const t = useTestApp(dialect);

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  async function signedCheckpoint(url = '/api/ledger/checkpoint') {
    const response = await get(url);
    expect(response.headers['content-type']).toContain('text/plain');
    const keys = (await get('/api/ledger/public-key')).body
      .trim()
      .split('\n')
      .map((key) => parseVerifierKey(key));
    const { text, verifiedBy } = verifyNote(response.body, keys);
    expect(verifiedBy).toEqual([t.system.ctx.ledgerKeys.origin]);
    return parseCheckpointBody(text);
  }

  it('serves a signed checkpoint that the published key verifies, covering every event so far', async () => {
    const checkpoint = await signedCheckpoint();
    const size = Number((await t.system.ctx.db.selectFrom('ledger_state').select('size').executeTakeFirstOrThrow()).size);
    expect(checkpoint.size).toBe(size);
    expect(checkpoint.origin).toBe(t.system.ctx.ledgerKeys.origin);
  });

  it('proves a record is in the signed tree, and the proof checks by RFC 9162 against the signed root', async () => {
    const checkpoint = await signedCheckpoint();
    for (const index of [0, 5, checkpoint.size - 1]) {
      const response = await get(`/api/ledger/proof/inclusion?index=${index}&size=${checkpoint.size}`);
      expect(response.statusCode).toBe(200);
      const { leafHash, proof } = response.json() as { leafHash: string; proof: string[] };
      const event = await t.system.ctx.db.selectFrom('ledger_events').select('payload').where('seq', '=', index).executeTakeFirstOrThrow();
      expect(leafHash).toBe(hashLeaf(Buffer.from(event.payload)).toString('hex'));
      const proofBytes = proof.map((h) => Buffer.from(h, 'hex'));
      expect(verifyInclusion(index, checkpoint.size, Buffer.from(leafHash, 'hex'), proofBytes, checkpoint.root)).toBe(true);
    }
  });

  it('proves an older checkpoint is a prefix of a newer one, against the sizes asked for', async () => {
    const older = await signedCheckpoint();
    await createAgency(t.system.ctx, systemActor('测试'), {
      governmentId: t.org.countyId,
      name: '新增机关',
      uscc: makeUscc(),
      kind: 'other',
    });
    const newer = await signedCheckpoint();
    expect(newer.size).toBe(older.size + 1);
    const response = await get(`/api/ledger/proof/consistency?first=${older.size}&second=${newer.size}`);
    const proof = (response.json().proof as string[]).map((h) => Buffer.from(h, 'hex'));
    expect(verifyConsistency(older.size, newer.size, older.root, newer.root, proof)).toBe(true);
    const kept = await signedCheckpoint(`/api/ledger/checkpoint/${older.size}`);
    expect(kept.root.equals(older.root)).toBe(true);
    const inclusion = (await get(`/api/ledger/proof/inclusion?index=1&size=${older.size}`)).json();
    expect(
      verifyInclusion(
        1,
        older.size,
        Buffer.from(inclusion.leafHash, 'hex'),
        inclusion.proof.map((h: string) => Buffer.from(h, 'hex')),
        older.root,
      ),
    ).toBe(true);
  });

  it('answers an index past the size, a size never checkpointed and a bad range with 400 problem+json', async () => {
    const { size } = await signedCheckpoint();
    const past = await get(`/api/ledger/proof/inclusion?index=${size}&size=${size}`);
    expect(past.statusCode).toBe(400);
    expect(past.headers['content-type']).toContain('application/problem+json');
    expect(past.json()).toMatchObject({ code: 'ledger.index_out_of_range', title: '记录序号超出账本规模' });
    const unsigned = await get(`/api/ledger/proof/inclusion?index=0&size=${size + 50}`);
    expect(unsigned.json()).toMatchObject({ status: 400, code: 'ledger.size_not_checkpointed' });
    const backwards = await get(`/api/ledger/proof/consistency?first=${size}&second=1`);
    expect(backwards.json()).toMatchObject({ status: 400, code: 'ledger.range_invalid' });
    const notNumber = await get('/api/ledger/proof/inclusion?index=abc&size=1');
    expect(notNumber.statusCode).toBe(400);
    expect((await get('/api/ledger/checkpoint/999999')).statusCode).toBe(400);
  });

  it('gives leaf hashes to anyone but record contents only to those who may see them', async () => {
    const { size } = await signedCheckpoint();
    const url = `/api/ledger/leaves?start=0&end=${size}`;
    const anyone = (await get(url)).json() as { leaves: string[]; entries: (string | null)[] };
    expect(anyone.leaves).toHaveLength(size);
    expect(anyone.entries.every((e) => e === null)).toBe(true);
    const officer = await signIn(t.app, 'officer.a');
    const seen = ((await officer.request({ method: 'GET', url })).json().entries as (string | null)[]).filter(
      (e): e is string => e !== null,
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => JSON.parse(e).agencyId === t.org.agencyA.id)).toBe(true);
    expect(seen.some((e) => JSON.parse(e).subject.type === 'user')).toBe(false);
    const everything = (await t.admin.request({ method: 'GET', url })).json().entries as (string | null)[];
    expect(everything.every((e) => e !== null)).toBe(true);
    expect((await get(`/api/ledger/leaves?start=0&end=${size + 1}`)).statusCode).toBe(400);
  });
});
