/**
 * The catalog lists as .xlsx files, through exceljs's streaming reader and writer so that 50,000 rows stay fast and
 * light: the list's sheet (first) with a header row of Chinese column names, and a second sheet 填写说明 naming every
 * column, whether it is required, its allowed values and an example. A template is the same file without rows.
 *
 * The format (spreadsheet-columns.ts, spreadsheet-rows.ts): one row per entry; enums by Chinese name (or code);
 * multiple choices and list items separated by `；` or newlines; numbers as numbers; each legal provision in five
 * columns 法律依据（法律法规名称）…（条文内容）, each discretion grade in its eight columns; an entry with several
 * provisions or grades continues on the following rows, which repeat its 编码 (or leave it empty) and leave its other
 * columns empty.
 */
import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError } from '../../kernel/errors.js';
import { type CatalogKind, catalogKinds } from '../../kernel/vocabulary.js';
import type { CatalogEntry } from './entries.js';
import { type CellValue, columnsOf, describeColumn, encodeCell, groupsOf, specOf } from './spreadsheet-columns.js';
import { exampleEntries } from './spreadsheet-examples.js';
import { type Assembled, EntryAssembler, entryRows, type RowError, readHeader } from './spreadsheet-rows.js';
import { outlineWorkbook, sniffFile } from './spreadsheet-zip.js';

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const instructionsSheetName = '填写说明';
/** The most entries one list takes (as the JSON API). */
export const maxImportEntries = 100_000;

// ---- Writing ----

const widths: Record<string, number> = { text: 24, longText: 48, integer: 14, number: 16, enum: 18, enumList: 28, textList: 36 };

export interface WorkbookSource {
  /** Lines about where the data came from (agency, version, digest), shown in 填写说明. */
  lines: string[];
}

function generalNotes(kind: CatalogKind): string[] {
  const columns = columnsOf(kind);
  const groups = groupsOf(kind).map((g) => columns.find((c) => c.field.key === g)?.field.label ?? g);
  const notes = [
    `第一个工作表“${catalogKinds[kind]}”为数据表：第一行为表头（列名须与本说明一致，列的顺序不限；可以增加“序号”列，导入时忽略），自第二行起每行填写一个条目。`,
    '“是否必填”为“是”的列不能留空；选填的列可以留空。单元格首尾的空格不计。',
    '“单选”列填写下表所列的中文名称（也可填写代码）；“多选”列和“多项”列的多个值之间以全角分号“；”或换行分隔。',
    '数字列填写数字，单元格可以是数字格式，也可以是文本格式的数字（如“30000”）。',
  ];
  if (groups.length > 0) {
    const names = groups.join('和');
    notes.push(
      `一个条目有多项${names}时，每项占一行：第一行填写该条目的全部列和第一项${names}；其后各行的“编码”与第一行相同（或留空，也可合并单元格），只填写第二、三……项${names}的各列，其他列留空或与第一行相同。`,
    );
  }
  if (groups.length > 1) notes.push(`法律依据与裁量阶次各自按行排列：第 k 行填写第 k 项法律依据（若有）和第 k 个裁量阶次（若有）。`);
  notes.push(
    '导入时逐行校验；只要有一处错误，整个文件都不导入，并按“第几行、哪一列、什么问题”列出错误，改正后重新导入即可。',
    '导入成功后生成本机关该清单的草稿（已有未提交的草稿时替换其全部条目），须提交法制审核，审核通过后才公布。',
  );
  return notes;
}

function addInstructions(workbook: ExcelJS.stream.xlsx.WorkbookWriter, kind: CatalogKind, source?: WorkbookSource): void {
  const sheet = workbook.addWorksheet(instructionsSheetName);
  sheet.columns = [{ width: 30 }, { width: 10 }, { width: 20 }, { width: 70 }, { width: 50 }];
  const title = sheet.addRow([`${catalogKinds[kind]} 导入导出格式 · ${instructionsSheetName}`]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const line of source?.lines ?? []) sheet.addRow([line]).commit();
  generalNotes(kind).forEach((note, i) => {
    sheet.addRow([`${i + 1}. ${note}`]).commit();
  });
  sheet.addRow([]).commit();
  const header = sheet.addRow(['列名', '是否必填', '填写方式', '填写要求与可选值', '示例']);
  header.font = { bold: true };
  header.commit();
  const example = entryRows(kind, exampleEntries[kind], encodeCell)[0] ?? [];
  columnsOf(kind).forEach((column, i) => {
    const { type, rule } = describeColumn(column);
    const sample = example[i];
    sheet.addRow([column.header, column.isRequired ? '是' : '否', type, rule, sample === null ? '' : String(sample)]).commit();
  });
  sheet.commit();
}

/**
 * Writes a list's workbook: its entries (none for a template) and the 填写说明 sheet. Resolves when the whole file
 * has been handed to `out`.
 */
export async function writeCatalogWorkbook(
  out: Writable,
  kind: CatalogKind,
  entries: readonly CatalogEntry[],
  source?: WorkbookSource,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '阳光执法平台';
  const columns = columnsOf(kind);
  const sheet = workbook.addWorksheet(catalogKinds[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ width: widths[specOf(column).type] ?? 20 }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let rowCount = 1;
  for (const entry of entries) {
    for (const cells of entryRows(kind, entry, encodeCell)) {
      sheet.addRow(cells).commit();
      rowCount += 1;
    }
  }
  const lastRow = Math.max(rowCount, 1000) + 1000;
  columns.forEach((column, i) => {
    const spec = specOf(column);
    const names = spec.type === 'enum' && spec.options ? Object.values(spec.options).join(',') : '';
    if (names === '' || names.length > 250) return;
    const letter = sheet.getColumn(i + 1).letter;
    (sheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${lastRow}`,
      {
        type: 'list',
        allowBlank: !column.isRequired,
        formulae: [`"${names}"`],
        showErrorMessage: false,
      },
    );
  });
  sheet.commit();
  addInstructions(workbook, kind, source);
  await workbook.commit();
}

/** The workbook as a stream, for an HTTP answer; errors end the stream. */
export function catalogWorkbookStream(kind: CatalogKind, entries: readonly CatalogEntry[], source?: WorkbookSource): Readable {
  const out = new PassThrough();
  writeCatalogWorkbook(out, kind, entries, source).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

export async function catalogWorkbookBuffer(kind: CatalogKind, entries: readonly CatalogEntry[], source?: WorkbookSource) {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await writeCatalogWorkbook(out, kind, entries, source);
  await ended;
  return Buffer.concat(chunks);
}

// ---- Reading ----

function chooseSheet(names: string[]): number {
  return Math.max(
    0,
    names.findIndex((name) => name !== instructionsSheetName),
  );
}

export interface FileCheck {
  /** Data rows the sheet appears to hold (its rows but the header); null when unknown. */
  totalRows: number | null;
  sheetName: string | undefined;
}

/** Is this an .xlsx workbook? Refuses anything else with a Chinese reason, and counts the rows to come. */
export async function checkWorkbookFile(file: Buffer): Promise<FileCheck> {
  const kind = sniffFile(file);
  if (kind === 'xls') {
    throw new DomainError('import.invalid_file', '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” Excel 工作簿（.xlsx）后再导入');
  }
  if (kind !== 'zip') throw new DomainError('import.invalid_file', '文件不是 Excel 工作簿（.xlsx），请下载模板填写后导入');
  const outline = await outlineWorkbook(file, chooseSheet);
  if (!outline || outline.sheets.length === 0) {
    throw new DomainError('import.invalid_file', '文件不是 Excel 工作簿（.xlsx），或文件已损坏，请下载模板填写后导入');
  }
  const sheetName = outline.sheets[chooseSheet(outline.sheets.map((s) => s.name))]?.name;
  return { totalRows: outline.rowCount === null ? null : Math.max(0, outline.rowCount - 1), sheetName };
}

/** A cell as exceljs reads it → its value: rich text joined, a formula's result, a hyperlink's text. */
function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if (Array.isArray(cell.richText)) return cell.richText.map((run: { text?: string }) => run.text ?? '').join('');
    if ('error' in cell) return { error: String(cell.error) };
    if ('result' in cell) return cellValue(cell.result);
    if ('formula' in cell || 'sharedFormula' in cell) return null;
    if ('text' in cell) return cellValue(cell.text);
  }
  return String(value);
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

interface ReaderInternals {
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}
type ReaderClass = new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader> & ReaderInternals;

/**
 * exceljs 4.4's streaming reader decodes each chunk of XML on its own, so a Chinese character cut by a chunk boundary
 * becomes "�" (exceljs issues #2063, #2084, #2316, unfixed). This reader hands it whole characters: shared strings
 * and the workbook through the stream's own UTF-8 decoder, worksheets through a streaming TextDecoder.
 */
class Utf8SafeWorkbookReader extends (ExcelJS.stream.xlsx.WorkbookReader as unknown as ReaderClass) {
  override _parseWorkbook(entry: Readable) {
    entry.setEncoding('utf8');
    return super._parseWorkbook(entry);
  }

  override _parseSharedStrings(entry: Readable) {
    entry.setEncoding('utf8');
    return super._parseSharedStrings(entry);
  }

  override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return super._parseWorksheet(decodeUtf8(iterator), sheetNo);
  }
}

/** A streaming reader of an .xlsx file that reads Chinese text correctly (see Utf8SafeWorkbookReader). */
export function openWorkbookReader(file: Buffer, options: { styles: 'cache' | 'ignore' }): ExcelJS.stream.xlsx.WorkbookReader {
  return new Utf8SafeWorkbookReader(Readable.from([file]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: options.styles,
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ExcelJS.stream.xlsx.WorkbookReader;
}

export interface ReadProgress {
  processedRows: number;
  totalRows: number | null;
}

export interface ReadOptions {
  onProgress?: (progress: ReadProgress) => void | Promise<void>;
  /** Rows between two progress reports. */
  progressEvery?: number;
}

export type ReadOutcome =
  | { kind: 'header'; errors: RowError[]; totalRows: number }
  | { kind: 'rows'; assembled: Assembled; totalRows: number };

/**
 * Reads a list's workbook into entries, each cell checked as it comes. A header row with missing or unknown columns
 * stops the reading (its errors are all there is to fix).
 */
/** The list's sheet had no header row: the file's fault, unless the reader lost its rows (see readCatalogWorkbook). */
class EmptySheetError extends DomainError {
  constructor(detail: string) {
    super('import.invalid_file', detail);
  }
}

export async function readCatalogWorkbook(kind: CatalogKind, file: Buffer, options: ReadOptions = {}): Promise<ReadOutcome> {
  const check = await checkWorkbookFile(file);
  try {
    return await readListSheet(kind, file, check, options);
  } catch (error) {
    // exceljs's streaming reader now and then hands over the list's sheet without its rows (in about one run in four of
    // spreadsheet.test.ts, ~30 imports each) although the file holds them (`check` counted them): read it once more.
    if (!(error instanceof EmptySheetError && (check.totalRows ?? 0) > 0)) throw error;
    return readListSheet(kind, file, check, options);
  }
}

async function readListSheet(
  kind: CatalogKind,
  file: Buffer,
  check: Awaited<ReturnType<typeof checkWorkbookFile>>,
  options: ReadOptions,
): Promise<ReadOutcome> {
  const every = options.progressEvery ?? 5000;
  const reader = openWorkbookReader(file, { styles: 'ignore' });
  let assembler: EntryAssembler | undefined;
  let processed = 0;
  let hasSheet = false;
  let headerErrors: RowError[] | undefined;
  let progressError: unknown;
  const report = async (progress: ReadProgress) => {
    try {
      await options.onProgress?.(progress);
    } catch (error) {
      progressError ??= error;
    }
  };
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name;
      const isList: boolean = !hasSheet && (name === undefined || check.sheetName === undefined || name === check.sheetName);
      hasSheet ||= isList;
      // Every sheet is read to its end, even one not needed: exceljs deletes its temporary copy of a sheet as soon as
      // the next is asked for, and a sheet left unread would then fail to open that copy (an unhandled stream error).
      for await (const row of worksheet) {
        if (!isList || headerErrors || progressError) continue;
        const cells = (row.values as unknown[]).map(cellValue);
        if (!assembler) {
          if (cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))) continue;
          const header = readHeader(kind, row.number, cells);
          if (header.errors.length > 0) headerErrors = header.errors;
          else assembler = new EntryAssembler(kind, header.layout);
          continue;
        }
        assembler.addRow(row.number, cells);
        processed += 1;
        if (processed % every === 0) await report({ processedRows: processed, totalRows: check.totalRows });
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('import.invalid_file', '无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式');
  }
  if (progressError) throw progressError;
  if (headerErrors) return { kind: 'header', errors: headerErrors, totalRows: check.totalRows ?? 0 };
  if (!assembler) {
    throw new EmptySheetError(`工作表“${check.sheetName ?? catalogKinds[kind]}”是空的：第一行应为表头（请下载模板填写）`);
  }
  const assembled = assembler.finish();
  if (assembled.rowCount === 0) throw new DomainError('import.invalid_file', '表头下没有任何数据行');
  if (assembled.entries.length > maxImportEntries) {
    throw new DomainError('import.invalid_file', `一份清单最多 ${maxImportEntries} 个条目，文件中有 ${assembled.entries.length} 个`);
  }
  const totalRows = processed;
  await report({ processedRows: processed, totalRows });
  if (progressError) throw progressError;
  return { kind: 'rows', assembled, totalRows };
}
