import type { FormInstance } from 'antd';
import { describeError, isApiError, type ProblemFieldError } from '../../api';
import type { ShownProblem } from '../components/ProblemAlert';

type NamePath = (string | number)[];

/**
 * The form field a case problem's pointer names: /data/fineAmount → data.fineAmount, /officerIds/1 → officerIds,
 * /party/idNumber → party.idNumber, /recordingIds/0 → recordingIds, /occurredOn → occurredOn.
 */
export function fieldOfCasePointer(pointer: string): NamePath | null {
  const segments = pointer
    .replace(/^#/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [first, second] = segments;
  if (!first) return null;
  if ((first === 'data' || first === 'party') && second) return [first, second];
  return [first];
}

const key = (path: NamePath) => path.join('.');

/**
 * Shows a server problem on a case form: every error whose pointer names a field of the form goes under it (in red);
 * the title and detail go to the alert at the top, with the errors that match no field.
 */
export function applyCaseProblem(form: FormInstance | null, error: unknown, fields: NamePath[]): ShownProblem {
  const { title, detail } = describeError(error);
  if (!isApiError(error) || !form) return { title, detail };
  const known = new Set(fields.map(key));
  const byField = new Map<string, { path: NamePath; errors: string[] }>();
  const others: ProblemFieldError[] = [];
  for (const fieldError of error.problem.errors ?? []) {
    const path = fieldOfCasePointer(fieldError.pointer);
    if (path && known.has(key(path))) {
      const entry = byField.get(key(path)) ?? { path, errors: [] };
      entry.errors.push(fieldError.detail);
      byField.set(key(path), entry);
    } else {
      others.push(fieldError);
    }
  }
  if (byField.size > 0) form.setFields([...byField.values()].map(({ path, errors }) => ({ name: path, errors })));
  // The detail joins every error's detail: the alert shows it whole, and lists only errors it does not already say.
  return { title, detail, others: others.filter((o) => !detail?.includes(o.detail)) };
}
