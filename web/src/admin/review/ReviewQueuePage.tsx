/**
 * 审核队列: the submissions waiting for legal review in the cases the user may see, the nearest deadline first —
 * with why each case is major, who submitted it when, and how many working days are left of the review's time limit.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api';
import { formatDate } from '../../shared/format';
import { useAgencyOptions } from '../components/options';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { type QueueItem, reviews } from './api';
import '../cases/cases.css';
import './review.css';

function DueCell({ item }: { item: QueueItem }) {
  if (!item.dueOn) return <span>—</span>;
  return (
    <div className="review-due">
      <span className="admin-nowrap">{formatDate(item.dueOn)}</span>
      {item.extendedDays > 0 ? <Tag color="purple">已延长 {item.extendedDays} 个工作日</Tag> : null}
      {item.isOverdue ? (
        <Tag color="red">逾期</Tag>
      ) : item.workingDaysLeft === 0 ? (
        <Tag color="orange">今日到期</Tag>
      ) : item.workingDaysLeft !== null ? (
        <Tag color={item.workingDaysLeft <= 2 ? 'orange' : 'blue'}>剩余 {item.workingDaysLeft} 个工作日</Tag>
      ) : null}
    </div>
  );
}

export default function ReviewQueuePage() {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [today, setToday] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const { agencies } = useAgencyOptions();
  const showsAgency = agencies.length > 1;

  const load = useCallback(() => {
    setIsLoading(true);
    reviews
      .queue()
      .then((answer) => {
        setItems(answer.items);
        setToday(answer.today);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, []);
  useEffect(load, [load]);

  const columns: TableColumnsType<QueueItem> = [
    {
      title: '案号',
      dataIndex: 'caseNumber',
      width: 180,
      fixed: 'left',
      render: (number: string, item) => (
        <span className="review-due">
          <Link to={`/admin/review/${item.caseId}`} className="cases-number" aria-label={`审核：${number}`}>
            {number}
          </Link>
          {item.isResubmission ? <Tag color="purple">再次送审</Tag> : null}
        </span>
      ),
    },
    {
      title: '案由',
      dataIndex: 'caseTitle',
      render: (title: string) => (
        <span className="review-clamp" title={title}>
          {title}
        </span>
      ),
    },
    { title: '当事人', dataIndex: 'partyName', width: 170 },
    {
      title: '送审日期',
      dataIndex: 'submittedOn',
      width: 124,
      render: (value: string) => <span className="admin-nowrap">{formatDate(value)}</span>,
    },
    { title: '送审人', dataIndex: 'submittedBy', width: 120 },
    {
      title: '重大情形',
      dataIndex: 'majorReasons',
      width: 170,
      render: (reasons: string[]) =>
        reasons.length ? (
          <ul className="review-reasons">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : (
          <span className="cases-muted">未列入目录清单</span>
        ),
    },
    {
      title: '承办审核人员',
      dataIndex: 'assignedReviewer',
      width: 150,
      render: (name: string | null) => name ?? <span className="review-muted">未指定</span>,
    },
    { title: '审核期限', key: 'due', width: 170, render: (_: unknown, item) => <DueCell item={item} /> },
  ];
  if (showsAgency) columns.push({ title: '承办机关', dataIndex: 'agencyName', width: 190 });

  return (
    <>
      <PageHeader title="审核队列" extra={<Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" />}>
        已提交法制审核、尚未审核的案件，按审核期限排序{today ? `（截至${formatDate(today)}）` : ''}
        。法制审核机构自收到完整的送审材料之日起五个工作日内提出书面审核意见；审核人员不得审核本人参与办理的案件。
      </PageHeader>
      <ProblemAlert problem={problem} />
      <Card variant="outlined">
        <Table<QueueItem>
          rowKey="caseId"
          aria-label="审核队列"
          columns={columns}
          dataSource={items}
          loading={isLoading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: showsAgency ? 1290 : 1100 }}
          rowClassName={(item) => (item.isOverdue ? 'review-row-overdue' : '')}
          locale={{ emptyText: problem ? '无法加载' : '没有待审核的案件' }}
        />
      </Card>
    </>
  );
}
