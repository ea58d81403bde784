/**
 * 登记证据 / 更正证据: the file goes up with the resumable tus protocol (8 MB pieces, resumed after a broken
 * connection) while a progress bar shows how far it is, then it is registered with when, where and by whom it was
 * captured. A correction registers a new item that supersedes the old one, with the reason; the old one stays.
 */
import { Alert, Button, DatePicker, Drawer, Form, Input, Progress, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useId, useState } from 'react';
import { evidenceKinds } from '../../../../src/kernel/vocabulary';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { cases, type Evidence, type EvidenceKind, type RosterOfficer } from './api';
import { formatBytes } from './format';
import OfficerSelect from './OfficerSelect';
import { applyCaseProblem } from './problem';
import { type UploadProgress, uploadResumable } from './transfer';

interface Values {
  kind: EvidenceKind;
  title: string;
  capturedAt: Dayjs;
  capturedPlace: string;
  officerIds?: string[];
  description?: string;
  correctionReason?: string;
}

const fields = [['kind'], ['title'], ['capturedAt'], ['capturedPlace'], ['officerIds'], ['description'], ['correctionReason'], ['fileId']];
const kindOptions = Object.entries(evidenceKinds).map(([value, label]) => ({ value, label }));

function kindOfFile(file: File): EvidenceKind {
  if (file.type.startsWith('video/')) return 'video';
  if (file.type.startsWith('audio/')) return 'audio';
  if (file.type.startsWith('image/')) return 'photo';
  return 'document';
}

interface Props {
  open: boolean;
  caseId: string;
  /** The item being corrected, or null for a new item. */
  correcting: Evidence | null;
  officers: RosterOfficer[];
  onClose: () => void;
  onSaved: (saved: Evidence) => void;
}

export default function EvidenceDrawer({ open, caseId, correcting, officers, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<{ file: File; fileId: string } | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      capturedAt: dayjs(),
      ...(correcting ? { kind: correcting.kind, title: `${correcting.title}（更正）`, capturedPlace: correcting.capturedPlace } : {}),
    });
    setFile(null);
    setUploaded(null);
    setProgress(null);
    setProblem(null);
  }, [open, correcting, form]);

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setProgress(null);
    if (!chosen) return;
    if (!correcting)
      form.setFieldsValue({ kind: kindOfFile(chosen), title: form.getFieldValue('title') || chosen.name.replace(/\.[^.]+$/, '') });
  };

  const submit = async (values: Values) => {
    if (!file) {
      setProblem({ title: '请选择要上传的文件' });
      return;
    }
    setIsSaving(true);
    setProblem(null);
    try {
      let fileId = uploaded?.file === file ? uploaded.fileId : null;
      if (!fileId) {
        fileId = (await uploadResumable(file, setProgress)).fileId;
        setUploaded({ file, fileId });
      }
      const saved = await cases.addEvidence(caseId, {
        fileId,
        kind: values.kind,
        title: values.title.trim(),
        capturedAt: values.capturedAt.toISOString(),
        capturedPlace: values.capturedPlace.trim(),
        officerIds: values.officerIds ?? [],
        ...(values.description?.trim() ? { description: values.description.trim() } : {}),
        ...(correcting ? { supersedesId: correcting.id, correctionReason: values.correctionReason?.trim() ?? '' } : {}),
      });
      onSaved(saved);
    } catch (error) {
      setProblem(applyCaseProblem(form, error, fields));
    } finally {
      setIsSaving(false);
    }
  };

  const percent = progress ? Math.floor((progress.sent / progress.total) * 100) : 0;
  return (
    <Drawer
      title={correcting ? `更正证据：${correcting.title}` : '上传证据'}
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
      maskClosable={!isSaving}
      footer={
        <Space className="admin-drawer-footer">
          <Button onClick={onClose} disabled={isSaving}>
            取消
          </Button>
          <Button type="primary" loading={isSaving} onClick={() => form.submit()}>
            {correcting ? '上传并登记更正' : '上传并登记'}
          </Button>
        </Space>
      }
    >
      {correcting ? (
        <Alert
          type="info"
          showIcon
          className="cases-alert"
          title="证据不能修改或删除"
          description="更正将登记一项新证据并注明替代的原证据和理由，原证据及其账本记录保留，供核对。"
        />
      ) : null}
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <div className="cases-file-picker">
        <label htmlFor={inputId} className="cases-file-label">
          选择文件
        </label>
        <input
          id={inputId}
          type="file"
          accept="video/*,audio/*,image/*,application/pdf,.doc,.docx"
          disabled={isSaving}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
        />
        {file ? (
          <div className="cases-muted">
            {file.name}，{formatBytes(file.size)}，{file.type || '未知类型'}
          </div>
        ) : null}
        {progress ? (
          <div role="status" aria-label="上传进度" className="cases-progress">
            <Progress percent={percent} status={uploaded ? 'success' : progress.retrying ? 'exception' : 'active'} />
            <span className="cases-muted">
              {uploaded
                ? '上传完成，文件摘要已记入记录账本'
                : progress.retrying
                  ? `网络中断，正在第 ${progress.retrying} 次续传……`
                  : `已上传 ${formatBytes(progress.sent)} / ${formatBytes(progress.total)}（断点续传，每段 8 MB）`}
            </span>
          </div>
        ) : null}
      </div>
      <Form form={form} name="evidence" layout="vertical" onFinish={submit}>
        <Form.Item label="证据种类" name="kind" rules={[{ required: true, message: '请选择证据种类' }]}>
          <Select options={kindOptions} placeholder="请选择" />
        </Form.Item>
        <Form.Item label="证据名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写证据名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="采集时间" name="capturedAt" rules={[{ required: true, message: '请选择采集时间' }]}>
          <DatePicker showTime format="YYYY年M月D日 HH:mm" className="cases-date-time" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="采集地点" name="capturedPlace" rules={[{ required: true, whitespace: true, message: '请填写采集地点' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label="采集人员" name="officerIds">
          <OfficerSelect officers={officers} placeholder="请选择采集人员" />
        </Form.Item>
        <Form.Item label="说明" name="description">
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        {correcting ? (
          <Form.Item
            label="更正理由"
            name="correctionReason"
            rules={[{ required: true, whitespace: true, min: 5, message: '请写明更正理由（不少于5字）' }]}
          >
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
