/**
 * Importing an agency's officer roster from an .xlsx file. Every row is read and checked (cells, dates, categories,
 * region codes, auxiliary staff without certificates, certificate numbers unique in the file and in the platform);
 * any problem and nothing is stored, each problem named by row, column and reason. Otherwise one transaction creates
 * every officer and certificate, each with its ledger event of the same shape createOfficer and issueCertificate
 * record, so the ledger's state checks hold.
 *
 * Over HTTP an import is a job in `import_jobs` (target `roster`), read in the background one at a time per server
 * process, its progress counted while the rows are read.
 */
import type { Executor } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import type { Actor } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type AgencyKind, agencyKinds } from '../../kernel/vocabulary.js';
import { appendEvents, type EventInput } from '../../ledger/index.js';
import { checkWorkbookFile } from '../catalog/index.js';
import { enqueueImportJob, importJobStatuses, type ImportJobStatus as JobStatus } from '../imports/index.js';
import { type CertificateRow, certificateState } from './certificates.service.js';
import { type OfficerRow, officerState, requireRosterKeeper, visibleAgency } from './officers.service.js';
import {
  ignoredHeaders,
  officerKindLabels,
  type RosterCell,
  type RosterColumnKey,
  type RosterReadProgress,
  readRosterSheet,
  rosterColumns,
} from './roster-spreadsheet.js';

export interface RosterRowError {
  /** The row number Excel shows (the header is row 1). */
  row: number;
  /** The column's header, in Chinese. */
  column: string;
  detail: string;
}

export const maxReportedRosterErrors = 200;
export const maxRosterRows = 100_000;

/** One person to create, checked. */
export interface RosterPerson {
  row: number;
  name: string;
  post: string | null;
  isAuxiliary: boolean;
  certificate: {
    number: string;
    categories: AgencyKind[];
    regionCode: string;
    regionName: string;
    issuedOn: string;
    expiresOn: string;
    nextReviewOn: string | null;
  } | null;
}

export type RosterImportOutcome =
  | { isImported: true; officerCount: number; certificateCount: number; totalRows: number }
  | { isImported: false; errors: RosterRowError[]; errorCount: number; totalRows: number };

// ---- Cells ----

const headerOf = Object.fromEntries(rosterColumns.map((c) => [c.key, c.header])) as Record<RosterColumnKey, string>;
const columnOrder = new Map(rosterColumns.map((c, i) => [c.header, i]));
const kindByName = new Map<string, AgencyKind>(
  (Object.entries(agencyKinds) as [AgencyKind, string][]).flatMap(([code, name]) => [
    [name, code],
    [code, code],
  ]),
);
const numberPattern = /^[0-9A-Za-z\u4e00-\u9fa5-]{4,32}$/;
const datePattern = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

function normalizeHeader(text: string): string {
  return text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

function text(cell: RosterCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  return String(cell).trim();
}

/** A date cell → YYYY-MM-DD, or undefined when it is not a valid date. */
function dateOf(cell: RosterCell | undefined): string | undefined {
  let value: string | undefined;
  if (cell instanceof Date) value = Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  else if (typeof cell === 'number') {
    // An Excel serial day number (a date cell read without its format).
    if (cell >= 1 && cell < 2_958_466) value = new Date(Math.round((Math.floor(cell) - 25_569) * 86_400_000)).toISOString().slice(0, 10);
  } else {
    const match = datePattern.exec(text(cell));
    if (match) value = `${match[1]}-${(match[2] as string).padStart(2, '0')}-${(match[3] as string).padStart(2, '0')}`;
  }
  if (value === undefined) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? undefined : value;
}

// ---- Checking ----

interface Context {
  /** division code → region name */
  regions: Map<string, string>;
}

class RosterChecker {
  readonly people: RosterPerson[] = [];
  readonly errors: RosterRowError[] = [];
  errorCount = 0;
  private readonly positions = new Map<RosterColumnKey, number>();
  private readonly numbers = new Map<string, number>();

  constructor(private readonly context: Context) {}

  private fail(row: number, key: RosterColumnKey | string, detail: string): void {
    this.errorCount += 1;
    if (this.errors.length < maxReportedRosterErrors * 5) {
      this.errors.push({ row, column: headerOf[key as RosterColumnKey] ?? key, detail });
    }
  }

  header(rowNumber: number, cells: RosterCell[]): boolean {
    const byHeader = new Map(rosterColumns.map((c) => [normalizeHeader(c.header), c]));
    cells.forEach((cell, position) => {
      const label = text(cell);
      if (label === '') return;
      const header = normalizeHeader(label);
      if (ignoredHeaders.has(header)) return;
      const column = byHeader.get(header);
      if (!column) this.fail(rowNumber, label, `无法识别的列“${label}”，表头须与模板一致（见“填写说明”）`);
      else if (this.positions.has(column.key)) this.fail(rowNumber, column.header, `列“${column.header}”重复`);
      else this.positions.set(column.key, position);
    });
    for (const column of rosterColumns) {
      if (column.isRequiredColumn && !this.positions.has(column.key)) {
        this.fail(rowNumber, column.header, `缺少必填列“${column.header}”`);
      }
    }
    return this.errorCount === 0;
  }

  row(rowNumber: number, cells: RosterCell[]): void {
    const cell = (key: RosterColumnKey) => {
      const position = this.positions.get(key);
      return position === undefined ? null : (cells[position] ?? null);
    };
    const values = Object.fromEntries(rosterColumns.map((c) => [c.key, text(cell(c.key))])) as Record<RosterColumnKey, string>;
    if (Object.values(values).every((v) => v === '')) return;
    const before = this.errorCount;
    const name = values.name;
    if (name === '') this.fail(rowNumber, 'name', '姓名不能为空');
    else if ([...name].length < 2 || [...name].length > 30) this.fail(rowNumber, 'name', '姓名应为 2 至 30 个字');
    const post = values.post === '' ? null : values.post;
    if (post !== null && [...post].length > 60) this.fail(rowNumber, 'post', '岗位不能超过 60 个字');
    let isAuxiliary = false;
    const kind = values.personKind.replace(/\s+/g, '');
    if (kind === '') this.fail(rowNumber, 'personKind', '人员类别不能为空，应填“执法人员”或“辅助人员”');
    else if (kind === officerKindLabels.auxiliary || kind === '执法辅助人员') isAuxiliary = true;
    else if (kind !== officerKindLabels.officer) {
      this.fail(rowNumber, 'personKind', `无法识别的人员类别“${kind}”，应填“执法人员”或“辅助人员”`);
    }
    const certificateKeys: RosterColumnKey[] = ['number', 'categories', 'regionCode', 'issuedOn', 'expiresOn', 'nextReviewOn'];
    const filled = certificateKeys.filter((key) => values[key] !== '');
    let certificate: RosterPerson['certificate'] = null;
    if (isAuxiliary) {
      for (const key of filled) {
        this.fail(
          rowNumber,
          key,
          key === 'number' ? '辅助人员不能持有行政执法证，执法证号应留空' : `辅助人员不持有行政执法证，“${headerOf[key]}”应留空`,
        );
      }
    } else if (values.number === '') {
      for (const key of filled)
        this.fail(rowNumber, key, `未填写执法证号，“${headerOf[key]}”应留空（尚未领证的执法人员只填姓名、岗位和人员类别）`);
    } else {
      certificate = this.certificate(rowNumber, values, cell);
    }
    if (this.errorCount === before) this.people.push({ row: rowNumber, name, post, isAuxiliary, certificate });
  }

  private certificate(
    rowNumber: number,
    values: Record<RosterColumnKey, string>,
    cell: (key: RosterColumnKey) => RosterCell,
  ): RosterPerson['certificate'] {
    const before = this.errorCount;
    const number = values.number.toUpperCase();
    if (!numberPattern.test(number)) {
      this.fail(rowNumber, 'number', `执法证号“${values.number}”应为 4 至 32 位数字、字母、汉字或“-”`);
    } else {
      const first = this.numbers.get(number);
      if (first !== undefined) this.fail(rowNumber, 'number', `执法证号 ${number} 与第 ${first} 行重复`);
      else this.numbers.set(number, rowNumber);
    }
    const categories: AgencyKind[] = [];
    if (values.categories === '') this.fail(rowNumber, 'categories', '持证人员的执法门类不能为空');
    for (const part of values.categories.split(/[；;、,，\n]/)) {
      const name = part.trim();
      if (name === '') continue;
      const code = kindByName.get(name);
      if (code === undefined)
        this.fail(rowNumber, 'categories', `无法识别的执法门类“${name}”，可选：${Object.values(agencyKinds).join('、')}`);
      else if (!categories.includes(code)) categories.push(code);
    }
    const regionCode = values.regionCode;
    const regionName = this.context.regions.get(regionCode);
    if (regionCode === '') this.fail(rowNumber, 'regionCode', '持证人员的执法区域代码不能为空');
    else if (regionName === undefined) this.fail(rowNumber, 'regionCode', `行政区划代码 ${regionCode} 不在本平台的区划之内`);
    const date = (key: 'issuedOn' | 'expiresOn' | 'nextReviewOn', isRequired: boolean) => {
      if (values[key] === '') {
        if (isRequired) this.fail(rowNumber, key, `持证人员的${headerOf[key]}不能为空`);
        return undefined;
      }
      const value = dateOf(cell(key));
      if (value === undefined) this.fail(rowNumber, key, `${headerOf[key]}“${values[key]}”不是有效日期，应为 Excel 日期或 YYYY-MM-DD`);
      return value;
    };
    const issuedOn = date('issuedOn', true);
    const expiresOn = date('expiresOn', true);
    const nextReviewOn = date('nextReviewOn', false);
    if (issuedOn && expiresOn && expiresOn <= issuedOn) {
      this.fail(rowNumber, 'expiresOn', `有效期至（${expiresOn}）须晚于发证日期（${issuedOn}）`);
    }
    if (this.errorCount > before || !issuedOn || !expiresOn || regionName === undefined) return null;
    return { number, categories, regionCode, regionName, issuedOn, expiresOn, nextReviewOn: nextReviewOn ?? null };
  }

  /** Certificate numbers of the file already on the platform. */
  async checkTaken(db: Executor): Promise<void> {
    const numbers = [...this.numbers.keys()];
    for (let i = 0; i < numbers.length; i += 500) {
      const taken = await db
        .selectFrom('certificates')
        .select('number')
        .where('number', 'in', numbers.slice(i, i + 500))
        .execute();
      for (const { number } of taken) {
        this.fail(this.numbers.get(number) as number, 'number', `执法证号 ${number} 已被使用（平台中已有该证号）`);
      }
    }
  }

  sortedErrors(): RosterRowError[] {
    return [...this.errors]
      .sort((a, b) => a.row - b.row || (columnOrder.get(a.column) ?? -1) - (columnOrder.get(b.column) ?? -1))
      .slice(0, maxReportedRosterErrors);
  }
}

async function loadRegions(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('governments').select(['division_code', 'name']).execute();
  return new Map(rows.map((r) => [r.division_code, r.name.replace(/人民政府$/, '')]));
}

export type RosterCheck = { isValid: true; people: RosterPerson[]; totalRows: number } | (RosterImportOutcome & { isImported: false });

/** Reads and checks every row of a roster file; stores nothing. */
export async function checkRosterFile(
  db: Executor,
  file: Buffer,
  onProgress?: (progress: RosterReadProgress) => void | Promise<void>,
): Promise<RosterCheck> {
  const checker = new RosterChecker({ regions: await loadRegions(db) });
  let isHeaderRight = false;
  const read = await readRosterSheet(
    file,
    (rowNumber, cells) => {
      isHeaderRight = checker.header(rowNumber, cells);
      return isHeaderRight;
    },
    (rowNumber, cells) => checker.row(rowNumber, cells),
    { onProgress },
  );
  const totalRows = read.rowCount;
  if (!read.hasHeader) throw new DomainError('import.invalid_file', '工作表是空的：第一行应为表头（请下载模板填写）');
  if (checker.errorCount === 0 && checker.people.length === 0) throw new DomainError('import.invalid_file', '表头下没有任何数据行');
  if (totalRows > maxRosterRows) throw new DomainError('import.invalid_file', `一次最多导入 ${maxRosterRows} 行，文件中有 ${totalRows} 行`);
  if (isHeaderRight) await checker.checkTaken(db);
  await onProgress?.({ processedRows: totalRows, totalRows });
  if (checker.errorCount > 0) {
    return { isImported: false, errors: checker.sortedErrors(), errorCount: checker.errorCount, totalRows };
  }
  return { isValid: true, people: checker.people, totalRows };
}

// ---- Storing ----

/**
 * Creates officers (and their certificates) of one agency in bulk, inside the caller's transaction: multi-row
 * inserts, and per officer and per certificate the ledger event createOfficer / issueCertificate would record, appended
 * in batches (one reservation of indices per chunk).
 */
export async function createRosterBulk(trx: Executor, actor: Actor, agencyId: string, people: readonly RosterPerson[]) {
  const at = nowIso();
  let certificateCount = 0;
  const chunk = 400;
  for (let i = 0; i < people.length; i += chunk) {
    const officers: OfficerRow[] = [];
    const certificates: CertificateRow[] = [];
    for (const person of people.slice(i, i + chunk)) {
      const officer: OfficerRow = {
        id: newId(),
        agency_id: agencyId,
        user_id: null,
        name: person.name.trim(),
        post: person.post?.trim() || null,
        is_auxiliary: person.isAuxiliary ? 1 : 0,
        is_active: 1,
        version: 1,
        created_at: at,
        updated_at: at,
      };
      officers.push(officer);
      const c = person.certificate;
      if (c && !person.isAuxiliary) {
        certificates.push({
          id: newId(),
          officer_id: officer.id,
          agency_id: agencyId,
          number: c.number,
          categories: JSON.stringify([...new Set(c.categories)]),
          region_code: c.regionCode,
          region_name: c.regionName,
          issued_on: c.issuedOn,
          expires_on: c.expiresOn,
          next_review_on: c.nextReviewOn,
          last_reviewed_on: null,
          status: 'valid',
          status_reason: null,
          status_changed_on: c.issuedOn,
          version: 1,
          created_at: at,
          updated_at: at,
        });
      }
    }
    await trx.insertInto('officers').values(officers).execute();
    if (certificates.length > 0) await trx.insertInto('certificates').values(certificates).execute();
    const byOfficer = new Map(certificates.map((c) => [c.officer_id, c]));
    const events: EventInput[] = [];
    for (const officer of officers) {
      events.push({
        actor,
        agencyId,
        subjectType: 'officer',
        subjectId: officer.id,
        action: 'officer.created',
        state: officerState(officer),
      });
      const certificate = byOfficer.get(officer.id);
      if (certificate) {
        events.push({
          actor,
          agencyId,
          subjectType: 'certificate',
          subjectId: certificate.id,
          action: 'certificate.issued',
          state: { certificate: certificateState(certificate) },
        });
      }
    }
    await appendEvents(trx, events);
    certificateCount += certificates.length;
  }
  return { officerCount: people.length, certificateCount };
}

async function checkAllowed(ctx: AppContext, actor: Actor, agencyId: string) {
  const agency = await visibleAgency(ctx, actor, agencyId);
  requireRosterKeeper(actor, agencyId);
  if (!agency.is_active) throw new DomainError('org.agency_inactive', `${agency.name}已停用`);
  return agency;
}

/** Reads, checks and (only when every row is right) stores the roster file in one transaction. */
export async function importRosterFile(
  ctx: AppContext,
  actor: Actor,
  input: { agencyId: string; file: Buffer },
  onProgress?: (progress: RosterReadProgress) => void | Promise<void>,
): Promise<RosterImportOutcome> {
  await checkAllowed(ctx, actor, input.agencyId);
  const check = await checkRosterFile(ctx.db, input.file, onProgress);
  if (!('isValid' in check)) return check;
  try {
    const created = await ctx.db.transaction().execute((trx) => createRosterBulk(trx, actor, input.agencyId, check.people));
    return { isImported: true, ...created, totalRows: check.totalRows };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A certificate number taken between the check and the insert: check again to name it.
    const again = await checkRosterFile(ctx.db, input.file);
    if (!('isValid' in again)) return again;
    throw error;
  }
}

// ---- Jobs ----

export const rosterJobTarget = 'roster';

/** Checks the caller and the file, records a queued job and starts it; answers before the rows are read. */
export async function startRosterImport(
  ctx: AppContext,
  actor: Actor,
  input: { agencyId: string; file: Buffer },
  onError: (error: unknown) => void,
): Promise<{ id: string }> {
  await checkAllowed(ctx, actor, input.agencyId);
  const check = await checkWorkbookFile(input.file);
  return enqueueImportJob(
    ctx,
    actor,
    { agencyId: input.agencyId, target: rosterJobTarget, totalRows: check.totalRows },
    async (onProgress) => {
      const outcome = await importRosterFile(ctx, actor, input, onProgress);
      if (!outcome.isImported) return outcome;
      return {
        isImported: true,
        totalRows: outcome.totalRows,
        result: { officerCount: outcome.officerCount, certificateCount: outcome.certificateCount },
      };
    },
    onError,
  );
}

export async function getRosterImport(ctx: AppContext, actor: Actor, id: string) {
  const job = await ctx.db
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', id)
    .where('target', '=', rosterJobTarget)
    .executeTakeFirst();
  let agencyName = '';
  try {
    if (job) agencyName = (await visibleAgency(ctx, actor, job.agency_id)).name;
  } catch {
    agencyName = '';
  }
  if (!job || agencyName === '') throw new DomainError('import.not_found', '未找到该导入任务，或您无权查看');
  const errors = job.errors ? (JSON.parse(job.errors) as { count: number; items: RosterRowError[] }) : { count: 0, items: [] };
  const result = job.result
    ? (JSON.parse(job.result) as {
        officerCount?: number;
        certificateCount?: number;
        failure?: { code: string; title: string; detail: string | null };
      })
    : {};
  return {
    id: job.id,
    agencyId: job.agency_id,
    agencyName,
    status: job.status as JobStatus,
    statusLabel: importJobStatuses[job.status as JobStatus] ?? job.status,
    totalRows: Number(job.total_rows),
    processedRows: Number(job.processed_rows),
    errorCount: errors.count,
    errors: errors.items,
    result:
      result.officerCount === undefined ? null : { officerCount: result.officerCount, certificateCount: result.certificateCount ?? 0 },
    failure: result.failure ?? null,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}
