/** 调阅记录: who viewed or downloaded which evidence of the case, when and why — each one a ledger entry. */
import { Table, type TableColumnsType, Tag } from 'antd';
import { formatDateTime } from '../../shared/format';
import type { AccessLogEntry } from './api';
import { LedgerLink } from './CaseTimeline';

export default function AccessLogTable({ items, isLoading }: { items: AccessLogEntry[]; isLoading: boolean }) {
  const columns: TableColumnsType<AccessLogEntry> = [
    {
      title: '时间',
      dataIndex: 'at',
      width: 170,
      render: (value: string) => <span className="admin-nowrap">{formatDateTime(value)}</span>,
    },
    { title: '调阅人', dataIndex: 'who', width: 200 },
    { title: '证据', dataIndex: 'evidenceTitle', width: 220 },
    {
      title: '方式',
      key: 'action',
      width: 80,
      render: (_: unknown, entry) => <Tag color={entry.action === 'download' ? 'orange' : 'blue'}>{entry.actionLabel}</Tag>,
    },
    {
      title: '调阅目的',
      key: 'purpose',
      width: 220,
      render: (_: unknown, entry) => (entry.note ? `${entry.purposeLabel}：${entry.note}` : entry.purposeLabel),
    },
    { title: '账本', dataIndex: 'ledgerSeq', width: 130, render: (seq: number) => <LedgerLink seq={seq} /> },
  ];
  return (
    <Table<AccessLogEntry>
      rowKey="id"
      aria-label="调阅记录"
      columns={columns}
      dataSource={items}
      loading={isLoading}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 1020 }}
      locale={{ emptyText: '尚无调阅记录' }}
    />
  );
}
