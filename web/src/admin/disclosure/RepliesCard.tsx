/**
 * 当事人陈述 on a published decision (right to reply): the statements received, in writing (recorded by staff) or online
 * (with a one-time reply code the office gives the party); each is published beside the decision only after a head or
 * legal reviewer other than the one who recorded it approves it, or returned with a reason.
 */
import { Alert, App, Button, Card, DatePicker, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api';
import { type Publication, type Reply, replies } from '../../shared/disclosure';
import { formatDate } from '../../shared/format';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { dateFormats, isAfterToday, toDateText, today } from '../personnel/dates';

const statusColors: Record<Reply['status'], string> = {
  submitted: 'gold',
  published: 'green',
  returned: 'red',
  replaced: 'default',
  withdrawn: 'default',
};

interface Props {
  publication: Publication;
  /** A head or legal reviewer of the agency: may approve or return a statement. */
  canCheck: boolean;
}

export default function RepliesCard({ publication, canCheck }: Props) {
  const { message, modal } = App.useApp();
  const [items, setItems] = useState<Reply[] | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const onProblem = useCallback((error: unknown) => setProblem(describeError(error)), []);
  const [isRecording, setIsRecording] = useState(false);
  const [returning, setReturning] = useState<Reply | null>(null);
  const [form] = Form.useForm<{ text: string; receivedOn: Dayjs }>();
  const [returnForm] = Form.useForm<{ reason: string }>();
  const isOpen = ['published', 'changed'].includes(publication.status);

  const load = useCallback(() => {
    replies
      .list(publication.id)
      .then((answer) => {
        setItems(answer.items);
        setProblem(null);
      })
      .catch((error: unknown) => onProblem(error));
  }, [publication.id, onProblem]);
  useEffect(load, [load]);

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setProblem(null);
      message.success(done);
      load();
      return true;
    } catch (error) {
      onProblem(error);
      return false;
    }
  };

  const issueCode = async () => {
    try {
      const issued = await replies.issueCode(publication.id);
      modal.success({
        title: '陈述码已生成',
        width: 480,
        content: (
          <Space orientation="vertical">
            <Typography.Text copyable={{ text: issued.code }} strong style={{ fontSize: 20, letterSpacing: 2 }}>
              {issued.code}
            </Typography.Text>
            <Typography.Text>
              请交给当事人。当事人可在{formatDate(issued.expiresOn)}前，在公示平台“提交陈述”页面凭此码提交一次陈述。
            </Typography.Text>
            <Typography.Text type="secondary">陈述码只显示这一次，系统只保存其摘要。</Typography.Text>
          </Space>
        ),
      });
    } catch (error) {
      onProblem(error);
    }
  };

  const record = async () => {
    const values = await form.validateFields();
    const isDone = await run(
      () => replies.recordWritten(publication.id, { text: values.text, receivedOn: toDateText(values.receivedOn) }),
      '陈述已录入，待审核',
    );
    if (isDone) {
      setIsRecording(false);
      form.resetFields();
    }
  };

  const sendBack = async () => {
    if (!returning) return;
    const values = await returnForm.validateFields();
    if (await run(() => replies.returnReply(returning.id, returning.version, values.reason), '已退回')) {
      setReturning(null);
      returnForm.resetFields();
    }
  };

  return (
    <Card
      size="small"
      title="当事人陈述"
      extra={
        isOpen ? (
          <Space>
            <Button size="small" onClick={() => setIsRecording(true)}>
              录入书面陈述
            </Button>
            <Button size="small" onClick={issueCode}>
              生成陈述码
            </Button>
          </Space>
        ) : null
      }
    >
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <Typography.Paragraph type="secondary">
        当事人对公开的决定可以提出陈述，经去标识化处理和本机关负责人或法制审核人员（录入人以外的另一人）审核后，在决定页面公开；新的陈述替换之前公开的陈述。
      </Typography.Paragraph>
      <List<Reply>
        aria-label="当事人陈述"
        loading={items === null}
        dataSource={items ?? []}
        locale={{ emptyText: '尚未收到当事人陈述' }}
        renderItem={(reply) => (
          <List.Item
            actions={
              reply.status === 'submitted' && canCheck && isOpen
                ? [
                    <Button
                      key="approve"
                      type="primary"
                      size="small"
                      onClick={() => run(() => replies.approve(reply.id, reply.version), '陈述已审核公开')}
                    >
                      审核通过并公开
                    </Button>,
                    <Button key="return" size="small" onClick={() => setReturning(reply)}>
                      退回
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={statusColors[reply.status]}>{reply.statusLabel}</Tag>
                  <span>
                    {formatDate(reply.receivedOn)}
                    {reply.channelLabel}
                  </span>
                  <Typography.Text type="secondary">
                    {reply.recordedByLabel ? `录入：${reply.recordedByLabel}` : ''}
                    {reply.checkedByLabel ? `，审核：${reply.checkedByLabel}` : ''}
                  </Typography.Text>
                </Space>
              }
              description={
                <>
                  <div>公开文本：{reply.publicText}</div>
                  {reply.publicText !== reply.text ? (
                    <Typography.Text type="secondary">原文（不公开）：{reply.text}</Typography.Text>
                  ) : null}
                  {reply.returnReason ? <Alert type="warning" showIcon title={`退回理由：${reply.returnReason}`} /> : null}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal open={isRecording} title="录入当事人书面陈述" okText="录入" onCancel={() => setIsRecording(false)} onOk={record}>
        <Form form={form} layout="vertical" initialValues={{ receivedOn: today() }}>
          <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
            <DatePicker format={dateFormats} disabledDate={isAfterToday} />
          </Form.Item>
          <Form.Item
            name="text"
            label="陈述内容"
            rules={[{ required: true, whitespace: true, message: '请填写陈述内容' }]}
            extra="照录当事人提交的文字；公开前自动隐去身份证号、电话、银行卡号、自然人住址等个人信息。"
          >
            <Input.TextArea rows={5} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!returning} title="退回当事人陈述" okText="退回" onCancel={() => setReturning(null)} onOk={sendBack}>
        <Form form={returnForm} layout="vertical">
          <Form.Item name="reason" label="退回理由（记录在案）" rules={[{ required: true, whitespace: true, message: '请写明退回理由' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
