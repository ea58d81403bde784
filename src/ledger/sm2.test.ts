import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../test/support/factories.js';
import { dialects, openTestSystem, type TestSystem } from '../../test/support/system.js';
import { orgStateChecks } from '../modules/org/index.js';
import { integrate, verifyLedger } from './index.js';
import { parseNote, verifyNote } from './note.js';
import { sm2Algorithm, sm2PublicKeyPem } from './sm2.js';

describe.each(dialects)('checkpoints with national cryptography on (LAWTRAIL_SM2=on, %s)', (dialect) => {
  let system: TestSystem;
  let work: string;

  beforeAll(async () => {
    system = await openTestSystem(dialect, { LAWTRAIL_SM2: 'on' });
    await createTestOrg(system.ctx);
    work = mkdtempSync(path.join(tmpdir(), 'lawtrail-sm2-'));
  });
  afterAll(async () => {
    await system.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('signs each checkpoint with Ed25519 and with GB/T 32918 SM2, and both verify', async () => {
    const checkpoint = await integrate(system.ctx.db, system.ctx.dialect, system.ctx.ledgerKeys);
    const { signatures } = parseNote(checkpoint.note);
    expect(signatures).toHaveLength(2);
    expect(system.ctx.ledgerKeys.verifierKeys).toHaveLength(2);
    const check = verifyNote(checkpoint.note, system.ctx.ledgerKeys.verifiers);
    expect(check.verifiedBy).toEqual([system.ctx.ledgerKeys.origin, system.ctx.ledgerKeys.origin]);
    expect((await verifyLedger(system.ctx.db, system.ctx.ledgerKeys, orgStateChecks)).isIntact).toBe(true);
  });

  it('makes an SM2 signature that OpenSSL verifies with SM3 and the standard user id', async () => {
    const checkpoint = await integrate(system.ctx.db, system.ctx.dialect, system.ctx.ledgerKeys);
    const { text, signatures } = parseNote(checkpoint.note);
    const sm2Key = Buffer.from(/^[^+]+\+[0-9a-f]{8}\+(.+)$/.exec(system.ctx.ledgerKeys.verifierKeys[1] as string)?.[1] as string, 'base64');
    expect(sm2Key[0]).toBe(sm2Algorithm);
    writeFileSync(path.join(work, 'key.pem'), sm2PublicKeyPem(sm2Key.subarray(1)));
    writeFileSync(path.join(work, 'sig.der'), (signatures[1] as { signature: Buffer }).signature);
    writeFileSync(path.join(work, 'checkpoint.txt'), text);
    const args = ['dgst', '-sm3', '-verify', 'key.pem', '-signature', 'sig.der', '-sigopt', 'distid:1234567812345678', 'checkpoint.txt'];
    expect(execFileSync('openssl', args, { cwd: work, encoding: 'utf8' }).trim()).toBe('Verified OK');
    writeFileSync(path.join(work, 'checkpoint.txt'), text.replace(/\n\d+\n/, '\n1\n'));
    expect(() => execFileSync('openssl', args, { cwd: work, stdio: 'pipe' })).toThrow();
  });
});
