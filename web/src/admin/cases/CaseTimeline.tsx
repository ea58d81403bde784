/**
 * 全过程记录: every step of the case as recorded — what, when, who recorded it, which officers, the step's own
 * values, its recordings and documents, and the ledger entry that holds it (checked on the portal's 记录核验).
 */
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Empty, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../shared/format';
import type { CaseDocument, Evidence, ProcedureDefinition, TimelineStep } from './api';
import { formatStepValue, guessKind, type ValueContext } from './format';
import PurposeModal, { purposeText } from './PurposeModal';
import { documentUrl, downloadFile } from './transfer';

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

function StepBody({
  step,
  definition,
  evidence,
  context,
  onDownload,
}: Omit<Props, 'steps'> & { step: TimelineStep; onDownload: (document: CaseDocument, format: 'pdf' | 'docx') => void }) {
  const specs = definition?.steps.find((s) => s.key === step.stepKey)?.fields ?? [];
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
      {step.fields.length > 0 ? (
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
      ) : null}
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
      {step.documents.length > 0 ? (
        <ul className="cases-documents" aria-label={`${step.label}的文书`}>
          {step.documents.map((document) => (
            <li key={document.id}>
              <span className="cases-document-title">{document.title}</span>
              <span className="cases-number">{document.number}</span>
              <Space size={4}>
                <Button
                  size="small"
                  icon={<FilePdfOutlined />}
                  onClick={() => onDownload(document, 'pdf')}
                  aria-label={`下载PDF：${document.title} ${document.number}`}
                >
                  下载PDF
                </Button>
                <Button
                  size="small"
                  icon={<FileWordOutlined />}
                  onClick={() => onDownload(document, 'docx')}
                  aria-label={`下载Word：${document.title} ${document.number}`}
                >
                  下载Word
                </Button>
              </Space>
            </li>
          ))}
        </ul>
      ) : null}
      {step.basis ? <div className="cases-step-basis">依据：{step.basis}</div> : null}
    </section>
  );
}

export default function CaseTimeline({ steps, definition, evidence, context }: Props) {
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<{ document: CaseDocument; format: 'pdf' | 'docx' } | null>(null);
  if (steps.length === 0) return <Empty description="尚无办案记录" />;
  return (
    <>
      <Timeline
        className="cases-timeline"
        items={steps.map((step, index) => ({
          key: step.id,
          color: index === steps.length - 1 ? 'blue' : 'green',
          content: (
            <StepBody
              step={step}
              definition={definition}
              evidence={evidence}
              context={context}
              onDownload={(document, format) => setDownloading({ document, format })}
            />
          ),
        }))}
      />
      <PurposeModal
        open={downloading !== null}
        title={downloading ? `下载${downloading.format === 'pdf' ? 'PDF' : 'Word'}：${downloading.document.title}` : '下载文书'}
        okText="下载"
        intro={downloading ? <p>文号：{downloading.document.number}。下载文书是一次调阅，须说明目的。</p> : null}
        onClose={() => setDownloading(null)}
        onConfirm={async (purpose, note) => {
          if (!downloading) return;
          const { document, format } = downloading;
          const name = await downloadFile(documentUrl(document.id, format, purposeText(purpose, note)), `${document.title}.${format}`);
          setDownloading(null);
          message.success(`已下载：${name}`);
        }}
      />
    </>
  );
}
