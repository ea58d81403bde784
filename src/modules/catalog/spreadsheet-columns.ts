/**
 * The spreadsheet form of each catalog list: its columns in order, headed by the Chinese names of
 * src/kernel/catalog-fields.ts, and how each value is written into a cell and read back from one. Pure (no exceljs):
 * spreadsheet.ts reads and writes the files, spreadsheet-rows.ts turns rows into entries.
 *
 * A flat field is one column. A list of legal provisions (`legalBases`) is five columns, `法律依据（法律法规名称）` …
 * `法律依据（条文内容）`, and a benchmark's grades are the grade's eight columns; an entry with several provisions or
 * grades takes one row per provision or grade (the statute's text often holds `；`, so provisions are never packed into
 * one cell).
 */
import { catalogFields, type FieldSpec, gradeFields, legalBasisFields } from '../../kernel/catalog-fields.js';
import type { CatalogKind } from '../../kernel/vocabulary.js';

export type GroupKey = 'legalBases' | 'grades';

export interface Column {
  header: string;
  /** The entry's field; for a provision or grade column, the list field (`legalBases`, `grades`). */
  field: FieldSpec;
  /** For a provision or grade column: the field within one provision or grade. */
  sub?: FieldSpec;
  /** Must the header row have this column? */
  isRequired: boolean;
}

/** What a cell holds once read: text, a number, a truth value, a date, or a spreadsheet error such as `#N/A`. */
export type CellValue = string | number | boolean | Date | { error: string } | null;

/** Between the values of a multiple-choice or list cell; a newline works too. */
export const listSeparator = '；';

const cache = new Map<CatalogKind, Column[]>();

/** The columns of a list's sheet, in order. */
export function columnsOf(kind: CatalogKind): Column[] {
  let columns = cache.get(kind);
  if (!columns) {
    columns = catalogFields[kind].flatMap((field): Column[] => {
      if (field.type === 'legalBases') {
        return legalBasisFields.map((sub) => ({
          header: `${field.label}（${sub.label}）`,
          field,
          sub,
          isRequired: field.isRequired && sub.isRequired,
        }));
      }
      if (field.type === 'grades') {
        return gradeFields.map((sub) => ({ header: sub.label, field, sub, isRequired: field.isRequired && sub.isRequired }));
      }
      return [{ header: field.label, field, isRequired: field.isRequired }];
    });
    cache.set(kind, columns);
  }
  return columns;
}

/** The field whose value a column holds (the sub-field for provision and grade columns). */
export function specOf(column: Column): FieldSpec {
  return column.sub ?? column.field;
}

export function groupOf(column: Column): GroupKey | undefined {
  return column.sub ? (column.field.key as GroupKey) : undefined;
}

/** The list fields of a kind that take one row per item. */
export function groupsOf(kind: CatalogKind): GroupKey[] {
  return catalogFields[kind].filter((f) => f.type === 'legalBases' || f.type === 'grades').map((f) => f.key as GroupKey);
}

/** Headers compare without spaces, with ASCII brackets as full-width ones and without a required-mark `*`. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/^[*＊]+|[*＊]+$/g, '');
}

/** The value of one field as a cell: enums by their Chinese name, lists joined by `；`, numbers as numbers. */
export function encodeCell(column: Column, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  const spec = specOf(column);
  switch (spec.type) {
    case 'enum':
      return spec.options?.[value as string] ?? String(value);
    case 'enumList':
      return (value as string[]).map((v) => spec.options?.[v] ?? v).join(listSeparator);
    case 'textList':
      return (value as string[]).join(listSeparator);
    case 'integer':
    case 'number':
      return value as number;
    default:
      return String(value);
  }
}

export type Decoded = { value: unknown } | { error: string };

/** A cell's text inside a message: on one line, and short. */
export function quote(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  return `“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`;
}

function cellText(raw: CellValue): string {
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return String(raw).trim();
}

/** Empty cells and cells of only spaces are empty. */
export function isEmptyCell(raw: CellValue | undefined): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/** Text that compares two cells: whether a continuation row repeats its entry's first row. */
export function cellKey(raw: CellValue | undefined): string {
  if (isEmptyCell(raw)) return '';
  if (typeof raw === 'object' && raw !== null && !(raw instanceof Date)) return `#${raw.error}`;
  return cellText(raw as Exclude<CellValue, null>);
}

const codesByName = new WeakMap<Readonly<Record<string, string>>, Map<string, string>>();

/** The code a cell names, by Chinese name or by the code itself. */
function choose(options: Readonly<Record<string, string>>, text: string): string | undefined {
  let codes = codesByName.get(options);
  if (!codes) {
    codes = new Map(Object.entries(options).flatMap(([code, name]) => [[code, code] as const, [name, code] as const]));
    codesByName.set(options, codes);
  }
  return codes.get(text);
}

function allowed(options: Readonly<Record<string, string>>): string {
  return Object.values(options).join('、');
}

function decodeNumber(raw: string | number, isInteger: boolean): Decoded {
  const expected = isInteger ? '应为整数' : '应为数字';
  let value: number;
  if (typeof raw === 'number') value = raw;
  else {
    const text = raw.replace(/[\s,，]/g, '').replace(/元$/, '');
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { error: `${expected}，而不是${quote(raw)}` };
    value = Number(text);
  }
  if (!Number.isFinite(value)) return { error: expected };
  if (isInteger && !Number.isInteger(value)) return { error: `${expected}，而不是 ${value}` };
  return { value };
}

/** A cell as the field's value; an empty cell is an absent value (the entry's rules say whether it may be). */
export function decodeCell(column: Column, raw: CellValue | undefined): Decoded {
  if (isEmptyCell(raw)) return { value: undefined };
  const cell = raw as Exclude<CellValue, null>;
  if (typeof cell === 'object' && !(cell instanceof Date)) return { error: `单元格为错误值 ${cell.error}` };
  const spec = specOf(column);
  switch (spec.type) {
    case 'integer':
    case 'number':
      if (typeof cell === 'number' || typeof cell === 'string') return decodeNumber(cell, spec.type === 'integer');
      return { error: spec.type === 'integer' ? '应为整数' : '应为数字' };
    case 'enum': {
      const options = spec.options ?? {};
      const text = cellText(cell);
      const code = choose(options, text);
      return code === undefined ? { error: `${quote(text)}不是可选值，应为以下之一：${allowed(options)}` } : { value: code };
    }
    case 'enumList': {
      const options = spec.options ?? {};
      const codes: string[] = [];
      for (const text of splitList(cellText(cell), /[；;\r\n]/)) {
        const code = choose(options, text);
        if (code === undefined) return { error: `${quote(text)}不是可选值，应为以下之一（多个以“；”分隔）：${allowed(options)}` };
        codes.push(code);
      }
      return { value: codes.length > 0 ? codes : undefined };
    }
    case 'textList': {
      const items = splitList(cellText(cell), /[；\r\n]/);
      return { value: items.length > 0 ? items : undefined };
    }
    default:
      return { value: typeof cell === 'string' ? cell.trim().replace(/\r\n/g, '\n') : cellText(cell) };
  }
}

function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const typeNames: Record<string, string> = {
  text: '文字',
  longText: '文字（可多行）',
  integer: '整数',
  number: '数字',
  enum: '单选',
  enumList: '多选，以“；”分隔',
  textList: '多项，以“；”或换行分隔',
};

/** How a column is filled in, for the template's 填写说明. */
export function describeColumn(column: Column): { type: string; rule: string } {
  const spec = specOf(column);
  const parts: string[] = [];
  if (spec.options) parts.push(`可选值：${allowed(spec.options)}（也可填写代码：${Object.keys(spec.options).join('、')}）`);
  if (spec.help) parts.push(spec.help);
  if (column.field.key === 'code' && !column.sub) parts.push('不含空格；同一编码的后续行为该条目的续行');
  if (column.field.type === 'legalBases') parts.push('每项依据占一行：多项依据时，后续各行只填写依据各列');
  if (column.field.type === 'grades') parts.push('每个裁量阶次占一行');
  return { type: typeNames[spec.type] ?? spec.type, rule: parts.join('；') };
}
