import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { type Officer, officers } from '../../shared/personnel';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';

interface Props {
  officer: Officer | null;
  onClose: () => void;
  onDone: (officer: Officer) => void;
}

/** 调离执法岗位: with a reason, which goes to the record trail. */
export default function DeactivateOfficerModal({ officer, onClose, onDone }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (officer) {
      form.resetFields();
      setProblem(null);
    }
  }, [officer, form]);

  const submit = async ({ reason }: { reason: string }) => {
    if (!officer) return;
    setIsSaving(true);
    setProblem(null);
    try {
      onDone(await officers.deactivate(officer, reason.trim()));
    } catch (error) {
      setProblem(applyProblem(form, error, ['reason']));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      title="调离执法岗位"
      open={officer !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认调离"
      okButtonProps={{ danger: true, loading: isSaving }}
      cancelText="取消"
      destroyOnHidden
    >
      <p>确定将“{officer?.name}”调离执法岗位吗？调离后该人员不再计入执法人员，不能参与执法。持有的执法证请另行注销。</p>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          label="调离原因"
          name="reason"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写调离原因（至少2个字）' }]}
        >
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
