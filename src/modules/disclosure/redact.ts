/**
 * The redaction engine of ex-post disclosure (事后公开): what a public copy of an enforcement decision may not show.
 * State secrets, trade secrets and personal privacy are not published (task list item 14): a text marked classified is
 * refused (`RedactionBlocked`), and natural persons' personal data is masked — ID numbers, mobile and fixed-line phone
 * numbers, bank cards, e-mail addresses, home addresses after their label, and the names the caller lists.
 * What identifies an organisation or the decision stays: credit codes, document and case numbers, amounts, dates, legal
 * citations, and by default licence plates.
 *
 * Deterministic and idempotent: the same input gives the same output, and redacting a public copy again changes
 * nothing and finds nothing (a mask never looks like what it hides).
 */
import { DomainError } from '../../kernel/errors.js';
import type { NameMaskStyle } from '../../kernel/vocabulary.js';
import { keepPublicNumbers, maskIdNumber, maskLandline, maskMobile, maskNumbers, mobileDigits, splitLandline } from './numbers.js';
import { maskAddress, maskAddresses, maskName, maskNames } from './people.js';
import { claimed, normalizeForMatching, WorkingText } from './working-text.js';

export const redactionKinds = ['idNumber', 'mobile', 'landline', 'bankCard', 'address', 'name', 'email', 'plate'] as const;
export type RedactionKind = (typeof redactionKinds)[number];

export const redactionKindLabels: Record<RedactionKind, string> = {
  idNumber: '身份证号码',
  mobile: '手机号码',
  landline: '固定电话',
  bankCard: '银行卡号',
  address: '住址',
  name: '姓名',
  email: '电子邮箱',
  plate: '机动车号牌',
};

export type ClassifiedKind = 'state_secret' | 'trade_secret';
export const classifiedKindLabels: Record<ClassifiedKind, string> = { state_secret: '国家秘密', trade_secret: '商业秘密' };

/** A marking by staff: the whole record (no passage), or a passage that may not be published wherever it appears. */
export interface ClassifiedMarking {
  kind: ClassifiedKind;
  reason: string;
  passage?: string;
}

export interface RedactOptions {
  /** Natural persons to mask by name (the parties of type person, witnesses): 张三 → 张某. */
  names?: readonly string[];
  /** How their names are masked (the deployment's `LAWTRAIL_NAME_MASK`); `given` by default. */
  nameStyle?: NameMaskStyle;
  /** Values never masked, e.g. the agency's own published phone number or mailbox. */
  keep?: readonly string[];
  /** Mask licence plates (宁E12345 → 宁E*****); by default they stay, as transport penalties publish them. */
  maskPlates?: boolean;
  classified?: readonly ClassifiedMarking[];
}

export interface RedactionFinding {
  kind: RedactionKind;
  /** UTF-16 offsets in the text given. */
  start: number;
  end: number;
}

export interface RedactionResult {
  text: string;
  findings: RedactionFinding[];
}

/** Publication refused, with the reason recorded: the text is classified, or carries a classification mark. */
export class RedactionBlocked extends DomainError {
  readonly kind: ClassifiedKind;
  readonly reason: string;

  constructor(kind: ClassifiedKind, reason: string) {
    super('disclosure.blocked', `涉及${classifiedKindLabels[kind]}，不予公开：${reason}`);
    this.name = 'RedactionBlocked';
    this.kind = kind;
    this.reason = reason;
  }
}

/** GB/T 7156 marks of a state secret: 绝密★, 机密★10年, 秘密★ … */
const secrecyMark = /(绝密|机密|秘密)\s*★|★\s*(绝密|机密|秘密)/;

export function assertPublishable(texts: readonly string[], classified: readonly ClassifiedMarking[] = []): void {
  for (const marking of classified) {
    const passage = marking.passage?.trim();
    if (!passage || texts.some((text) => text.includes(passage))) throw new RedactionBlocked(marking.kind, marking.reason);
  }
  for (const text of texts) {
    const mark = secrecyMark.exec(text);
    if (mark) throw new RedactionBlocked('state_secret', `文本含国家秘密标志“${mark[0]}”`);
  }
}

const email = new RegExp(
  `(?<![A-Za-z0-9._%+\\-${claimed}])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?![A-Za-z0-9${claimed}])`,
  'g',
);
export const emailMask = '***@***';
const plate = new RegExp(
  `(?<![A-Za-z0-9${claimed}])([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z])[·• ]?` +
    `(?=[A-HJ-NP-Z]{0,5}\\d)([A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警])(?![A-Za-z0-9${claimed}])`,
  'g',
);

function claimEach(work: WorkingText, pattern: RegExp, decide: (match: RegExpExecArray) => [string | null, string | null] | null): void {
  for (const match of work.text.matchAll(pattern)) {
    const decision = decide(match);
    if (decision) work.claim(match.index, match.index + match[0].length, decision[0], decision[1]);
  }
  work.commit();
}

function keepListed(work: WorkingText, keep: readonly string[]): void {
  for (const value of keep.map((v) => normalizeForMatching(v.trim())).filter((v) => v.length >= 3)) {
    for (let at = work.text.indexOf(value); at >= 0; at = work.text.indexOf(value, at + value.length)) {
      work.claim(at, at + value.length, null, null);
    }
    work.commit();
  }
}

/** Masks the personal data in a free text; throws `RedactionBlocked` if it may not be published at all. */
export function redactText(text: string, options: RedactOptions = {}): RedactionResult {
  assertPublishable([text], options.classified);
  const work = new WorkingText(text);
  keepListed(work, options.keep ?? []);
  keepPublicNumbers(work);
  claimEach(work, email, (m) => (/[A-Za-z]{2,}$/.test(m[0]) ? ['email', emailMask] : null));
  claimEach(work, plate, (m) => (options.maskPlates ? ['plate', (m[1] as string) + '*'.repeat((m[2] as string).length)] : [null, null]));
  maskAddresses(work);
  maskNumbers(work);
  maskNames(work, options.names ?? [], options.nameStyle);
  const { text: redacted, masked } = work.result();
  return { text: redacted, findings: masked.map((c) => ({ kind: c.kind as RedactionKind, start: c.start, end: c.end })) };
}

/** How to publish each field of a record. */
export type FieldRule = 'text' | 'keep' | 'omit' | 'name' | 'idNumber' | 'phone' | 'bankCard' | 'email' | 'address';

export interface RecordSpec {
  fields?: Readonly<Record<string, FieldRule>>;
  /** Fields the spec does not name: `text` (default: every string in them is redacted as free text), `keep` or `omit`. */
  otherFields?: 'text' | 'keep' | 'omit';
  options?: RedactOptions;
}

export interface RecordFinding extends RedactionFinding {
  /** The field, with array indices and nested keys joined by dots. */
  field: string;
}

const separators = /[\s\-()]/g;

/** A phone field: the same masks as in free text (139********, 0955-*******); anything else loses every digit. */
export function maskPhoneValue(value: string): { kind: RedactionKind; text: string } {
  const normalized = normalizeForMatching(value).trim();
  const [, number = normalized, extension = ''] = /^(.*?)(?:\s*(?:转|分机|ext\.?)\s*(\d{1,6}))?$/i.exec(normalized) ?? [];
  const groups = number
    .replace(/^\s*\+/, '')
    .split(/[\s\-()]+/)
    .filter(Boolean);
  const breaks: number[] = [];
  let digits = '';
  for (const group of groups) {
    if (digits) breaks.push(digits.length);
    digits += group;
  }
  // a masked value is read as if its stars were digits, so that masking it again changes nothing
  const readable = digits.replace(/\*/g, '5');
  const mobile = mobileDigits(readable);
  if (mobile) return { kind: 'mobile', text: maskMobile(digits.slice(digits.length - 11)) };
  const landline = splitLandline(readable, breaks);
  if (landline) return { kind: 'landline', text: maskLandline(landline.area, landline.local, landline.extension || extension) };
  return { kind: 'landline', text: `${number.replace(/\d/g, '*')}${extension ? `-${'*'.repeat(extension.length)}` : ''}` };
}

export function maskIdValue(value: string): string {
  const compact = normalizeForMatching(value).replace(separators, '').toUpperCase();
  return /^\d{6}/.test(compact) ? maskIdNumber(compact) : '*'.repeat(compact.length);
}

type FieldMask = (value: string, options: RedactOptions) => { kind: RedactionKind; text: string };
const fieldMasks: Record<Exclude<FieldRule, 'text' | 'keep' | 'omit'>, FieldMask> = {
  name: (v, options) => ({ kind: 'name', text: maskName(v, options.nameStyle) }),
  idNumber: (v) => ({ kind: 'idNumber', text: maskIdValue(v) }),
  phone: maskPhoneValue,
  bankCard: (v) => ({ kind: 'bankCard', text: '*'.repeat(normalizeForMatching(v).replace(separators, '').length) }),
  email: (v) => ({ kind: 'email', text: v.trim() === '' ? v : emailMask }),
  address: (v) => ({ kind: 'address', text: maskAddress(v.trim()) }),
};

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collectStrings(item, out);
}

/**
 * A record's public copy: each field by its rule. Names in `name` fields are also masked wherever they appear in the
 * text fields (the party 张三 is 张某 in the facts too). Throws `RedactionBlocked` if any field may not be published.
 */
export function redactRecord(
  record: Readonly<Record<string, unknown>>,
  spec: RecordSpec,
): { record: Record<string, unknown>; findings: RecordFinding[] } {
  const rules = spec.fields ?? {};
  const ruleOf = (key: string): FieldRule => rules[key] ?? spec.otherFields ?? 'text';
  const published: string[] = [];
  for (const [key, value] of Object.entries(record)) if (ruleOf(key) !== 'omit') collectStrings(value, published);
  assertPublishable(published, spec.options?.classified);

  const names = [...(spec.options?.names ?? [])];
  for (const [key, value] of Object.entries(record)) if (ruleOf(key) === 'name' && typeof value === 'string') names.push(value);
  const options: RedactOptions = { ...spec.options, names, classified: [] };
  const findings: RecordFinding[] = [];
  const redactValue = (value: unknown, field: string): unknown => {
    if (typeof value === 'string') {
      const result = redactText(value, options);
      findings.push(...result.findings.map((f) => ({ ...f, field })));
      return result.text;
    }
    if (Array.isArray(value)) return value.map((item, i) => redactValue(item, `${field}.${i}`));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, `${field}.${k}`)]));
    }
    return value;
  };

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const rule = ruleOf(key);
    if (rule === 'omit') continue;
    if (rule === 'keep' || value === null || value === undefined) out[key] = value;
    else if (rule === 'text') out[key] = redactValue(value, key);
    else {
      const text = String(value);
      const masked = fieldMasks[rule](text, options);
      out[key] = masked.text;
      if (masked.text !== text) findings.push({ field: key, kind: masked.kind, start: 0, end: text.length });
    }
  }
  return { record: out, findings };
}
