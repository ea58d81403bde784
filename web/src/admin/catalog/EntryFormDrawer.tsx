/**
 * Adds or edits one entry of a draft, with a form generated from the list's field descriptions (catalogFields): text,
 * long text, numbers, enumerations by their Chinese names, lists, the legal bases and a benchmark's grades.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Drawer, Form, type FormInstance, Input, InputNumber, Row, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { type ReactNode, useEffect, useState } from 'react';
import { describeError, isApiError, type ProblemFieldError } from '../../api';
import {
  describeFieldErrors,
  entryIndexOfPointer,
  type FieldSpec,
  fieldsOf,
  formPathOfPointer,
  gradeFields,
  legalBasisFields,
} from '../../shared/catalog';
import type { CatalogEntry, CatalogKind } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';

type Values = Record<string, unknown>;

/** What the drawer's save throws when the server refuses the list: the error and where the entry sits in the list. */
export class EntrySaveFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly index: number,
  ) {
    super('entry not saved');
  }
}

const wide = new Set(['longText', 'enumList', 'textList', 'legalBases', 'grades']);
/** Column widths of the sub-forms' fields, by key (out of 24). */
const subSpans: Record<string, number> = {
  law: 24,
  article: 8,
  clause: 8,
  item: 8,
  code: 8,
  label: 8,
  partyType: 8,
  minAmount: 12,
  maxAmount: 12,
};

function requiredMessage(field: FieldSpec): string {
  const label = field.label.length === 1 ? `“${field.label}”` : field.label;
  return `${field.type === 'enum' || field.type === 'enumList' ? '请选择' : '请填写'}${label}`;
}

function rulesOf(field: FieldSpec): Rule[] {
  if (!field.isRequired) return [];
  const message = requiredMessage(field);
  if (field.type === 'enumList') return [{ required: true, type: 'array', min: 1, message }];
  if (field.type === 'integer' || field.type === 'number' || field.type === 'enum') return [{ required: true, message }];
  return [{ required: true, whitespace: true, message }];
}

function optionsOf(field: FieldSpec) {
  return Object.entries(field.options ?? {}).map(([value, label]) => ({ value, label }));
}

function inputOf(field: FieldSpec): ReactNode {
  switch (field.type) {
    case 'longText':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />;
    case 'textList':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder="每行填写一项" />;
    case 'integer':
      return <InputNumber precision={0} min={0} className="catalog-number" />;
    case 'number':
      return <InputNumber min={0} className="catalog-number" />;
    case 'enum':
      return (
        <Select allowClear={!field.isRequired} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" options={optionsOf(field)} />
      );
    case 'enumList':
      return <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} placeholder="请选择，可多选" options={optionsOf(field)} />;
    default:
      return <Input />;
  }
}

function SubForm({ field, subFields, noun }: { field: FieldSpec; subFields: FieldSpec[]; noun: string }) {
  return (
    <Form.List
      name={field.key}
      rules={[
        {
          validator: async (_, value: unknown[] | undefined) => {
            if (field.isRequired && (!value || value.length === 0)) throw new Error(`请至少填写一项${field.label}`);
          },
        },
      ]}
    >
      {(items, { add, remove }, { errors }) => (
        <fieldset className="catalog-fieldset">
          <legend className="catalog-legend">
            {field.isRequired ? <span className="catalog-required">*</span> : null}
            {field.label}
          </legend>
          {items.map(({ key, name }) => (
            <div key={key} className="catalog-subform">
              <div className="catalog-subform-head">
                <span>
                  {noun} {name + 1}
                </span>
                <Button type="link" danger size="small" icon={<MinusCircleOutlined />} onClick={() => remove(name)}>
                  删除{noun} {name + 1}
                </Button>
              </div>
              <Row gutter={12}>
                {subFields.map((sub) => (
                  <Col key={sub.key} span={wide.has(sub.type) ? 24 : (subSpans[sub.key] ?? 24)}>
                    <Form.Item name={[name, sub.key]} label={sub.label} rules={rulesOf(sub)} extra={sub.help}>
                      {inputOf(sub)}
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </div>
          ))}
          <Form.Item>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              添加{noun}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        </fieldset>
      )}
    </Form.List>
  );
}

function FieldItem({ field }: { field: FieldSpec }) {
  if (field.type === 'legalBases') return <SubForm field={field} subFields={legalBasisFields} noun="依据" />;
  if (field.type === 'grades') return <SubForm field={field} subFields={gradeFields} noun="阶次" />;
  return (
    <Form.Item
      name={field.key}
      label={field.label}
      rules={rulesOf(field)}
      extra={field.type === 'textList' ? '每行填写一项。' : field.help}
    >
      {inputOf(field)}
    </Form.Item>
  );
}

function toFormValues(kind: CatalogKind, entry: CatalogEntry | null): Values {
  const values: Values = {};
  for (const field of fieldsOf(kind)) {
    const value = entry?.[field.key];
    if (field.type === 'textList') values[field.key] = Array.isArray(value) ? value.join('\n') : '';
    else if (field.type === 'legalBases' || field.type === 'grades') values[field.key] = Array.isArray(value) ? value : [{}];
    else values[field.key] = value;
  }
  return values;
}

/** The form's values as the server's entry: text trimmed, empty optional fields left out, list lines split. */
function cleanFields(fields: FieldSpec[], values: Values): Values {
  const out: Values = {};
  for (const field of fields) {
    const value = values[field.key];
    switch (field.type) {
      case 'text':
      case 'longText': {
        const text = typeof value === 'string' ? value.trim() : '';
        if (text) out[field.key] = text;
        break;
      }
      case 'textList': {
        const lines = (typeof value === 'string' ? value : '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        if (lines.length > 0) out[field.key] = lines;
        break;
      }
      case 'enumList':
        if (Array.isArray(value) && value.length > 0) out[field.key] = value;
        break;
      case 'legalBases':
      case 'grades': {
        const sub = field.type === 'legalBases' ? legalBasisFields : gradeFields;
        const rows = (Array.isArray(value) ? (value as Values[]) : []).map((row) => cleanFields(sub, row ?? {}));
        if (rows.length > 0) out[field.key] = rows;
        break;
      }
      default:
        if (value !== undefined && value !== null && value !== '') out[field.key] = value;
    }
  }
  return out;
}

export function entryOfValues(kind: CatalogKind, values: Values): CatalogEntry {
  return cleanFields(fieldsOf(kind), values) as CatalogEntry;
}

/**
 * The server's errors on the list: those about this entry go under their fields, the others (and the title) to the
 * alert at the top, each as “第4条 · 法律依据 · 条：…”.
 */
function showFailure(form: FormInstance, kind: CatalogKind, failure: unknown): ShownProblem {
  const cause = failure instanceof EntrySaveFailure ? failure.error : failure;
  const index = failure instanceof EntrySaveFailure ? failure.index : -1;
  const { title, detail } = describeError(cause);
  if (!isApiError(cause)) return { title, detail };
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const others: ProblemFieldError[] = [];
  for (const error of cause.problem.errors ?? []) {
    const path = entryIndexOfPointer(error.pointer) === index ? formPathOfPointer(kind, error.pointer) : null;
    if (!path) {
      others.push(error);
      continue;
    }
    const id = path.join('.');
    const current = byField.get(id) ?? { name: path, errors: [] };
    current.errors.push(error.detail);
    byField.set(id, current);
  }
  const fields = [...byField.values()];
  if (fields[0]) {
    form.setFields(fields);
    form.scrollToField(fields[0].name, { block: 'center' });
  }
  const lines = describeFieldErrors(kind, others).map((line) => ({ pointer: '', detail: line }));
  const hint = byField.size > 0 && others.length === 0 ? '请按表单中标红的提示修改。' : undefined;
  return { title, detail: detail ?? hint, others: lines };
}

interface Props {
  open: boolean;
  kind: CatalogKind;
  kindLabel: string;
  /** The entry to edit; null to add one. */
  entry: CatalogEntry | null;
  onClose: () => void;
  /** Saves the whole list with this entry; throws EntrySaveFailure when the server refuses it. */
  onSave: (entry: CatalogEntry) => Promise<void>;
}

export default function EntryFormDrawer({ open, kind, kindLabel, entry, onClose, onSave }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(toFormValues(kind, entry));
  }, [open, kind, entry, form]);

  const submit = async (values: Values) => {
    setIsSaving(true);
    setProblem(null);
    try {
      await onSave(entryOfValues(kind, values));
    } catch (failure) {
      setProblem(showFailure(form, kind, failure));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Drawer
      title={entry ? `编辑条目：${entry.code} ${entry.name}` : `新增条目：${kindLabel}`}
      open={open}
      onClose={onClose}
      size={720}
      destroyOnHidden
      footer={
        <Space className="admin-drawer-footer">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={isSaving} onClick={() => form.submit()}>
            保存条目
          </Button>
        </Space>
      }
    >
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        {fieldsOf(kind).map((field) => (
          <FieldItem key={field.key} field={field} />
        ))}
      </Form>
    </Drawer>
  );
}
