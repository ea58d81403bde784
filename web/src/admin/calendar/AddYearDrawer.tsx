import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';
import { type CalendarYearDetail, calendar } from './api';

interface Values {
  year: number;
  holidays: Dayjs[];
  workdays: Dayjs[];
  source: string;
}

const fieldNames = ['year', 'holidays', 'workdays', 'source'] as const;
const format = 'YYYY年M月D日';

interface Props {
  open: boolean;
  /** The only year that may be added: the one after the last known. */
  year: number;
  onClose: () => void;
  onSaved: (year: CalendarYearDetail) => void;
}

function isoList(days: Dayjs[] | undefined): string[] {
  return [...new Set((days ?? []).map((day) => day.format('YYYY-MM-DD')))].sort();
}

/** An administrator types in the State Council General Office's notice for the next year. */
export default function AddYearDrawer({ open, year, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const outsideYear = (day: Dayjs) => day.year() !== year;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setRange(null);
    form.resetFields();
    form.setFieldsValue({ year, holidays: [], workdays: [], source: '' });
  }, [open, year, form]);

  const addRange = () => {
    const [from, to] = range ?? [];
    if (!from || !to) return;
    const days: Dayjs[] = [];
    for (let day = from.startOf('day'); !day.isAfter(to, 'day'); day = day.add(1, 'day')) days.push(day);
    const current: Dayjs[] = form.getFieldValue('holidays') ?? [];
    const merged = isoList([...current, ...days]).map((date) => dayjs(date));
    form.setFieldsValue({ holidays: merged });
    form.setFields([{ name: 'holidays', errors: [] }]);
    setRange(null);
  };

  const submit = async (values: Values) => {
    setIsSaving(true);
    setProblem(null);
    try {
      const saved = await calendar.addYear({
        year,
        holidays: isoList(values.holidays),
        workdays: isoList(values.workdays),
        source: values.source.trim(),
      });
      onSaved(saved);
    } catch (error) {
      setProblem(applyProblem(form, error, fieldNames));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Drawer
      title={`录入${year}年节假日安排`}
      open={open}
      onClose={onClose}
      size={600}
      destroyOnHidden
      footer={
        <Space className="admin-drawer-footer">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={isSaving} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <ProblemAlert problem={problem} />
      <Alert
        type="info"
        showIcon
        className="admin-problem"
        title="按国务院办公厅的通知逐日录入"
        description="放假日期包括假期中的星期六、星期日；调休上班日是需要上班的星期六或星期日。保存后不能修改，并记入记录账本。"
      />
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="year" label="年份" extra="只能录入已知最后一年的下一年。">
          <InputNumber disabled className="calendar-year-input" />
        </Form.Item>
        <Form.Item label="按时间段添加放假日期">
          <Space.Compact className="calendar-range">
            <DatePicker.RangePicker
              aria-label="放假时间段"
              format={format}
              value={range}
              onChange={(value) => setRange(value)}
              disabledDate={outsideYear}
              defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
            />
            <Button icon={<PlusOutlined />} onClick={addRange} disabled={!range?.[0] || !range?.[1]}>
              加入
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="holidays"
          label="放假日期"
          rules={[{ required: true, message: '请录入放假日期' }]}
          extra="含元旦、春节、清明节、劳动节、端午节、中秋节、国庆节的全部放假日期。"
        >
          <DatePicker
            multiple
            format={format}
            maxTagCount="responsive"
            disabledDate={outsideYear}
            defaultPickerValue={dayjs(`${year}-01-01`)}
            placeholder="逐日选择"
            className="calendar-multi"
          />
        </Form.Item>
        <Form.Item name="workdays" label="调休上班日" extra="只能选择星期六或星期日。">
          <DatePicker
            multiple
            format={format}
            maxTagCount="responsive"
            disabledDate={(day) => outsideYear(day) || (day.day() !== 0 && day.day() !== 6)}
            defaultPickerValue={dayjs(`${year}-01-01`)}
            placeholder="逐日选择"
            className="calendar-multi"
          />
        </Form.Item>
        <Form.Item name="source" label="通知名称和文号" rules={[{ required: true, whitespace: true, message: '请填写通知名称和文号' }]}>
          <Input maxLength={200} placeholder={`国务院办公厅关于${year}年部分节假日安排的通知（国办发明电〔${year - 1}〕X号）`} />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" className="calendar-note">
        每年 11 月前后国务院办公厅公布下一年的安排。未录入的年份不能按工作日计算期限，系统不会推测。
      </Typography.Paragraph>
    </Drawer>
  );
}
