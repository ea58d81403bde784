import { DownloadOutlined, FileExcelOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../api';
import { actionTypeLabel, actionTypes, citeLegalBases, hasActionType, hasLegalBases } from '../../shared/catalog';
import { type CatalogEntryQuery, catalog } from '../../shared/endpoints';
import { formatDate, formatDateTime, orDash } from '../../shared/format';
import { describeAction } from '../../shared/history';
import type { ActionType, CatalogEntry, CatalogEvent, CatalogVersion, Page } from '../../shared/types';
import { useAuth } from '../auth/AuthContext';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import SearchBox from '../components/SearchBox';
import { usePagedList } from '../components/usePagedList';
import { canCompile, isEditable } from './access';
import EntryDetails from './EntryDetails';
import EntryFormDrawer, { EntrySaveFailure } from './EntryFormDrawer';
import { catalogProblem } from './problem';
import VersionActions from './VersionActions';
import VersionStatusTag from './VersionStatusTag';
import './catalog.css';

const DEFAULT_PAGE_SIZE = 20;
const LOAD_PAGE_SIZE = 200;

/** Every entry of a version, page by page (the save replaces the whole list). */
async function loadAllEntries(id: string): Promise<CatalogEntry[]> {
  const all: CatalogEntry[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await catalog.version(id, { page, pageSize: LOAD_PAGE_SIZE });
    all.push(...answer.entries.items);
    if (answer.entries.items.length < LOAD_PAGE_SIZE || all.length >= answer.entries.total) return all;
  }
}

function who(name: string | null, at: string | null): string {
  return name || at ? `${orDash(name)}　${formatDateTime(at)}` : '—';
}

function VersionHeader({ version }: { version: CatalogVersion }) {
  return (
    <Card variant="outlined" className="admin-filter-card">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'agency', label: '执法机关', children: version.agencyName },
          { key: 'kind', label: '清单', children: version.kindLabel },
          { key: 'status', label: '状态', children: <VersionStatusTag status={version.status} /> },
          { key: 'version', label: '版本号', children: `第${version.version}版` },
          { key: 'basedOn', label: '基于版本', children: version.basedOn ? `第${version.basedOn}版（纠错）` : '首次编制' },
          { key: 'entryCount', label: '条目数', children: `${version.entryCount} 条` },
          { key: 'created', label: '编制', children: who(version.createdByName, version.createdAt) },
          { key: 'submitted', label: '提交法制审核', children: who(version.submittedByName, version.submittedAt) },
          { key: 'reviewed', label: '法制审核', children: who(version.reviewedByName, version.reviewedAt) },
          { key: 'publishedAt', label: '公布日期', children: formatDate(version.publishedAt) },
          ...(version.supersededAt ? [{ key: 'supersededAt', label: '被替代日期', children: formatDate(version.supersededAt) }] : []),
          {
            key: 'note',
            label: '说明',
            span: 'filled' as const,
            children: <span className="catalog-note-inline">{orDash(version.note)}</span>,
          },
          ...(version.reviewOpinion && version.status !== 'returned'
            ? [{ key: 'opinion', label: '审核意见', span: 'filled' as const, children: version.reviewOpinion }]
            : []),
          {
            key: 'sha',
            label: '条目 SHA-256',
            span: 'filled' as const,
            children: <span className="admin-mono catalog-sha">{version.entriesSha256}</span>,
          },
        ]}
      />
    </Card>
  );
}

function HistoryCard({ versionId, reloadKey }: { versionId: string; reloadKey: number }) {
  const [items, setItems] = useState<CatalogEvent[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void reloadKey;
    setIsLoading(true);
    catalog
      .history(versionId)
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
  }, [versionId, reloadKey]);

  return (
    <Card variant="outlined" title={<h2 className="admin-card-title">记录账本</h2>} className="catalog-history">
      <Typography.Paragraph type="secondary">
        该版本的编制、提交、审核、公布和撤销都写入不可篡改的全过程记录账本，记录序号可在公示平台“记录核验”栏目核验。
      </Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Table<CatalogEvent>
        rowKey="seq"
        size="small"
        aria-label="记录账本"
        loading={isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '暂无记录' }}
        columns={[
          { title: '记录序号', dataIndex: 'seq', width: 100 },
          { title: '时间', dataIndex: 'occurredAt', width: 190, render: (value: string) => formatDateTime(value) },
          { title: '操作人', dataIndex: 'actorLabel' },
          { title: '操作', dataIndex: 'action', render: (value: string) => describeAction(value) },
        ]}
      />
    </Card>
  );
}

/** The page starts afresh for each version (its state is keyed by the id). */
export default function VersionPageRoute() {
  const { id = '' } = useParams();
  return <VersionPage key={id} id={id} />;
}

function VersionPage({ id }: { id: string }) {
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const [version, setVersion] = useState<CatalogVersion | null>(null);
  const [query, setQuery] = useState<CatalogEntryQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [searchText, setSearchText] = useState('');
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const [editing, setEditing] = useState<{ entry: CatalogEntry | null } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  const fetchPage = useCallback(
    async (q: CatalogEntryQuery): Promise<Page<CatalogEntry & { id: string }>> => {
      const answer = await catalog.version(id, q);
      setVersion(answer.version);
      return { total: answer.entries.total, items: answer.entries.items.map((entry) => ({ ...entry, id: entry.code })) };
    },
    [id],
  );
  const list = usePagedList(fetchPage, query);

  const changed = (next: CatalogVersion | null) => {
    if (next) setVersion(next);
    list.reload();
    setHistoryKey((key) => key + 1);
  };

  if (!version) {
    if (list.problem) {
      return (
        <Result
          status={list.problem.title === '清单不存在' ? '404' : 'error'}
          title={list.problem.title}
          subTitle={list.problem.detail}
          extra={<Link to="/admin/catalog">返回清单管理</Link>}
        />
      );
    }
    return <Card loading variant="outlined" />;
  }

  const kind = version.kind;
  const canEdit = isEditable(version) && canCompile(me, version.agencyId);
  const isOpen = version.status === 'draft' || version.status === 'submitted' || version.status === 'returned';

  /** Saves the whole list with one entry changed; `original` is the code of the entry being replaced. */
  const saveList = async (change: (entries: CatalogEntry[]) => { entries: CatalogEntry[]; index: number }) => {
    let index = -1;
    try {
      const result = change(await loadAllEntries(id));
      index = result.index;
      const saved = await catalog.saveEntries(id, { rowVersion: version.rowVersion, entries: result.entries });
      changed(saved);
      return saved;
    } catch (error) {
      throw new EntrySaveFailure(error, index);
    }
  };

  const saveEntry = async (entry: CatalogEntry) => {
    const original = editing?.entry?.code;
    await saveList((entries) => {
      const at = original === undefined ? -1 : entries.findIndex((e) => e.code === original);
      if (at < 0) return { entries: [...entries, entry], index: entries.length };
      const next = [...entries];
      next[at] = entry;
      return { entries: next, index: at };
    });
    setEditing(null);
    message.success(original === undefined ? `已新增条目 ${entry.code}` : `已保存条目 ${entry.code}`);
  };

  const deleteEntry = async (code: string) => {
    setDeleting(code);
    setProblem(null);
    try {
      await saveList((entries) => ({ entries: entries.filter((e) => e.code !== code), index: -1 }));
      message.success(`已删除条目 ${code}`);
    } catch (failure) {
      setProblem(catalogProblem(failure instanceof EntrySaveFailure ? failure.error : failure, kind));
    } finally {
      setDeleting(null);
    }
  };

  const setFilter = (patch: Partial<CatalogEntryQuery>) => setQuery((current) => ({ ...current, ...patch, page: 1 }));

  const columns: TableColumnsType<CatalogEntry & { id: string }> = [
    {
      title: '编码',
      dataIndex: 'code',
      width: 130,
      render: (code: string) => <span className="admin-mono admin-nowrap">{code}</span>,
    },
    { title: '名称', dataIndex: 'name' },
    ...(hasActionType(kind)
      ? [{ title: '行为类别', dataIndex: 'actionType', width: 110, render: (value: unknown) => actionTypeLabel(value) || '—' }]
      : []),
    ...(hasLegalBases(kind)
      ? [
          {
            title: '法律依据',
            dataIndex: 'legalBases',
            width: 300,
            render: (_: unknown, entry: CatalogEntry) => citeLegalBases(entry.legalBases) || '—',
          },
        ]
      : []),
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 130,
            fixed: 'right' as const,
            render: (_: unknown, entry: CatalogEntry) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ entry })}>
                  编辑
                </Button>
                <Popconfirm
                  title="删除条目"
                  description={`确定从草稿中删除“${entry.code} ${entry.name}”吗？`}
                  okText="确认删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => deleteEntry(entry.code)}
                >
                  <Button type="link" size="small" danger loading={deleting === entry.code}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={`${version.kindLabel}第${version.version}版`}
        extra={
          <Space wrap>
            <Link to={`/admin/catalog?agency=${encodeURIComponent(version.agencyId)}`}>返回清单管理</Link>
            <Button icon={<FileExcelOutlined />} href={catalog.exportUrl(version.id)} download>
              导出 Excel
            </Button>
            <Button icon={<DownloadOutlined />} href={catalog.templateUrl(kind)} download>
              下载模板
            </Button>
          </Space>
        }
      >
        {version.agencyName}
      </PageHeader>

      {version.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          className="admin-problem"
          title={`法制审核退回修改（${orDash(version.reviewedByName)}，${formatDateTime(version.reviewedAt)}）`}
          description={
            <>
              <div className="catalog-opinion-text">审核意见：{version.reviewOpinion}</div>
              <div>请按审核意见修改后保存，再重新提交法制审核。</div>
            </>
          }
        />
      ) : null}
      {version.status === 'superseded' ? (
        <Alert type="info" showIcon className="admin-problem" title="该版本已被新版本替代，为历史版本，仅供查阅。" />
      ) : null}
      {version.status === 'discarded' ? <Alert type="info" showIcon className="admin-problem" title="该草稿已撤销，仅供查阅。" /> : null}

      <VersionHeader version={version} />

      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />

      {isOpen ? (
        <div className="catalog-page-actions">
          <VersionActions
            agencyId={version.agencyId}
            agencyName={version.agencyName}
            kind={kind}
            kindLabel={version.kindLabel}
            published={null}
            open={version}
            onChanged={changed}
            onProblem={setProblem}
          />
        </div>
      ) : null}

      <Card
        variant="outlined"
        className="admin-filter-card"
        title={<h2 className="admin-card-title">清单条目</h2>}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ entry: null })}>
              新增条目
            </Button>
          ) : null
        }
      >
        <search className="admin-filters catalog-entry-filters" aria-label="筛选清单条目">
          <SearchBox
            label="搜索条目"
            placeholder="编码、名称、法律依据等关键字"
            value={searchText}
            onChange={setSearchText}
            onSearch={(q) => setFilter({ q })}
          />
          {hasActionType(kind) ? (
            <Select<ActionType>
              aria-label="行为类别"
              allowClear
              placeholder="全部行为类别"
              value={query.actionType}
              onChange={(value) => setFilter({ actionType: value || undefined })}
              className="admin-filter-select"
              options={Object.entries(actionTypes).map(([value, label]) => ({ value: value as ActionType, label }))}
            />
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新" />
        </search>
        {list.problem ? <ProblemAlert problem={list.problem} /> : null}
        <Table<CatalogEntry & { id: string }>
          rowKey="id"
          aria-label="清单条目"
          columns={columns}
          dataSource={list.items}
          loading={list.isLoading}
          scroll={{ x: 900 }}
          expandable={{
            expandedRowRender: (entry) => <EntryDetails kind={kind} entry={entry} />,
            expandRowByClick: false,
          }}
          locale={{ emptyText: query.q || query.actionType ? '没有符合条件的条目' : '尚无条目' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.total,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (page, pageSize) => setQuery((current) => ({ ...current, page, pageSize })),
          }}
        />
      </Card>

      <HistoryCard versionId={version.id} reloadKey={historyKey} />

      <EntryFormDrawer
        open={editing !== null}
        kind={kind}
        kindLabel={version.kindLabel}
        entry={editing?.entry ?? null}
        onClose={() => setEditing(null)}
        onSave={saveEntry}
      />
    </>
  );
}
