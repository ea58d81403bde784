import { Alert } from 'antd';
import type { ProblemFieldError } from '../../api';

export interface ShownProblem {
  title: string;
  detail?: string;
  /** Field errors that match no field of the form. */
  others?: ProblemFieldError[];
}

/** The problem's Chinese title (and detail) at the top of a form or page. */
export default function ProblemAlert({ problem, onClose }: { problem: ShownProblem | null; onClose?: () => void }) {
  if (!problem) return null;
  const lines = [problem.detail, ...(problem.others ?? []).map((error) => error.detail)].filter((line): line is string => !!line);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problem.title}
      description={
        lines.length > 1 ? (
          <ul className="admin-problem-list">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          lines[0]
        )
      }
      closable={onClose ? { onClose } : false}
      className="admin-problem"
    />
  );
}
