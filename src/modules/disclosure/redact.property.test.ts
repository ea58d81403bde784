/**
 * Property tests: documents that embed personal data in many written forms among Chinese filler and public items.
 * Whatever the form, no personal value may survive (compared after normalising full-width characters and separators),
 * every public item must come out unchanged, and redacting the result again must change nothing.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EnforcementSetup, setUpEnforcement } from '../../../test/support/enforcement.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects } from '../../../test/support/system.js';
import { todayInChina } from '../../kernel/clock.js';
import { residentIdCheckCharacter } from '../../kernel/resident-id.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';
import { isLuhnValid } from './numbers.js';
import { maskIdValue, maskPhoneValue, redactText } from './redact.js';
import { normalizeForMatching } from './working-text.js';

/** A piece of a document: personal (with the values that must disappear) or public (must stay as written). */
interface Piece {
  text: string;
  /** Digits (and X) that must not appear in the output once separators are removed and full-width characters normalised. */
  digitSecrets?: string[];
  /** Text that must not appear in the output as written. */
  secrets?: string[];
  isPublic?: boolean;
  name?: string;
}

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (length: number) => fc.array(digit, { minLength: length, maxLength: length }).map((d) => d.join(''));
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const separator = fc.constantFrom(' ', '-', '－', '\u3000', '–');
const flat = (text: string) => normalizeForMatching(text).replace(/[\s-]/g, '').toUpperCase();

/** Writes a number in groups of the given sizes with one separator, some or all of its characters full-width. */
function written(value: string, sizes: readonly number[], sep: string, fullWidth: readonly boolean[]): string {
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    groups.push(value.slice(at, at + size));
    at += size;
  }
  if (at < value.length) groups.push(value.slice(at));
  const chars = [...groups.filter(Boolean).join(sep)];
  return chars
    .map((c, i) => (fullWidth[i % fullWidth.length] && /[0-9Xx]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
    .join('');
}
const widths = fc.oneof(fc.constant([false]), fc.constant([true]), fc.array(fc.boolean(), { minLength: 1, maxLength: 24 }));

const division = fc.constantFrom('640502', '640521', '642221', '110105', '310104', '440305', '150102', '510107');
const birth = fc
  .integer({ min: Date.UTC(1940, 0, 1), max: Date.UTC(2008, 11, 31) })
  .map((t) => new Date(t).toISOString().slice(0, 10).replace(/-/g, ''));

const idNumber18 = fc
  .record({
    division,
    birth,
    sequence: digits(3),
    isValid: fc.boolean(),
    other: fc.constantFrom(...'0123456789X'),
    lowerX: fc.boolean(),
    sizes: fc.oneof(
      fc.constantFrom([18], [6, 8, 4], [6, 4, 4, 4], [4, 4, 4, 4, 2], [3, 3, 4, 4, 4], [17, 1]),
      fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 18 }),
    ),
    sep: separator,
    widths,
    label: fc.constantFrom('', '身份证号码：', '公民身份号码', '身份证号 ', '证件号码：'),
  })
  .map((r): Piece => {
    const first17 = r.division + r.birth + r.sequence;
    const value = first17 + (r.isValid ? residentIdCheckCharacter(first17) : r.other);
    const text = written(r.lowerX ? value.replace('X', 'x') : value, r.sizes, r.sep, r.widths);
    return { text: r.label + text, digitSecrets: [value, value.slice(6)] };
  });

const idNumber15 = fc
  .record({ division, birth, sequence: digits(3), sizes: fc.constantFrom([15], [6, 6, 3]), sep: separator, widths })
  .filter((r) => r.birth < '20000101')
  .map((r): Piece => {
    const value = r.division + r.birth.slice(2) + r.sequence;
    return { text: written(value, r.sizes, r.sep, r.widths), digitSecrets: [value, value.slice(6)] };
  });

const mobile = fc
  .record({
    number: fc.tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), digits(9)).map(([second, rest]) => `1${second}${rest}`),
    prefix: fc.constantFrom('', '', '+86', '+86 ', '+86-', '86', '86 ', '0086 ', '(+86)', '（+86）'),
    sizes: fc.oneof(fc.constantFrom([11], [3, 4, 4], [3, 8]), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 11 })),
    sep: separator,
    widths,
    label: fc.constantFrom('', '手机：', '联系电话：', '电话 '),
  })
  .map((r): Piece => ({ text: r.label + r.prefix + written(r.number, r.sizes, r.sep, r.widths), digitSecrets: [r.number.slice(3)] }));

const landline = fc
  .record({
    area: fc.constantFrom('010', '021', '0955', '0951', '0571', '0755'),
    local: fc
      .tuple(fc.constantFrom('2', '5', '6', '7', '8'), fc.integer({ min: 6, max: 7 }))
      .chain(([first, n]) => digits(n).map((d) => first + d)),
    extension: digits(3),
    form: fc.constantFrom('a-l', '(a)l', '（a）l', 'a l', 'al', 'a-l-x', 'a-l转x', 'label'),
    label: fc.constantFrom('电话：', '联系电话：', '座机 ', '固话：'),
    widths,
  })
  .map((r): Piece => {
    const forms: Record<string, string> = {
      'a-l': `${r.area}-${r.local}`,
      '(a)l': `(${r.area})${r.local}`,
      '（a）l': `（${r.area}）${r.local}`,
      'a l': `${r.area} ${r.local}`,
      al: `${r.area}${r.local}`,
      'a-l-x': `${r.area}-${r.local}-${r.extension}`,
      'a-l转x': `${r.area}-${r.local}转${r.extension}`,
      label: `${r.label}${r.local}`,
    };
    const text = written(forms[r.form] as string, [], '', r.widths);
    return { text, digitSecrets: [r.local] };
  });

const bankCard = fc
  .record({
    length: fc.integer({ min: 16, max: 19 }),
    body: digits(18),
    isLuhn: fc.boolean(),
    last: digit,
    label: fc.constantFrom('', '银行卡号：', '账号：', '卡号', '开户银行账号为'),
    sizes: fc.oneof(fc.constant([19]), fc.constant([4, 4, 4, 4]), fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 })),
    sep: fc.constantFrom(' ', '-'),
  })
  .map((r): Piece => {
    const stem = `62${r.body}`.slice(0, r.length - 1);
    const check = [...'0123456789'].find((d) => isLuhnValid(stem + d)) as string;
    const value = stem + (r.isLuhn ? check : r.last);
    const label = isLuhnValid(value) ? r.label : r.label || '银行卡号：';
    const text = written(value, r.sizes, r.sep, [false]);
    return { text: label + text, digitSecrets: [value.slice(6)] };
  });

const email = fc
  .record({
    local: fc.stringMatching(/^[a-z][a-z0-9._]{1,10}[a-z0-9]$/),
    digitsLocal: digits(11).map((d) => `1${d.slice(1)}`),
    useDigits: fc.boolean(),
    domain: fc.constantFrom('qq.com', '163.com', '126.com', 'gmail.com', 'sina.cn', 'example.com.cn'),
  })
  .map((r): Piece => {
    const local = r.useDigits ? r.digitsLocal : r.local;
    return { text: `邮箱${local}@${r.domain}`, secrets: [`${local}@${r.domain}`, `${local}@`] };
  });

const address = fc
  .record({
    label: fc.constantFrom('住址：', '家庭住址：', '现住址：', '户籍地址：', '户籍所在地：', '住址为', '家庭地址：'),
    divisions: fc.constantFrom(
      '宁夏回族自治区中卫市沙坡头区文昌镇',
      '中卫市沙坡头区迎水桥镇',
      '北京市朝阳区建外街道',
      '沙坡头区滨河镇',
      '宁夏中卫市沙坡头区宣和镇',
      '',
    ),
    street: fc.constantFrom('长城东街', '鼓楼北街', '应理南路', '夹道村', '幸福小区', '怀远路', '南长滩村'),
    house: fc.oneof(
      fc.integer({ min: 1, max: 300 }).map((n) => `${n}号`),
      fc
        .tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 101, max: 2802 }))
        .map(([n, b, r]) => `${n}号院${b}号楼${r}室`),
      fc.constantFrom('三组', '五队', '东区'),
    ),
    end: fc.constantFrom('，', '。', '；', '、', '\n', ' '),
    livesAt: fc.boolean(),
  })
  .map((r): Piece => {
    // 住 alone is a label only before two divisions or more (出生，住宁夏中卫市沙坡头区…)
    const label = r.livesAt && r.divisions.length >= 7 ? '，住' : r.label;
    return { text: `${label}${r.divisions}${r.street}${r.house}${r.end}`, secrets: [`${r.street}${r.house}`] };
  });

const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '欧阳', '司马', '上官', '诸葛'];
const givenCharacters = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞刚桂英玉萍红娥玲飞'];
const name = fc
  .tuple(fc.constantFrom(...surnames), fc.array(fc.constantFrom(...givenCharacters), { minLength: 1, maxLength: 2 }))
  .map(([surname, given]): Piece => {
    const full = surname + given.join('');
    return { text: full, secrets: [full], name: full };
  });

const personal = fc.oneof(idNumber18, idNumber15, mobile, landline, bankCard, email, address, name);

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditCode = fc
  .record({
    division,
    kind: fc.constantFrom('91', '92', '93', '12', '11', '52'),
    body: fc.array(fc.constantFrom(...alphabet), { minLength: 7, maxLength: 7 }),
    allDigits: digits(9),
    isAllDigits: fc.boolean(),
    label: fc.constantFrom('', '统一社会信用代码：', '信用代码 '),
  })
  .map((r): Piece => {
    const first17 = r.isAllDigits ? r.kind + r.division + r.allDigits : `${r.kind + r.division}MA${r.body.join('')}`;
    const code = first17 + computeUsccCheckCharacter(first17);
    return { text: (r.isAllDigits ? '统一社会信用代码：' : r.label) + code, isPublic: true };
  });
const documentNumber = fc
  .record({
    abbr: fc.constantFrom('沙市监', '沙环', '沙城管', '沙交', '中卫市监'),
    series: fc.constantFrom('罚', '立', '告', '听'),
    year: fc.integer({ min: 2015, max: 2026 }),
    n: fc.integer({ min: 1, max: 99999 }),
    padded: fc.boolean(),
  })
  .map((r): Piece => ({ text: `${r.abbr}${r.series}〔${r.year}〕${r.padded ? pad(r.n, 5) : r.n}号`, isPublic: true }));
const amount = fc
  .oneof(
    fc.integer({ min: 1, max: 9_999_999 }).map((n) => `${n}元`),
    fc.integer({ min: 1, max: 999 }).map((n) => `${n}万元`),
    fc.integer({ min: 1000, max: 99_999_999 }).map((n) => `${n.toLocaleString('en-US')}元`),
    fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${pad(f, 2)}元`),
  )
  .map((text): Piece => ({ text: `罚款${text}`, isPublic: true }));
const date = fc
  .record({ year: fc.integer({ min: 2000, max: 2026 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .chain(({ year, month, day }) =>
    fc.constantFrom(`${year}年${month}月${day}日`, `${year}-${pad(month, 2)}-${pad(day, 2)}`, `${year}/${month}/${day}`),
  )
  .map((text): Piece => ({ text, isPublic: true }));
const citation = fc
  .constantFrom('第一百二十二条', '第一百二十四条第一款第（五）项', '第122条', '第58条第1款', '第二十八条')
  .map((text): Piece => ({ text: `《中华人民共和国食品安全法》${text}`, isPublic: true }));
const plate = fc
  .tuple(
    fc.constantFrom('宁E', '宁A', '京B', '陕C'),
    fc.array(fc.constantFrom(...'0123456789ABCDEFGHJK'), { minLength: 5, maxLength: 6 }),
    digit,
  )
  .map(([prefix, rest, d]): Piece => ({ text: `${prefix}${d}${rest.join('').slice(1)}`, isPublic: true }));

const publicItem = fc.oneof(creditCode, documentNumber, amount, date, citation, plate);

const phrases = [
  '经查，',
  '当事人',
  '违反了',
  '的规定，',
  '本机关认为',
  '现责令改正，',
  '依据',
  '决定如下：',
  '特此决定。',
  '予以警告',
  '（',
  '）',
  '，',
  '。',
  '；',
  '、',
  '\n',
];
const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
/** Filler between pieces: starts and ends with a phrase or punctuation, random characters (and spaces) between. */
const filler = fc
  .tuple(
    fc.constantFrom(...phrases),
    fc.array(fc.oneof(cjk, fc.constantFrom(...phrases), fc.constant(' ')), { maxLength: 6 }),
    fc.constantFrom(...phrases),
  )
  .map(([first, middle, last]) => first + middle.join('') + last);

/** Pieces among filler; `tight` documents separate some pieces by a single space only (13912345678 2026年…). */
const documentWith = (tight: boolean) =>
  fc
    .array(fc.oneof({ arbitrary: personal, weight: 3 }, { arbitrary: publicItem, weight: 2 }), { minLength: 1, maxLength: 10 })
    .chain((pieces) =>
      fc
        .array(tight ? fc.oneof(filler, fc.constant(' ')) : filler, { minLength: pieces.length + 1, maxLength: pieces.length + 1 })
        .map((fillers) => ({ pieces, fillers })),
    )
    .map(({ pieces, fillers }) => ({
      pieces,
      text: fillers.map((f, i) => f + (pieces[i]?.text ?? '')).join(''),
      names: pieces.flatMap((p) => (p.name ? [p.name] : [])),
    }));

function checkRedaction({ pieces, text, names }: { pieces: Piece[]; text: string; names: string[] }, tight: boolean): void {
  const result = redactText(text, { names });
  const kept = pieces.filter((p) => p.isPublic).map((p) => p.text);
  for (const item of kept) expect(result.text).toContain(item);

  let rest = result.text;
  for (const item of kept) rest = rest.split(item).join('□');
  const restFlat = flat(rest);
  for (const piece of pieces) {
    for (const secret of piece.digitSecrets ?? [])
      expect([piece.text, restFlat.includes(secret.toUpperCase())]).toEqual([piece.text, false]);
    for (const secret of piece.secrets ?? []) expect([piece.text, result.text.includes(secret)]).toEqual([piece.text, false]);
  }
  // what is left of the numbers is a division code, an area code or a network prefix: never 7 digits in a row
  // (in tight documents two such pieces may touch across a space, so only the values themselves are checked there)
  if (!tight) expect(restFlat).not.toMatch(/\d{7}/);

  const again = redactText(result.text, { names });
  expect(again.text).toBe(result.text);
  expect(again.findings).toEqual([]);
  expect(redactText(text, { names })).toEqual(result);
}

describe('redaction of generated documents', () => {
  it('leaves no personal value in any written form, keeps every public item, and is idempotent', () => {
    fc.assert(
      fc.property(documentWith(false), (document) => checkRedaction(document, false)),
      { numRuns: 600 },
    );
  });

  it('does the same when pieces are separated by a single space only', () => {
    fc.assert(
      fc.property(documentWith(true), (document) => checkRedaction(document, true)),
      { numRuns: 600 },
    );
  });

  it('masks ID and phone fields idempotently, leaving none of their digits but the division code and prefixes', () => {
    fc.assert(
      fc.property(fc.oneof(idNumber18, idNumber15), (piece) => {
        const value = piece.text.replace(/^[^\d０-９]+/, '');
        const masked = maskIdValue(value);
        expect(flat(masked)).toMatch(/^\d{6}\*+$/);
        expect(maskIdValue(masked)).toBe(masked);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(mobile, landline), (piece) => {
        const value = piece.text.replace(/^[^\d０-９(（+＋]+/, '');
        const masked = maskPhoneValue(value).text;
        for (const secret of piece.digitSecrets ?? []) expect(flat(masked)).not.toContain(secret);
        expect(maskPhoneValue(masked).text).toBe(masked);
      }),
    );
  });
});

/**
 * End to end: a decision about a natural person whose facts embed personal data in many forms is served, prepared,
 * checked and published through the API; nothing personal may reach any public endpoint (search, decision page,
 * party page) — only the public copy is read there.
 */
describe.each(dialects)('published decisions leak no personal data (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let setup: EnforcementSetup;
  let officer: Client;
  let head: Client;

  beforeAll(async () => {
    setup = await setUpEnforcement(t.system.ctx, t.org);
    officer = await signIn(t.app, 'officer.a');
    head = await signIn(t.app, 'head.a');
  });

  const personalButNames = fc.oneof(idNumber18, idNumber15, mobile, landline, bankCard, email, address);
  const decision = fc
    .record({
      party: name,
      idNumber: fc.record({ division, birth, sequence: digits(3) }).map((r) => {
        const first17 = r.division + r.birth + r.sequence;
        return first17 + residentIdCheckCharacter(first17);
      }),
      pieces: fc.array(personalButNames, { minLength: 1, maxLength: 6 }),
      fillers: fc.array(filler, { minLength: 7, maxLength: 7 }),
      namedAt: fc.integer({ min: 0, max: 6 }),
    })
    .map((r) => {
      const pieces = [...r.pieces];
      pieces.splice(Math.min(r.namedAt, pieces.length), 0, r.party);
      return {
        partyName: r.party.name as string,
        idNumber: r.idNumber,
        pieces,
        facts: pieces.map((p, i) => (r.fillers[i] ?? '') + p.text).join(''),
      };
    });

  it('publishes generated decisions end to end without any personal value on a public endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(decision, async (d) => {
        const opened = await officer.request({
          method: 'POST',
          url: '/api/cases',
          payload: {
            agencyId: t.org.agencyA.id,
            procedure: 'penalty_summary',
            itemCode: 'EI-002',
            divisionCode: '640502',
            title: `${d.partyName}销售过期食品案`,
            party: { type: 'person', name: d.partyName, idNumber: d.idNumber, address: '沙坡头区文昌镇某村5组12号' },
            officerIds: [setup.officers.zhang, setup.officers.li],
            data: { place: '农贸市场', violationOn: todayInChina(), summary: d.facts.slice(0, 500) },
          },
        });
        expect(opened.statusCode, opened.body).toBe(201);
        const caseId = opened.json().id as string;
        const decided = await officer.request({
          method: 'POST',
          url: `/api/cases/${caseId}/steps`,
          payload: {
            step: 'summary_decide',
            version: opened.json().version,
            officerIds: [setup.officers.zhang, setup.officers.li],
            data: { facts: d.facts, penaltyKinds: ['fine'], fineAmount: 50, record: `${d.partyName}无异议` },
          },
        });
        expect(decided.statusCode, decided.body).toBe(200);
        const list = (await officer.request({ method: 'GET', url: '/api/disclosure/publications' })).json();
        const pub = list.items.find((p: { caseId: string }) => p.caseId === caseId);
        const prepared = await officer.request({
          method: 'POST',
          url: `/api/disclosure/publications/${pub.id}/prepare`,
          payload: { version: pub.version },
        });
        const approved = await head.request({
          method: 'POST',
          url: `/api/disclosure/publications/${pub.id}/approve`,
          payload: { version: prepared.json().version },
        });
        expect(approved.statusCode, approved.body).toBe(200);

        const pages = [
          `/api/public/decisions/${pub.id}`,
          `/api/public/decisions?pageSize=100`,
          `/api/public/decisions?q=${encodeURIComponent('销售过期食品')}&pageSize=100`,
        ];
        for (const url of pages) {
          const response = await t.app.inject({ method: 'GET', url });
          expect(response.statusCode, url).toBe(200);
          const body = response.body;
          const bodyFlat = flat(JSON.stringify(JSON.parse(body)));
          expect(body).not.toContain(d.partyName);
          expect(bodyFlat).not.toContain(d.idNumber.slice(6));
          for (const piece of d.pieces) {
            for (const secret of piece.digitSecrets ?? [])
              expect([piece.text, bodyFlat.includes(secret.toUpperCase())]).toEqual([piece.text, false]);
            for (const secret of piece.secrets ?? []) expect([piece.text, body.includes(secret)]).toEqual([piece.text, false]);
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
