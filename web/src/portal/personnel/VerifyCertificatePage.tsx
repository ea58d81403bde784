import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError, isApiError } from '../../api';
import { formatDate, orDash } from '../../shared/format';
import { type CertificateCheck, describeCertificateStatus, publicPersonnel } from '../../shared/personnel';
import SupervisionHint from './SupervisionHint';
import VerifyForm from './VerifyForm';
import './personnel.css';

type State = { kind: 'loading' } | { kind: 'found'; check: CertificateCheck } | { kind: 'not_found' } | { kind: 'error'; message: string };

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

function Result({ check }: { check: CertificateCheck }) {
  const status = describeCertificateStatus(check);
  const isValid = status.tone === 'valid';
  return (
    <>
      <div className={`verify-status ${isValid ? 'verify-status-valid' : 'verify-status-invalid'}`} role="status">
        <StatusIcon isValid={isValid} />
        <div>
          <h2 className="verify-status-label">{status.label}</h2>
          <p className="verify-status-sentence">{status.sentence}</p>
        </div>
      </div>
      <dl className="verify-fields">
        <div>
          <dt>姓名</dt>
          <dd className="verify-name">{check.officerName}</dd>
        </div>
        <div>
          <dt>岗位</dt>
          <dd>{orDash(check.post)}</dd>
        </div>
        <div>
          <dt>执法机关</dt>
          <dd>{check.agencyName}</dd>
        </div>
        <div>
          <dt>执法证号</dt>
          <dd className="portal-mono">{check.number}</dd>
        </div>
        <div>
          <dt>执法门类</dt>
          <dd>{check.categoryLabels.join('、')}</dd>
        </div>
        <div>
          <dt>执法区域</dt>
          <dd>{check.regionName}</dd>
        </div>
        <div>
          <dt>有效期</dt>
          <dd>
            {formatDate(check.issuedOn)} 至 {formatDate(check.expiresOn)}
          </dd>
        </div>
        <div>
          <dt>证件状态</dt>
          <dd className={isValid ? 'portal-ok' : 'portal-error'}>{status.label}</dd>
        </div>
        <div>
          <dt>核验日期</dt>
          <dd>{formatDate(check.checkedOn)}</dd>
        </div>
      </dl>
      <SupervisionHint
        lead={
          isValid
            ? '请核对执法人员本人及其出示的执法证件与以上信息一致；执法人员一般不得少于两人，辅助人员不得单独执法。如发现不一致或执法不规范，'
            : '该执法证当前不能用于执法。如持证人仍在从事执法活动，'
        }
      />
    </>
  );
}

/** What a certificate's QR code opens: is this person entitled to enforce today? Readable on a phone. */
export default function VerifyCertificatePage() {
  const { number = '' } = useParams();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    publicPersonnel
      .verify(number)
      .then((check) => setState({ kind: 'found', check }))
      .catch((error: unknown) => {
        if (isApiError(error) && error.status === 404) setState({ kind: 'not_found' });
        else {
          const { title, detail } = describeError(error);
          setState({ kind: 'error', message: detail ? `${title}：${detail}` : title });
        }
      });
  }, [number]);

  useEffect(load, [load]);

  return (
    <section aria-labelledby="verify-title" className="portal-section verify-page">
      <h1 id="verify-title">执法人员身份核验</h1>
      {state.kind === 'loading' ? (
        <p className="portal-status" role="status">
          正在核验执法证号 {number}…
        </p>
      ) : null}
      {state.kind === 'found' ? <Result check={state.check} /> : null}
      {state.kind === 'not_found' ? (
        <>
          <div className="verify-status verify-status-invalid" role="status">
            <StatusIcon isValid={false} />
            <div>
              <h2 className="verify-status-label">查无此执法证号</h2>
              <p className="verify-status-sentence">
                本平台没有执法证号为“<span className="portal-mono">{number}</span>”的执法证。
              </p>
            </div>
          </div>
          <SupervisionHint lead="请核对证号是否输入正确。如执法人员出示的证件无法核验，" />
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
      <div className="verify-again">
        <h2>核验其他执法证</h2>
        <VerifyForm key={number} />
        <p>
          <Link to="/officers">查看执法人员名单</Link>
        </p>
      </div>
    </section>
  );
}
