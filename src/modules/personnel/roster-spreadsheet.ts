/**
 * The officer roster (执法人员名册) as an .xlsx file, through exceljs's streaming reader and writer: a sheet 执法人员名册
 * whose first row holds the Chinese column names and whose every further row is one person, and a second sheet
 * 填写说明. A template is the same file without rows; an export adds each person's current certificate and a read-only
 * column 今日状态 that an import ignores. Reading gives raw cells; roster-import.ts checks them.
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from '../../kernel/actor.js';
import { todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { type AgencyKind, agencyKinds, certificateStatuses } from '../../kernel/vocabulary.js';
import { checkWorkbookFile, instructionsSheetName, openWorkbookReader } from '../catalog/index.js';
import { type CertificateRow, effectiveStatus } from './certificates.service.js';
import { visibleAgency } from './officers.service.js';

export { xlsxContentType } from '../catalog/spreadsheet.js';

export const rosterSheetName = '执法人员名册';
export const categorySeparator = '；';
export const officerKindLabels = { officer: '执法人员', auxiliary: '辅助人员' } as const;

export type RosterColumnKey =
  | 'name'
  | 'post'
  | 'personKind'
  | 'number'
  | 'categories'
  | 'regionCode'
  | 'issuedOn'
  | 'expiresOn'
  | 'nextReviewOn';

export interface RosterColumn {
  key: RosterColumnKey;
  header: string;
  /** Must the header row have this column? */
  isRequiredColumn: boolean;
  rule: string;
  example: string;
  width: number;
}

const categoryNames = Object.values(agencyKinds).join('、');

export const rosterColumns: readonly RosterColumn[] = [
  { key: 'name', header: '姓名', isRequiredColumn: true, rule: '必填，2 至 30 个字', example: '张志强', width: 14 },
  { key: 'post', header: '岗位', isRequiredColumn: false, rule: '选填，不超过 60 个字', example: '执法队员', width: 18 },
  {
    key: 'personKind',
    header: '人员类别',
    isRequiredColumn: true,
    rule: '必填，“执法人员”或“辅助人员”。辅助人员不持有行政执法证，其执法证各列须留空',
    example: '执法人员',
    width: 12,
  },
  {
    key: 'number',
    header: '执法证号',
    isRequiredColumn: true,
    rule: '执法人员持证时填写（尚未领证可留空，其余执法证各列也须留空）；4 至 32 位数字、字母、汉字或“-”；不得与本文件其他行或平台已有的证号重复',
    example: '64050221000001',
    width: 22,
  },
  {
    key: 'categories',
    header: '执法门类',
    isRequiredColumn: true,
    rule: `填写执法证号时必填；一个或多个门类，以全角分号“；”分隔。可选：${categoryNames}`,
    example: '市场监督管理；城市管理综合执法',
    width: 30,
  },
  {
    key: 'regionCode',
    header: '执法区域代码',
    isRequiredColumn: true,
    rule: '填写执法证号时必填；本平台已登记的行政区划代码（6 位或 9 位，如 640502）',
    example: '640502',
    width: 14,
  },
  {
    key: 'issuedOn',
    header: '发证日期',
    isRequiredColumn: true,
    rule: '填写执法证号时必填；Excel 日期，或文本 YYYY-MM-DD',
    example: '2024-03-01',
    width: 13,
  },
  {
    key: 'expiresOn',
    header: '有效期至',
    isRequiredColumn: true,
    rule: '填写执法证号时必填；须晚于发证日期；Excel 日期，或文本 YYYY-MM-DD',
    example: '2029-02-28',
    width: 13,
  },
  {
    key: 'nextReviewOn',
    header: '下次年审日期',
    isRequiredColumn: false,
    rule: '选填；Excel 日期，或文本 YYYY-MM-DD',
    example: '2026-03-01',
    width: 13,
  },
];

/** Shown in exports only; an import ignores it (as it ignores 序号). */
export const statusHeader = '今日状态';
export const ignoredHeaders = new Set([statusHeader, '序号']);

// ---- Writing ----

/** One person of an export, as the sheet shows them. */
export interface RosterSheetRow {
  name: string;
  post: string | null;
  isAuxiliary: boolean;
  certificate: {
    number: string;
    categories: AgencyKind[];
    regionCode: string;
    issuedOn: string;
    expiresOn: string;
    nextReviewOn: string | null;
  } | null;
  /** 今日状态 */
  status: string;
}

export interface RosterSource {
  lines: string[];
}

function asDate(value: string | null | undefined): Date | null {
  return value ? new Date(`${value}T00:00:00Z`) : null;
}

function addInstructions(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source?: RosterSource): void {
  const sheet = workbook.addWorksheet(instructionsSheetName);
  sheet.columns = [{ width: 16 }, { width: 10 }, { width: 80 }, { width: 32 }];
  const title = sheet.addRow([`执法人员名册 导入导出格式 · ${instructionsSheetName}`]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const line of source?.lines ?? []) sheet.addRow([line]).commit();
  const notes = [
    `第一个工作表“${rosterSheetName}”为数据表：第一行为表头（列名须与本说明一致，列的顺序不限；可以增加“序号”列，导入时忽略），自第二行起每行填写一名人员。`,
    `导出文件中的“${statusHeader}”列是导出当日执法证的实际状态，仅供查看，导入时忽略。`,
    '名册只登记姓名、岗位和执法证信息，不登记身份证号、电话、住址。',
    '导入时逐行校验；只要有一处错误，整个文件都不导入，并按“第几行、哪一列、什么问题”列出错误，改正后重新导入即可。',
    '导入成功后，每名人员和每张执法证都新增到本机关名册，并逐一登记到记录账本。已在名册中的人员请勿重复导入。',
  ];
  notes.forEach((note, i) => {
    sheet.addRow([`${i + 1}. ${note}`]).commit();
  });
  sheet.addRow([]).commit();
  const header = sheet.addRow(['列名', '是否必填', '填写要求与可选值', '示例']);
  header.font = { bold: true };
  header.commit();
  for (const column of rosterColumns) {
    const required =
      column.key === 'name' || column.key === 'personKind'
        ? '是'
        : column.key === 'post' || column.key === 'nextReviewOn'
          ? '否'
          : '持证时必填';
    sheet.addRow([column.header, required, column.rule, column.example]).commit();
  }
  sheet.addRow([statusHeader, '—', '仅导出文件有此列：有效、暂扣、已注销、已过期、未按期年审、未持证；导入时忽略', '有效']).commit();
  sheet.commit();
}

/** Writes the roster workbook (no rows for the template); resolves when the whole file has gone to `out`. */
export async function writeRosterWorkbook(out: Writable, rows: readonly RosterSheetRow[], source?: RosterSource): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '阳光执法平台';
  const isExport = source !== undefined;
  const sheet = workbook.addWorksheet(rosterSheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...rosterColumns.map((c) => ({
      width: c.width,
      ...(c.key === 'issuedOn' || c.key === 'expiresOn' || c.key === 'nextReviewOn' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
    })),
    ...(isExport ? [{ width: 12 }] : []),
  ];
  const header = sheet.addRow([...rosterColumns.map((c) => c.header), ...(isExport ? [statusHeader] : [])]);
  header.font = { bold: true };
  header.commit();
  for (const row of rows) {
    const c = row.certificate;
    sheet
      .addRow([
        row.name,
        row.post ?? null,
        row.isAuxiliary ? officerKindLabels.auxiliary : officerKindLabels.officer,
        c?.number ?? null,
        c ? c.categories.map((k) => agencyKinds[k] ?? k).join(categorySeparator) : null,
        c?.regionCode ?? null,
        asDate(c?.issuedOn),
        asDate(c?.expiresOn),
        asDate(c?.nextReviewOn),
        ...(isExport ? [row.status] : []),
      ])
      .commit();
  }
  const lastRow = Math.max(rows.length, 1000) + 1000;
  (sheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(
    `C2:C${lastRow}`,
    {
      type: 'list',
      allowBlank: false,
      formulae: [`"${officerKindLabels.officer},${officerKindLabels.auxiliary}"`],
      showErrorMessage: false,
    },
  );
  sheet.commit();
  addInstructions(workbook, source);
  await workbook.commit();
}

export function rosterWorkbookStream(rows: readonly RosterSheetRow[], source?: RosterSource): Readable {
  const out = new PassThrough();
  writeRosterWorkbook(out, rows, source).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

export async function rosterWorkbookBuffer(rows: readonly RosterSheetRow[], source?: RosterSource): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await writeRosterWorkbook(out, rows, source);
  await ended;
  return Buffer.concat(chunks);
}

export interface RosterExport {
  filename: string;
  rows: RosterSheetRow[];
  source: RosterSource;
}

/** An agency's roster as staff within scope see it: active people, each with their current certificate. */
export async function exportRoster(ctx: AppContext, actor: Actor, agencyId: string): Promise<RosterExport> {
  const agency = await visibleAgency(ctx, actor, agencyId);
  const officers = await ctx.db
    .selectFrom('officers')
    .select(['id', 'name', 'post', 'is_auxiliary'])
    .where('agency_id', '=', agencyId)
    .where('is_active', '=', 1)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const certificates = await ctx.db.selectFrom('certificates').selectAll().where('agency_id', '=', agencyId).execute();
  const current = new Map<string, CertificateRow>();
  for (const c of certificates) {
    const held = current.get(c.officer_id);
    const rank = (row: CertificateRow) => `${row.status === 'cancelled' ? 0 : 1}${row.issued_on}${row.created_at}`;
    if (!held || rank(c) > rank(held)) current.set(c.officer_id, c);
  }
  const today = todayInChina();
  const rows = officers.map((o): RosterSheetRow => {
    const c = o.is_auxiliary === 1 ? undefined : current.get(o.id);
    return {
      name: o.name,
      post: o.post,
      isAuxiliary: o.is_auxiliary === 1,
      certificate: c
        ? {
            number: c.number,
            categories: JSON.parse(c.categories) as AgencyKind[],
            regionCode: c.region_code,
            issuedOn: c.issued_on,
            expiresOn: c.expires_on,
            nextReviewOn: c.next_review_on,
          }
        : null,
      status: o.is_auxiliary === 1 ? '辅助人员（不持证）' : c ? certificateStatuses[effectiveStatus(c, today)] : '未持证',
    };
  });
  return {
    filename: `${agency.name}-执法人员名册-${today}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'),
    rows,
    source: { lines: [`导出自：${agency.name} 执法人员名册（在岗人员 ${rows.length} 名），导出日期 ${today}。`] },
  };
}

// ---- Reading ----

/** What a cell holds once read. */
export type RosterCell = string | number | boolean | Date | null;

function cellValue(value: unknown): RosterCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if (Array.isArray(cell.richText)) return cell.richText.map((run: { text?: string }) => run.text ?? '').join('');
    if ('error' in cell) return String(cell.error);
    if ('result' in cell) return cellValue(cell.result);
    if ('formula' in cell || 'sharedFormula' in cell) return null;
    if ('text' in cell) return cellValue(cell.text);
  }
  return String(value);
}

export interface RosterReadProgress {
  processedRows: number;
  totalRows: number | null;
}

/**
 * Reads the roster sheet row by row (index 1 = column A), skipping empty rows before the header. `onRow` hears every
 * row after the first non-empty one (the header) with its Excel row number; `onProgress` every `every` rows.
 */
export async function readRosterSheet(
  file: Buffer,
  onHeader: (rowNumber: number, cells: RosterCell[]) => boolean,
  onRow: (rowNumber: number, cells: RosterCell[]) => void,
  options: { onProgress?: (progress: RosterReadProgress) => void | Promise<void>; every?: number } = {},
): Promise<{ hasHeader: boolean; rowCount: number; totalRows: number | null }> {
  const check = await checkWorkbookFile(file);
  const every = options.every ?? 5000;
  const reader = openWorkbookReader(file, { styles: 'cache' });
  let hasSheet = false;
  let hasHeader = false;
  let rowCount = 0;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name;
      if (hasSheet || (name !== undefined && check.sheetName !== undefined && name !== check.sheetName)) continue;
      hasSheet = true;
      for await (const row of worksheet) {
        const cells = (row.values as unknown[]).map(cellValue);
        if (!hasHeader) {
          if (cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))) continue;
          hasHeader = true;
          if (!onHeader(row.number, cells)) return { hasHeader, rowCount, totalRows: check.totalRows };
          continue;
        }
        onRow(row.number, cells);
        rowCount += 1;
        if (rowCount % every === 0) await options.onProgress?.({ processedRows: rowCount, totalRows: check.totalRows });
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('import.invalid_file', '无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式');
  }
  return { hasHeader, rowCount, totalRows: check.totalRows };
}
