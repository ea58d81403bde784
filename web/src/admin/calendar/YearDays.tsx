import { Descriptions, Empty, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatDate, formatDateTime } from '../../shared/format';
import type { CalendarDay, CalendarYearDetail } from './api';

interface Run {
  name: string | null;
  from: CalendarDay;
  to: CalendarDay;
  count: number;
}

/** Consecutive days off with the same festival name, as the notices write them: 春节 2月15日至23日，共9天. */
function runsOf(days: CalendarDay[]): Run[] {
  const runs: Run[] = [];
  for (const day of days) {
    const last = runs[runs.length - 1];
    if (last && last.name === day.name && dayjs(last.to.date).add(1, 'day').format('YYYY-MM-DD') === day.date) {
      last.to = day;
      last.count += 1;
    } else {
      runs.push({ name: day.name, from: day, to: day, count: 1 });
    }
  }
  return runs;
}

function shortDate(date: string): string {
  return dayjs(date).format('M月D日');
}

export function SourceText({ year }: { year: Pick<CalendarYearDetail, 'origin' | 'source' | 'notice'> }) {
  if (year.notice) {
    return (
      <span>
        {year.notice.title}（{year.notice.docNo}）
      </span>
    );
  }
  return <span>{year.source}</span>;
}

export function CheckTag({ year }: { year: Pick<CalendarYearDetail, 'origin' | 'checkedAgainstNotice'> }) {
  if (year.origin === 'added') return <Tag color="blue">管理员录入</Tag>;
  return year.checkedAgainstNotice ? <Tag color="green">已与通知核对</Tag> : <Tag color="gold">仅来自数据包</Tag>;
}

export default function YearDays({ year }: { year: CalendarYearDetail }) {
  const runs = runsOf(year.holidays);
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'source', label: '来源', children: <SourceText year={year} /> },
          { key: 'check', label: '核对', children: <CheckTag year={year} /> },
          ...(year.notice ? [{ key: 'issued', label: '通知发布日期', children: formatDate(year.notice.issued) }] : []),
          ...(year.addedAt ? [{ key: 'addedAt', label: '录入时间', children: formatDateTime(year.addedAt) }] : []),
        ]}
      />
      <Typography.Title level={3} className="calendar-subtitle">
        放假日期
      </Typography.Title>
      <Table<Run>
        size="small"
        pagination={false}
        rowKey={(run) => run.from.date}
        dataSource={runs}
        aria-label={`${year.year}年放假日期`}
        locale={{ emptyText: <Empty description="没有放假日期" /> }}
        columns={[
          { title: '节日', key: 'name', width: 120, render: (_: unknown, run) => run.name ?? '—' },
          {
            title: '日期',
            key: 'dates',
            render: (_: unknown, run) =>
              run.count === 1
                ? `${formatDate(run.from.date)}（${run.from.weekday}）`
                : `${formatDate(run.from.date)}（${run.from.weekday}）至${shortDate(run.to.date)}（${run.to.weekday}）`,
          },
          { title: '天数', key: 'count', width: 70, align: 'right', render: (_: unknown, run) => `${run.count}天` },
        ]}
      />
      <Typography.Title level={3} className="calendar-subtitle">
        调休上班日
      </Typography.Title>
      <Table<CalendarDay>
        size="small"
        pagination={false}
        rowKey="date"
        dataSource={year.workdays}
        aria-label={`${year.year}年调休上班日`}
        locale={{ emptyText: <Empty description="该年没有调休上班日" /> }}
        columns={[
          { title: '日期', dataIndex: 'date', render: (date: string) => formatDate(date) },
          { title: '星期', dataIndex: 'weekday', width: 90 },
          { title: '节日', dataIndex: 'name', width: 120, render: (name: string | null) => name ?? '—' },
        ]}
      />
    </>
  );
}
