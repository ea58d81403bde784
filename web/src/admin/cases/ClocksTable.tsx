/** 法定期限: every statutory clock of the case, replayed from its steps, with its basis and what it asks of the officer. */
import { Alert, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { formatDate } from '../../shared/format';
import type { ClockView } from './api';
import { clockColors, formatFen } from './format';

function daysLeftText(clock: ClockView): string {
  if (clock.daysLeft === null) return clock.status === 'paused' ? '暂停计算' : '—';
  const unit = clock.unit === 'working' ? '个工作日' : '日';
  if (clock.daysLeft < 0) return `已逾期 ${-clock.daysLeft} ${unit}`;
  if (clock.daysLeft === 0) return '今日届满';
  return `剩余 ${clock.daysLeft} ${unit}`;
}

export function ClockStatusTag({ clock }: { clock: Pick<ClockView, 'status' | 'statusLabel'> }) {
  return <Tag color={clockColors[clock.status]}>{clock.status === 'overdue' ? '逾期' : clock.statusLabel}</Tag>;
}

export default function ClocksTable({ clocks }: { clocks: ClockView[] }) {
  const notes = [...new Set(clocks.map((c) => c.provisionalNote).filter((n): n is string => !!n))];
  const columns: TableColumnsType<ClockView> = [
    {
      title: '期限',
      key: 'label',
      width: 220,
      render: (_: unknown, clock) => (
        <>
          <div className="cases-clock-label">{clock.label}</div>
          <Typography.Text type="secondary" className="cases-clock-duty">
            {clock.duty}
          </Typography.Text>
        </>
      ),
    },
    { title: '依据', dataIndex: 'basis', width: 150 },
    {
      title: '期间',
      key: 'period',
      width: 100,
      render: (_: unknown, clock) =>
        `${clock.days + clock.extensionDays}${clock.unit === 'working' ? '个工作日' : '日'}${clock.extensionDays ? `（含延长${clock.extensionDays}日）` : ''}`,
    },
    {
      title: '起算日',
      dataIndex: 'startedOn',
      width: 130,
      render: (value: string) => <span className="admin-nowrap">{formatDate(value)}</span>,
    },
    {
      title: '届满日',
      dataIndex: 'dueOn',
      width: 130,
      render: (value: string | null) => <span className="admin-nowrap">{value ? formatDate(value) : '暂停计算'}</span>,
    },
    { title: '状态', key: 'status', width: 90, render: (_: unknown, clock) => <ClockStatusTag clock={clock} /> },
    {
      title: '剩余',
      key: 'daysLeft',
      width: 140,
      render: (_: unknown, clock) =>
        clock.stoppedOn ? `${formatDate(clock.stoppedOn)}办结` : <span className="admin-nowrap">{daysLeftText(clock)}</span>,
    },
    {
      title: '加处罚款',
      key: 'surcharge',
      width: 110,
      render: (_: unknown, clock) =>
        clock.surcharge ? (
          <span title={clock.surcharge.basis}>
            {clock.surcharge.days > 0 ? `${clock.surcharge.days} 日，${formatFen(clock.surcharge.amountFen)}` : formatFen(0)}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <>
      {notes.map((note) => (
        <Alert key={note} type="warning" showIcon title={note} className="cases-alert" />
      ))}
      <Table<ClockView>
        rowKey={(clock) => `${clock.key}-${clock.startedOn}`}
        aria-label="法定期限"
        columns={columns}
        dataSource={clocks}
        pagination={false}
        scroll={{ x: 1070 }}
        locale={{ emptyText: '本案尚无计算中的法定期限' }}
      />
    </>
  );
}
