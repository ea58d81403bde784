import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Skeleton,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api';
import { formatDate, formatDateTime } from '../../shared/format';
import PageHeader from '../components/PageHeader';
import { type ExchangeStatus, exchange, type LowerPlatform, type OutboxItem } from './api';

const kindLabels: Record<string, string> = {
  'publication.published': '公开',
  'publication.changed': '变更',
  'publication.withdrawn': '撤下',
  'publication.ended': '期满撤出',
  'publication.upheld': '维持原决定',
  'publication.statement_published': '当事人陈述',
};

const statusTags: Record<OutboxItem['status'], { color: string; label: string }> = {
  delivered: { color: 'green', label: '已送达' },
  pending: { color: 'blue', label: '待推送' },
  failing: { color: 'red', label: '推送失败' },
};

/** 数据交换: what this platform pushes to its higher-level platform, and the lower-level platforms it accepts. */
export default function ExchangePage() {
  const [status, setStatus] = useState<ExchangeStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);
    setIsLoading(true);
    try {
      setStatus(await exchange.status());
    } catch (error) {
      const { title, detail } = describeError(error);
      setLoadError(detail ? `${title}：${detail}` : title);
    } finally {
      setIsLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const itemColumns: TableColumnsType<OutboxItem> = [
    { title: '序号', dataIndex: 'seq', width: 80, align: 'right' },
    { title: '种类', dataIndex: 'kind', width: 80, render: (kind: string) => kindLabels[kind] ?? kind },
    { title: '对象', dataIndex: 'key', ellipsis: true },
    { title: '产生时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_: unknown, item) => <Tag color={statusTags[item.status].color}>{statusTags[item.status].label}</Tag>,
    },
    {
      title: '送达 / 重试',
      key: 'when',
      width: 260,
      render: (_: unknown, item) =>
        item.status === 'delivered' ? (
          `送达于 ${formatDateTime(item.deliveredAt)}`
        ) : (
          <>
            {item.attempts > 0 ? `已失败 ${item.attempts} 次，` : ''}
            {`${item.attempts > 0 ? '下次重试' : '推送时间'} ${formatDateTime(item.nextAttemptAt)}`}
          </>
        ),
    },
    {
      title: '最近错误',
      dataIndex: 'lastError',
      render: (error: string | null) => (error ? <Typography.Text type="danger">{error}</Typography.Text> : '—'),
    },
  ];

  const originColumns: TableColumnsType<LowerPlatform> = [
    { title: '名称', dataIndex: 'name' },
    { title: '来源名', dataIndex: 'origin', render: (origin: string) => <Typography.Text code>{origin}</Typography.Text> },
    { title: '已接收', dataIndex: 'receivedCount', width: 90, align: 'right', render: (n: number) => `${n}条` },
    { title: '最后序号', dataIndex: 'lastSeq', width: 90, align: 'right' },
    { title: '最近接收', dataIndex: 'lastReceivedAt', width: 170, render: formatDateTime },
    { title: '登记日期', dataIndex: 'registeredAt', width: 140, render: formatDate },
    { title: '验证密钥', dataIndex: 'verifierKeys', width: 90, align: 'right', render: (keys: string[]) => `${keys.length}个` },
  ];

  return (
    <>
      <PageHeader
        title="数据交换"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={isLoading}>
            刷新
          </Button>
        }
      >
        本平台的每一次公开、变更和撤下都在同一事务中写入推送队列，签名后成批推送到上级统一平台，上级确认接收后才标记为已送达；失败时按指数退避自动重试。
        下级平台推送到本平台的数据逐条核验签名、按序号接收并记入记录账本。
      </PageHeader>
      {loadError ? (
        <Result
          status="error"
          title="无法加载数据交换状态"
          subTitle={loadError}
          extra={<Button onClick={() => void load()}>重试</Button>}
        />
      ) : !status ? (
        <Skeleton active />
      ) : (
        <>
          <Card title="向上级平台推送" className="admin-section">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="本平台来源名">
                <Typography.Text code>{status.origin}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="上级平台">
                {status.upstream ?? <Typography.Text type="secondary">未配置（LAWTRAIL_EXCHANGE_UPSTREAM）</Typography.Text>}
              </Descriptions.Item>
            </Descriptions>
            {status.upstream === null && status.outbox.pending > 0 ? (
              <Alert type="info" showIcon message="未配置上级平台，待推送的条目保留在队列中，配置后自动推送。" />
            ) : null}
            <Row gutter={16} style={{ margin: '16px 0' }}>
              <Col xs={12} md={6}>
                <Statistic title="全部" value={status.outbox.total} suffix="条" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="已送达" value={status.outbox.delivered} suffix="条" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="待推送" value={status.outbox.pending} suffix="条" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title="推送失败"
                  value={status.outbox.failing}
                  suffix="条"
                  valueStyle={status.outbox.failing > 0 ? { color: '#cf1322' } : undefined}
                />
              </Col>
            </Row>
            <Table<OutboxItem>
              rowKey="seq"
              size="small"
              columns={itemColumns}
              dataSource={status.items}
              pagination={false}
              locale={{ emptyText: '推送队列为空' }}
              scroll={{ x: 900 }}
            />
          </Card>
          <Card title="已登记的下级平台" className="admin-section" style={{ marginTop: 16 }}>
            <Table<LowerPlatform>
              rowKey="origin"
              size="small"
              columns={originColumns}
              dataSource={status.origins}
              pagination={false}
              locale={{ emptyText: '尚未登记下级平台（系统管理员执行 lawtrail exchange add-origin）' }}
              scroll={{ x: 800 }}
            />
          </Card>
        </>
      )}
    </>
  );
}
