/**
 * 提交陈述: the party to a published decision submits its statement with the one-time reply code the enforcement agency
 * gave it. The statement is published beside the decision only after redaction and the agency's check.
 */
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api';
import { replies } from '../../shared/disclosure';
import { formatDate } from '../../shared/format';
import '../catalog/catalog.css';
import './disclosure.css';

const maxLength = 1000;

export default function ReplyPage() {
  const codeId = useId();
  const textId = useId();
  const [code, setCode] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ receivedOn: string; statusLabel: string } | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!code.trim() || !text.trim()) {
      setError(!code.trim() ? '请填写陈述码' : '请填写陈述内容');
      return;
    }
    setIsSubmitting(true);
    replies
      .submitOnline({ code: code.trim(), text: text.trim() })
      .then((answer) => {
        setSent(answer);
        setCode('');
        setText('');
      })
      .catch((err: unknown) => {
        const { title, detail } = describeError(err);
        setError(detail && detail !== title ? `${title}：${detail}` : title);
      })
      .finally(() => setIsSubmitting(false));
  };

  return (
    <section aria-labelledby="reply-title" className="portal-section disclosure-reply">
      <p>
        <Link to="/ex-post">返回执法决定检索</Link>
      </p>
      <h1 id="reply-title">当事人提交陈述</h1>
      <p className="portal-lead">
        对公示平台公开的执法决定，当事人可以提交陈述，说明整改情况或对决定的意见。请填写执法机关提供的陈述码（每个码只能使用一次，有效期 30
        日）。陈述经去标识化处理（隐去身份证号、电话、银行卡号、住址等个人信息）并经执法机关审核后，在该决定的页面公开。
      </p>
      {sent ? (
        <div className="portal-notice" role="status">
          <p className="portal-notice-title">陈述已提交</p>
          <p>
            执法机关已于{formatDate(sent.receivedOn)}收到您的陈述（{sent.statusLabel}
            ）。审核通过后，陈述将显示在该决定的页面上；如被退回，执法机关会另行告知理由。
          </p>
        </div>
      ) : (
        <form className="disclosure-reply-form" onSubmit={submit} aria-label="提交陈述" noValidate>
          <div className="portal-field">
            <label htmlFor={codeId}>陈述码</label>
            <input
              id={codeId}
              value={code}
              autoComplete="off"
              spellCheck={false}
              placeholder="如 7KQ2-M8XD-4PRT"
              maxLength={20}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <div className="portal-field">
            <label htmlFor={textId}>陈述内容</label>
            <textarea id={textId} rows={8} value={text} maxLength={maxLength} onChange={(e) => setText(e.target.value)} />
            <span className="catalog-note">
              {[...text].length} / {maxLength} 字
            </span>
          </div>
          {error ? (
            <p className="portal-status portal-status-error" role="alert">
              {error}
            </p>
          ) : null}
          <div>
            <button type="submit" className="portal-button" disabled={isSubmitting}>
              {isSubmitting ? '正在提交……' : '提交陈述'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
