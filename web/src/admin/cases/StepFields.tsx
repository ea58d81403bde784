/**
 * A step's own fields, drawn from the procedure definition (the same FieldSpec list the server validates with): text,
 * dates, amounts in 元, yes/no, choices, penalty kinds, an officer of the roster, a discretion benchmark and grade.
 */
import { Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { dateFormats } from '../personnel/dates';
import ReviewerSelect from '../review/ReviewerSelect';
import type { Benchmark, FieldSpec, RosterOfficer } from './api';
import { formatYuan, penaltyKinds } from './format';

const penaltyKindOptions = Object.entries(penaltyKinds).map(([value, label]) => ({ value, label }));

function benchmarkOptions(benchmarks: Benchmark[]) {
  return benchmarks.flatMap((benchmark) =>
    benchmark.grades.map((grade) => {
      const range =
        grade.minAmount !== undefined || grade.maxAmount !== undefined
          ? `罚款${grade.minAmount !== undefined ? formatYuan(grade.minAmount) : ''}至${grade.maxAmount !== undefined ? formatYuan(grade.maxAmount) : ''}`
          : (grade.penalty ?? '');
      return {
        value: `${benchmark.code}:${grade.code}`,
        label: `${benchmark.code} ${benchmark.name} · ${grade.label}（${grade.code}）${range ? `：${range}` : ''}`,
      };
    }),
  );
}

interface Props {
  fields: FieldSpec[];
  officers: RosterOfficer[];
  benchmarks: Benchmark[];
  /** The case's agency, whose reviewers a `reviewer` field offers. */
  agencyId: string;
}

function control(field: FieldSpec, officers: RosterOfficer[], benchmarks: Benchmark[], agencyId: string) {
  switch (field.kind) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20_000} />;
    case 'date':
      return <DatePicker format={dateFormats} className="cases-date" />;
    case 'amount':
      return <InputNumber min={0} precision={2} step={100} suffix="元" className="cases-number" />;
    case 'integer':
      return <InputNumber min={1} max={3650} precision={0} className="cases-number" />;
    case 'select':
      return (
        <Select
          placeholder="请选择"
          showSearch={{ optionFilterProp: 'label' }}
          options={Object.entries(field.options ?? {}).map(([value, label]) => ({ value, label }))}
        />
      );
    case 'penaltyKinds':
      return (
        <Select mode="multiple" placeholder="请选择处罚种类" showSearch={{ optionFilterProp: 'label' }} options={penaltyKindOptions} />
      );
    case 'officer':
      return (
        <Select
          placeholder="请选择本机关人员"
          showSearch={{ optionFilterProp: 'label' }}
          options={officers.filter((o) => !o.isAuxiliary).map((o) => ({ value: o.id, label: `${o.name}${o.post ? `（${o.post}）` : ''}` }))}
        />
      );
    case 'reviewer':
      return <ReviewerSelect agencyId={agencyId} />;
    case 'benchmark':
      return (
        <Select
          allowClear
          placeholder={benchmarks.length ? '请选择适用的基准和阶次' : '本事项没有已公布的裁量基准'}
          showSearch={{ optionFilterProp: 'label' }}
          options={benchmarkOptions(benchmarks)}
          popupMatchSelectWidth={false}
          className="cases-benchmark"
        />
      );
    default:
      return <Input maxLength={500} />;
  }
}

export default function StepFields({ fields, officers, benchmarks, agencyId }: Props) {
  return (
    <>
      {fields.map((field) => {
        const name = ['data', field.key];
        if (field.kind === 'boolean') {
          return (
            <Form.Item key={field.key} name={name} valuePropName="checked" extra={field.help} className="cases-check">
              <Checkbox>{field.label}</Checkbox>
            </Form.Item>
          );
        }
        const choose = ['select', 'penaltyKinds', 'officer', 'reviewer', 'benchmark', 'date'].includes(field.kind);
        return (
          <Form.Item
            key={field.key}
            name={name}
            label={field.label}
            extra={field.help}
            rules={field.required ? [{ required: true, message: `请${choose ? '选择' : '填写'}${field.label}` }] : []}
          >
            {control(field, officers, benchmarks, agencyId)}
          </Form.Item>
        );
      })}
    </>
  );
}

/** The form's values of the fields as the API takes them: dates as YYYY-MM-DD, empty values left out. */
export function fieldData(fields: FieldSpec[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values?.[field.key];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (field.kind === 'date') data[field.key] = dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : value;
    else if (field.kind === 'boolean') {
      if (value === true) data[field.key] = true;
    } else if (typeof value === 'string') {
      if (value.trim()) data[field.key] = value.trim();
    } else data[field.key] = value;
  }
  return data;
}

/** Where each field's error lands in the form. */
export function fieldPaths(fields: FieldSpec[]): string[][] {
  return fields.map((field) => ['data', field.key]);
}
