/**
 * Numbers in free text: resident ID numbers, mobile and fixed-line phone numbers, bank cards — found, told apart from
 * what stays public (credit codes, document numbers, amounts, dates), and masked.
 *
 * A number is read as a whole "run": digits that may be split by single spaces or hyphens (640502 19900307 4578,
 * 139-1234-5678), with an optional +86 / 0086 / (0955) prefix and a final X. The run is classified as a whole; if it
 * is not one thing, it is cut at its separators into the pieces that explain the most digits (so "13912345678 2026"
 * masks the phone and keeps 2026). Nothing starts or ends next to a letter or digit: the digits inside an organisation's
 * credit code (91640502MA76…) or a plate are never read as a phone number.
 */
import { checkUscc } from '../../kernel/uscc.js';
import { claimed, type WorkingText } from './working-text.js';

export type NumberKind = 'idNumber' | 'mobile' | 'landline' | 'bankCard';
type Label = 'card' | 'credit' | 'id' | 'phone';
type Classification = { kind: NumberKind; mask: string } | 'keep' | null;

const notNear = `0-9A-Za-z${claimed}`;
const run = new RegExp(
  `(?<![${notNear}])(?:\\(\\s?\\+?\\d{2,4}\\s?\\)\\s?|\\+\\s?)?\\d(?:[ \\t-]?\\d)*(?:[ \\t-]?[Xx])?(?![${notNear}])`,
  'g',
);
const labelGap = `[^\\d${claimed},;。、\\n]`;
const labels: [Label, RegExp][] = [
  ['card', new RegExp(`(?:银行卡|银行账|银行帐|卡号|账号|帐号|账户|帐户)${labelGap}{0,8}$`)],
  ['credit', new RegExp(`(?:信用代码|注册号|组织机构代码|纳税人识别号)${labelGap}{0,6}$`)],
  ['id', new RegExp(`(?:身份证|身份号码|证件号)${labelGap}{0,8}$`)],
  ['phone', new RegExp(`(?:电话|手机|联系方式|座机|固话|传真|热线|Tel|TEL|tel|Phone|phone)${labelGap}{0,6}$`)],
];

/** Written forms of an ID number: where its groups may end (6-8-4, 6-4-4-4, 4-4-4-4-2, 3-3-4-4-4, 17+X, 6-6-3). */
const idBreaks18 = new Set([3, 4, 6, 8, 10, 12, 14, 16, 17]);
const idBreaks15 = new Set([3, 4, 6, 8, 10, 12]);
const areaCode = /^0(?:10|2\d|[3-9]\d\d)/;
const localNumber = /^[2-9]\d{6,7}$/;

/** Masks keep only what names a place or a network, never a person: an ID its division code, a mobile its network prefix, a landline its area code. */
export function maskIdNumber(digits: string): string {
  return digits.slice(0, 6) + '*'.repeat(Math.max(0, digits.length - 6));
}
export function maskMobile(digits: string): string {
  return `${digits.slice(0, 3)}********`;
}
export function maskLandline(area: string, local: string, extension = ''): string {
  const masked = area ? `${area}-${'*'.repeat(local.length)}` : '*'.repeat(local.length);
  return extension ? `${masked}-${'*'.repeat(extension.length)}` : masked;
}

export function hasBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let value = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
    sum += value;
  }
  return sum % 10 === 0;
}

export function mobileDigits(digits: string): string | null {
  for (const prefix of ['', '86', '0086']) {
    const rest = digits.slice(prefix.length);
    if (digits.startsWith(prefix) && /^1[3-9]\d{9}$/.test(rest)) return rest;
  }
  return null;
}

/** Area code, local number and extension of a fixed-line number (breaks: where the written groups end). */
export function splitLandline(digits: string, breaks: readonly number[] = []): { area: string; local: string; extension: string } | null {
  const area = areaCode.exec(digits)?.[0];
  if (!area) return null;
  const rest = digits.slice(area.length);
  if (localNumber.test(rest)) return { area, local: rest, extension: '' };
  const last = breaks[breaks.length - 1];
  if (last === undefined || last <= area.length || digits.length - last > 6) return null;
  const local = digits.slice(area.length, last);
  return localNumber.test(local) ? { area, local, extension: digits.slice(last) } : null;
}

interface Segment {
  digits: string;
  /** Digit counts at which the written groups end inside the segment. */
  breaks: number[];
  label: Label | null;
}

function fits(breaks: readonly number[], allowed: ReadonlySet<number>): boolean {
  for (const at of breaks) if (!allowed.has(at)) return false;
  return true;
}

function classify({ digits, breaks, label }: Segment): Classification {
  if (label === 'card' && /^\d{16,19}$/.test(digits)) return { kind: 'bankCard', mask: '*'.repeat(digits.length) };
  if (/^[1-9]\d{16}[\dX]$/.test(digits)) {
    // an all-digit credit code is written in one piece; unlabelled, it must not look like an ID or a bank card
    const isCreditCode =
      breaks.length === 0 &&
      checkUscc(digits).isValid &&
      (label === 'credit' || (!hasBirthDate(digits.slice(6, 14)) && !isLuhnValid(digits)));
    if (isCreditCode) return 'keep';
    // split the way ID numbers are written, it keeps its division code; split otherwise (13912345678 1234567 may be
    // a phone and another number), every digit goes
    return { kind: 'idNumber', mask: fits(breaks, idBreaks18) ? maskIdNumber(digits) : '*'.repeat(digits.length) };
  }
  if (/^[1-9]\d{14}$/.test(digits) && fits(breaks, idBreaks15) && label !== 'credit') {
    if (label === 'id' || hasBirthDate(`19${digits.slice(6, 12)}`)) return { kind: 'idNumber', mask: maskIdNumber(digits) };
  }
  if (label === 'id' && /^\d{14,17}[\dX]$/.test(digits)) return { kind: 'idNumber', mask: maskIdNumber(digits) };
  const mobile = mobileDigits(digits);
  if (mobile) return { kind: 'mobile', mask: maskMobile(mobile) };
  const landline = splitLandline(digits, breaks);
  if (landline) return { kind: 'landline', mask: maskLandline(landline.area, landline.local, landline.extension) };
  if (label === 'phone' && localNumber.test(digits)) return { kind: 'landline', mask: maskLandline('', digits) };
  if (/^\d{16,19}$/.test(digits) && isLuhnValid(digits)) return { kind: 'bankCard', mask: '*'.repeat(digits.length) };
  return null;
}

function labelBefore(text: string, start: number): Label | null {
  const window = text.slice(Math.max(0, start - 24), start);
  for (const [label, pattern] of labels) if (pattern.test(window)) return label;
  return null;
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** The lengths of what `classify` recognises: a local number (7) to a bank card (19). */
const shortest = 7;
const longest = 19;

/** The pieces of a run that explain the most digits: the whole run if it is one thing, else the best cut. */
function bestCut(groups: Group[], label: Label | null): { from: number; to: number; found: Classification }[] {
  const n = groups.length;
  const score = new Array<number>(n + 1).fill(0);
  const choice = new Array<{ to: number; found: Classification } | null>(n + 1).fill(null);
  for (let i = n - 1; i >= 0; i--) {
    score[i] = score[i + 1] as number;
    let digits = '';
    const breaks: number[] = [];
    for (let j = i; j < n; j++) {
      if (j > i) breaks.push(digits.length);
      digits += (groups[j] as Group).digits;
      if (digits.length > longest) break;
      if (digits.length < shortest) continue;
      const found = classify({ digits, breaks, label: i === 0 ? label : null });
      if (found === null) continue;
      const total = digits.length + (score[j + 1] as number);
      if (total > (score[i] as number)) {
        score[i] = total;
        choice[i] = { to: j, found };
      }
    }
  }
  const cuts: { from: number; to: number; found: Classification }[] = [];
  for (let i = 0; i < n; ) {
    const picked = choice[i];
    if (picked && score[i] !== score[i + 1]) {
      cuts.push({ from: i, to: picked.to, found: picked.found });
      i = picked.to + 1;
    } else i += 1;
  }
  return cuts;
}

/** 转801 after a landline: its extension, unless the digits go on (then they are a number of their own). */
const extensionAfter = /^\s?(?:转|分机|ext\.?|EXT\.?)\s?(\d{1,6})(?![0-9]|[ \t-][0-9])/;

/** Masks every personal number in the working text. */
export function maskNumbers(work: WorkingText): void {
  const text = work.text;
  for (const match of text.matchAll(run)) {
    const start = match.index;
    const groups: Group[] = [];
    for (const part of match[0].matchAll(/\d+[Xx]?|[Xx]/g)) {
      groups.push({ start: start + part.index, end: start + part.index + part[0].length, digits: part[0].toUpperCase() });
    }
    for (const cut of bestCut(groups, labelBefore(text, start))) {
      if (cut.found === null || cut.found === 'keep') continue;
      const from = cut.from === 0 ? start : (groups[cut.from] as Group).start;
      let to = (groups[cut.to] as Group).end;
      let mask = cut.found.mask;
      const extension = cut.found.kind === 'landline' && cut.to === groups.length - 1 ? extensionAfter.exec(text.slice(to)) : null;
      if (extension) {
        to += extension[0].length;
        mask += `-${'*'.repeat((extension[1] as string).length)}`;
      }
      work.claim(from, to, cut.found.kind, mask);
    }
  }
  work.commit();
}

const keptPatterns = [
  // dates: 2026-11-22, 2026/11/22, 2026.11.22 (not inside a longer hyphenated number)
  new RegExp(
    `(?<![${notNear}])(?<![0-9][-/.])(?:19|20)\\d{2}([-/.])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01])(?![${notNear}])(?![-/.][0-9])`,
    'g',
  ),
  // dates and years in words: 2026年11月22日 (even right after another number), 2026年 (not after one)
  /(?<![0-9])(?:19|20)\d{2}年\d{1,2}月\d{1,2}日/g,
  new RegExp(`(?<![${notNear}])(?<![0-9][ \\t-])(?:19|20)\\d{2}年`, 'g'),
  // document and case numbers: 沙市监罚〔2026〕12号, 〔2026〕第12号, (2026)0012号
  /[〔[【(]\s?(?:19|20)\d{2}\s?[〕\]】)]\s?第?\s?\d{1,8}\s?号/g,
  // amounts: 30000元, 30,000.00元, 3万元 (an 11-digit "amount" is a phone number followed by 元, not a fine)
  new RegExp(`(?<![${notNear}])(?<![0-9][ \\t-]|[0-9]\\)\\s?)\\d{1,10}(?:,\\d{3})*(?:\\.\\d{1,4})?(?:万|亿)?元`, 'g'),
];

/** Claims, as kept, the numbers that are public: dates, document numbers, amounts. */
export function keepPublicNumbers(work: WorkingText): void {
  for (const pattern of keptPatterns) {
    for (const match of work.text.matchAll(pattern)) work.claim(match.index, match.index + match[0].length, null, null);
  }
  work.commit();
}
