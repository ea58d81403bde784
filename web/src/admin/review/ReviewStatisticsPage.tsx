/**
 * 审核统计: per agency and year, how legal review went — submissions, reviews and their outcomes, the pass rate, the
 * working days a review took, reviews past their time limit, the reviewers against the officers (at least 5%) and
 * the reviewers' training. For supervisors (every agency of their government) and heads (their own agency).
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api';
import { todayInChina } from '../../shared/format';
import { formatRatio, minRatioLabel } from '../../shared/personnel';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { type AgencyReviewStatistics, reviews } from './api';
import '../cases/cases.css';
import './review.css';

/** The year in China now (the server counts its years there too). */
const currentYear = Number(todayInChina().slice(0, 4));
const yearOptions = Array.from({ length: 6 }, (_, i) => currentYear - i).map((year) => ({ value: year, label: `${year}年` }));

/** 0.5 → 50%; 2/3 → 66.7%. */
function formatRate(rate: number | null): string {
  return rate === null ? '—' : formatRatio(rate);
}

function sum(items: AgencyReviewStatistics[], pick: (item: AgencyReviewStatistics) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

export default function ReviewStatisticsPage() {
  const [year, setYear] = useState(currentYear);
  const [items, setItems] = useState<AgencyReviewStatistics[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  const load = useCallback(() => {
    setIsLoading(true);
    reviews
      .statistics(year)
      .then((answer) => {
        setItems(answer.items);
        setProblem(null);
      })
      .catch((error: unknown) => {
        setItems([]);
        setProblem(describeError(error));
      })
      .finally(() => setIsLoading(false));
  }, [year]);
  useEffect(load, [load]);

  const overdue = items.filter((item) => item.overdueReviews > 0);
  const understaffed = items.filter((item) => item.reviewerRatio?.isBelowMinimum);

  const columns: TableColumnsType<AgencyReviewStatistics> = [
    { title: '执法机关', dataIndex: 'agencyName', fixed: 'left' },
    { title: '送审', dataIndex: 'submissions', width: 66, align: 'right' },
    { title: '审核', dataIndex: 'reviews', width: 66, align: 'right' },
    { title: '通过', dataIndex: 'passed', width: 66, align: 'right' },
    { title: '退回', dataIndex: 'returned', width: 66, align: 'right' },
    { title: '建议移送', dataIndex: 'transferRecommended', width: 72, align: 'right' },
    {
      title: '通过率',
      dataIndex: 'passRate',
      width: 90,
      align: 'right',
      sorter: (a, b) => (a.passRate ?? -1) - (b.passRate ?? -1),
      render: (rate: number | null) => formatRate(rate),
    },
    { title: '提出异议', dataIndex: 'disputes', width: 72, align: 'right' },
    { title: '集体讨论', dataIndex: 'deliberations', width: 72, align: 'right' },
    { title: '延长期限', dataIndex: 'extensions', width: 72, align: 'right' },
    {
      title: '平均用时（工作日）',
      dataIndex: 'averageWorkingDays',
      width: 90,
      align: 'right',
      render: (days: number | null) => (days === null ? '—' : String(days)),
    },
    {
      title: '逾期审核',
      dataIndex: 'overdueReviews',
      width: 98,
      align: 'right',
      sorter: (a, b) => a.overdueReviews - b.overdueReviews,
      render: (count: number) =>
        count > 0 ? (
          <Tag color="red" className="review-overdue-count">
            {count} 件逾期
          </Tag>
        ) : (
          0
        ),
    },
    {
      title: '审核人员/执法人员',
      key: 'ratio',
      width: 150,
      render: (_: unknown, item) => {
        const ratio = item.reviewerRatio;
        if (!ratio) return '—';
        return (
          <span className="review-due">
            <span className={ratio.isBelowMinimum ? 'review-ratio-below' : undefined}>
              {ratio.reviewerCount}/{ratio.officerCount}（{formatRatio(ratio.ratio)}）
            </span>
            {ratio.isBelowMinimum ? (
              <Tag color="#a8071a" variant="solid">
                低于{minRatioLabel}
              </Tag>
            ) : null}
            <span className="review-muted">
              具备法律职业资格 {ratio.qualifiedReviewerCount}/{ratio.reviewerCount}
            </span>
          </span>
        );
      },
    },
    {
      title: '审核培训学时',
      dataIndex: 'reviewerTrainingHours',
      width: 72,
      align: 'right',
      render: (hours: number) => `${hours}`,
    },
  ];

  return (
    <>
      <PageHeader
        title="审核统计"
        extra={
          <Space>
            <Select aria-label="统计年度" value={year} onChange={setYear} options={yearOptions} className="admin-filter-select" />
            <Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" />
          </Space>
        }
      >
        各执法机关{year}
        年重大执法决定法制审核情况：送审与审核件数、审核结论、通过率、平均用时（自送审之日至审核之日的工作日）、逾期审核，以及法制审核人员配备（不少于执法人员的
        {minRatioLabel}）和审核人员培训学时。
      </PageHeader>
      <ProblemAlert problem={problem} />
      {!isLoading && !problem && (overdue.length > 0 || understaffed.length > 0) ? (
        <Alert
          type="warning"
          showIcon
          role="status"
          className="admin-problem"
          title="需要关注"
          description={
            <ul className="admin-problem-list">
              {overdue.length > 0 ? (
                <li>逾期审核：{overdue.map((item) => `${item.agencyName}（${item.overdueReviews} 件）`).join('、')}</li>
              ) : null}
              {understaffed.length > 0 ? (
                <li>
                  法制审核人员低于{minRatioLabel}：{understaffed.map((item) => item.agencyName).join('、')}
                </li>
              ) : null}
            </ul>
          }
        />
      ) : null}
      <Card variant="outlined">
        <Table<AgencyReviewStatistics>
          rowKey="agencyId"
          aria-label="审核统计"
          columns={columns}
          dataSource={items}
          loading={isLoading}
          pagination={false}
          scroll={{ x: 1040 }}
          rowClassName={(item) => (item.overdueReviews > 0 ? 'review-row-overdue' : '')}
          locale={{ emptyText: problem ? '无法加载' : '没有执法机关' }}
          summary={(rows) =>
            rows.length > 1 ? (
              <Table.Summary.Row className="review-summary">
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {sum([...rows], (r) => r.submissions)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {sum([...rows], (r) => r.reviews)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {sum([...rows], (r) => r.passed)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {sum([...rows], (r) => r.returned)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {sum([...rows], (r) => r.transferRecommended)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {(() => {
                    const reviewed = sum([...rows], (r) => r.reviews);
                    return formatRate(reviewed ? sum([...rows], (r) => r.passed) / reviewed : null);
                  })()}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  {sum([...rows], (r) => r.deliberations)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} />
                <Table.Summary.Cell index={9} align="right">
                  {sum([...rows], (r) => r.overdueReviews)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={10} />
                <Table.Summary.Cell index={11} align="right">
                  {sum([...rows], (r) => r.reviewerTrainingHours)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
