import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../../api';
import { formatDate } from '../../shared/format';
import {
  categoryOptions,
  describeCertificateStatus,
  type PublicCertificate,
  publicPersonnel,
  verificationPath,
} from '../../shared/personnel';
import type { AgencyKind, Page } from '../../shared/types';
import { usePortalData } from '../usePortalData';
import './personnel.css';

const PAGE_SIZE = 20;

interface Query {
  agencyId: string;
  category: AgencyKind | '';
  q: string;
  page: number;
}

/** 执法人员名单: every certificate of the platform's agencies, with today's status, each linking to its check. */
export default function OfficersPage() {
  const { data } = usePortalData();
  const agencyId = useId();
  const categoryId = useId();
  const searchId = useId();
  const [draft, setDraft] = useState('');
  const [searchParams] = useSearchParams();
  // An agency's card links here with `?agencyId=`.
  const [query, setQuery] = useState<Query>({ agencyId: searchParams.get('agencyId') ?? '', category: '', q: '', page: 1 });
  const [result, setResult] = useState<Page<PublicCertificate> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    publicPersonnel
      .officers({
        agencyId: query.agencyId || undefined,
        category: query.category || undefined,
        q: query.q || undefined,
        page: query.page,
        pageSize: PAGE_SIZE,
      })
      .then((answer) => {
        if (!isCurrent) return;
        setResult(answer);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!isCurrent) return;
        const { title, detail } = describeError(err);
        setError(detail ? `${title}：${detail}` : title);
      })
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [query]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery((current) => ({ ...current, q: draft.trim(), page: 1 }));
  };

  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  const isFiltered = !!(query.agencyId || query.category || query.q);

  return (
    <section aria-labelledby="officers-title" className="portal-section">
      <h1 id="officers-title">执法人员名单</h1>
      <p className="portal-lead">
        以下是本平台各行政执法主体持有行政执法证的执法人员，公开其姓名、执法机关、执法证号、执法门类、执法区域和证件状态。点击执法证号可查看核验结果。
      </p>
      <search className="portal-filters" aria-label="查询执法人员">
        <form onSubmit={search}>
          <div className="portal-field">
            <label htmlFor={agencyId}>执法机关</label>
            <select
              id={agencyId}
              value={query.agencyId}
              onChange={(event) => setQuery((current) => ({ ...current, agencyId: event.target.value, page: 1 }))}
            >
              <option value="">全部执法机关</option>
              {(data?.agencies ?? []).map((agency) => (
                <option key={agency.id} value={agency.id}>
                  {agency.name}
                </option>
              ))}
            </select>
          </div>
          <div className="portal-field">
            <label htmlFor={categoryId}>执法门类</label>
            <select
              id={categoryId}
              value={query.category}
              onChange={(event) => setQuery((current) => ({ ...current, category: event.target.value as AgencyKind | '', page: 1 }))}
            >
              <option value="">全部门类</option>
              {categoryOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="portal-field">
            <label htmlFor={searchId}>姓名或执法证号</label>
            <input
              id={searchId}
              type="search"
              value={draft}
              placeholder="输入姓名或执法证号"
              onChange={(event) => setDraft(event.target.value)}
            />
          </div>
          <button type="submit" className="portal-button officers-search-button">
            查询
          </button>
        </form>
      </search>
      {error ? (
        <p className="portal-status portal-status-error" role="alert">
          执法人员名单暂时无法加载（{error}）。
        </p>
      ) : null}
      <p className="portal-count" role="status" aria-live="polite">
        {isLoading ? '正在加载…' : result ? `共${result.total}条执法证信息${isFiltered ? '（已筛选）' : ''}` : ''}
      </p>
      {result && result.items.length === 0 && !isLoading ? <p>没有找到符合条件的执法人员。</p> : null}
      {result && result.items.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="officers-table-wrap" tabIndex={0} aria-label="执法人员名单（可左右滚动）">
          <table className="officers-table">
            <thead>
              <tr>
                <th scope="col">姓名</th>
                <th scope="col">执法机关</th>
                <th scope="col">执法证号</th>
                <th scope="col">执法门类</th>
                <th scope="col">执法区域</th>
                <th scope="col">证件状态</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => {
                const status = describeCertificateStatus(item);
                return (
                  <tr key={item.number}>
                    <td className="officers-name">{item.officerName}</td>
                    <td>{item.agencyName}</td>
                    <td>
                      <Link
                        to={verificationPath(item.number)}
                        className="portal-mono"
                        aria-label={`核验执法证 ${item.number}（${item.officerName}）`}
                      >
                        {item.number}
                      </Link>
                    </td>
                    <td>{item.categoryLabels.join('、')}</td>
                    <td>{item.regionName}</td>
                    <td className={status.tone === 'valid' ? 'portal-ok' : 'portal-error'}>
                      {status.label}
                      {status.tone === 'valid' ? <span className="officers-until">至{formatDate(item.expiresOn)}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}
      {result && pages > 1 ? (
        <nav className="officers-pager" aria-label="分页">
          <button
            type="button"
            className="portal-button"
            disabled={query.page <= 1}
            onClick={() => setQuery((current) => ({ ...current, page: current.page - 1 }))}
          >
            上一页
          </button>
          <span>
            第{query.page}页，共{pages}页
          </span>
          <button
            type="button"
            className="portal-button"
            disabled={query.page >= pages}
            onClick={() => setQuery((current) => ({ ...current, page: current.page + 1 }))}
          >
            下一页
          </button>
        </nav>
      ) : null}
    </section>
  );
}
