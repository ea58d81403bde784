/**
 * 全过程记录: every step of the case as recorded — what, when, who recorded it, which officers, the step's own
 * values, its recordings and documents, and the ledger entry that holds it (checked on the portal's 记录核验).
 */
import { Empty, Timeline, Typography } from 'antd';
import { formatDate, formatDateTime } from '../../shared/format';
import type { Evidence, ProcedureDefinition, TimelineStep } from './api';
import DocumentDownloads from './DocumentDownloads';
import { formatStepValue, guessKind, type ValueContext } from './format';

interface Props {
  steps: TimelineStep[];
  definition: ProcedureDefinition | null;
  evidence: Evidence[];
  context: ValueContext;
}

export function LedgerLink({ seq }: { seq: number }) {
  return (
    <a href={`/ledger?index=${seq}`} target="_blank" rel="noopener noreferrer" className="cases-ledger-link">
      账本第 {seq} 条
    </a>
  );
}

/** The step's own values as recorded, labelled as its form labels them. */
export function StepValues({
  step,
  definition,
  context,
}: {
  step: Pick<TimelineStep, 'stepKey' | 'fields'>;
  definition: ProcedureDefinition | null;
  context: ValueContext;
}) {
  if (step.fields.length === 0) return null;
  const specs = definition?.steps.find((s) => s.key === step.stepKey)?.fields ?? [];
  return (
    <dl className="cases-step-fields">
      {step.fields.map((field) => {
        const spec = specs.find((s) => s.key === field.key);
        const kind = spec?.kind ?? guessKind(field);
        return (
          <div key={field.key}>
            <dt>{field.label}</dt>
            <dd>{formatStepValue({ kind, options: field.options ?? spec?.options }, field.value, context)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function StepBody({ step, definition, evidence, context }: Omit<Props, 'steps'> & { step: TimelineStep }) {
  const recordings = step.recordingIds.map((id) => evidence.find((e) => e.id === id) ?? null);
  return (
    <section className="cases-step" aria-label={`${step.label} ${formatDate(step.occurredOn)}`}>
      <header className="cases-step-head">
        <Typography.Text strong className="cases-step-title">
          {step.label}
        </Typography.Text>
        <span className="cases-step-date">{formatDate(step.occurredOn)}</span>
        <LedgerLink seq={step.ledgerSeq} />
      </header>
      <div className="cases-step-meta">
        记录人：{step.actorLabel}（{formatDateTime(step.recordedAt)}记录）
      </div>
      {step.officers.length > 0 ? <div className="cases-step-meta">执法人员：{step.officers.map((o) => o.name).join('、')}</div> : null}
      <StepValues step={step} definition={definition} context={context} />
      {recordings.length > 0 ? (
        <div className="cases-step-meta">
          音像记录：
          {recordings.map((recording, index) =>
            recording ? (
              <span key={recording.id} className="cases-chip">
                {recording.title}（{recording.kindLabel}，<LedgerLink seq={recording.ledgerSeq} />）
              </span>
            ) : (
              <span key={step.recordingIds[index]} className="cases-chip">
                证据 {step.recordingIds[index]}
              </span>
            ),
          )}
        </div>
      ) : null}
      <DocumentDownloads documents={step.documents} label={`${step.label}的文书`} />
      {step.basis ? <div className="cases-step-basis">依据：{step.basis}</div> : null}
    </section>
  );
}

export default function CaseTimeline({ steps, definition, evidence, context }: Props) {
  if (steps.length === 0) return <Empty description="尚无办案记录" />;
  return (
    <Timeline
      className="cases-timeline"
      items={steps.map((step, index) => ({
        key: step.id,
        color: index === steps.length - 1 ? 'blue' : 'green',
        content: <StepBody step={step} definition={definition} evidence={evidence} context={context} />,
      }))}
    />
  );
}
