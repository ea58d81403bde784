import { App, Button, Card, Popconfirm, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api';
import { auth } from '../../shared/endpoints';
import { describeUserAgent, formatDateTime, orDash } from '../../shared/format';
import type { SessionInfo } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';

export default function SessionsCard() {
  const { message } = App.useApp();
  const [items, setItems] = useState<SessionInfo[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  const load = useCallback(() => {
    setIsLoading(true);
    auth
      .sessions()
      .then((answer) => {
        setItems(answer.items);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, []);

  useEffect(load, [load]);

  const revoke = async (session: SessionInfo) => {
    try {
      await auth.revokeSession(session.id);
      message.success('已注销该会话');
      load();
    } catch (error) {
      const { title, detail } = describeError(error);
      message.error(detail ? `${title}：${detail}` : title);
    }
  };

  return (
    <Card
      title={<h2 className="admin-card-title">登录会话</h2>}
      variant="outlined"
      extra={
        <Button size="small" onClick={load}>
          刷新
        </Button>
      }
    >
      <ProblemAlert problem={problem} />
      <Table<SessionInfo>
        rowKey="id"
        size="small"
        aria-label="登录会话列表"
        loading={isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: '暂无会话' }}
        columns={[
          { title: '登录时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: '最近活动', dataIndex: 'lastSeenAt', render: (v: string) => formatDateTime(v) },
          { title: 'IP 地址', dataIndex: 'ip', render: (v: string | null) => orDash(v) },
          {
            title: '浏览器',
            dataIndex: 'userAgent',
            render: (v: string | null) => <span title={v ?? undefined}>{describeUserAgent(v)}</span>,
          },
          {
            title: '操作',
            key: 'actions',
            width: 110,
            render: (_: unknown, session) =>
              session.isCurrent ? (
                <Tag color="blue">当前会话</Tag>
              ) : (
                <Popconfirm
                  title="注销会话"
                  description="注销后，该设备上的登录将立即失效。"
                  okText="确认注销"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => revoke(session)}
                >
                  <Button type="link" size="small" danger>
                    注销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
