import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Result, Row, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api';
import { formatDate, todayInChina } from '../../shared/format';
import { useIsAdministrator } from '../auth/AuthContext';
import PageHeader from '../components/PageHeader';
import AddYearDrawer from './AddYearDrawer';
import { type CalendarYearDetail, type CalendarYearSummary, calendar } from './api';
import WorkingDayTool from './WorkingDayTool';
import YearDays, { CheckTag, SourceText } from './YearDays';
import './calendar.css';

/** 工作日历: the known years with their source, one year's days, and (administrators) adding the next year. */
export default function CalendarPage() {
  const { message } = App.useApp();
  const isAdministrator = useIsAdministrator();
  const [years, setYears] = useState<CalendarYearSummary[] | null>(null);
  const [description, setDescription] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [detail, setDetail] = useState<CalendarYearDetail | null>(null);
  const [isAdding, setIsAdding] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const list = await calendar.years();
      setYears(list.items);
      setDescription(list.description);
      setSelected((current) => current ?? pickDefault(list.items));
    } catch (error) {
      const { title, detail } = describeError(error);
      setLoadError(detail ? `${title}：${detail}` : title);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (selected === null) return;
    let isCurrent = true;
    setDetail(null);
    calendar
      .year(selected)
      .then((year) => isCurrent && setDetail(year))
      .catch((error) => {
        const { title, detail } = describeError(error);
        message.error(detail ? `${title}：${detail}` : title);
      });
    return () => {
      isCurrent = false;
    };
  }, [selected, message]);

  const last = years?.[years.length - 1]?.year;
  const nextYear = last === undefined ? null : last + 1;

  const columns: TableColumnsType<CalendarYearSummary> = [
    {
      title: '年份',
      dataIndex: 'year',
      width: 90,
      render: (year: number) => (
        <Button type="link" className="admin-link-cell" onClick={() => setSelected(year)} aria-pressed={selected === year}>
          {year}年
        </Button>
      ),
    },
    { title: '来源', key: 'source', render: (_: unknown, year) => <SourceText year={year} /> },
    { title: '核对', key: 'check', width: 120, render: (_: unknown, year) => <CheckTag year={year} /> },
    { title: '放假', dataIndex: 'holidayCount', width: 70, align: 'right', render: (n: number) => `${n}天` },
    { title: '调休上班', dataIndex: 'workdayCount', width: 90, align: 'right', render: (n: number) => `${n}天` },
  ];

  return (
    <>
      <PageHeader
        title="工作日历"
        extra={
          isAdministrator && nextYear !== null ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsAdding(true)}>
              录入{nextYear}年安排
            </Button>
          ) : null
        }
      >
        按国务院办公厅每年公布的节假日安排计算工作日：期限从次日起算，放假日期不计，调休上班的星期六、星期日计入；期限最后一日是休息日的，顺延至其后第一个工作日。
        {isAdministrator ? '' : '新年份由系统管理员录入。'}
      </PageHeader>

      {loadError ? (
        <Result status="error" title="无法加载工作日历" subTitle={loadError} extra={<Button onClick={load}>重试</Button>} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={13}>
            <Card
              title="已收录的年份"
              variant="outlined"
              className="calendar-card"
              extra={<Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" />}
            >
              {years ? (
                <Table<CalendarYearSummary>
                  size="small"
                  rowKey="year"
                  pagination={false}
                  dataSource={[...years].reverse()}
                  columns={columns}
                  aria-label="工作日历收录的年份"
                  rowClassName={(year) => (year.year === selected ? 'calendar-row-selected' : '')}
                  onRow={(year) => ({ onClick: () => setSelected(year.year) })}
                />
              ) : (
                <Skeleton active />
              )}
              {description ? (
                <Typography.Paragraph type="secondary" className="calendar-note">
                  {description}
                </Typography.Paragraph>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} xl={11}>
            <Card title={selected ? `${selected}年节假日安排` : '节假日安排'} variant="outlined" className="calendar-card">
              {detail ? <YearDays year={detail} /> : <Skeleton active />}
            </Card>
            <WorkingDayTool />
          </Col>
        </Row>
      )}

      {nextYear !== null ? (
        <AddYearDrawer
          open={isAdding}
          year={nextYear}
          onClose={() => setIsAdding(false)}
          onSaved={(saved) => {
            setIsAdding(false);
            message.success(`已录入${saved.year}年节假日安排（${formatDate(saved.addedAt)}）`);
            setSelected(saved.year);
            void load();
          }}
        />
      ) : null}
    </>
  );
}

/** The current year if known, else the last known one. */
function pickDefault(items: CalendarYearSummary[]): number | null {
  const thisYear = Number(todayInChina().slice(0, 4));
  return items.find((year) => year.year === thisYear)?.year ?? items[items.length - 1]?.year ?? null;
}
