import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type Checkpoint, fromHex, verifyCheckpoint, verifyInclusion } from '../shared/ledger-verify';

interface Result {
  isIncluded: boolean;
  index: number;
  leafHash: string;
  size: number;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}：${response.status}`);
  return response.text();
}

/** The signed checkpoint, checked in the browser, and a form that checks one record's inclusion proof. */
export default function LedgerPage() {
  const indexId = useId();
  const [keys, setKeys] = useState<string[]>([]);
  const [checkpoint, setCheckpoint] = useState<Checkpoint | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [searchParams] = useSearchParams();
  // `?index=N` (a record's page links here with its index): the check runs as soon as the checkpoint is verified.
  const linkedIndex = /^\d+$/.test(searchParams.get('index') ?? '') ? (searchParams.get('index') as string) : '';
  const [index, setIndex] = useState(linkedIndex);
  const hasCheckedLink = useRef(false);
  const [result, setResult] = useState<Result | null>(null);
  const [isChecking, setIsChecking] = useState(false);

  useEffect(() => {
    (async () => {
      const verifierKeys = (await fetchText('/api/ledger/public-key')).trim().split('\n');
      setKeys(verifierKeys);
      setCheckpoint(await verifyCheckpoint(await fetchText('/api/ledger/checkpoint'), verifierKeys));
    })().catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, []);

  const runCheck = useCallback(async (index: string, checkpoint: Checkpoint | null) => {
    if (!checkpoint) return;
    setIsChecking(true);
    setResult(null);
    setProblem(null);
    try {
      const n = Number(index);
      const response = await fetch(`/api/ledger/proof/inclusion?index=${encodeURIComponent(index)}&size=${checkpoint.size}`);
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail ? `${body.title}：${body.detail}` : body.title);
      const isIncluded = await verifyInclusion(
        n,
        checkpoint.size,
        fromHex(body.leafHash),
        (body.proof as string[]).map(fromHex),
        checkpoint.root,
      );
      setResult({ isIncluded, index: n, leafHash: body.leafHash, size: checkpoint.size });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setIsChecking(false);
    }
  }, []);

  const check = (event: FormEvent) => {
    event.preventDefault();
    void runCheck(index, checkpoint);
  };

  useEffect(() => {
    if (!checkpoint || linkedIndex === '' || hasCheckedLink.current) return;
    hasCheckedLink.current = true;
    void runCheck(linkedIndex, checkpoint);
  }, [checkpoint, linkedIndex, runCheck]);

  return (
    <section aria-labelledby="ledger-title" className="portal-section">
      <h1 id="ledger-title">记录核验</h1>
      <p className="portal-lead">
        本平台的每一项执法记录都写入不可删改的记录账本（Merkle 树，RFC
        9162），账本状态由平台的签名检查点公开承诺。以下核验全部在您的浏览器中完成，不依赖平台的说法。
      </p>
      <h2>当前签名检查点</h2>
      {checkpoint ? (
        <dl className="portal-ledger">
          <dt>签名</dt>
          <dd className="portal-ok">已在本浏览器中用平台公布的验证密钥核验通过</dd>
          <dt>来源</dt>
          <dd>{checkpoint.origin}</dd>
          <dt>记录条数</dt>
          <dd>{checkpoint.size}</dd>
          <dt>树根（base64）</dt>
          <dd className="portal-mono">{checkpoint.rootBase64}</dd>
          <dt>验证密钥</dt>
          <dd className="portal-mono">{keys[0]}</dd>
          <dt>见证方副署</dt>
          <dd>
            {checkpoint.cosigners.length > 0
              ? `${checkpoint.cosigners.join('、')}（可用各见证方公布的验证密钥核验）`
              : '尚无见证方副署（上级平台配置见证后显示）'}
          </dd>
        </dl>
      ) : problem ? null : (
        <p>正在读取并核验检查点……</p>
      )}
      <h2>核验一条记录</h2>
      <form className="portal-filters" onSubmit={check}>
        <div className="portal-field">
          <label htmlFor={indexId}>记录序号</label>
          <input
            id={indexId}
            inputMode="numeric"
            pattern="[0-9]*"
            value={index}
            onChange={(e) => setIndex(e.target.value.trim())}
            required
          />
        </div>
        <button type="submit" className="portal-button" disabled={!checkpoint || isChecking || index === ''}>
          核验
        </button>
      </form>
      {problem ? (
        <p role="alert" className="portal-error">
          {problem}
        </p>
      ) : null}
      {result ? (
        <p role="status" className={result.isIncluded ? 'portal-ok' : 'portal-error'}>
          {result.isIncluded
            ? `已核验：第 ${result.index} 条记录（叶哈希 ${result.leafHash.slice(0, 16)}…）包含在共 ${result.size} 条记录的已签名账本中。`
            : `核验未通过：第 ${result.index} 条记录的包含证明与签名树根不符。`}
        </p>
      ) : null}
    </section>
  );
}
