import { type ChangeEvent, useCallback, useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError, isApiError } from '../../api';
import { formatDate } from '../../shared/format';
import SupervisionHint from '../personnel/SupervisionHint';
import { canHashInBrowser, type FileMatch, matchDigest, type PublicDocument, publicDocuments, sha256Hex } from './documents';
import '../personnel/personnel.css';
import './documents.css';

type State = { kind: 'loading' } | { kind: 'found'; document: PublicDocument } | { kind: 'not_found' } | { kind: 'error'; message: string };

type Check =
  | { kind: 'idle' }
  | { kind: 'hashing'; fileName: string }
  | { kind: 'done'; fileName: string; digest: string; match: FileMatch }
  | { kind: 'failed'; message: string };

function StatusIcon({ isValid }: { isValid: boolean }) {
  return (
    <svg className="verify-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" fill="#fff" />
      {isValid ? (
        <path d="M13 25l7 7 15-16" fill="none" stroke="#237804" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <path d="M16 16l16 16M32 16L16 32" fill="none" stroke="#a8071a" strokeWidth="5" strokeLinecap="round" />
      )}
    </svg>
  );
}

/** Pick a file; its SHA-256 is computed here, in the browser, and compared with the issued files' digests. */
function FileCheck({ document }: { document: PublicDocument }) {
  const inputId = useId();
  const hintId = useId();
  const [check, setCheck] = useState<Check>({ kind: 'idle' });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setCheck({ kind: 'hashing', fileName: file.name });
    try {
      const digest = await sha256Hex(await file.arrayBuffer());
      setCheck({ kind: 'done', fileName: file.name, digest, match: matchDigest(document, digest) });
    } catch (error) {
      setCheck({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  if (!canHashInBrowser()) {
    return <p className="verify-hint">本页面未通过 HTTPS 访问，浏览器无法计算文件摘要。请通过 https:// 地址打开本页后再核对文件。</p>;
  }
  return (
    <div className="document-check">
      <h2>核对您手中的文件</h2>
      <div className="portal-field">
        <label htmlFor={inputId}>选择文书文件（PDF 或 Word）</label>
        <input id={inputId} type="file" accept=".pdf,.docx,application/pdf" aria-describedby={hintId} onChange={onFile} />
        <span id={hintId} className="verify-form-hint">
          文件不会上传：摘要（SHA-256）在您的浏览器中计算，再与本平台登记的摘要比对。
        </span>
      </div>
      {check.kind === 'hashing' ? (
        <p className="portal-status" role="status">
          正在计算“{check.fileName}”的摘要…
        </p>
      ) : null}
      {check.kind === 'failed' ? (
        <p className="portal-status portal-status-error" role="alert">
          无法读取该文件（{check.message}）。
        </p>
      ) : null}
      {check.kind === 'done' ? (
        <>
          <div className={`verify-status ${check.match.isMatch ? 'verify-status-valid' : 'verify-status-invalid'}`} role="status">
            <StatusIcon isValid={check.match.isMatch} />
            <div>
              <p className="verify-status-label">{check.match.isMatch ? '一致' : '不一致'}</p>
              <p className="verify-status-sentence">
                {check.match.isMatch
                  ? `“${check.fileName}”与本平台签发的 ${check.match.format} 文件逐字节一致。`
                  : `“${check.fileName}”与本平台签发的文件不一致：它可能被改动过，或不是这份文书。`}
              </p>
            </div>
          </div>
          <p className="document-digest">
            所选文件的 SHA-256：<span className="portal-mono">{check.digest}</span>
          </p>
        </>
      ) : null}
    </div>
  );
}

function Found({ document }: { document: PublicDocument }) {
  return (
    <>
      <div className="verify-status verify-status-valid" role="status">
        <StatusIcon isValid />
        <div>
          <p className="verify-status-label">本平台签发的文书</p>
          <p className="verify-status-sentence">
            {document.agencyName}于{formatDate(document.issuedOn)}签发的{document.kindLabel}，已登记在记录账本中。
          </p>
        </div>
      </div>
      <dl className="verify-fields">
        <div>
          <dt>文书名称</dt>
          <dd className="verify-name">{document.title}</dd>
        </div>
        <div>
          <dt>文书种类</dt>
          <dd>{document.kindLabel}</dd>
        </div>
        <div>
          <dt>文号</dt>
          <dd>{document.number}</dd>
        </div>
        <div>
          <dt>制作机关</dt>
          <dd>{document.agencyName}</dd>
        </div>
        <div>
          <dt>签发日期</dt>
          <dd>{formatDate(document.issuedOn)}</dd>
        </div>
        <div>
          <dt>账本记录</dt>
          <dd>
            {document.ledgerSeq === null ? (
              '—'
            ) : (
              <Link to={`/ledger?index=${document.ledgerSeq}`}>第 {document.ledgerSeq} 条（核验该记录）</Link>
            )}
          </dd>
        </div>
        <div>
          <dt>PDF 摘要</dt>
          <dd className="portal-mono document-hash">{document.pdfSha256}</dd>
        </div>
        <div>
          <dt>Word 摘要</dt>
          <dd className="portal-mono document-hash">{document.docxSha256}</dd>
        </div>
      </dl>
      <FileCheck document={document} />
      <SupervisionHint lead="本页只公开文书的签发信息，不显示当事人信息和文书内容。如您收到的文书与以上信息不符，" />
    </>
  );
}

/** What a document's QR code opens: was it issued here, by whom and when — and is the file in hand the same? */
export default function DocumentVerifyPage() {
  const { id = '' } = useParams();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    publicDocuments
      .get(id)
      .then((document) => setState({ kind: 'found', document }))
      .catch((error: unknown) => {
        if (isApiError(error) && error.status === 404) setState({ kind: 'not_found' });
        else {
          const { title, detail } = describeError(error);
          setState({ kind: 'error', message: detail ? `${title}：${detail}` : title });
        }
      });
  }, [id]);

  useEffect(load, [load]);

  return (
    <section aria-labelledby="document-verify-title" className="portal-section verify-page">
      <h1 id="document-verify-title">执法文书核验</h1>
      {state.kind === 'loading' ? (
        <p className="portal-status" role="status">
          正在查询文书…
        </p>
      ) : null}
      {state.kind === 'found' ? <Found document={state.document} /> : null}
      {state.kind === 'not_found' ? (
        <>
          <div className="verify-status verify-status-invalid" role="status">
            <StatusIcon isValid={false} />
            <div>
              <p className="verify-status-label">查无此文书</p>
              <p className="verify-status-sentence">本平台没有签发过编号为“{id}”的文书。</p>
            </div>
          </div>
          <SupervisionHint lead="请核对二维码是否完整清晰。如执法机关出具的文书无法核验，" />
        </>
      ) : null}
      {state.kind === 'error' ? (
        <div className="portal-status portal-status-error" role="alert">
          <p>暂时无法核验（{state.message}）。</p>
          <button type="button" className="portal-button" onClick={load}>
            重新核验
          </button>
        </div>
      ) : null}
    </section>
  );
}
