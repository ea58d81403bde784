import { Button, Card, DatePicker, Form, InputNumber, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api';
import { formatDate } from '../../shared/format';
import { calendar } from './api';

interface Values {
  date: Dayjs;
  days: number;
}

/** Asks the server for the n-th working day after a date, as every deadline is counted. */
export default function WorkingDayTool() {
  const [result, setResult] = useState<{ text: string; isError: boolean } | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async ({ date, days }: Values) => {
    setIsBusy(true);
    try {
      const answer = await calendar.addWorkingDays(date.format('YYYY-MM-DD'), days);
      setResult({ text: `${formatDate(date.toDate())}之后第 ${days} 个工作日是 ${formatDate(answer.date)}`, isError: false });
    } catch (error) {
      const { title, detail } = describeError(error);
      setResult({ text: detail ? `${title}：${detail}` : title, isError: true });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Card title="推算工作日" variant="outlined" className="calendar-card">
      <Form<Values> layout="inline" onFinish={submit} initialValues={{ days: 7 }} aria-label="推算工作日">
        <Form.Item name="date" label="起算日期" rules={[{ required: true, message: '请选择起算日期' }]}>
          <DatePicker format="YYYY年M月D日" placeholder="选择日期" />
        </Form.Item>
        <Form.Item name="days" label="工作日天数" rules={[{ required: true, message: '请输入天数' }]}>
          <InputNumber min={0} max={3660} precision={0} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={isBusy}>
            计算
          </Button>
        </Form.Item>
      </Form>
      {result ? (
        <Typography.Paragraph type={result.isError ? 'danger' : undefined} className="calendar-result" role="status">
          {result.text}
        </Typography.Paragraph>
      ) : null}
      <Typography.Paragraph type="secondary" className="calendar-note">
        起算日期当日不计入；调休上班的星期六、星期日计为工作日，放假日期不计。
      </Typography.Paragraph>
    </Card>
  );
}
