/**
 * A confirmation that needs a written reason (停用, 调离, 撤销 …): the reason goes to the record trail with the change,
 * and a server error is shown on the field it concerns.
 */
import { Form, Input, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import ProblemAlert, { type ShownProblem } from './ProblemAlert';
import { applyProblem } from './problem';

interface Props<T, R> {
  /** What the action applies to; null keeps the dialog closed. */
  target: T | null;
  title: string;
  okText: string;
  /** The question, naming the target and what follows. */
  prompt: (target: T) => ReactNode;
  reasonLabel: string;
  /** Minimum length of the reason, in characters (the server's rule). */
  minLength?: number;
  submit: (target: T, reason: string) => Promise<R>;
  onClose: () => void;
  onDone: (result: R) => void;
}

export default function ReasonModal<T, R>({
  target,
  title,
  okText,
  prompt,
  reasonLabel,
  minLength = 1,
  submit,
  onClose,
  onDone,
}: Props<T, R>) {
  const [form] = Form.useForm<{ reason: string }>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (target) {
      form.resetFields();
      setProblem(null);
    }
  }, [target, form]);

  const finish = async ({ reason }: { reason: string }) => {
    if (!target) return;
    setIsSaving(true);
    setProblem(null);
    try {
      onDone(await submit(target, reason.trim()));
    } catch (error) {
      setProblem(applyProblem(form, error, ['reason']));
    } finally {
      setIsSaving(false);
    }
  };

  const message = minLength > 1 ? `请填写${reasonLabel}（至少${minLength}个字）` : `请填写${reasonLabel}`;
  return (
    <Modal
      title={title}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger: true, loading: isSaving }}
      cancelText="取消"
      destroyOnHidden
    >
      <p>{target ? prompt(target) : null}</p>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={finish}>
        <Form.Item label={reasonLabel} name="reason" rules={[{ required: true, whitespace: true, min: minLength, message }]}>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
