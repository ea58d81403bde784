import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { agencies } from '../../shared/endpoints';
import type { Agency } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';

interface Props {
  agency: Agency | null;
  onClose: () => void;
  onDone: (agency: Agency) => void;
}

/** Deactivating an agency asks for confirmation and a reason, which goes to the record trail. */
export default function DeactivateAgencyModal({ agency, onClose, onDone }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (agency) {
      form.resetFields();
      setProblem(null);
    }
  }, [agency, form]);

  const submit = async ({ reason }: { reason: string }) => {
    if (!agency) return;
    setIsSaving(true);
    setProblem(null);
    try {
      onDone(await agencies.deactivate(agency.id, agency.version, reason.trim()));
    } catch (error) {
      setProblem(applyProblem(form, error, ['reason']));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      title="停用执法机关"
      open={agency !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认停用"
      okButtonProps={{ danger: true, loading: isSaving }}
      cancelText="取消"
      destroyOnHidden
    >
      <p>确定停用“{agency?.name}”吗？请填写停用原因，停用原因将写入全过程记录。</p>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="停用原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写停用原因' }]}>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
