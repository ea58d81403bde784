/**
 * 统计年报 on the portal: every published annual enforcement statistics report (task list item 15: each agency
 * publishes the previous year's figures by 31 January), newest year first.
 */
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { formatDate } from '../../shared/format';
import { reportsApi } from '../../shared/reports';
import { LoadStatus } from '../catalog/parts';
import { useLoad } from '../catalog/useLoad';

export default function ReportsPage() {
  const load = useCallback(() => reportsApi.published(), []);
  const { data, error, isLoading, reload } = useLoad(load);
  const years = [...new Set((data?.items ?? []).map((r) => r.year))];
  return (
    <section aria-labelledby="reports-title" className="portal-section">
      <h1 id="reports-title">行政执法统计年报</h1>
      <p>
        各执法机关和人民政府于每年1月31日前公开上年度行政执法总体情况有关数据（行政执法三项制度任务清单第（15）项）。年报公开后数据冻结，并记入防篡改账本。
      </p>
      <LoadStatus isLoading={isLoading} error={error} reload={reload} />
      {data && data.items.length === 0 ? <p className="portal-status">尚无已公开的统计年报。</p> : null}
      {years.map((year) => (
        <section key={year} aria-labelledby={`reports-${year}`}>
          <h2 id={`reports-${year}`}>{year}年度</h2>
          <ul className="portal-list">
            {(data?.items ?? [])
              .filter((r) => r.year === year)
              .map((report) => (
                <li key={report.id}>
                  <Link to={`/reports/${report.id}`}>{report.title}</Link>
                  <span className="report-note">
                    {' '}
                    {report.publishedOn ? `${formatDate(report.publishedOn)}公开` : ''}
                    {report.isOverdue ? '（逾期公开）' : ''}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
