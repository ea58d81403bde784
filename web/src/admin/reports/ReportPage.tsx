/**
 * One annual report (staff): charts and figures (each count opens the cases it counts), the written account, and —
 * while a draft — 重新统计 from the record as it stands, 保存文字说明, and 审核并公开 by a second person.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../api';
import { formatDate } from '../../shared/format';
import ReportCharts from '../../shared/ReportCharts';
import ReportFigures from '../../shared/ReportFigures';
import { type FigureSources, formatFigure, type Report, type ReportFigure, reportsApi } from '../../shared/reports';
import '../../shared/reports.css';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';

function SourcesDrawer({ report, figure, onClose }: { report: Report; figure: ReportFigure | null; onClose: () => void }) {
  const [sources, setSources] = useState<FigureSources | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    if (!figure) return;
    setSources(null);
    setProblem(null);
    reportsApi
      .sources(report.id, figure.key)
      .then(setSources)
      .catch((error: unknown) => setProblem(describeError(error)));
  }, [report.id, figure]);
  return (
    <Drawer open={!!figure} onClose={onClose} title={figure ? `统计来源：${figure.label}` : ''} size={640}>
      <ProblemAlert problem={problem} />
      {figure ? (
        <p>
          {figure.label}：{formatFigure(figure.value, figure.unit)}，统计了以下 {figure.sourceCount} 个案件的记录。来源摘要（SHA-256）：
          <span className="report-digest">{figure.sourcesDigest}</span>
        </p>
      ) : null}
      <Table
        rowKey="caseId"
        aria-label="统计来源"
        size="small"
        loading={!sources && !problem}
        dataSource={sources?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '案号', dataIndex: 'caseNumber', render: (n: string, item) => <Link to={`/admin/cases/${item.caseId}`}>{n}</Link> },
          { title: '案由', dataIndex: 'title' },
          { title: '立案日期', dataIndex: 'openedOn', width: 130, render: (d: string) => formatDate(d) },
        ]}
      />
    </Drawer>
  );
}

export default function ReportPage() {
  const { id = '' } = useParams();
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [tracing, setTracing] = useState<ReportFigure | null>(null);
  const [form] = Form.useForm<Report['narrative']>();

  const load = useCallback(() => {
    reportsApi
      .get(id)
      .then((answer) => {
        setReport(answer);
        form.setFieldsValue(answer.narrative);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)));
  }, [id, form]);
  useEffect(load, [load]);

  const act = async (name: string, action: () => Promise<Report>) => {
    setBusy(name);
    setProblem(null);
    try {
      const next = await action();
      setReport(next);
      form.setFieldsValue(next.narrative);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(null);
    }
  };

  const isDraft = report?.status === 'draft';
  return (
    <>
      <PageHeader
        title={report?.title ?? '统计年报'}
        extra={
          <Space>
            {report && isDraft ? (
              <Button
                icon={<ReloadOutlined />}
                loading={busy === 'refresh'}
                onClick={() => act('refresh', () => reportsApi.refresh(report.id, report.version))}
              >
                按最新记录重新统计
              </Button>
            ) : null}
            {report && isDraft ? (
              <Popconfirm
                title="审核并公开"
                description="公开后数据冻结，不能再修改。确认公开？"
                okText="公开"
                cancelText="取消"
                onConfirm={() => act('publish', () => reportsApi.publish(report.id, report.version))}
              >
                <Button type="primary" loading={busy === 'publish'}>
                  审核并公开
                </Button>
              </Popconfirm>
            ) : null}
            {report && !isDraft ? (
              <Link to={`/reports/${report.id}`} target="_blank">
                在公示平台查看
              </Link>
            ) : null}
          </Space>
        }
      >
        {report ? (
          <Space size={6} wrap>
            <Tag color={isDraft ? 'blue' : 'green'}>{report.statusLabel}</Tag>
            {report.isOverdue ? <Tag color="red">{isDraft ? '已超过1月31日公开期限' : '逾期公开'}</Tag> : null}
            <span>
              统计期间 {report.year}年1月1日至12月31日；数据截至{formatDate(report.figuresAsOf)}；公开期限{formatDate(report.dueOn)}
              {report.publishedOn ? `；${formatDate(report.publishedOn)}由${report.publishedBy ?? ''}审核公开` : ''}
            </span>
          </Space>
        ) : null}
      </PageHeader>
      <ProblemAlert problem={problem} />
      {report ? (
        <>
          {isDraft ? (
            <Alert
              type="info"
              showIcon
              className="admin-problem"
              title="草稿：数据随案件记录变化，可按最新记录重新统计；文字说明由负责人编写，须由编写人以外的负责人审核公开。点击数值可查看其统计的案件。"
            />
          ) : null}
          <Card variant="outlined" title="图表">
            <ReportCharts charts={report.charts} />
          </Card>
          <Card variant="outlined" title="文字说明">
            <Form
              form={form}
              layout="vertical"
              name="narrative"
              disabled={!isDraft}
              onFinish={(values) => act('narrative', () => reportsApi.narrative(report.id, { ...values, version: report.version }))}
            >
              <Form.Item label="总体情况" name="overview">
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} />
              </Form.Item>
              <Form.Item label="存在的问题" name="problems">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={5000} />
              </Form.Item>
              <Form.Item label="下一步工作" name="plans">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={5000} />
              </Form.Item>
              {isDraft ? (
                <Button htmlType="submit" loading={busy === 'narrative'}>
                  保存文字说明
                </Button>
              ) : null}
            </Form>
          </Card>
          <Card variant="outlined" title="统计数据">
            <ReportFigures report={report} headingLevel={3} onTrace={setTracing} />
            <p className="report-note">
              全部数据及其统计来源的摘要（SHA-256）：<span className="report-digest">{report.figuresDigest}</span>
            </p>
          </Card>
          <SourcesDrawer report={report} figure={tracing} onClose={() => setTracing(null)} />
        </>
      ) : null}
    </>
  );
}
