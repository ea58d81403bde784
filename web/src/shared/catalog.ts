/**
 * The catalog lists (事前公开) as people read them: legal bases cited the Chinese way, field values with their Chinese
 * names, and the server's error pointers (`/entries/3/legalBases/0/article`) as “第4条 · 法律依据 · 条”. Pure
 * functions over the kernel's field descriptions, shared by the staff app and the portal.
 */
import { catalogFields, type FieldSpec, gradeFields, legalBasisFields } from '../../../src/kernel/catalog-fields';
import { actionTypes, type CatalogKind, catalogKinds, catalogVersionStatuses } from '../../../src/kernel/vocabulary';
import type { CatalogEntry, LegalBasis } from './types';

export type { FieldSpec };
export { catalogFields, gradeFields, legalBasisFields };

/** The seven lists in their official order. */
export const catalogKindOrder = Object.keys(catalogKinds) as CatalogKind[];

export { actionTypes, catalogKinds, catalogVersionStatuses };

/** 《食品安全法》第一百二十二条第一款（四）: a provision as Chinese documents cite it (the 中华人民共和国 prefix dropped). */
export function citeLegalBasis(basis: LegalBasis): string {
  const law = basis.law.trim().replace(/^中华人民共和国/, '');
  return `《${law}》${basis.article}${basis.clause ?? ''}${basis.item ?? ''}`;
}

/** Every provision of an entry, cited and joined with 、 ; '' when it has none. */
export function citeLegalBases(bases: readonly LegalBasis[] | undefined): string {
  return (bases ?? []).map(citeLegalBasis).join('、');
}

export function fieldsOf(kind: CatalogKind): FieldSpec[] {
  return catalogFields[kind];
}

/** Whether the kind's entries carry one 行为类别 (actionType) field, so that lists can show and filter by it. */
export function hasActionType(kind: CatalogKind): boolean {
  return catalogFields[kind].some((field) => field.key === 'actionType' && field.type === 'enum');
}

/** Whether the kind's entries cite legal provisions (a legalBases field). */
export function hasLegalBases(kind: CatalogKind): boolean {
  return catalogFields[kind].some((field) => field.type === 'legalBases');
}

export function actionTypeLabel(value: unknown): string {
  return typeof value === 'string' ? ((actionTypes as Record<string, string>)[value] ?? value) : '';
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * A field's value as text: enum codes as their Chinese names, lists joined with 、, legal bases cited; '' when empty.
 * Grades are structured; their fields are formatted one by one with gradeFields.
 */
export function formatFieldValue(field: FieldSpec, value: unknown): string {
  if (isEmpty(value)) return '';
  switch (field.type) {
    case 'enum':
      return typeof value === 'string' ? (field.options?.[value] ?? value) : String(value);
    case 'enumList':
      return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? (field.options?.[v] ?? v) : String(v))).join('、') : '';
    case 'textList':
      return Array.isArray(value) ? value.map(String).join('；') : String(value);
    case 'legalBases':
      return Array.isArray(value) ? citeLegalBases(value as LegalBasis[]) : '';
    case 'grades':
      return Array.isArray(value) ? value.map((grade) => String((grade as { label?: unknown }).label ?? '')).join('、') : '';
    default:
      return String(value);
  }
}

/** Non-entry fields of the catalog's requests, for pointers such as /opinion. */
const requestFieldLabels: Record<string, string> = {
  opinion: '审核意见',
  reason: '撤销原因',
  note: '版本说明',
  rowVersion: '版本号',
  entries: '清单条目',
  kind: '清单',
  agencyId: '执法机关',
};

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function segmentsOf(pointer: string): string[] {
  return pointer.replace(/^#/, '').split('/').filter(Boolean).map(unescapePointer);
}

const isIndex = (segment: string | undefined) => segment !== undefined && /^\d+$/.test(segment);

/** The list position (0-based) a pointer names, or null when it names no entry. */
export function entryIndexOfPointer(pointer: string): number | null {
  const [first, second] = segmentsOf(pointer);
  return first === 'entries' && isIndex(second) ? Number(second) : null;
}

function nthLabel(label: string, index: string | undefined): string {
  return isIndex(index) && Number(index) > 0 ? `${label}（第${Number(index) + 1}个）` : label;
}

/** Labels of the path inside one entry: ['legalBases','0','article'] → ['法律依据', '条']. */
function describeEntryPath(kind: CatalogKind, path: string[]): string[] {
  const [key, index, subKey] = path;
  if (key === undefined) return [];
  const field = catalogFields[kind].find((f) => f.key === key);
  if (!field) return [key];
  if (field.type === 'legalBases' || field.type === 'grades') {
    const parts = [nthLabel(field.label, index)];
    if (subKey === undefined) return parts;
    const sub = (field.type === 'legalBases' ? legalBasisFields : gradeFields).find((f) => f.key === subKey);
    parts.push(sub ? nthLabel(sub.label, path[3]) : subKey);
    return parts;
  }
  return [nthLabel(field.label, index)];
}

/**
 * A server pointer as people read it: `/entries/3/legalBases/0/article` → “第4条 · 法律依据 · 条”;
 * `/entries/1/legalBases/2/law` → “第2条 · 法律依据（第3个）· 法律法规名称”; `/opinion` → “审核意见”.
 */
export function describePointer(kind: CatalogKind, pointer: string): string {
  const segments = segmentsOf(pointer);
  if (segments[0] === 'entries' && isIndex(segments[1])) {
    return [`第${Number(segments[1]) + 1}条`, ...describeEntryPath(kind, segments.slice(2))].join(' · ');
  }
  if (segments.length === 0) return '';
  return segments.map((s) => requestFieldLabels[s] ?? s).join(' · ');
}

/** One line per field error, “第4条 · 法律依据 · 条：格式不正确”, at most `limit` of them and a line for the rest. */
export function describeFieldErrors(kind: CatalogKind, errors: readonly { pointer: string; detail: string }[], limit = 20): string[] {
  const lines = errors.slice(0, limit).map((error) => {
    const where = describePointer(kind, error.pointer);
    return where ? `${where}：${error.detail}` : error.detail;
  });
  if (errors.length > limit) lines.push(`另有 ${errors.length - limit} 处问题未列出`);
  return lines;
}

/**
 * Where a pointer lands in the entry form, as an antd name path: `/entries/3/legalBases/0/article` →
 * ['legalBases', 0, 'article']; an item of a text or enum list points at the list's own field.
 */
export function formPathOfPointer(kind: CatalogKind, pointer: string): (string | number)[] | null {
  const segments = segmentsOf(pointer);
  if (segments[0] !== 'entries' || !isIndex(segments[1])) return null;
  const [key, index, subKey] = segments.slice(2);
  const field = catalogFields[kind].find((f) => f.key === key);
  if (!field || key === undefined) return null;
  if (field.type === 'legalBases' || field.type === 'grades') {
    if (!isIndex(index)) return [key];
    if (subKey === undefined) return [key];
    const sub = (field.type === 'legalBases' ? legalBasisFields : gradeFields).find((f) => f.key === subKey);
    // An item of a grade's penaltyKinds (…/penaltyKinds/1) lands on the grade's select.
    return sub ? [key, Number(index), subKey] : [key];
  }
  return [key];
}

/** An entry's code and name as a title: EI-001 食品生产经营许可. */
export function entryTitle(entry: Pick<CatalogEntry, 'code' | 'name'>): string {
  return `${entry.code} ${entry.name}`;
}
