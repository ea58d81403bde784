import { Table } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../../api';
import { formatDateTime } from '../../shared/format';
import { describeAction } from '../../shared/history';
import { officers, type PersonnelHistoryEntry } from '../../shared/personnel';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';

const subjectLabels: Record<string, string> = { officer: '人员', certificate: '执法证', training_record: '培训' };

/** The ledger events of an officer, their certificates and training, oldest first. */
export default function HistoryPanel({ officerId, refreshKey }: { officerId: string; refreshKey: number }) {
  const [items, setItems] = useState<PersonnelHistoryEntry[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a reload after a change
  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    officers
      .history(officerId)
      .then((answer) => {
        if (!isCurrent) return;
        setItems(answer.items);
        setProblem(null);
      })
      .catch((error: unknown) => isCurrent && setProblem(describeError(error)))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [officerId, refreshKey]);

  return (
    <>
      <ProblemAlert problem={problem} />
      <Table<PersonnelHistoryEntry>
        rowKey="seq"
        size="small"
        loading={isLoading}
        dataSource={items}
        pagination={false}
        aria-label="记录账本"
        locale={{ emptyText: '暂无记录' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'occurredAt', width: 170, render: (value: string) => formatDateTime(value) },
          { title: '操作人', dataIndex: 'actorLabel' },
          { title: '对象', dataIndex: 'subjectType', width: 80, render: (value: string) => subjectLabels[value] ?? value },
          { title: '操作', dataIndex: 'action', render: (value: string) => describeAction(value) },
        ]}
      />
    </>
  );
}
