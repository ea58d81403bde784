/**
 * The data dictionary (数据字典) of the bulk files: each CSV column with its Chinese meaning, type and an example. The
 * JSON Lines file holds each record's whole public copy (the same object the public API answers) plus `updatedOn` and
 * `url`; the CSV flattens it into these columns. The values come from the public copy only.
 */
import type { PublicCopy } from '../public-copy.js';

export interface DictionaryField {
  name: string;
  label: string;
  type: 'text' | 'date' | 'number' | 'code';
  example: string;
  description?: string;
}

interface Column extends DictionaryField {
  value(copy: PublicCopy, extra: { updatedOn: string; url: string }): string | number | null;
}

const statusLabels: Record<string, string> = { published: '已公开', changed: '已变更', withdrawn: '已撤下' };
const partyTypeLabels: Record<string, string> = { organization: '法人或其他组织', person: '自然人', individual_business: '个体工商户' };

const columns: Column[] = [
  { name: 'id', label: '记录编号', type: 'code', example: '0b6f4c1e-6d0a-4f51-9c2d-1f0e8a7b3c55', value: (c) => c.id },
  {
    name: 'status',
    label: '公开状态',
    type: 'code',
    example: 'published',
    description: 'published 已公开；changed 已变更；withdrawn 已撤下',
    value: (c) => c.status,
  },
  { name: 'status_label', label: '公开状态（中文）', type: 'text', example: '已公开', value: (c) => statusLabels[c.status] ?? c.status },
  { name: 'agency_id', label: '执法机关编号', type: 'code', example: '5f2d…', value: (c) => c.agency.id },
  { name: 'agency_name', label: '执法机关', type: 'text', example: '中卫市沙坡头区市场监督管理局', value: (c) => c.agency.name },
  { name: 'region_code', label: '行政区划代码', type: 'code', example: '640502', value: (c) => c.region.code },
  { name: 'region_name', label: '行政区划', type: 'text', example: '沙坡头区', value: (c) => c.region.name },
  { name: 'action_type', label: '执法类别代码', type: 'code', example: 'penalty', value: (c) => c.actionType },
  { name: 'action_type_label', label: '执法类别', type: 'text', example: '行政处罚', value: (c) => c.actionTypeLabel },
  { name: 'title', label: '文书名称', type: 'text', example: '行政处罚决定书', value: (c) => c.title },
  { name: 'document_number', label: '文号', type: 'text', example: '沙市监罚〔2026〕123号', value: (c) => c.documentNumber },
  {
    name: 'case_title',
    label: '案由',
    type: 'text',
    example: '中卫市某某餐饮有限公司未按规定建立食品安全管理制度案',
    value: (c) => c.caseTitle,
  },
  { name: 'decided_on', label: '决定日期', type: 'date', example: '2026-11-02', value: (c) => c.decidedOn },
  { name: 'published_on', label: '公开日期', type: 'date', example: '2026-11-06', value: (c) => c.publishedOn },
  {
    name: 'party_type',
    label: '当事人类型',
    type: 'code',
    example: 'organization',
    description: Object.entries(partyTypeLabels)
      .map(([k, v]) => `${k} ${v}`)
      .join('；'),
    value: (c) => c.party.type,
  },
  {
    name: 'party_name',
    label: '当事人名称',
    type: 'text',
    example: '中卫市某某餐饮有限公司（自然人为 张某某）',
    value: (c) => c.party.name,
  },
  {
    name: 'party_credit_code',
    label: '统一社会信用代码',
    type: 'code',
    example: '91640502MA76XXXXXX',
    description: '自然人为空',
    value: (c) => c.party.creditCode,
  },
  { name: 'item_code', label: '执法事项编码', type: 'code', example: 'EI-002', value: (c) => c.item.code },
  { name: 'item_name', label: '执法事项', type: 'text', example: '对未按规定建立食品安全管理制度的处罚', value: (c) => c.item.name },
  {
    name: 'legal_basis',
    label: '法律依据',
    type: 'text',
    example: '《中华人民共和国食品安全法》第一百二十六条',
    value: (c) => c.legalBasis,
  },
  { name: 'facts', label: '主要事实', type: 'text', example: '经查，当事人……', value: (c) => c.facts },
  { name: 'decision', label: '决定内容', type: 'text', example: '给予行政处罚：警告，罚款8,000元', value: (c) => c.decision },
  {
    name: 'amount',
    label: '金额（元）',
    type: 'number',
    example: '8000',
    description: '罚没款、核定金额等；没有时为空',
    value: (c) => c.amount,
  },
  {
    name: 'current_decision',
    label: '变更后的决定',
    type: 'text',
    example: '给予行政处罚：警告，罚款5,000元',
    description: '仅“已变更”有值',
    value: (c) => c.change?.currentDecision ?? null,
  },
  { name: 'current_amount', label: '变更后的金额（元）', type: 'number', example: '5000', value: (c) => c.change?.currentAmount ?? null },
  {
    name: 'correction_ground',
    label: '撤下或变更的情形',
    type: 'text',
    example: '被撤销',
    value: (c) => (c.withdrawal ?? c.change)?.groundLabel ?? null,
  },
  {
    name: 'correction_source',
    label: '撤下或变更的途径',
    type: 'text',
    example: '行政复议',
    value: (c) => (c.withdrawal ?? c.change)?.sourceLabel ?? null,
  },
  {
    name: 'correction_reason',
    label: '撤下或变更的理由',
    type: 'text',
    example: '经行政复议，原处罚决定被撤销',
    value: (c) => (c.withdrawal ?? c.change)?.reason ?? null,
  },
  {
    name: 'correction_on',
    label: '撤下或变更日期',
    type: 'date',
    example: '2026-11-20',
    value: (c) => (c.withdrawal ?? c.change)?.on ?? null,
  },
  { name: 'expires_on', label: '公开期限届满日', type: 'date', example: '2029-11-06', value: (c) => c.expiresOn },
  {
    name: 'origin_name',
    label: '来源平台',
    type: 'text',
    example: '沙坡头区阳光执法平台',
    description: '由下级平台推送而来的记录为该平台名称；本平台的为空',
    value: (c) => c.origin?.name ?? null,
  },
  { name: 'updated_on', label: '最近更新日期', type: 'date', example: '2026-11-20', value: (_c, x) => x.updatedOn },
  { name: 'url', label: '公示页面', type: 'text', example: 'https://zf.example.gov.cn/ex-post/decisions/…', value: (_c, x) => x.url },
];

export const dictionaryFields: DictionaryField[] = columns.map(({ value: _value, ...field }) => field);

export const dictionary = {
  title: '行政执法决定公开数据 数据字典',
  encoding:
    'CSV：UTF-8（带 BOM，Excel 可直接打开），字段以逗号分隔，按 RFC 4180 加引号，行以 CRLF 结束；JSON Lines：UTF-8，每行一条记录的完整公开副本',
  files:
    'public-records-YYYY-MM-DD.csv、public-records-YYYY-MM-DD.jsonl：当日（北京时间）零时后生成，含生成时在公示平台上的全部记录（含撤下公告），按记录编号排序',
  fields: dictionaryFields,
};

export const csvHeader = columns.map((c) => c.name);

/** One CSV field, quoted when RFC 4180 asks for it (comma, quote, CR or LF) — and always when it starts with a space. */
/**
 * One RFC 4180 field. Text that a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage
 * return: OWASP's CSV injection) is prefixed with an apostrophe, so opening the file in Excel never runs anything;
 * numbers are written as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]|^\s/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvRow(copy: PublicCopy, extra: { updatedOn: string; url: string }): string {
  return csvLine(columns.map((c) => c.value(copy, extra)));
}
