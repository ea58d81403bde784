import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { verificationPath } from '../../shared/personnel';

/** Type a certificate number (as printed on the certificate) and open its verification page. */
export default function VerifyForm({ initial = '', label = '执法证号' }: { initial?: string; label?: string }) {
  const navigate = useNavigate();
  const inputId = useId();
  const hintId = useId();
  const [number, setNumber] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = number.replace(/\s+/g, '').toUpperCase();
    if (!trimmed) {
      setError('请输入执法证号');
      return;
    }
    setError(null);
    navigate(verificationPath(trimmed));
  };

  return (
    <form className="verify-form" onSubmit={submit} noValidate>
      <div className="portal-field">
        <label htmlFor={inputId}>{label}</label>
        <input
          id={inputId}
          type="text"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={number}
          aria-describedby={hintId}
          aria-invalid={error ? true : undefined}
          placeholder="如：640502201001"
          onChange={(event) => setNumber(event.target.value)}
        />
        <span id={hintId} className={error ? 'verify-form-error' : 'verify-form-hint'}>
          {error ?? '输入执法人员出示的执法证上的证号'}
        </span>
      </div>
      <button type="submit" className="portal-button verify-form-button">
        核验
      </button>
    </form>
  );
}
