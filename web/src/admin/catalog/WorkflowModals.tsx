/** The dialogs of a list's review workflow: 新建草稿 / 纠错, 撤销草稿 (with reason), 法制审核 (通过并公布 or 退回修改). */
import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useEffect, useState } from 'react';
import { catalog } from '../../shared/endpoints';
import type { CatalogKind, CatalogVersion } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';
import ReasonModal from '../components/ReasonModal';

interface CreateProps {
  open: boolean;
  agencyId: string;
  agencyName: string;
  kind: CatalogKind;
  kindLabel: string;
  /** The published version a correction copies; null for a first compilation. */
  published: CatalogVersion | null;
  onClose: () => void;
  onCreated: (version: CatalogVersion) => void;
}

/** A new draft: empty for a first compilation, a copy of the published version for a correction (纠错). */
export function CreateDraftModal({ open, agencyId, agencyName, kind, kindLabel, published, onClose, onCreated }: CreateProps) {
  const [form] = Form.useForm<{ note?: string }>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const isCorrection = published !== null;

  useEffect(() => {
    if (open) {
      form.resetFields();
      setProblem(null);
    }
  }, [open, form]);

  const submit = async ({ note }: { note?: string }) => {
    setIsSaving(true);
    setProblem(null);
    try {
      onCreated(await catalog.createDraft({ agencyId, kind, note: note?.trim() || undefined }));
    } catch (error) {
      setProblem(applyProblem(form, error, ['note']));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      title={isCorrection ? `纠错：${kindLabel}` : `新建草稿：${kindLabel}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={isCorrection ? '开始纠错' : '新建草稿'}
      okButtonProps={{ loading: isSaving }}
      cancelText="取消"
      destroyOnHidden
    >
      <p>
        {isCorrection
          ? `将以${agencyName}现行的第${published.version}版为底稿新建草稿。修改后须重新提交法制审核，审核通过并公布后，第${published.version}版转为历史版本。`
          : `将为${agencyName}新建${kindLabel}的草稿。编制完成后提交本机关法制审核人员审核，审核通过后在公示平台公布。`}
      </p>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          label={isCorrection ? '纠错说明' : '编制说明'}
          name="note"
          rules={isCorrection ? [{ required: true, whitespace: true, message: '请写明纠错的原因和内容' }] : []}
        >
          <Input.TextArea
            maxLength={1000}
            showCount
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={isCorrection ? '如：依据2026年修正的条文更正第3项事项的法律依据' : '如：首次编制'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface VersionModalProps {
  version: CatalogVersion | null;
  onClose: () => void;
  onDone: (version: CatalogVersion) => void;
}

/** Discarding a draft keeps it on record with the reason. */
export function DiscardDraftModal({ version, onClose, onDone }: VersionModalProps) {
  return (
    <ReasonModal
      target={version}
      title="撤销草稿"
      okText="确认撤销"
      prompt={(target) => `确定撤销${target.kindLabel}第${target.version}版草稿吗？撤销后该草稿不能再修改，但保留在记录账本中。`}
      reasonLabel="撤销原因"
      minLength={2}
      submit={(target, reason) => catalog.discard(target.id, target.rowVersion, reason)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

/** The agency's legal reviewer approves (and so publishes) a submitted version, or returns it with an opinion. */
export function ReviewModal({ version, onClose, onDone }: VersionModalProps) {
  const [form] = Form.useForm<{ opinion?: string }>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [pending, setPending] = useState<'approve' | 'return' | null>(null);

  useEffect(() => {
    if (version) {
      form.resetFields();
      setProblem(null);
    }
  }, [version, form]);

  const decide = async (decision: 'approve' | 'return') => {
    if (!version) return;
    const opinion = (form.getFieldValue('opinion') as string | undefined)?.trim() ?? '';
    if (decision === 'return' && opinion === '') {
      form.setFields([{ name: 'opinion', errors: ['退回修改须写明审核意见'] }]);
      return;
    }
    setPending(decision);
    setProblem(null);
    try {
      onDone(await catalog.review(version.id, { rowVersion: version.rowVersion, decision, opinion: opinion || undefined }));
    } catch (error) {
      setProblem(applyProblem(form, error, ['opinion']));
    } finally {
      setPending(null);
    }
  };

  return (
    <Modal
      title={version ? `法制审核：${version.kindLabel}第${version.version}版` : '法制审核'}
      open={version !== null}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button danger loading={pending === 'return'} disabled={pending === 'approve'} onClick={() => decide('return')}>
            退回修改
          </Button>
          <Button type="primary" loading={pending === 'approve'} disabled={pending === 'return'} onClick={() => decide('approve')}>
            通过并公布
          </Button>
        </Space>
      }
    >
      {version ? (
        <Alert
          type="info"
          showIcon
          className="admin-problem"
          title={`${version.agencyName}${version.kindLabel}第${version.version}版，共 ${version.entryCount} 条${
            version.basedOn ? `，对第${version.basedOn}版的纠错` : ''
          }。`}
          description="审核通过即在公示平台公布，原现行版本转为历史版本；退回修改须写明审核意见，编制人修改后重新提交。"
        />
      ) : null}
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical">
        <Form.Item label="审核意见" name="opinion" extra="退回修改时必填；审核通过时可填写审核要点。">
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
