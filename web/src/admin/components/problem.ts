import type { FormInstance } from 'antd';
import { describeError, isApiError, type ProblemFieldError } from '../../api';
import type { ShownProblem } from './ProblemAlert';

/** Where a problem code without `errors[]` belongs, by field name. */
const codeFields: Record<string, string[]> = {
  'org.uscc_invalid': ['uscc'],
  'org.uscc_taken': ['uscc'],
  'org.username_taken': ['username'],
  'org.government_not_found': ['governmentId'],
  'org.agency_required': ['agencyId'],
  'org.agency_inactive': ['agencyId'],
  'org.role_invalid': ['roles'],
  'auth.weak_password': ['password', 'newPassword'],
  'auth.password_reused': ['newPassword'],
  'auth.invalid_credentials': ['currentPassword'],
  'auth.second_factor_invalid': ['code'],
};

function fieldOfPointer(pointer: string): string | null {
  const first = pointer.replace(/^#/, '').split('/').filter(Boolean)[0];
  return first ? first.replace(/~1/g, '/').replace(/~0/g, '~') : null;
}

/**
 * Shows a server problem on a form: every `errors[].pointer` that names a field of the
 * form goes under that field (in red), the title and detail go to the alert at the top.
 */
export function applyProblem(form: FormInstance | null, error: unknown, fields: readonly string[]): ShownProblem {
  const { title, detail } = describeError(error);
  if (!isApiError(error) || !form) return { title, detail };
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  const others: ProblemFieldError[] = [];
  for (const fieldError of error.problem.errors ?? []) {
    const field = fieldOfPointer(fieldError.pointer);
    if (field && known.has(field)) {
      byField.set(field, [...(byField.get(field) ?? []), fieldError.detail]);
    } else {
      others.push(fieldError);
    }
  }
  if (byField.size === 0 && error.problem.code) {
    const field = codeFields[error.problem.code]?.find((name) => known.has(name));
    if (field) byField.set(field, [detail ?? title]);
  }
  if (byField.size > 0) {
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  }
  return { title, detail, others };
}
