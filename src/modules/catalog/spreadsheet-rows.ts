/**
 * Rows of a list's sheet ↔ the list's entries, and every problem named as Excel shows it: row number, column header,
 * reason in Chinese. Pure: the rows come from spreadsheet.ts, the rules (validateEntries) from rules.ts.
 *
 * One row is one entry, except that an entry with several legal provisions or discretion grades continues on the
 * following rows: a row whose 编码 is empty or the same as the entry's, and whose other columns are empty or the
 * same as the entry's first row (what merged cells read as), adds the next provision and the next grade.
 */
import type { FieldError } from '../../kernel/errors.js';
import type { CatalogKind } from '../../kernel/vocabulary.js';
import type { CatalogEntry } from './entries.js';
import {
  type CellValue,
  type Column,
  cellKey,
  columnsOf,
  decodeCell,
  type GroupKey,
  groupOf,
  groupsOf,
  isEmptyCell,
  normalizeHeader,
  quote,
  specOf,
} from './spreadsheet-columns.js';

export interface RowError {
  /** The row number Excel shows (the header is row 1). */
  row: number;
  /** The column's header, in Chinese. */
  column: string;
  detail: string;
}

/** Columns a sheet may have that the import ignores. */
const ignoredHeaders = new Set(['序号']);

export interface Layout {
  headerRow: number;
  /** The column each sheet position holds (index 1 = column A); undefined for ignored and empty headers. */
  positions: (Column | undefined)[];
}

/** Reads the header row: every required column present, nothing unknown, nothing twice. */
export function readHeader(kind: CatalogKind, headerRow: number, cells: CellValue[]): { layout: Layout; errors: RowError[] } {
  const columns = columnsOf(kind);
  const byHeader = new Map(columns.map((c) => [normalizeHeader(c.header), c]));
  const positions: (Column | undefined)[] = [];
  const seen = new Set<Column>();
  const errors: RowError[] = [];
  cells.forEach((cell, position) => {
    if (isEmptyCell(cell)) return;
    const text = cellKey(cell).replace(/\s+/g, ' ');
    const header = normalizeHeader(text);
    if (ignoredHeaders.has(header)) return;
    const column = byHeader.get(header);
    if (!column) {
      errors.push({ row: headerRow, column: text, detail: `无法识别的列${quote(text)}，表头须与模板一致（见“填写说明”）` });
    } else if (seen.has(column)) {
      errors.push({ row: headerRow, column: column.header, detail: `列“${column.header}”重复` });
    } else {
      seen.add(column);
      positions[position] = column;
    }
  });
  for (const column of columns) {
    if (column.isRequired && !seen.has(column)) {
      errors.push({ row: headerRow, column: column.header, detail: `缺少必填列“${column.header}”` });
    }
  }
  return { layout: { headerRow, positions }, errors };
}

/** Where an entry came from: its first row, and the row of each provision and grade. */
export interface EntrySource {
  firstRow: number;
  groupRows: Partial<Record<GroupKey, number[]>>;
}

export interface Assembled {
  entries: CatalogEntry[];
  sources: EntrySource[];
  /** Problems found while reading cells, in row order (at most `keptErrors` of them). */
  errors: RowError[];
  errorCount: number;
  /** Entries whose 编码 repeats an earlier one (already reported). */
  duplicates: Set<number>;
  /** Cells already reported (`row|column`), so that the rules do not report them again. */
  reportedCells: Set<string>;
  /** Data rows read (blank rows not counted). */
  rowCount: number;
}

/** Enough to show the first errors in order; the rest are only counted. */
const keptErrors = 10_000;

interface Current {
  code: string;
  firstRow: number;
  firstCells: Map<Column, CellValue>;
  entry: Record<string, unknown>;
  source: EntrySource;
}

/** Builds the entries row by row, so that a 50,000-row sheet is never held as rows. */
export class EntryAssembler {
  private readonly columns: Column[];
  private readonly groups: GroupKey[];
  private readonly groupNames: string;
  private readonly codeColumn: Column;
  private readonly entries: CatalogEntry[] = [];
  private readonly sources: EntrySource[] = [];
  private readonly errors: RowError[] = [];
  private errorCount = 0;
  private readonly duplicates = new Set<number>();
  private readonly reportedCells = new Set<string>();
  private readonly firstRowOfCode = new Map<string, number>();
  private current: Current | undefined;
  private rowCount = 0;

  constructor(
    kind: CatalogKind,
    private readonly layout: Layout,
  ) {
    this.columns = columnsOf(kind);
    this.groups = groupsOf(kind);
    this.groupNames = this.groups.map((g) => this.columns.find((c) => c.field.key === g)?.field.label).join('、');
    this.codeColumn = this.columns[0] as Column;
  }

  private report(row: number, column: Column, detail: string): void {
    this.errorCount += 1;
    this.reportedCells.add(`${row}|${column.header}`);
    if (this.errors.length < keptErrors) this.errors.push({ row, column: column.header, detail });
  }

  private decode(row: number, column: Column, raw: CellValue | undefined): unknown {
    const decoded = decodeCell(column, raw);
    if ('error' in decoded) {
      this.report(row, column, decoded.error);
      return undefined;
    }
    return decoded.value;
  }

  addRow(row: number, cells: CellValue[]): void {
    const values = new Map<Column, CellValue>();
    this.layout.positions.forEach((column, position) => {
      if (column && !isEmptyCell(cells[position])) values.set(column, cells[position] ?? null);
    });
    if (values.size === 0) return;
    this.rowCount += 1;
    const code = cellKey(values.get(this.codeColumn));
    const current = this.current;
    if (current && this.groups.length > 0 && (code === '' || code === current.code) && this.repeatsFirstRow(values, current)) {
      this.addGroupItems(row, values, current);
      return;
    }
    this.finishEntry();
    const index = this.entries.length;
    const earlier = code === '' ? undefined : this.firstRowOfCode.get(code);
    if (earlier !== undefined) {
      const hint =
        this.groups.length > 0 && current?.code === code
          ? `（同一条目的后续行只填写${this.groupNames}，其他列须留空或与第 ${earlier} 行相同）`
          : '';
      this.report(row, this.codeColumn, `编码 ${code} 与第 ${earlier} 行重复${hint}`);
      this.duplicates.add(index);
    } else if (code !== '') this.firstRowOfCode.set(code, row);
    const entry: Record<string, unknown> = {};
    for (const [column, raw] of values) {
      if (groupOf(column)) continue;
      const value = this.decode(row, column, raw);
      if (value !== undefined) entry[column.field.key] = value;
    }
    this.current = { code, firstRow: row, firstCells: values, entry, source: { firstRow: row, groupRows: {} } };
    this.addGroupItems(row, values, this.current);
  }

  private repeatsFirstRow(values: Map<Column, CellValue>, current: Current): boolean {
    for (const [column, raw] of values) {
      if (column === this.codeColumn || groupOf(column)) continue;
      if (cellKey(raw) !== cellKey(current.firstCells.get(column))) return false;
    }
    return true;
  }

  private addGroupItems(row: number, values: Map<Column, CellValue>, current: Current): void {
    for (const group of this.groups) {
      const item: Record<string, unknown> = {};
      let isPresent = false;
      for (const [column, raw] of values) {
        if (groupOf(column) !== group) continue;
        isPresent = true;
        const value = this.decode(row, column, raw);
        if (value !== undefined) item[specOf(column).key] = value;
      }
      if (!isPresent) continue;
      const list = (current.entry[group] as unknown[] | undefined) ?? [];
      list.push(item);
      current.entry[group] = list;
      const rows = current.source.groupRows[group] ?? [];
      rows.push(row);
      current.source.groupRows[group] = rows;
    }
  }

  private finishEntry(): void {
    if (!this.current) return;
    this.entries.push(this.current.entry as CatalogEntry);
    this.sources.push(this.current.source);
    this.current = undefined;
  }

  finish(): Assembled {
    this.finishEntry();
    return {
      entries: this.entries,
      sources: this.sources,
      errors: this.errors,
      errorCount: this.errorCount,
      duplicates: this.duplicates,
      reportedCells: this.reportedCells,
      rowCount: this.rowCount,
    };
  }
}

const details: Record<string, string> = {
  '必填字段，不能缺少': '必填，不能为空',
  至少需要1项: '必填，不能为空',
};

function rewordDetail(column: Column, detail: string): string {
  const plain = details[detail] ?? detail;
  if (plain !== '格式不正确') return plain;
  const spec = specOf(column);
  if (spec.key === 'code' || spec.key === 'itemCode') return '格式不正确（不能含空格、换行等空白字符）';
  return spec.help ? `格式不正确（${spec.help}）` : plain;
}

/**
 * The rules' problems (`/entries/3/legalBases/1/article`) as row, column and reason. Problems of cells already
 * reported, and the rules' own report of a repeated 编码, are left out.
 */
export function rowErrorsFor(
  kind: CatalogKind,
  assembled: Pick<Assembled, 'sources' | 'duplicates' | 'reportedCells'>,
  problems: FieldError[],
) {
  const columns = columnsOf(kind);
  const errors: RowError[] = [];
  for (const problem of problems) {
    const [, root, indexText, field, ...rest] = problem.pointer.split('/');
    const index = Number(indexText);
    const source = assembled.sources[index];
    if (root !== 'entries' || !source) continue;
    if (field === 'code' && rest.length === 0 && assembled.duplicates.has(index)) continue;
    const ofField = columns.filter((c) => c.field.key === field);
    let column = ofField[0] ?? (columns[0] as Column);
    let row = source.firstRow;
    let detail: string;
    const group = column.sub ? (column.field.key as GroupKey) : undefined;
    if (group && rest[0] !== undefined) {
      const item = Number(rest[0]);
      row = source.groupRows[group]?.[item] ?? row;
      column = ofField.find((c) => c.sub?.key === rest[1]) ?? column;
      detail = rewordDetail(column, problem.detail);
      if (rest[2] !== undefined) detail = `第 ${Number(rest[2]) + 1} 项：${detail}`;
    } else {
      detail = rewordDetail(column, problem.detail);
      if (rest[0] !== undefined) detail = `第 ${Number(rest[0]) + 1} 项：${detail}`;
    }
    if (assembled.reportedCells.has(`${row}|${column.header}`)) continue;
    errors.push({ row, column: column.header, detail });
  }
  return errors;
}

/** Errors in the order a person fixes them: by row, then by column as the sheet orders them. */
export function sortRowErrors(kind: CatalogKind, errors: RowError[]): RowError[] {
  const order = new Map(columnsOf(kind).map((c, i) => [c.header, i]));
  return [...errors].sort((a, b) => a.row - b.row || (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1));
}

/** An entry as rows of cells: its own fields on the first row, its second provision and grade on the second, … */
export function entryRows(kind: CatalogKind, entry: CatalogEntry, encode: (column: Column, value: unknown) => unknown): unknown[][] {
  const columns = columnsOf(kind);
  const groups = groupsOf(kind);
  const height = Math.max(1, ...groups.map((g) => (Array.isArray(entry[g]) ? (entry[g] as unknown[]).length : 0)));
  const rows: unknown[][] = [];
  for (let line = 0; line < height; line += 1) {
    rows.push(
      columns.map((column) => {
        const group = groupOf(column);
        if (!group) return line === 0 || column.field.key === 'code' ? encode(column, entry[column.field.key]) : null;
        const item = (entry[group] as Record<string, unknown>[] | undefined)?.[line];
        return item ? encode(column, item[specOf(column).key]) : null;
      }),
    );
  }
  return rows;
}
