import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { formatDate } from '../../shared/format';
import { type Certificate, certificates, type LifecycleAction, lifecycleLabels } from '../../shared/personnel';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';
import { dateFormats, isAfterToday, optionalDateText, toDateText, today } from './dates';

export type ActionKind = LifecycleAction['action'];

interface Values {
  expiresOn?: Dayjs;
  nextReviewOn?: Dayjs | null;
  reviewedOn?: Dayjs;
  result?: 'passed' | 'failed';
  reason: string;
}

const fieldNames = ['expiresOn', 'nextReviewOn', 'reviewedOn', 'isPassed', 'reason'] as const;

const titles: Record<ActionKind, string> = {
  renew: '换发执法证',
  review: '执法证年审',
  suspend: '暂扣执法证',
  reinstate: '恢复执法证',
  cancel: '注销执法证',
};

const reasonLabels: Record<ActionKind, string> = {
  renew: '换发原因',
  review: '年审意见',
  suspend: '暂扣原因',
  reinstate: '恢复原因',
  cancel: '注销原因',
};

const explanations: Record<ActionKind, string> = {
  renew: '换发后执法证号不变，有效期延至新的日期。',
  review: '年审不合格的，执法证即被暂扣，持证人不得从事执法活动。',
  suspend: '暂扣期间持证人不得从事执法活动，公示平台的核验结果显示为“暂扣”。',
  reinstate: '恢复后执法证重新有效（仍须在有效期内并按期年审）。',
  cancel: '注销不可恢复。公示平台的核验结果将显示“该执法证已注销，持证人不得从事执法活动”。',
};

interface Props {
  certificate: Certificate | null;
  action: ActionKind | null;
  onClose: () => void;
  onDone: (certificate: Certificate, action: ActionKind) => void;
}

function bodyOf(action: ActionKind, values: Values): LifecycleAction {
  const reason = values.reason.trim();
  const nextReviewOn = optionalDateText(values.nextReviewOn);
  switch (action) {
    case 'renew':
      return { action, expiresOn: toDateText(values.expiresOn as Dayjs), reason, ...(nextReviewOn ? { nextReviewOn } : {}) };
    case 'review': {
      const isPassed = values.result === 'passed';
      return {
        action,
        reviewedOn: toDateText(values.reviewedOn as Dayjs),
        isPassed,
        reason,
        ...(isPassed && nextReviewOn ? { nextReviewOn } : {}),
      };
    }
    default:
      return { action, reason };
  }
}

/** One step of a certificate's life (换发, 年审, 暂扣, 恢复, 注销), each with its reason. */
export default function CertificateActionModal({ certificate, action, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const result = Form.useWatch('result', form);
  const open = certificate !== null && action !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setProblem(null);
    if (action === 'review') form.setFieldsValue({ reviewedOn: today(), result: 'passed' });
  }, [open, action, form]);

  const submit = async (values: Values) => {
    if (!certificate || !action) return;
    setIsSaving(true);
    setProblem(null);
    try {
      onDone(await certificates.change(certificate, bodyOf(action, values)), action);
    } catch (error) {
      setProblem(applyProblem(form, error, fieldNames));
    } finally {
      setIsSaving(false);
    }
  };

  const isDanger = action === 'cancel' || action === 'suspend' || (action === 'review' && result === 'failed');

  return (
    <Modal
      title={action ? titles[action] : ''}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={action ? `确认${action === 'review' ? (result === 'failed' ? '年审不合格' : '年审合格') : lifecycleLabels[action]}` : '确认'}
      okButtonProps={{ danger: isDanger, loading: isSaving }}
      cancelText="取消"
      destroyOnHidden
    >
      {certificate && action ? (
        <>
          <p>
            执法证号 <span className="admin-mono">{certificate.number}</span>，当前有效期至 {formatDate(certificate.expiresOn)}
            {certificate.nextReviewOn ? `，下次年审日期 ${formatDate(certificate.nextReviewOn)}` : ''}。
          </p>
          <Alert type={isDanger ? 'warning' : 'info'} showIcon title={explanations[action]} className="admin-problem" />
          <ProblemAlert problem={problem} />
          <Form form={form} layout="vertical" onFinish={submit}>
            {action === 'renew' ? (
              <>
                <Form.Item label="新的有效期至" name="expiresOn" rules={[{ required: true, message: '请选择新的有效期' }]}>
                  <DatePicker format={dateFormats} className="personnel-date" />
                </Form.Item>
                <Form.Item label="下次年审日期" name="nextReviewOn">
                  <DatePicker format={dateFormats} className="personnel-date" />
                </Form.Item>
              </>
            ) : null}
            {action === 'review' ? (
              <>
                <Form.Item label="年审结论" name="result" rules={[{ required: true, message: '请选择年审结论' }]}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'passed', label: '通过' },
                      { value: 'failed', label: '不通过' },
                    ]}
                  />
                </Form.Item>
                <Form.Item label="年审日期" name="reviewedOn" rules={[{ required: true, message: '请选择年审日期' }]}>
                  <DatePicker format={dateFormats} className="personnel-date" disabledDate={isAfterToday} />
                </Form.Item>
                {result === 'passed' ? (
                  <Form.Item label="下次年审日期" name="nextReviewOn">
                    <DatePicker format={dateFormats} className="personnel-date" />
                  </Form.Item>
                ) : null}
              </>
            ) : null}
            <Form.Item
              label={reasonLabels[action]}
              name="reason"
              rules={[{ required: true, whitespace: true, min: 2, message: `请填写${reasonLabels[action]}（至少2个字）` }]}
            >
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
