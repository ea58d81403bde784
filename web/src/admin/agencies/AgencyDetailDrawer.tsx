import { Descriptions, Drawer, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../../api';
import { agencies } from '../../shared/endpoints';
import { formatDateTime, orDash } from '../../shared/format';
import { describeAction } from '../../shared/history';
import type { Agency, HistoryEntry } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import StatusTag from '../components/StatusTag';

interface Props {
  agency: Agency | null;
  onClose: () => void;
}

function HistoryTable({ agencyId }: { agencyId: string }) {
  const [items, setItems] = useState<HistoryEntry[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    agencies
      .history(agencyId)
      .then((answer) => isCurrent && setItems(answer.items))
      .catch((error: unknown) => isCurrent && setProblem(describeError(error)))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [agencyId]);

  return (
    <>
      <ProblemAlert problem={problem} />
      <Table<HistoryEntry>
        rowKey="seq"
        size="small"
        loading={isLoading}
        dataSource={items}
        pagination={false}
        aria-label="记录账本"
        locale={{ emptyText: '暂无记录' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'occurredAt', width: 180, render: (value: string) => formatDateTime(value) },
          { title: '操作人', dataIndex: 'actorLabel' },
          { title: '操作', dataIndex: 'action', render: (value: string) => describeAction(value) },
        ]}
      />
    </>
  );
}

export default function AgencyDetailDrawer({ agency, onClose }: Props) {
  return (
    <Drawer title={agency ? agency.name : '执法机关'} open={agency !== null} onClose={onClose} size={640} destroyOnHidden>
      {agency ? (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'government', label: '所属政府', children: agency.governmentName },
              { key: 'name', label: '名称', children: agency.name },
              { key: 'shortName', label: '简称', children: orDash(agency.shortName) },
              { key: 'uscc', label: '统一社会信用代码', children: <span className="admin-mono">{agency.uscc}</span> },
              { key: 'kind', label: '类别', children: agency.kindLabel },
              { key: 'address', label: '地址', children: orDash(agency.address) },
              { key: 'phone', label: '办公电话', children: orDash(agency.phone) },
              { key: 'supervisionPhone', label: '监督电话', children: orDash(agency.supervisionPhone) },
              { key: 'complaintChannel', label: '投诉举报渠道', children: orDash(agency.complaintChannel) },
              { key: 'website', label: '网站', children: orDash(agency.website) },
              { key: 'officeHours', label: '办公时间', children: orDash(agency.officeHours) },
              { key: 'status', label: '状态', children: <StatusTag isActive={agency.isActive} /> },
              { key: 'createdAt', label: '创建时间', children: formatDateTime(agency.createdAt) },
              { key: 'updatedAt', label: '更新时间', children: formatDateTime(agency.updatedAt) },
            ]}
          />
          <Typography.Title level={2} className="admin-section-title">
            记录账本
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            对该执法机关的每一次新增、修改、停用和启用都写入不可篡改的全过程记录账本。
          </Typography.Paragraph>
          <HistoryTable agencyId={agency.id} />
        </>
      ) : null}
    </Drawer>
  );
}
