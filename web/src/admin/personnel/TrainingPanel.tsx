import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api';
import { formatDate, orDash } from '../../shared/format';
import { type Officer, type TrainingCategory, type TrainingRecord, training, trainingCategoryOptions } from '../../shared/personnel';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';
import { dateFormats, isAfterToday, toDateText } from './dates';

interface Values {
  course: string;
  category: TrainingCategory;
  hours: number;
  completedOn: Dayjs;
  provider?: string;
}

function TrainingModal({ officer, open, onClose, onSaved }: { officer: Officer; open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setProblem(null);
  }, [open, form]);

  const submit = async (values: Values) => {
    setIsSaving(true);
    setProblem(null);
    try {
      const provider = values.provider?.trim();
      await training.create({
        officerId: officer.id,
        course: values.course.trim(),
        category: values.category,
        hours: values.hours,
        completedOn: toDateText(values.completedOn),
        ...(provider ? { provider } : {}),
      });
      onSaved();
    } catch (error) {
      setProblem(applyProblem(form, error, ['course', 'category', 'hours', 'completedOn', 'provider']));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      title={`登记培训：${officer.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      okButtonProps={{ loading: isSaving }}
      cancelText="取消"
      destroyOnHidden
    >
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="培训课程" name="course" rules={[{ required: true, whitespace: true, min: 2, message: '请输入培训课程名称' }]}>
          <Input maxLength={200} placeholder="如：《行政处罚法》专题培训" />
        </Form.Item>
        <Form.Item label="培训类别" name="category" rules={[{ required: true, message: '请选择培训类别' }]}>
          <Select placeholder="请选择" options={trainingCategoryOptions} />
        </Form.Item>
        <Form.Item label="学时" name="hours" rules={[{ required: true, message: '请输入学时' }]}>
          <InputNumber min={0.5} max={500} step={0.5} precision={1} suffix="学时" className="personnel-hours" />
        </Form.Item>
        <Form.Item label="完成日期" name="completedOn" rules={[{ required: true, message: '请选择完成日期' }]}>
          <DatePicker format={dateFormats} className="personnel-date" disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item label="培训机构" name="provider">
          <Input maxLength={200} placeholder="如：中卫市司法局" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The officer's training records with their total hours, and 登记培训. */
export default function TrainingPanel({ officer, canKeep, onChanged }: { officer: Officer; canKeep: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<TrainingRecord[]>([]);
  const [totalHours, setTotalHours] = useState(0);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isAdding, setIsAdding] = useState(false);

  const load = useCallback(() => {
    setIsLoading(true);
    training
      .list({ agencyId: officer.agencyId, officerId: officer.id })
      .then((answer) => {
        setItems(answer.items);
        setTotalHours(answer.totalHours);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, [officer.agencyId, officer.id]);

  useEffect(load, [load]);

  return (
    <>
      <ProblemAlert problem={problem} />
      <div className="personnel-summary">
        <Typography.Text>
          共 {items.length} 条培训记录，累计 {totalHours} 学时。
        </Typography.Text>
        {canKeep ? (
          <Button icon={<PlusOutlined />} onClick={() => setIsAdding(true)} className="personnel-inline-button">
            登记培训
          </Button>
        ) : null}
      </div>
      <Table<TrainingRecord>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={items}
        pagination={false}
        aria-label="培训记录"
        locale={{ emptyText: '暂无培训记录' }}
        scroll={{ x: 640 }}
        columns={[
          { title: '完成日期', dataIndex: 'completedOn', width: 130, render: (v: string) => formatDate(v) },
          { title: '培训课程', dataIndex: 'course' },
          { title: '类别', dataIndex: 'categoryLabel', width: 130 },
          { title: '学时', dataIndex: 'hours', width: 70, align: 'right' },
          { title: '培训机构', dataIndex: 'provider', width: 150, render: (v: string | null) => orDash(v) },
        ]}
      />
      <TrainingModal
        officer={officer}
        open={isAdding}
        onClose={() => setIsAdding(false)}
        onSaved={() => {
          setIsAdding(false);
          message.success('已登记培训记录');
          load();
          onChanged();
        }}
      />
    </>
  );
}
