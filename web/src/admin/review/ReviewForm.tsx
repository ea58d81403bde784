/**
 * The legal review's form, drawn from the procedure definition's `legal_review` step: a finding on each checklist
 * point (符合 / 不符合 / 不适用), the opinion, its explanation and the consultation — recorded as a step of the case
 * on its current version. The server checks every rule again (a pending submission, a reviewer who took no part in
 * the case …); its problems are shown under their fields, or at the top.
 */
import { Button, DatePicker, Form, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../api';
import { type Benchmark, type CaseDetail, cases, type FieldSpec, type StepDefinition } from '../cases/api';
import { applyCaseProblem } from '../cases/problem';
import StepFields, { fieldData, fieldPaths } from '../cases/StepFields';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { dateFormats, isAfterToday, toDateText, today } from '../personnel/dates';

interface Values {
  occurredOn: Dayjs;
  data?: Record<string, unknown>;
}

/** A checklist point: a choice among exactly 符合 / 不符合 / 不适用. */
export function isFinding(field: FieldSpec): boolean {
  const keys = Object.keys(field.options ?? {}).sort();
  return field.kind === 'select' && keys.join(',') === 'fail,not_applicable,pass';
}

interface Props {
  detail: CaseDetail;
  step: StepDefinition;
  benchmarks: Benchmark[];
  onDone: (updated: CaseDetail) => void;
  onStale: () => void;
}

export default function ReviewForm({ detail, step, benchmarks, onDone, onStale }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isStale, setIsStale] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const findings = step.fields.filter(isFinding);
  const others = step.fields.filter((field) => !isFinding(field));

  const submit = async (values: Values) => {
    setIsSaving(true);
    setProblem(null);
    try {
      const updated = await cases.step(detail.id, {
        step: step.key,
        version: detail.version,
        occurredOn: toDateText(values.occurredOn),
        data: fieldData(step.fields, values.data),
      });
      onDone(updated);
    } catch (error) {
      setIsStale(isApiError(error) && error.code === 'cases.version_conflict');
      setProblem(applyCaseProblem(form, error, [['occurredOn'], ...fieldPaths(step.fields)]));
    } finally {
      setIsSaving(false);
    }
  };

  const markRestPassed = () => {
    const current = (form.getFieldValue('data') ?? {}) as Record<string, unknown>;
    form.setFieldsValue({
      data: Object.fromEntries(findings.filter((f) => !current[f.key]).map((f) => [f.key, 'pass'])),
    });
  };

  return (
    <Form<Values>
      form={form}
      name="legal-review"
      layout="vertical"
      onFinish={submit}
      scrollToFirstError
      initialValues={{ occurredOn: today() }}
    >
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      {isStale ? (
        <Button className="cases-alert" onClick={onStale}>
          刷新案件
        </Button>
      ) : null}
      <Form.Item
        label="办理日期"
        name="occurredOn"
        rules={[{ required: true, message: '请选择办理日期' }]}
        extra="出具审核意见的日期，不能晚于今天，也不能早于送审日期。"
      >
        <DatePicker format={dateFormats} className="cases-date" disabledDate={isAfterToday} />
      </Form.Item>
      <fieldset className="cases-fieldset">
        <legend>审核要点</legend>
        {findings.map((field, index) => (
          <Form.Item
            key={field.key}
            name={['data', field.key]}
            label={`${index + 1}. ${field.label}`}
            className="review-checklist-point"
            rules={field.required ? [{ required: true, message: `请对“${field.label}”作出审核结论` }] : []}
          >
            <Radio.Group
              aria-label={field.label}
              optionType="button"
              buttonStyle="solid"
              options={Object.entries(field.options ?? {}).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        ))}
        <Button type="link" className="review-rest-passed" onClick={markRestPassed}>
          未选择的要点均为“符合”
        </Button>
      </fieldset>
      <StepFields fields={others} officers={[]} benchmarks={benchmarks} agencyId={detail.agencyId} />
      <Button type="primary" htmlType="submit" loading={isSaving}>
        提交审核意见
      </Button>
    </Form>
  );
}
