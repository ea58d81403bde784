/**
 * What a list must satisfy beyond each entry's own schema, and the discretion check the case module runs against a
 * published benchmark.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { fieldErrors } from '../../http/problem.js';
import { DomainError, type FieldError } from '../../kernel/errors.js';
import { type CatalogKind, catalogKinds, type PenaltyKind, penaltyKinds } from '../../kernel/vocabulary.js';
import { type CatalogEntry, type DiscretionBenchmark, entrySchemas, type MajorDecisionRule } from './entries.js';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
const validators = new Map<CatalogKind, ValidateFunction>();

function validatorFor(kind: CatalogKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.compile(entrySchemas[kind]);
    validators.set(kind, validate);
  }
  return validate;
}

/** The most errors one answer lists; a file of 50,000 broken rows does not need 50,000 messages to be fixed. */
export const maxReportedErrors = 200;

/**
 * Checks every entry of a list; throws `catalog.entry_invalid` listing each problem by JSON Pointer
 * (`/entries/3/legalBases/0/article`) with a Chinese reason.
 */
export function validateEntries(kind: CatalogKind, entries: unknown[], knownItemCodes?: ReadonlySet<string>): CatalogEntry[] {
  const errors: FieldError[] = [];
  const validate = validatorFor(kind);
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (errors.length >= maxReportedErrors) return;
    const at = `/entries/${index}`;
    const code = (entry as { code?: unknown } | null)?.code;
    if (typeof code === 'string') {
      const first = seen.get(code);
      if (first !== undefined) errors.push({ pointer: `${at}/code`, detail: `编码 ${code} 与第 ${first + 1} 条重复` });
      else seen.set(code, index);
    }
    if (!validate(entry)) {
      for (const error of fieldErrors(validate.errors ?? []))
        errors.push({ pointer: `${at}${error.pointer === '/' ? '' : error.pointer}`, detail: error.detail });
      return;
    }
    const typed = entry as CatalogEntry;
    for (const problem of entryProblems(kind, typed, knownItemCodes))
      errors.push({ pointer: `${at}${problem.pointer}`, detail: problem.detail });
  });
  if (errors.length > 0) {
    throw new DomainError(
      'catalog.entry_invalid',
      `${catalogKinds[kind]}有 ${errors.length >= maxReportedErrors ? `至少 ${errors.length}` : errors.length} 处不符合要求，未保存`,
      {
        errors: errors.slice(0, maxReportedErrors),
      },
    );
  }
  return entries as CatalogEntry[];
}

function entryProblems(kind: CatalogKind, entry: CatalogEntry, knownItemCodes?: ReadonlySet<string>): FieldError[] {
  const problems: FieldError[] = [];
  const itemCode = typeof entry.itemCode === 'string' ? entry.itemCode : undefined;
  if (itemCode !== undefined && knownItemCodes && !knownItemCodes.has(itemCode)) {
    problems.push({ pointer: '/itemCode', detail: `本机关已公布的行政执法事项清单中没有编码为 ${itemCode} 的事项` });
  }
  if (kind === 'discretion_benchmark') {
    const benchmark = entry as unknown as DiscretionBenchmark;
    const gradeCodes = new Set<string>();
    benchmark.grades.forEach((grade, index) => {
      if (gradeCodes.has(grade.code)) problems.push({ pointer: `/grades/${index}/code`, detail: `裁量阶次编码 ${grade.code} 重复` });
      gradeCodes.add(grade.code);
      const hasFine = grade.penaltyKinds.includes('fine');
      if (hasFine && grade.minAmount === undefined && grade.maxAmount === undefined) {
        problems.push({ pointer: `/grades/${index}/maxAmount`, detail: '处罚种类含罚款时，须填写罚款下限或上限' });
      }
      if (!hasFine && (grade.minAmount !== undefined || grade.maxAmount !== undefined)) {
        problems.push({ pointer: `/grades/${index}/penaltyKinds`, detail: '填写了罚款数额，处罚种类须包含“罚款”' });
      }
      if (grade.minAmount !== undefined && grade.maxAmount !== undefined && grade.minAmount > grade.maxAmount) {
        problems.push({ pointer: `/grades/${index}/minAmount`, detail: `罚款下限 ${grade.minAmount} 元高于上限 ${grade.maxAmount} 元` });
      }
    });
  }
  if (kind === 'major_decision_rule') {
    const rule = entry as unknown as MajorDecisionRule;
    if (rule.condition === 'amount_threshold' && rule.amountThreshold === undefined) {
      problems.push({ pointer: '/amountThreshold', detail: '“罚没款数额达到标准”须填写数额标准（元）' });
    }
    if (rule.condition !== 'amount_threshold' && rule.amountThreshold !== undefined) {
      problems.push({ pointer: '/amountThreshold', detail: '只有“罚没款数额达到标准”情形填写数额标准' });
    }
  }
  return problems;
}

export interface PenaltyProposal {
  penaltyKinds: PenaltyKind[];
  /** Fine in yuan, when the proposal includes a fine. */
  fineAmount?: number;
}

export interface DiscretionCheck {
  isWithinBenchmark: boolean;
  /** Why not, in Chinese, one line per reason; empty when within. */
  reasons: string[];
}

/**
 * Is a proposed penalty within the benchmark for the chosen grade? The case module calls this; a proposal outside
 * needs a written reason and is flagged to the supervisor.
 */
export function checkAgainstBenchmark(benchmark: DiscretionBenchmark, gradeCode: string, proposal: PenaltyProposal): DiscretionCheck {
  const grade = benchmark.grades.find((g) => g.code === gradeCode);
  if (!grade) {
    return { isWithinBenchmark: false, reasons: [`裁量基准“${benchmark.name}”没有编码为 ${gradeCode} 的裁量阶次`] };
  }
  const reasons: string[] = [];
  const allowed = new Set(grade.penaltyKinds);
  for (const kind of proposal.penaltyKinds) {
    if (!allowed.has(kind)) reasons.push(`“${grade.label}”阶次不含处罚种类“${penaltyKinds[kind]}”`);
  }
  if (proposal.penaltyKinds.includes('fine')) {
    const amount = proposal.fineAmount;
    if (amount === undefined) reasons.push('拟处罚款，但未填写罚款数额');
    else {
      if (grade.minAmount !== undefined && amount < grade.minAmount) {
        reasons.push(`罚款 ${amount} 元低于“${grade.label}”阶次的下限 ${grade.minAmount} 元`);
      }
      if (grade.maxAmount !== undefined && amount > grade.maxAmount) {
        reasons.push(`罚款 ${amount} 元高于“${grade.label}”阶次的上限 ${grade.maxAmount} 元`);
      }
    }
  }
  return { isWithinBenchmark: reasons.length === 0, reasons };
}
