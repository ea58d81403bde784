/** 待办期限: statutory clocks due within 15 days or overdue, across the cases the user may see, soonest first. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api';
import { formatDate } from '../../shared/format';
import { useAgencyOptions } from '../components/options';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { cases, type DueItem } from './api';
import './cases.css';

export default function DuePage() {
  const [items, setItems] = useState<DueItem[]>([]);
  const [today, setToday] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const { agencies } = useAgencyOptions();
  const showsAgency = agencies.length > 1;

  const load = useCallback(() => {
    setIsLoading(true);
    cases
      .due()
      .then((answer) => {
        setItems(answer.items);
        setToday(answer.today);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, []);
  useEffect(load, [load]);

  const columns: TableColumnsType<DueItem> = [
    {
      title: '到期日',
      dataIndex: 'dueOn',
      width: 130,
      render: (value: string) => <span className="admin-nowrap">{formatDate(value)}</span>,
    },
    {
      title: '期限',
      key: 'label',
      width: 240,
      render: (_: unknown, item) => (
        <>
          <div>{item.label}</div>
          <Typography.Text type="secondary" className="cases-clock-duty">
            {item.duty}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '案件',
      key: 'case',
      width: 300,
      render: (_: unknown, item) => (
        <>
          <Link to={`/admin/cases/${item.caseId}`} className="cases-number">
            {item.caseNumber}
          </Link>
          <div className="cases-muted">
            {item.caseTitle}（{item.statusLabel}）
          </div>
        </>
      ),
    },
    { title: '依据', dataIndex: 'basis', width: 190 },
    {
      title: '剩余工作日',
      key: 'left',
      width: 130,
      render: (_: unknown, item) =>
        item.isOverdue ? (
          <Tag color="red">已逾期</Tag>
        ) : (
          <Tag color={item.workingDaysLeft <= 3 ? 'orange' : 'blue'}>
            {item.workingDaysLeft === 0 ? '今日到期' : `${item.workingDaysLeft} 个工作日`}
          </Tag>
        ),
    },
  ];
  if (showsAgency) columns.push({ title: '承办机关', dataIndex: 'agencyName', width: 190 });

  return (
    <>
      <PageHeader title="待办期限" extra={<Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" />}>
        15日内到期和已经逾期的法定期限{today ? `（截至${formatDate(today)}）` : ''}。逾期未办结的期限将报执法监督机构。
      </PageHeader>
      <ProblemAlert problem={problem} />
      <Card variant="outlined">
        <Table<DueItem>
          rowKey={(item) => `${item.caseId}-${item.clockKey}-${item.dueOn}`}
          aria-label="待办期限"
          columns={columns}
          dataSource={items}
          loading={isLoading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: showsAgency ? 1180 : 990 }}
          rowClassName={(item) => (item.isOverdue ? 'cases-row-overdue' : '')}
          locale={{ emptyText: '没有即将到期或逾期的法定期限' }}
        />
      </Card>
    </>
  );
}
