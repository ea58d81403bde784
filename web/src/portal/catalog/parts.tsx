/** Pieces the portal's catalog pages share: an entry's fields, the entries of a version, paging, ledger links. */
import { type FormEvent, type ReactNode, useCallback, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  actionTypeLabel,
  actionTypes,
  citeLegalBases,
  citeLegalBasis,
  type FieldSpec,
  fieldsOf,
  formatFieldValue,
  gradeFields,
  hasActionType,
  hasLegalBases,
} from '../../shared/catalog';
import { publicCatalog } from '../../shared/endpoints';
import type { ActionType, CatalogEntry, CatalogKind, LegalBasis } from '../../shared/types';
import { useLoad } from './useLoad';

export const ENTRY_PAGE_SIZE = 20;

export function entryPath(versionId: string, code: string): string {
  return `/ex-ante/versions/${encodeURIComponent(versionId)}/entries/${encodeURIComponent(code)}`;
}

export function versionPath(versionId: string): string {
  return `/ex-ante/versions/${encodeURIComponent(versionId)}`;
}

export function listPath(agencyId: string, kind: CatalogKind): string {
  return `/agencies/${encodeURIComponent(agencyId)}/catalog/${kind}`;
}

export function agencyCatalogPath(agencyId: string): string {
  return `/agencies/${encodeURIComponent(agencyId)}/catalog`;
}

/** Loading and error lines of one request, announced to screen readers. */
export function LoadStatus({ isLoading, error, reload }: { isLoading: boolean; error: string | null; reload?: () => void }) {
  if (error) {
    return (
      <div className="portal-status portal-status-error" role="alert">
        <p>{error}</p>
        {reload ? (
          <button type="button" className="portal-button" onClick={reload}>
            重新加载
          </button>
        ) : null}
      </div>
    );
  }
  return isLoading ? (
    <p className="portal-status" role="status">
      正在加载……
    </p>
  ) : null;
}

/** The ledger event that published a version: its index, checked on the 记录核验 page. */
export function LedgerSeq({ seq, isCompact = false }: { seq: number | null; isCompact?: boolean }) {
  if (seq === null) return <>—</>;
  if (isCompact) return <span className="catalog-code">{seq}</span>;
  return (
    <>
      记录序号 <strong>{seq}</strong>（<Link to={`/ledger?index=${seq}`}>在记录核验栏目核验</Link>）
    </>
  );
}

function legalBasesView(bases: LegalBasis[]): ReactNode {
  return (
    <ol className="catalog-bases">
      {bases.map((basis) => (
        <li key={citeLegalBasis(basis)}>
          <span className="catalog-cite">{citeLegalBasis(basis)}</span>
          {basis.text ? <p className="catalog-basis-text">{basis.text}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function gradesView(grades: Record<string, unknown>[], headingLevel: 3 | 4): ReactNode {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return grades.map((grade) => (
    <section key={String(grade.code)} className="catalog-grade">
      <Heading className="catalog-grade-title">{`${String(grade.label ?? '')}（${String(grade.code ?? '')}）`}</Heading>
      <dl className="catalog-fields">
        {gradeFields
          .filter((field) => field.key !== 'code' && field.key !== 'label')
          .map((field) => (
            <div key={field.key}>
              <dt>{field.label}</dt>
              <dd>{formatFieldValue(field, grade[field.key]) || '—'}</dd>
            </div>
          ))}
      </dl>
    </section>
  ));
}

function fieldView(field: FieldSpec, value: unknown, gradeHeading: 3 | 4): ReactNode {
  if (field.type === 'legalBases' && Array.isArray(value) && value.length > 0) return legalBasesView(value as LegalBasis[]);
  if (field.type === 'grades' && Array.isArray(value) && value.length > 0)
    return gradesView(value as Record<string, unknown>[], gradeHeading);
  if (field.type === 'textList' && Array.isArray(value) && value.length > 0) {
    return (
      <ol className="catalog-text-list">
        {value.map((item) => (
          <li key={String(item)}>{String(item)}</li>
        ))}
      </ol>
    );
  }
  return formatFieldValue(field, value) || '—';
}

/** Every field of an entry with its Chinese name, in the list's order. */
export function EntryFields({ kind, entry, gradeHeading = 3 }: { kind: CatalogKind; entry: CatalogEntry; gradeHeading?: 3 | 4 }) {
  return (
    <dl className="catalog-fields catalog-entry-fields">
      {fieldsOf(kind).map((field) => (
        <div key={field.key}>
          <dt>{field.label}</dt>
          <dd>{fieldView(field, entry[field.key], gradeHeading)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Under a table with a 记录序号 column: what the number is and where to check it. */
export function LedgerNote() {
  return (
    <p className="catalog-note">
      记录序号是该版本经审核公布时写入全过程记录账本的序号，可在<Link to="/ledger">记录核验</Link>
      栏目输入该序号，在您的浏览器中核验这条公布记录确已写入不可篡改的账本。
    </p>
  );
}

export function Pager({
  page,
  pageSize,
  total,
  label,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  label: string;
  onChange: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="catalog-pager" aria-label={label}>
      <button type="button" className="portal-button" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        上一页
      </button>
      <span>
        第 {page} / {pages} 页
      </span>
      <button type="button" className="portal-button" disabled={page >= pages} onClick={() => onChange(page + 1)}>
        下一页
      </button>
    </nav>
  );
}

/** A version's entries: searchable by words and action type, paged, each linking to its full text. */
export function VersionEntries({ versionId, kind, title }: { versionId: string; kind: CatalogKind; title: string }) {
  const searchId = useId();
  const actionId = useId();
  const headingId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState<{ q?: string; actionType?: ActionType; page: number }>({ page: 1 });
  const load = useCallback(() => publicCatalog.version(versionId, { ...query, pageSize: ENTRY_PAGE_SIZE }), [versionId, query]);
  const { data, error, isLoading, reload } = useLoad(load);
  const entries = data?.entries;
  const withAction = hasActionType(kind);
  const withBases = hasLegalBases(kind);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery((current) => ({ ...current, q: text.trim() || undefined, page: 1 }));
  };

  return (
    <section aria-labelledby={headingId} className="catalog-block">
      <h2 id={headingId}>{title}</h2>
      <search className="portal-filters catalog-filters" aria-label="检索本清单条目">
        <form onSubmit={search}>
          <div className="portal-field">
            <label htmlFor={searchId}>关键词</label>
            <input
              id={searchId}
              type="search"
              value={text}
              placeholder="事项名称、编码、法律依据等"
              onChange={(event) => setText(event.target.value)}
            />
          </div>
          {withAction ? (
            <div className="portal-field">
              <label htmlFor={actionId}>行为类别</label>
              <select
                id={actionId}
                value={query.actionType ?? ''}
                onChange={(event) =>
                  setQuery((current) => ({ ...current, actionType: (event.target.value || undefined) as ActionType | undefined, page: 1 }))
                }
              >
                <option value="">全部类别</option>
                {Object.entries(actionTypes).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <button type="submit" className="portal-button catalog-search-button">
            检索
          </button>
        </form>
      </search>
      <LoadStatus isLoading={isLoading && !entries} error={error} reload={reload} />
      {entries ? (
        <p className="portal-count" role="status" aria-live="polite">
          {query.q || query.actionType ? `共找到${entries.total}条` : `共${entries.total}条`}
        </p>
      ) : null}
      {entries && entries.items.length > 0 ? (
        <div className="catalog-table-wrap">
          <table className="catalog-table">
            <thead>
              <tr>
                <th scope="col">编码</th>
                <th scope="col">名称</th>
                {withAction ? <th scope="col">行为类别</th> : null}
                {withBases ? <th scope="col">法律依据</th> : null}
              </tr>
            </thead>
            <tbody>
              {entries.items.map((entry) => (
                <tr key={entry.code}>
                  <td className="catalog-code">{entry.code}</td>
                  <td>
                    <Link to={entryPath(versionId, entry.code)}>{entry.name}</Link>
                  </td>
                  {withAction ? <td className="catalog-nowrap">{actionTypeLabel(entry.actionType) || '—'}</td> : null}
                  {withBases ? <td>{citeLegalBases(entry.legalBases) || '—'}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {entries && entries.items.length === 0 ? <p>没有找到符合条件的条目。</p> : null}
      {entries ? (
        <Pager
          page={query.page}
          pageSize={ENTRY_PAGE_SIZE}
          total={entries.total}
          label="条目分页"
          onChange={(page) => setQuery((current) => ({ ...current, page }))}
        />
      ) : null}
    </section>
  );
}
