/**
 * 导入 Excel, for any spreadsheet import of the API: uploads the file, then follows the background job until it has
 * checked every row — the result, or every row's problem (第N行 · 列 · 原因), since nothing is imported while any
 * row is wrong.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../api';
import ProblemAlert, { type ShownProblem } from './ProblemAlert';

const POLL_MS = 1000;

/** What every import job of the API answers. */
export interface SpreadsheetJob {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  statusLabel: string;
  totalRows: number;
  processedRows: number;
  errorCount: number;
  errors: { row: number; column: string; detail: string }[];
  failure: { code: string; title: string; detail: string | null } | null;
}

interface Props<J extends SpreadsheetJob> {
  open: boolean;
  title: string;
  /** What the import does, shown above the form. */
  intro: ReactNode;
  templateUrl: string;
  templateLabel: string;
  /** Fields of the form besides the file (e.g. a note). */
  children?: ReactNode;
  start: (file: File) => Promise<{ id: string }>;
  poll: (id: string) => Promise<J>;
  /** The success message of a finished job, and what it led to. */
  success: (job: J) => { title: string; description: string } | null;
  /** A button shown after success (e.g. 查看草稿). */
  successAction?: { label: string; onClick: (job: J) => void };
  onClose: () => void;
  onSucceeded?: (job: J) => void;
}

function RowErrors({ job }: { job: SpreadsheetJob }) {
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
        title={`文件有 ${job.errorCount} 处不符合要求，未导入任何数据`}
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

export default function SpreadsheetImportModal<J extends SpreadsheetJob>(props: Props<J>) {
  const { open, title, intro, templateUrl, templateLabel, children, start, poll, success, successAction, onClose, onSucceeded } = props;
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<J | null>(null);
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
      setJob(null);
      setProblem(null);
    }
    return stopPolling;
  }, [open, stopPolling]);

  const follow = (id: string) => {
    poll(id)
      .then((current) => {
        setJob(current);
        if (current.status === 'queued' || current.status === 'running') timer.current = window.setTimeout(() => follow(id), POLL_MS);
        else if (current.status === 'succeeded') onSucceeded?.(current);
      })
      .catch((error: unknown) => setProblem(describeError(error)));
  };

  const begin = async () => {
    if (!file) return;
    setIsStarting(true);
    setProblem(null);
    setJob(null);
    try {
      follow((await start(file)).id);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setIsStarting(false);
    }
  };

  const isRunning = job?.status === 'queued' || job?.status === 'running';
  const percent = job && job.totalRows > 0 ? Math.min(100, Math.round((job.processedRows / job.totalRows) * 100)) : 0;
  const succeeded = job?.status === 'succeeded' ? success(job) : null;

  return (
    <Modal
      title={title}
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
          {job?.status === 'succeeded' && successAction ? (
            <Button type="primary" onClick={() => successAction.onClick(job)}>
              {successAction.label}
            </Button>
          ) : job?.status === 'succeeded' ? null : (
            <Button type="primary" icon={<UploadOutlined />} loading={isStarting || isRunning} disabled={!file} onClick={begin}>
              开始导入
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <Typography.Paragraph>
        <a href={templateUrl} download>
          <DownloadOutlined /> {templateLabel}
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
        {children}
      </Form>
      {job && isRunning ? (
        <div role="status" aria-live="polite">
          <Typography.Text>
            {job.statusLabel}：已检查 {job.processedRows} / {job.totalRows} 行
          </Typography.Text>
          <Progress percent={percent} status="active" />
        </div>
      ) : null}
      {succeeded ? (
        <Alert type="success" showIcon className="admin-problem" title={succeeded.title} description={succeeded.description} />
      ) : null}
      {job?.status === 'failed' ? <RowErrors job={job} /> : null}
    </Modal>
  );
}
