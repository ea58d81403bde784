/** How the case pages write amounts, step values, clock states and digests. */

import { penaltyKinds } from '../../../../src/kernel/vocabulary';
import { formatDate } from '../../shared/format';
import type { Benchmark, ClockStatus, FieldSpec } from './api';

export { penaltyKinds };

/** 10000 → 10,000 元; 12.5 → 12.50 元. */
export function formatYuan(amount: number): string {
  const fixed = Number.isInteger(amount) ? amount.toLocaleString('zh-CN') : amount.toLocaleString('zh-CN', { minimumFractionDigits: 2 });
  return `${fixed} 元`;
}

export function formatFen(fen: number): string {
  return formatYuan(fen / 100);
}

export interface ValueContext {
  officerName?: (id: string) => string | undefined;
  benchmarks?: Benchmark[];
}

/** BM-126:M → 未按规定建立食品安全管理制度拒不改正 · 一般（M）. */
export function describeBenchmark(value: string, benchmarks: Benchmark[] = []): string {
  const [code = '', grade = ''] = value.split(':');
  const benchmark = benchmarks.find((b) => b.code === code);
  const level = benchmark?.grades.find((g) => g.code === grade);
  if (!benchmark) return grade ? `${code}，阶次 ${grade}` : code;
  return `${benchmark.code} ${benchmark.name} · ${level ? `${level.label}（${level.code}）` : grade}`;
}

/** A step's value as people read it: option labels, 是/否, amounts in 元, dates in Chinese, penalty kinds by name. */
export function formatStepValue(
  field: Pick<FieldSpec, 'kind' | 'options'> & { kind?: FieldSpec['kind'] },
  value: unknown,
  context: ValueContext = {},
): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (field.options && typeof value === 'string') return field.options[value] ?? value;
  switch (field.kind) {
    case 'amount':
      return typeof value === 'number' ? formatYuan(value) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'penaltyKinds':
      return Array.isArray(value)
        ? value.map((v) => (penaltyKinds as Record<string, string>)[String(v)] ?? String(v)).join('、')
        : String(value);
    case 'officer':
      return typeof value === 'string' ? (context.officerName?.(value) ?? value) : String(value);
    case 'benchmark':
      return typeof value === 'string' ? describeBenchmark(value, context.benchmarks) : String(value);
    case 'integer':
      return String(value);
    default:
      if (Array.isArray(value)) return value.map(String).join('、');
      return String(value);
  }
}

/** Guesses a timeline field's kind from its value when the answer does not say (amounts are labelled 元). */
export function guessKind(field: { key: string; label: string; value: unknown }): FieldSpec['kind'] {
  if (field.key === 'penaltyKinds') return 'penaltyKinds';
  if (field.key === 'benchmark') return 'benchmark';
  if (field.key === 'chair') return 'officer';
  if (typeof field.value === 'number' && /元/.test(field.label)) return 'amount';
  if (typeof field.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(field.value) && /日期|日$/.test(field.label)) return 'date';
  return 'text';
}

export const clockColors: Record<ClockStatus, string> = {
  overdue: 'red',
  due_soon: 'orange',
  running: 'blue',
  paused: 'default',
  met: 'green',
  late: 'volcano',
};

/** sha256:17df228e…c6f39bb21a — enough to compare by eye; the whole digest is copied. */
export function shortDigest(algorithm: string, digest: string): string {
  return digest.length > 20 ? `${algorithm}:${digest.slice(0, 8)}…${digest.slice(-8)}` : `${algorithm}:${digest}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} 字节`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  if (size < 1024 * 1024 * 1024) return `${(size / 1024 / 1024).toFixed(1)} MB`;
  return `${(size / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Status colours of the case's stage: finished green, refused/no penalty grey, running blue. */
export function stageColor(status: string, isClosed: boolean): string {
  if (isClosed || status === 'closed') return 'green';
  if (['no_penalty', 'refused', 'transferred', 'terminated'].includes(status)) return 'default';
  if (['decided', 'served', 'executed', 'certificate_issued'].includes(status)) return 'cyan';
  return 'blue';
}
