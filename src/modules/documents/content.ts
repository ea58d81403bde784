/**
 * What an enforcement document (执法文书) says, as plain data: templates produce it, the PDF and Word renderers lay it
 * out. Nothing here knows about pages, fonts or files.
 */
import { DomainError } from '../../kernel/errors.js';

export interface DocumentContent {
  /** Machine kind, e.g. `penalty_decision` (see kinds.ts). */
  kind: string;
  /** 行政处罚决定书 */
  title: string;
  /** The issuing agency, printed at the top and in the signature block. */
  agencyName: string;
  /** The document number, e.g. 兴市监罚〔2026〕12号. */
  number: string;
  blocks: DocumentBlock[];
  /** Absolute URL (or a path when no public address is configured) encoded in the QR code. */
  verifyUrl: string;
}

export type DocumentBlock =
  /** Body text; the first line is indented two characters unless `indent` is false. */
  | { type: 'paragraph'; text: string; indent?: boolean }
  /** 一、… level headings, in a 黑体-like bold. */
  | { type: 'heading'; text: string }
  /** A bordered two-column form table (审批表 and 笔录 headers). */
  | { type: 'fields'; rows: { label: string; value: string }[] }
  /** Right-aligned: the agency name(s), then the date (input YYYY-MM-DD, printed 2026年11月22日). */
  | { type: 'signature'; lines: string[]; date: string }
  /** Small print, e.g. the reminder of the remedies (救济途径). */
  | { type: 'note'; text: string };

export type SignatureBlock = Extract<DocumentBlock, { type: 'signature' }>;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** 2026-11-22 → 2026年11月22日, the way official documents write dates. */
export function formatChineseDate(value: string): string {
  const match = isoDate.exec(value);
  if (!match || !isIsoDate(value)) throw new DomainError('documents.invalid', `日期须为 YYYY-MM-DD，收到：${value}`);
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** Refuses content a renderer could not lay out sensibly: empty titles, bad dates, empty tables. */
export function checkContent(content: DocumentContent): void {
  const problems: string[] = [];
  if (!content.kind.trim()) problems.push('缺少文书种类');
  if (!content.title.trim()) problems.push('缺少文书标题');
  if (!content.agencyName.trim()) problems.push('缺少制作机关');
  if (!content.number.trim()) problems.push('缺少文号');
  if (!content.verifyUrl.trim()) problems.push('缺少核验地址');
  content.blocks.forEach((block, index) => {
    const at = `第 ${index + 1} 段`;
    if (block.type === 'fields' && block.rows.length === 0) problems.push(`${at}（表格）没有任何行`);
    if (block.type === 'signature') {
      if (block.lines.length === 0) problems.push(`${at}（落款）缺少署名`);
      if (!isIsoDate(block.date)) problems.push(`${at}（落款）日期须为 YYYY-MM-DD，收到：${block.date}`);
    }
  });
  if (problems.length > 0) throw new DomainError('documents.invalid', problems.join('；'));
}
