/**
 * 调阅目的: every view or download of evidence or a document names why, and that is recorded in the ledger before a
 * byte is sent. A small dialog asks for it.
 */
import { Form, Input, Modal, Select } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { accessPurposes } from '../../../../src/kernel/vocabulary';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import type { AccessPurpose } from './api';
import { applyCaseProblem } from './problem';

export const purposeOptions = Object.entries(accessPurposes).map(([value, label]) => ({ value: value as AccessPurpose, label }));

/** The purpose as text, for the document endpoints that take it as words: 办案需要, 其他：向上级汇报. */
export function purposeText(purpose: AccessPurpose, note?: string): string {
  const label = accessPurposes[purpose];
  return note?.trim() ? `${label}：${note.trim()}` : label;
}

interface Values {
  purpose: AccessPurpose;
  note?: string;
}

interface Props {
  open: boolean;
  title: string;
  okText: string;
  intro?: ReactNode;
  onClose: () => void;
  onConfirm: (purpose: AccessPurpose, note: string | undefined) => Promise<void>;
}

export default function PurposeModal({ open, title, okText, intro, onClose, onConfirm }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const purpose = Form.useWatch('purpose', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setProblem(null);
    }
  }, [open, form]);

  const finish = async (values: Values) => {
    setIsBusy(true);
    setProblem(null);
    try {
      await onConfirm(values.purpose, values.note?.trim() || undefined);
    } catch (error) {
      setProblem(applyCaseProblem(form, error, [['purpose'], ['note']]));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ loading: isBusy }}
      cancelText="取消"
      destroyOnHidden
    >
      {intro ? <div className="cases-modal-intro">{intro}</div> : null}
      <ProblemAlert problem={problem} />
      <Form form={form} name="purpose" layout="vertical" onFinish={finish}>
        <Form.Item label="调阅目的" name="purpose" rules={[{ required: true, message: '请选择调阅目的' }]}>
          <Select placeholder="请选择" showSearch={{ optionFilterProp: 'label' }} options={purposeOptions} />
        </Form.Item>
        <Form.Item
          label="说明"
          name="note"
          rules={purpose === 'other' ? [{ required: true, whitespace: true, min: 2, message: '调阅目的为“其他”的，请写明具体用途' }] : []}
          extra="调阅人、时间、目的记入记录账本，并列入本案的调阅记录。"
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
