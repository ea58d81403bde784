/** One agency's seven lists: the version in force, its entry count and publication date. */
import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { publicCatalog } from '../../shared/endpoints';
import { formatDate } from '../../shared/format';
import { LedgerNote, LedgerSeq, LoadStatus, listPath, versionPath } from './parts';
import { useLoad } from './useLoad';
import './catalog.css';

export default function AgencyCatalogPage() {
  const { agencyId = '' } = useParams();
  const load = useCallback(() => publicCatalog.agency(agencyId), [agencyId]);
  const { data, error, isLoading, reload } = useLoad(load);

  return (
    <section aria-labelledby="agency-catalog-title" className="portal-section">
      <nav aria-label="当前位置" className="catalog-breadcrumb">
        <Link to="/ex-ante">事前公开</Link> › <span>{data?.agency.name ?? '执法机关'}</span>
      </nav>
      <h1 id="agency-catalog-title">{data ? `${data.agency.name}事前公开清单` : '事前公开清单'}</h1>
      <LoadStatus isLoading={isLoading} error={error} reload={reload} />
      {data ? (
        <>
          <p className="portal-lead">
            以下是{data.agency.name}
            现行的各类清单。清单经本机关法制审核后公布；清单更正后，原版本作为历史版本继续公开，可在各清单页面查阅。
          </p>
          <div className="catalog-table-wrap">
            <table className="catalog-table">
              <thead>
                <tr>
                  <th scope="col">清单</th>
                  <th scope="col">现行版本</th>
                  <th scope="col">条目数</th>
                  <th scope="col">公布日期</th>
                  <th scope="col">记录序号</th>
                </tr>
              </thead>
              <tbody>
                {data.lists.map((list) => (
                  <tr key={list.kind}>
                    <th scope="row">
                      {list.published ? <Link to={listPath(data.agency.id, list.kind)}>{list.kindLabel}</Link> : list.kindLabel}
                    </th>
                    <td>{list.published ? <Link to={versionPath(list.published.id)}>第{list.published.version}版</Link> : '尚未公布'}</td>
                    <td>{list.published ? `${list.published.entryCount}条` : '—'}</td>
                    <td className="catalog-nowrap">{list.published ? formatDate(list.published.publishedAt) : '—'}</td>
                    <td>{list.published ? <LedgerSeq seq={list.published.ledgerSeq} isCompact /> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LedgerNote />
        </>
      ) : null}
    </section>
  );
}
