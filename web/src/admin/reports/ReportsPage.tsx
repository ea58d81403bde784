/**
 * 统计年报 (staff): the annual reports of what the user may see, by year — drafts with their 31 January deadline and
 * published ones. The agency head drafts the agency's report; the justice bureau drafts the government's. In January
 * the server drafts every missing report of the previous year by itself.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { describeError } from '../../api';
import { formatDate, todayInChina } from '../../shared/format';
import { type Report, reportsApi } from '../../shared/reports';
import { hasRole, useAuth } from '../auth/AuthContext';
import { useAgencyOptions } from '../components/options';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';

/** The year in China now; the latest year a report can be made for is the one before. */
const currentYear = Number(todayInChina().slice(0, 4));
const yearOptions = Array.from({ length: 6 }, (_, i) => currentYear - 1 - i).map((year) => ({ value: year, label: `${year}年度` }));

export default function ReportsPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [year, setYear] = useState(currentYear - 1);
  const [items, setItems] = useState<Report[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [isDrafting, setIsDrafting] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  const load = useCallback(() => {
    setIsLoading(true);
    reportsApi
      .list({ year })
      .then((answer) => {
        setItems(answer.items);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, [year]);
  useEffect(load, [load]);

  // What this user drafts: the head their agency's report; the justice bureau (supervisor) its own government's.
  const { agencies } = useAgencyOptions();
  const governmentId = agencies.find((a) => a.id === user?.agency?.id)?.governmentId;
  const own =
    user?.agency && hasRole(user, 'agency_head')
      ? { scopeKind: 'agency' as const, scopeId: user.agency.id }
      : governmentId && hasRole(user, 'supervisor')
        ? { scopeKind: 'government' as const, scopeId: governmentId }
        : null;
  const draft = async () => {
    if (!own) return;
    setIsDrafting(true);
    try {
      const report = await reportsApi.draft({ ...own, year });
      navigate(`/admin/reports/${report.id}`);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setIsDrafting(false);
    }
  };

  const columns: TableColumnsType<Report> = [
    { title: '年报', dataIndex: 'title', render: (title: string, report) => <Link to={`/admin/reports/${report.id}`}>{title}</Link> },
    { title: '范围', dataIndex: 'scopeKind', width: 110, render: (kind: string) => (kind === 'agency' ? '执法机关' : '人民政府') },
    {
      title: '状态',
      key: 'status',
      width: 190,
      render: (_: unknown, report) => (
        <Space size={4} wrap>
          <Tag color={report.status === 'published' ? 'green' : 'blue'}>{report.statusLabel}</Tag>
          {report.isOverdue ? <Tag color="red">{report.status === 'draft' ? '已逾期' : '逾期公开'}</Tag> : null}
        </Space>
      ),
    },
    { title: '公开期限', dataIndex: 'dueOn', width: 150, render: (d: string) => formatDate(d) },
    { title: '公开日期', dataIndex: 'publishedOn', width: 150, render: (d: string | null) => formatDate(d) },
  ];

  return (
    <>
      <PageHeader
        title="统计年报"
        extra={
          <Space>
            <Select aria-label="统计年度" value={year} onChange={setYear} options={yearOptions} className="admin-filter-select" />
            {own ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={draft} loading={isDrafting}>
                起草{year}年度年报
              </Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" />
          </Space>
        }
      >
        于每年1月31日前公开本机关上年度行政执法总体情况有关数据，并报本级政府和上级主管部门（行政执法三项制度任务清单第（15）项）。每年1月系统自动按上年度记录起草各机关和政府的年报；负责人编写文字说明，由另一名负责人审核后公开。
      </PageHeader>
      <ProblemAlert problem={problem} />
      <Card variant="outlined">
        <Table<Report>
          rowKey="id"
          aria-label="统计年报"
          columns={columns}
          dataSource={items}
          loading={isLoading}
          pagination={false}
          scroll={{ x: 820 }}
          locale={{ emptyText: problem ? '无法加载' : '该年度尚无年报' }}
        />
      </Card>
    </>
  );
}
