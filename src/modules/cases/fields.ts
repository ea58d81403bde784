/** Validates a step's form data against the fields its definition lists; the staff app renders the same fields. */
import { isIsoDate } from '../../kernel/calendar.js';
import { penaltyKinds } from '../../kernel/vocabulary.js';
import type { FieldSpec } from './procedures/index.js';

export interface FieldProblem {
  pointer: string;
  detail: string;
}

function checkValue(field: FieldSpec, value: unknown): { value?: unknown; problem?: string } {
  switch (field.kind) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return { problem: `${field.label}应为文字` };
      const text = value.trim();
      const max = field.kind === 'text' ? 500 : 20_000;
      if (text.length > max) return { problem: `${field.label}不能超过 ${max} 字` };
      return text ? { value: text } : {};
    }
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? { value } : { problem: `${field.label}应为 YYYY-MM-DD 格式的有效日期` };
    case 'amount':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1e11 && Math.round(value * 100) === value * 100
        ? { value }
        : { problem: `${field.label}应为不小于 0 的金额，最多两位小数` };
    case 'integer':
      return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= 3650
        ? { value }
        : { problem: `${field.label}应为 1 到 3650 之间的整数` };
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { problem: `${field.label}应为是或否` };
    case 'select':
      return typeof value === 'string' && field.options && value in field.options
        ? { value }
        : { problem: `${field.label}应为以下之一：${Object.values(field.options ?? {}).join('、')}` };
    case 'penaltyKinds': {
      const ok = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v in penaltyKinds);
      return ok && new Set(value).size === value.length ? { value } : { problem: `${field.label}应为一种或多种法定处罚种类，不得重复` };
    }
    case 'officer':
    case 'reviewer':
    case 'benchmark':
      return typeof value === 'string' && value.length > 0 && value.length <= 200 ? { value } : { problem: `${field.label}不正确` };
  }
}

/** The data with each value normalised, or every problem with its JSON pointer under /data. */
export function validateFields(
  fields: FieldSpec[],
  data: Record<string, unknown>,
): { data: Record<string, unknown>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const out: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(data)) if (!known.has(key)) problems.push({ pointer: `/data/${key}`, detail: `本环节没有“${key}”这一项` });
  for (const field of fields) {
    const raw = data[field.key];
    if (raw === undefined || raw === null || raw === '') {
      if (field.required) problems.push({ pointer: `/data/${field.key}`, detail: `请填写${field.label}` });
      continue;
    }
    const checked = checkValue(field, raw);
    if (checked.problem) problems.push({ pointer: `/data/${field.key}`, detail: checked.problem });
    else if (checked.value !== undefined) out[field.key] = checked.value;
    else if (field.required) problems.push({ pointer: `/data/${field.key}`, detail: `请填写${field.label}` });
  }
  return { data: out, problems };
}
