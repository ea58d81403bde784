/**
 * Document numbers (文号): counted per agency, per year and per series (罚, 立, 告 …), handed out inside the issuing
 * transaction. One upsert increments the counter row and returns the value: concurrent issuers of the same series
 * queue on that row's lock (PostgreSQL) or on the single writer (SQLite), and a rolled-back issue takes its number back
 * with it — no gaps, no duplicates. The text of the number follows the agency's format, by default
 * `{abbr}{series}〔{year}〕{n}号`, e.g. 沙市监罚〔2026〕12号.
 */
import type { Executor } from '../../db/database.js';
import { DomainError } from '../../kernel/errors.js';

export const defaultNumberFormat = '{abbr}{series}〔{year}〕{n}号';

const placeholder = /\{(abbr|series|year|n(?::([1-9]))?)\}/g;

/** Short names of common agency kinds, as they appear in document numbers (兴庆区市场监督管理局 → 兴市监). */
const kindAbbreviations: [RegExp, string][] = [
  [/市场监督管理(分)?局$/, '市监'],
  [/生态环境(分)?局$/, '环'],
  [/城市管理(和)?(综合)?(行政)?执法局$|城市管理局$|城管局$/, '城管'],
  [/交通运输(综合行政执法)?局$/, '交'],
  [/应急管理局$/, '应急'],
  [/卫生健康(委员会|局)$/, '卫健'],
  [/文化(和|广电)?旅游(体育)?(广电)?局$/, '文旅'],
  [/自然资源(和规划)?局$/, '自然资'],
  [/农业农村局$/, '农'],
  [/住房和城乡建设局$/, '建'],
  [/人力资源和社会保障局$/, '人社'],
  [/水(利|务)局$/, '水'],
  [/林业(和草原)?局$/, '林'],
  [/司法局$/, '司'],
  [/公安(分)?局$/, '公'],
  [/综合(行政)?执法(大|支|中)?队$|综合执法局$/, '综执'],
];

/**
 * An abbreviation made from the agency's name when it has no short name: the first character of the place and the
 * kind's short name (沙坡头区市场监督管理局 → 沙市监), or the first two characters when the kind is not recognised.
 */
export function deriveAbbreviation(name: string): string {
  const trimmed = name.replace(/\s+/g, '');
  for (const [pattern, short] of kindAbbreviations) {
    const match = pattern.exec(trimmed);
    if (match) {
      const place = trimmed.slice(0, match.index).replace(/人民政府$/, '');
      return `${place.slice(0, 1)}${short}`;
    }
  }
  return trimmed.slice(0, 2);
}

export function checkNumberFormat(format: string): void {
  const rest = format.replace(placeholder, '');
  if (!/\{n(?::[1-9])?\}/.test(format)) throw new DomainError('documents.number_format_invalid', '文号格式须含序号 {n}（或补零的 {n:3}）');
  if (/[{}]/.test(rest)) throw new DomainError('documents.number_format_invalid', '只能使用 {abbr}、{series}、{year}、{n} 与 {n:位数}');
  if (format.length > 60 || /[\r\n]/.test(format))
    throw new DomainError('documents.number_format_invalid', '文号格式不超过 60 个字符，且不换行');
}

export function formatDocumentNumber(format: string, parts: { abbr: string; series: string; year: number; n: number }): string {
  return format.replace(placeholder, (_all, name: string, width: string | undefined) => {
    if (name === 'abbr') return parts.abbr;
    if (name === 'series') return parts.series;
    if (name === 'year') return String(parts.year);
    return width ? String(parts.n).padStart(Number(width), '0') : String(parts.n);
  });
}

export function checkSeries(series: string): void {
  if (!/^[^\s{}]{1,4}$/u.test(series))
    throw new DomainError('documents.invalid', `文书代字须为 1–4 个字（如 罚、立、告），收到：${series}`);
}

export interface AllocatedNumber {
  /** The number as printed, e.g. 沙市监罚〔2026〕12号. */
  number: string;
  /** Its place in the series for the year: 1, 2, 3 … */
  sequence: number;
}

/**
 * Lock order. On PostgreSQL a number holds its counter row locked until the transaction ends, and so does the first
 * ledger event its transaction appends (the ledger's sequencing row). A transaction that appended its event before
 * taking a number, and another that took a number before appending, would each wait for the other: a deadlock. So
 * every transaction takes its numbers first and appends to the ledger after (`prepareDocument` before the caller's
 * event, `recordDocument` after): rendering then holds only its own series' counter, never the ledger that every
 * writer of every agency needs. SQLite has one writer at a time.
 */
/** Takes the next number of the series for the year, in the caller's transaction (which must be a transaction). */
export async function nextDocumentNumber(
  trx: Executor,
  input: { agencyId: string; series: string; year: number },
): Promise<AllocatedNumber> {
  checkSeries(input.series);
  if (!Number.isInteger(input.year) || input.year < 1949 || input.year > 9999)
    throw new DomainError('documents.invalid', `年份不正确：${input.year}`);
  const agency = await trx.selectFrom('agencies').select(['name', 'short_name']).where('id', '=', input.agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('documents.invalid', '制作文书的执法机关不存在');
  const rule = await trx.selectFrom('document_number_formats').select('format').where('agency_id', '=', input.agencyId).executeTakeFirst();
  const counter = await trx
    .insertInto('document_number_counters')
    .values({ agency_id: input.agencyId, year: input.year, series: input.series, next_value: 2 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year', 'series']).doUpdateSet((eb) => ({ next_value: eb('document_number_counters.next_value', '+', 1) })),
    )
    .returning('next_value')
    .executeTakeFirstOrThrow();
  const sequence = Number(counter.next_value) - 1;
  const abbr = agency.short_name?.trim() || deriveAbbreviation(agency.name);
  return {
    number: formatDocumentNumber(rule?.format ?? defaultNumberFormat, { abbr, series: input.series, year: input.year, n: sequence }),
    sequence,
  };
}
