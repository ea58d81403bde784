import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api';
import { formatRatio, minRatioLabel, type ReviewerRatio, reviewerRatios } from '../../shared/personnel';
import { hasRole, useAuth } from '../auth/AuthContext';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import './personnel.css';

/** 法制审核人员配备: legal reviewers against enforcement officers per agency; below 5% is flagged in red. */
export default function ReviewerRatiosPage() {
  const { user } = useAuth();
  const seesAll = hasRole(user, 'supervisor', 'administrator', 'auditor');
  const [items, setItems] = useState<ReviewerRatio[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  const load = useCallback(() => {
    setIsLoading(true);
    reviewerRatios
      .get()
      .then((answer) => {
        setItems(answer.items);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, []);

  useEffect(load, [load]);

  const below = items.filter((item) => item.isBelowMinimum);
  const withoutOfficers = items.filter((item) => item.ratio === null).length;

  const columns: TableColumnsType<ReviewerRatio> = [
    { title: '执法机关', dataIndex: 'agencyName' },
    {
      title: '执法人员数',
      dataIndex: 'officerCount',
      width: 120,
      align: 'right',
      sorter: (a, b) => a.officerCount - b.officerCount,
    },
    { title: '辅助人员数', dataIndex: 'auxiliaryCount', width: 120, align: 'right' },
    {
      title: '法制审核人员数',
      dataIndex: 'reviewerCount',
      width: 156,
      align: 'right',
      sorter: (a, b) => a.reviewerCount - b.reviewerCount,
    },
    {
      title: '占比',
      dataIndex: 'ratio',
      width: 100,
      align: 'right',
      sorter: (a, b) => (a.ratio ?? Number.POSITIVE_INFINITY) - (b.ratio ?? Number.POSITIVE_INFINITY),
      render: (ratio: number | null, item) => (
        <span className={item.isBelowMinimum ? 'personnel-ratio-value-below' : undefined}>{formatRatio(ratio)}</span>
      ),
    },
    {
      title: '配备情况',
      key: 'flag',
      width: 130,
      render: (_: unknown, item) =>
        item.isBelowMinimum ? (
          <Tag color="#a8071a" variant="solid">
            低于{minRatioLabel}
          </Tag>
        ) : item.ratio === null ? (
          <span>无执法人员</span>
        ) : (
          <Tag color="green">达标</Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader title="法制审核人员配备" extra={<Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" />}>
        法制审核人员原则上不少于本单位执法人员总数的{minRatioLabel}
        。执法人员为名册中在执法岗位的执法人员（不含辅助人员），法制审核人员为具有法制审核人员角色的在用账号。
        {seesAll ? '' : '您可以查看本机关的配备情况。'}
      </PageHeader>
      <ProblemAlert problem={problem} />
      {!isLoading && !problem && items.length > 0 ? (
        below.length > 0 ? (
          <Alert
            type="error"
            showIcon
            role="status"
            className="admin-problem"
            title={`${below.length} 个执法机关低于${minRatioLabel}`}
            description={`${below.map((item) => item.agencyName).join('、')}：法制审核人员不足，请配齐配强。`}
          />
        ) : (
          <Alert
            type="success"
            showIcon
            role="status"
            className="admin-problem"
            title={`${items.length} 个执法机关均不低于${minRatioLabel}`}
            description={withoutOfficers > 0 ? `其中 ${withoutOfficers} 个执法机关尚未登记执法人员。` : undefined}
          />
        )
      ) : null}
      <Card variant="outlined">
        <Table<ReviewerRatio>
          rowKey="agencyId"
          aria-label="法制审核人员配备"
          columns={columns}
          dataSource={items}
          loading={isLoading}
          pagination={false}
          scroll={{ x: 760 }}
          rowClassName={(item) => (item.isBelowMinimum ? 'personnel-ratio-below' : '')}
          locale={{ emptyText: problem ? '无法加载' : '没有执法机关' }}
        />
      </Card>
    </>
  );
}
