import { describeError, isApiError } from '../../api';
import { describeFieldErrors } from '../../shared/catalog';
import type { CatalogKind } from '../../shared/types';
import type { ShownProblem } from '../components/ProblemAlert';

/** A catalog problem for ProblemAlert: each errors[] pointer as “第4条 · 法律依据 · 条：格式不正确”. */
export function catalogProblem(
  error: unknown,
  kind: CatalogKind,
  errors = isApiError(error) ? (error.problem.errors ?? []) : [],
): ShownProblem {
  const { title, detail } = describeError(error);
  return { title, detail, others: describeFieldErrors(kind, errors).map((line) => ({ pointer: '', detail: line })) };
}
