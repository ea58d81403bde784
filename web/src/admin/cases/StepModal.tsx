/**
 * 办理下一环节: one step of the case — its date, its own fields from the procedure definition, the officers and the
 * recordings where the step needs them — with what the step is and its legal basis. The server checks every rule
 * again and answers each problem with its pointer; they are shown under their fields.
 */
import { Alert, Button, DatePicker, Form, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { isApiError } from '../../api';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { dateFormats, isAfterToday, toDateText, today } from '../personnel/dates';
import { type Benchmark, type CaseDetail, cases, type Evidence, type NextStep, type RosterOfficer } from './api';
import OfficerSelect from './OfficerSelect';
import { applyCaseProblem } from './problem';
import StepFields, { fieldData, fieldPaths } from './StepFields';

interface Values {
  occurredOn: Dayjs;
  officerIds?: string[];
  recordingIds?: string[];
  data?: Record<string, unknown>;
}

/** Values a later step repeats from an earlier one (the proposal is carried from 调查终结 to 告知 and 决定). */
const carriedKeys = ['facts', 'penaltyKinds', 'fineAmount', 'confiscationAmount', 'benchmark', 'deviationReason'];

function carriedValues(detail: CaseDetail, step: NextStep): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of step.fields.filter((f) => carriedKeys.includes(f.key))) {
    // Only from a step whose field of that key is the same field: the legal review's checklist has a `facts` too
    // (案件事实是否清楚: 符合/不符合), which must not become the proposal's 违法事实.
    const last = [...detail.timeline]
      .reverse()
      .find((s) => s.data[field.key] !== undefined && s.fields.some((f) => f.key === field.key && f.label === field.label));
    if (last) values[field.key] = last.data[field.key];
  }
  return values;
}

interface Props {
  detail: CaseDetail;
  step: NextStep | null;
  officers: RosterOfficer[];
  evidence: Evidence[];
  benchmarks: Benchmark[];
  onClose: () => void;
  onDone: (updated: CaseDetail) => void;
  onStale: () => void;
}

export default function StepModal({ detail, step, officers, evidence, benchmarks, onClose, onDone, onStale }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isStale, setIsStale] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const recordings = useMemo(() => evidence.filter((e) => (e.kind === 'video' || e.kind === 'audio') && !e.supersededById), [evidence]);

  useEffect(() => {
    if (!step) return;
    form.resetFields();
    setProblem(null);
    setIsStale(false);
    form.setFieldsValue({
      occurredOn: today(),
      ...(step.needsOfficers ? { officerIds: detail.officerIds } : {}),
      data: carriedValues(detail, step),
    });
  }, [step, detail, form]);

  const submit = async (values: Values) => {
    if (!step) return;
    setIsSaving(true);
    setProblem(null);
    try {
      const updated = await cases.step(detail.id, {
        step: step.key,
        version: detail.version,
        occurredOn: toDateText(values.occurredOn),
        ...(step.needsOfficers ? { officerIds: values.officerIds ?? [] } : {}),
        ...(step.needsRecording || (values.recordingIds ?? []).length > 0 ? { recordingIds: values.recordingIds ?? [] } : {}),
        data: fieldData(step.fields, values.data),
      });
      onDone(updated);
    } catch (error) {
      setIsStale(isApiError(error) && error.code === 'cases.version_conflict');
      setProblem(applyCaseProblem(form, error, [['occurredOn'], ['officerIds'], ['recordingIds'], ...fieldPaths(step.fields)]));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      title={step ? `办理：${step.label}` : '办理'}
      open={step !== null}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={isSaving} onClick={() => form.submit()}>
          {step ? `确认${step.label}` : '确认'}
        </Button>,
      ]}
    >
      {step ? (
        <>
          <Alert
            type="info"
            showIcon
            className="cases-step-info"
            title={step.description}
            description={
              <>
                {step.basis ? <div>依据：{step.basis}</div> : null}
                {step.documents.length ? <div>本环节生成文书：{step.documents.join('、')}</div> : null}
              </>
            }
          />
          <ProblemAlert problem={problem} />
          {isStale ? (
            <Button className="cases-alert" onClick={onStale}>
              刷新案件
            </Button>
          ) : null}
          <Form form={form} name="step" layout="vertical" onFinish={submit} scrollToFirstError>
            <Form.Item
              label="办理日期"
              name="occurredOn"
              rules={[{ required: true, message: '请选择办理日期' }]}
              extra="环节实际发生的日期，不能晚于今天，也不能早于本案上一环节；法定期限从该日起算。"
            >
              <DatePicker format={dateFormats} className="cases-date" disabledDate={isAfterToday} />
            </Form.Item>
            <StepFields fields={step.fields} officers={officers} benchmarks={benchmarks} agencyId={detail.agencyId} />
            {step.needsOfficers ? (
              <Form.Item label="执法人员" name="officerIds" extra="本环节须有两名以上持有效执法证的执法人员。">
                <OfficerSelect officers={officers} />
              </Form.Item>
            ) : null}
            {step.needsRecording ? (
              <Form.Item
                label="音像记录"
                name="recordingIds"
                extra={recordings.length ? '选择本环节的执法记录仪录像或录音。' : '本案尚无录像或录音：请先在“证据与音像”中上传。'}
              >
                <Select
                  mode="multiple"
                  placeholder="请选择本案的录像或录音"
                  showSearch={{ optionFilterProp: 'label' }}
                  options={recordings.map((r) => ({ value: r.id, label: `${r.title}（${r.kindLabel}）` }))}
                />
              </Form.Item>
            ) : null}
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
