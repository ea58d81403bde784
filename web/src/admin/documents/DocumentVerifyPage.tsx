/**
 * 文书核验 (staff): is this PDF or Word file a document the platform issued, unchanged? The file's bytes go to
 * POST /api/documents/verify, which looks its SHA-256 up in what the ledger recorded at issue and checks the
 * platform's signature. One changed byte and the answer is 未签发.
 */
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Space, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api';
import { formatDate } from '../../shared/format';
import { LedgerLink } from '../cases/CaseTimeline';
import { formatBytes } from '../cases/format';
import { postFile } from '../cases/transfer';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import '../cases/cases.css';
import './documents.css';

/** What the server answers (src/modules/documents/verify.ts). */
export interface DocumentVerdict {
  issued: boolean;
  sha256: string;
  reason?: string;
  format?: string;
  document?: {
    id: string;
    title: string;
    number: string;
    kind: string;
    kindLabel: string;
    agencyId: string;
    agencyName: string;
    issuedOn: string;
    caseId: string | null;
  };
  signatureValid?: boolean;
  ledgerSeq?: number;
}

const maxBytes = 64 * 1024 * 1024;
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The route takes a PDF, a .docx, or any bytes as application/octet-stream. */
function contentTypeOf(file: File): string {
  if (file.type === 'application/pdf' || file.type === docxType) return file.type;
  return 'application/octet-stream';
}

function Issued({ verdict, fileName }: { verdict: DocumentVerdict; fileName: string }) {
  const document = verdict.document;
  if (!document) return null;
  return (
    <div className="documents-verdict documents-verdict-issued" role="status" aria-label="核验结果">
      <div className="documents-verdict-head">
        <CheckCircleFilled className="documents-verdict-icon" aria-hidden />
        <div>
          <div className="documents-verdict-label">已签发</div>
          <div>
            “{fileName}”与本平台签发的{verdict.format === 'docx' ? ' Word ' : ' PDF '}文件逐字节一致，签发记录登记在记录账本中。
          </div>
        </div>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        className="documents-verdict-fields"
        items={[
          { key: 'title', label: '文书名称', children: document.title },
          { key: 'kind', label: '文书种类', children: document.kindLabel },
          { key: 'number', label: '文号', children: <span className="cases-number">{document.number}</span> },
          { key: 'agency', label: '制作机关', children: document.agencyName },
          { key: 'issuedOn', label: '签发日期', children: formatDate(document.issuedOn) },
          {
            key: 'ledger',
            label: '账本记录',
            children: verdict.ledgerSeq !== undefined ? <LedgerLink seq={verdict.ledgerSeq} /> : '—',
          },
          {
            key: 'signature',
            label: '平台签名',
            children: verdict.signatureValid ? (
              <span className="documents-ok">签名有效</span>
            ) : (
              <span className="documents-bad">签名无效</span>
            ),
          },
          {
            key: 'case',
            label: '所属案件',
            children: document.caseId ? <Link to={`/admin/cases/${document.caseId}`}>查看案件</Link> : '—',
          },
          {
            key: 'sha256',
            label: 'SHA-256',
            span: { xs: 1, md: 2 },
            children: <span className="admin-mono documents-hash">{verdict.sha256}</span>,
          },
        ]}
      />
    </div>
  );
}

function NotIssued({ verdict, fileName }: { verdict: DocumentVerdict; fileName: string }) {
  return (
    <div className="documents-verdict documents-verdict-not-issued" role="status" aria-label="核验结果">
      <div className="documents-verdict-head">
        <CloseCircleFilled className="documents-verdict-icon" aria-hidden />
        <div>
          <div className="documents-verdict-label">未签发</div>
          <div>{verdict.reason ?? `“${fileName}”不是本平台签发的文书，或签发后被改动过（改动任何一个字节，摘要都不再一致）。`}</div>
        </div>
      </div>
      <div className="documents-verdict-fields">
        所选文件的 SHA-256：<span className="admin-mono documents-hash">{verdict.sha256}</span>
      </div>
    </div>
  );
}

export default function DocumentVerifyPage() {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [verdict, setVerdict] = useState<{ fileName: string; answer: DocumentVerdict } | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isChecking, setIsChecking] = useState(false);

  const check = async (chosen: File | null) => {
    setFile(chosen);
    setVerdict(null);
    setProblem(null);
    if (!chosen) return;
    if (chosen.size === 0) {
      setProblem({ title: '文件为空', detail: '请选择有内容的文书文件。' });
      return;
    }
    if (chosen.size > maxBytes) {
      setProblem({ title: '文件过大', detail: '文书文件不超过 64 MB。' });
      return;
    }
    setIsChecking(true);
    try {
      const answer = await postFile<DocumentVerdict>('/api/documents/verify', chosen, contentTypeOf(chosen));
      setVerdict({ fileName: chosen.name, answer });
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setIsChecking(false);
    }
  };

  return (
    <>
      <PageHeader title="文书核验">
        核验一份 PDF 或 Word 文书是否为本平台签发、签发后是否被改动：按文件的 SHA-256 查找记录账本中登记的签发记录，并核验平台签名。
      </PageHeader>
      <Card variant="outlined" className="cases-card">
        <div className="cases-file-picker">
          <label htmlFor={inputId} className="cases-file-label">
            选择文书文件
          </label>
          <input
            id={inputId}
            ref={input}
            type="file"
            accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            disabled={isChecking}
            onChange={(event) => check(event.target.files?.[0] ?? null)}
          />
          {file ? (
            <div className="cases-muted">
              {file.name}，{formatBytes(file.size)}
              {isChecking ? '，正在核验…' : ''}
            </div>
          ) : (
            <Typography.Text type="secondary" className="documents-hint">
              文件只用于核验，不保存。
            </Typography.Text>
          )}
        </div>
        <ProblemAlert problem={problem} />
        {verdict ? (
          <>
            {verdict.answer.issued ? (
              <Issued verdict={verdict.answer} fileName={verdict.fileName} />
            ) : (
              <NotIssued verdict={verdict.answer} fileName={verdict.fileName} />
            )}
            <Space className="documents-again">
              <Button
                onClick={() => {
                  if (input.current) input.current.value = '';
                  setFile(null);
                  setVerdict(null);
                  input.current?.click();
                }}
              >
                核验另一份文书
              </Button>
            </Space>
          </>
        ) : null}
        {!verdict && !problem && !file ? (
          <Result status="info" title="请选择要核验的文书文件" subTitle="执法文书二维码指向的公示平台页面，也可供当事人自行核对。" />
        ) : null}
      </Card>
    </>
  );
}
