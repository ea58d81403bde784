/**
 * One published annual report on the portal: its charts, every figure by section, the written account, downloads
 * (PDF, Excel), and the ledger record of its publication with the figures' digest, so anyone can check it was not
 * changed after it was published.
 */
import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../shared/format';
import ReportCharts from '../../shared/ReportCharts';
import ReportFigures from '../../shared/ReportFigures';
import { reportsApi } from '../../shared/reports';
import '../../shared/reports.css';
import { LoadStatus } from '../catalog/parts';
import { useLoad } from '../catalog/useLoad';

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter(Boolean)
        .map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed text
          <p key={index}>{line}</p>
        ))}
    </>
  );
}

export default function ReportPage() {
  const { id = '' } = useParams();
  const load = useCallback(() => reportsApi.publishedOne(id), [id]);
  const { data: report, error, isLoading, reload } = useLoad(load);
  return (
    <section aria-labelledby="report-title" className="portal-section">
      <nav aria-label="当前位置" className="catalog-breadcrumb">
        <Link to="/reports">统计年报</Link>
        {' › '}
        <span>{report?.year ? `${report.year}年度` : '年报'}</span>
      </nav>
      <h1 id="report-title">{report?.title ?? '行政执法统计年报'}</h1>
      <LoadStatus isLoading={isLoading} error={error} reload={reload} />
      {report ? (
        <>
          <p>
            统计期间：{report.year}年1月1日至{report.year}年12月31日；数据截至{formatDate(report.figuresAsOf)}；
            {report.publishedOn ? `${formatDate(report.publishedOn)}公开` : ''}
            {report.isOverdue ? '（晚于1月31日公开）' : ''}。
          </p>
          <p className="report-downloads">
            <a className="portal-button" href={reportsApi.pdfUrl(report.id)} download>
              下载 PDF
            </a>{' '}
            <a className="portal-button" href={reportsApi.xlsxUrl(report.id)} download>
              下载 Excel
            </a>
          </p>
          <ReportCharts charts={report.charts} />
          {report.narrative.overview || report.narrative.problems || report.narrative.plans ? (
            <section aria-labelledby="report-narrative" className="report-narrative">
              <h2 id="report-narrative">文字说明</h2>
              {report.narrative.overview ? (
                <>
                  <h3>总体情况</h3>
                  <Paragraphs text={report.narrative.overview} />
                </>
              ) : null}
              {report.narrative.problems ? (
                <>
                  <h3>存在的问题</h3>
                  <Paragraphs text={report.narrative.problems} />
                </>
              ) : null}
              {report.narrative.plans ? (
                <>
                  <h3>下一步工作</h3>
                  <Paragraphs text={report.narrative.plans} />
                </>
              ) : null}
            </section>
          ) : null}
          <h2>统计数据</h2>
          <ReportFigures report={report} headingLevel={3} />
          <section aria-labelledby="report-check">
            <h2 id="report-check">核验</h2>
            <p>
              全部数据及其统计来源的摘要（SHA-256）：<span className="report-digest">{report.figuresDigest}</span>
            </p>
            {report.ledgerSeq !== null && report.ledgerSeq !== undefined ? (
              <p>
                公开记录：<Link to={`/ledger?index=${report.ledgerSeq}`}>账本第 {report.ledgerSeq} 条</Link>
                （可在浏览器中核验该记录已写入签名的账本，且未被删改）。
              </p>
            ) : null}
          </section>
        </>
      ) : null}
    </section>
  );
}
