/**
 * Property test (issue 7 items 2 and 5): decisions whose private text embeds ID numbers, mobile numbers, bank cards and
 * natural persons' names in many written forms go through the redaction engine into public copies; nothing personal
 * may reach the bulk files (CSV, JSON Lines) or the Atom feed. Generators in the manner of redact.property.test.ts
 * (whose generators are local to that file).
 */
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestSystem, type TestSystem } from '../../../../test/support/system.js';
import { residentIdCheckCharacter } from '../../../kernel/resident-id.js';
import { writeBulk } from './bulk.js';
import { scanChanges } from './changes.js';
import { buildFeed } from './feed.js';
import { copyFromRaw, putPublicRecord } from './fixtures.js';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const toFullWidth = (text: string) => text.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
/** Digits and X only, full-width folded: how a secret is looked for in the output. */
const flat = (text: string) =>
  text
    .replace(/[\uFF10-\uFF19\uFF38]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[^0-9X]/gi, '')
    .toUpperCase();

/** A value written in one of several forms: groups with a separator, full-width. */
function writtenForms(value: string, groups: number[]) {
  return fc.constantFrom('', ' ', '-', '\u3000').chain((sep) =>
    fc.boolean().map((full) => {
      const parts: string[] = [];
      let at = 0;
      for (const size of groups) {
        parts.push(value.slice(at, at + size));
        at += size;
      }
      if (at < value.length) parts.push(value.slice(at));
      const text = parts.filter(Boolean).join(sep);
      return full ? toFullWidth(text) : text;
    }),
  );
}

const idNumber = fc
  .record({
    division: fc.constantFrom('640502', '640521', '110105', '440305'),
    birth: fc
      .integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2005, 11, 31) })
      .map((t) => new Date(t).toISOString().slice(0, 10).replace(/-/g, '')),
    sequence: digits(3),
  })
  .map(({ division, birth, sequence }) => {
    const first17 = division + birth + sequence;
    return first17 + residentIdCheckCharacter(first17);
  })
  .chain((value) => writtenForms(value, [6, 8, 4]).map((text) => ({ text: `公民身份号码${text}`, secret: value })));

const mobile = fc
  .tuple(fc.constantFrom('139', '138', '186', '151', '177'), digits(8))
  .map(([p, r]) => p + r)
  .chain((value) =>
    fc
      .tuple(writtenForms(value, [3, 4, 4]), fc.constantFrom('', '+86 ', '＋86'))
      .map(([text, prefix]) => ({ text: `联系电话${prefix}${text}`, secret: value })),
  );

function luhnComplete(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}
const bankCard = fc
  .tuple(fc.constantFrom('622202', '621700', '623052'), fc.constantFrom(9, 12), fc.constantFrom('银行卡号', '开户账号', '卡号'))
  .chain(([bin, rest, label]) => digits(rest).map((r) => ({ card: luhnComplete(bin + r), label })))
  .chain(({ card, label }) => writtenForms(card, [4, 4, 4, 4]).map((text) => ({ text: `${label}：${text}`, secret: card })));

const personName = fc
  .tuple(fc.constantFrom('张', '王', '李', '欧阳'), fc.constantFrom('伟', '芳', '娜娜', '建国', '秀英'))
  .map(([s, g]) => s + g);

const personal = fc.oneof(idNumber, mobile, bankCard);

const decision = fc.record({
  person: personName,
  isPerson: fc.boolean(),
  embedded: fc.array(personal, { minLength: 1, maxLength: 4 }),
});

async function collect(run: (sinks: { csv: PassThrough; jsonl: PassThrough }) => Promise<unknown>) {
  const csv = new PassThrough();
  const jsonl = new PassThrough();
  const chunks = { csv: [] as Buffer[], jsonl: [] as Buffer[] };
  csv.on('data', (c: Buffer) => chunks.csv.push(c));
  jsonl.on('data', (c: Buffer) => chunks.jsonl.push(c));
  await run({ csv, jsonl });
  return Buffer.concat([...chunks.csv, ...chunks.jsonl]).toString('utf8');
}

describe.each(dialects)('no personal data reaches the bulk files or the feed (%s)', (dialect) => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await openTestSystem(dialect);
  });
  afterAll(async () => {
    await system.close();
  });

  it('whatever form the ID numbers, phones, bank cards and names take in the private text', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(decision, async ({ person, isPerson, embedded }) => {
        n += 1;
        const id = `prop-${n}`;
        const text = embedded.map((e) => e.text).join('，');
        const copy = copyFromRaw({
          id,
          partyType: isPerson ? 'person' : 'organization',
          partyName: isPerson ? person : '中卫市某某商贸有限公司',
          caseTitle: `${isPerson ? person : '中卫市某某商贸有限公司'}未按规定建立食品安全管理制度案`,
          facts: `经查，当事人（负责人${person}，${text}）存在违法行为。`,
          decision: `给予行政处罚：警告，罚款8,000元。${embedded[0]?.text ?? ''}`,
        });
        // The person's name is masked only when the party is that person (as configured); other names need listing.
        await putPublicRecord(system.ctx.db, isPerson ? copy : { ...copy, facts: copy.facts?.replaceAll(person, '某某') ?? null }, {
          updatedOn: '2026-11-23',
        });
        await scanChanges(system.ctx);
        const bulk = await collect((sinks) => writeBulk(system.ctx.db, (x) => `/ex-post/decisions/${x}`, sinks));
        const feed = await buildFeed(
          system.ctx,
          {},
          { baseUrl: 'https://zf.example.gov.cn', selfUrl: 'https://zf.example.gov.cn/feeds/decisions.atom', title: 't', key: 'k' },
        );
        for (const output of [bulk, feed]) {
          const digitsOnly = flat(output);
          for (const e of embedded) expect(digitsOnly).not.toContain(e.secret);
          if (isPerson) expect(output).not.toContain(person);
        }
        expect(bulk).toContain(id);
      }),
      { numRuns: 40 },
    );
  });
});
