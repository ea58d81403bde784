/**
 * 导入 Excel: uploads a filled-in template, then follows the background job until it has checked every row — the
 * draft it made, or every row's problem (第N行 · 列 · 原因), since nothing is imported while any row is wrong.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../api';
import { catalog, catalogImports } from '../../shared/endpoints';
import type { CatalogKind, ImportJob } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';

const POLL_MS = 1000;

interface Props {
  open: boolean;
  agencyId: string;
  agencyName: string;
  kind: CatalogKind;
  kindLabel: string;
  /** The list has a draft (or returned version) that the import will replace. */
  replacesDraft: boolean;
  onClose: () => void;
  /** The draft the import made or replaced. */
  onImported: (versionId: string) => void;
}

function JobResult({ job }: { job: ImportJob }) {
  if (job.status === 'succeeded' && job.result) {
    return (
      <Alert
        type="success"
        showIcon
        className="admin-problem"
        title={`导入成功：共 ${job.result.entryCount} 条，已保存为第${job.result.version}版草稿`}
        description="请核对草稿后提交法制审核；审核通过后才在公示平台公布。"
      />
    );
  }
  if (job.status !== 'failed') return null;
  if (job.failure) {
    return (
      <Alert type="error" showIcon role="alert" className="admin-problem" title={job.failure.title} description={job.failure.detail} />
    );
  }
  return (
    <>
      <Alert
        type="error"
        showIcon
        role="alert"
        className="admin-problem"
        title={`文件有 ${job.errorCount} 处不符合要求，未导入任何条目`}
        description={job.errorCount > job.errors.length ? `以下列出前 ${job.errors.length} 处，请修改后重新导入。` : '请修改后重新导入。'}
      />
      <Table
        rowKey={(error) => `${error.row}-${error.column}-${error.detail}`}
        size="small"
        aria-label="导入错误"
        dataSource={job.errors}
        pagination={job.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        columns={[
          { title: '行', dataIndex: 'row', width: 80, render: (row: number) => `第${row}行` },
          { title: '列', dataIndex: 'column', width: 200 },
          { title: '问题', dataIndex: 'detail' },
        ]}
      />
    </>
  );
}

export default function ImportModal({ open, agencyId, agencyName, kind, kindLabel, replacesDraft, onClose, onImported }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const timer = useRef<number | null>(null);

  const stopPolling = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  }, []);

  useEffect(() => {
    if (open) {
      setFile(null);
      setNote('');
      setJob(null);
      setProblem(null);
    }
    return stopPolling;
  }, [open, stopPolling]);

  const follow = (id: string) => {
    catalogImports
      .get(id)
      .then((current) => {
        setJob(current);
        if (current.status === 'queued' || current.status === 'running') timer.current = window.setTimeout(() => follow(id), POLL_MS);
      })
      .catch((error: unknown) => setProblem(describeError(error)));
  };

  const start = async () => {
    if (!file) return;
    setIsStarting(true);
    setProblem(null);
    setJob(null);
    try {
      const { id } = await catalogImports.start({ agencyId, kind, note: note.trim() || undefined }, file);
      follow(id);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setIsStarting(false);
    }
  };

  const isRunning = job?.status === 'queued' || job?.status === 'running';
  const percent = job && job.totalRows > 0 ? Math.min(100, Math.round((job.processedRows / job.totalRows) * 100)) : 0;

  return (
    <Modal
      title={`导入 Excel：${kindLabel}`}
      open={open}
      onCancel={() => {
        stopPolling();
        onClose();
      }}
      width={720}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{job?.status === 'succeeded' ? '关闭' : '取消'}</Button>
          {job?.status === 'succeeded' && job.result ? (
            <Button type="primary" onClick={() => job.result && onImported(job.result.versionId)}>
              查看草稿
            </Button>
          ) : (
            <Button type="primary" icon={<UploadOutlined />} loading={isStarting || isRunning} disabled={!file} onClick={start}>
              开始导入
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph>
        按模板填写{agencyName}的{kindLabel}后上传。系统逐行检查，只要有一处错误，整个文件都不导入，并逐行列出问题。
        {replacesDraft
          ? '本清单已有未提交的草稿，导入成功后将替换该草稿的全部条目。'
          : '导入成功后生成新的草稿，须提交法制审核，审核通过后才公布。'}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <a href={catalog.templateUrl(kind)} download>
          <DownloadOutlined /> 下载{kindLabel}导入模板
        </a>
        （第二个工作表“填写说明”逐列说明是否必填、可选值和示例）
      </Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form layout="vertical">
        <Form.Item label="Excel 文件" required extra="仅限 .xlsx 格式，不超过 50 MB。">
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setJob(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        {replacesDraft ? null : (
          <Form.Item label="编制说明" htmlFor="catalog-import-note">
            <Input
              id="catalog-import-note"
              value={note}
              maxLength={1000}
              placeholder="默认“由 Excel 文件导入”"
              onChange={(e) => setNote(e.target.value)}
            />
          </Form.Item>
        )}
      </Form>
      {job && isRunning ? (
        <div role="status" aria-live="polite">
          <Typography.Text>
            {job.statusLabel}：已检查 {job.processedRows} / {job.totalRows} 行
          </Typography.Text>
          <Progress percent={percent} status="active" />
        </div>
      ) : null}
      {job ? <JobResult job={job} /> : null}
    </Modal>
  );
}
