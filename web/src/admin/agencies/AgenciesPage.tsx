import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { describeError } from '../../api';
import { type AgencyQuery, agencies } from '../../shared/endpoints';
import { orDash } from '../../shared/format';
import { governmentLevelLabels } from '../../shared/labels';
import type { Agency } from '../../shared/types';
import { hasRole, useAuth } from '../auth/AuthContext';
import { useGovernments } from '../components/options';
import PagedTable from '../components/PagedTable';
import PageHeader from '../components/PageHeader';
import SearchBox from '../components/SearchBox';
import StatusTag from '../components/StatusTag';
import { usePagedList } from '../components/usePagedList';
import AgencyDetailDrawer from './AgencyDetailDrawer';
import AgencyFormDrawer from './AgencyFormDrawer';
import DeactivateAgencyModal from './DeactivateAgencyModal';

type StatusFilter = 'all' | 'active' | 'inactive';

const DEFAULT_PAGE_SIZE = 20;

export default function AgenciesPage() {
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const isAdministrator = hasRole(me, 'administrator');
  const isOwnHead = (agency: Agency) => hasRole(me, 'agency_head') && me?.agency?.id === agency.id;
  const { governments } = useGovernments();
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState<AgencyQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [status, setStatus] = useState<StatusFilter>('all');
  const fetchPage = useCallback((q: AgencyQuery) => agencies.list(q), []);
  const list = usePagedList(fetchPage, query);

  const [formAgency, setFormAgency] = useState<Agency | null>(null);
  const [isFormOpen, setIsFormOpen] = useState(false);
  const [detailAgency, setDetailAgency] = useState<Agency | null>(null);
  const [deactivating, setDeactivating] = useState<Agency | null>(null);

  const setFilter = (patch: Partial<AgencyQuery>) => setQuery((current) => ({ ...current, ...patch, page: 1 }));

  const changeStatus = (value: StatusFilter) => {
    setStatus(value);
    setFilter({ isActive: value === 'all' ? undefined : value === 'active' });
  };

  const reset = () => {
    setSearchText('');
    setStatus('all');
    setQuery({ page: 1, pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE });
  };

  const activate = async (agency: Agency) => {
    try {
      await agencies.activate(agency.id, agency.version);
      message.success(`已启用“${agency.name}”`);
      list.reload();
    } catch (error) {
      const { title, detail } = describeError(error);
      message.error(detail ? `${title}：${detail}` : title);
    }
  };

  const columns: TableColumnsType<Agency> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, agency) => (
        <Button type="link" className="admin-link-cell" onClick={() => setDetailAgency(agency)}>
          {name}
        </Button>
      ),
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'uscc',
      width: 200,
      render: (uscc: string) => <span className="admin-mono admin-nowrap">{uscc}</span>,
    },
    { title: '类别', dataIndex: 'kindLabel', width: 130 },
    { title: '所属政府', dataIndex: 'governmentName', width: 160 },
    { title: '监督电话', dataIndex: 'supervisionPhone', width: 130, render: (v: string | null) => orDash(v) },
    {
      title: '状态',
      dataIndex: 'isActive',
      width: 80,
      render: (isActive: boolean) => <StatusTag isActive={isActive} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: isAdministrator ? 170 : 120,
      fixed: 'right',
      render: (_: unknown, agency) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDetailAgency(agency)}>
            详情
          </Button>
          {isAdministrator || isOwnHead(agency) ? (
            <Button
              type="link"
              size="small"
              onClick={() => {
                setFormAgency(agency);
                setIsFormOpen(true);
              }}
            >
              编辑
            </Button>
          ) : null}
          {isAdministrator && agency.isActive ? (
            <Button type="link" size="small" danger onClick={() => setDeactivating(agency)}>
              停用
            </Button>
          ) : null}
          {isAdministrator && !agency.isActive ? (
            <Popconfirm
              title="启用执法机关"
              description={`确定启用“${agency.name}”吗？`}
              okText="确认启用"
              cancelText="取消"
              onConfirm={() => activate(agency)}
            >
              <Button type="link" size="small">
                启用
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="执法机关"
        extra={
          isAdministrator ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setFormAgency(null);
                setIsFormOpen(true);
              }}
            >
              新增执法机关
            </Button>
          ) : null
        }
      >
        本级及下级人民政府所属的行政执法主体。{isAdministrator ? '' : '您可以查看，修改须由系统管理员办理。'}
      </PageHeader>

      <Card variant="outlined" className="admin-filter-card">
        <search className="admin-filters" aria-label="筛选执法机关">
          <SearchBox
            label="搜索执法机关"
            placeholder="名称、简称或统一社会信用代码"
            value={searchText}
            onChange={setSearchText}
            onSearch={(q) => setFilter({ q })}
          />
          <Select<StatusFilter>
            aria-label="状态"
            value={status}
            onChange={changeStatus}
            className="admin-filter-select"
            options={[
              { value: 'all', label: '全部状态' },
              { value: 'active', label: '启用' },
              { value: 'inactive', label: '停用' },
            ]}
          />
          {governments.length > 1 ? (
            <Select<string>
              aria-label="所属政府"
              allowClear
              placeholder="全部政府"
              value={query.governmentId}
              onChange={(value) => setFilter({ governmentId: value || undefined })}
              className="admin-filter-select admin-filter-wide"
              showSearch={{ optionFilterProp: 'label' }}
              options={governments.map((g) => ({
                value: g.id,
                label: `${g.name}（${governmentLevelLabels[g.level] ?? g.level}）`,
              }))}
            />
          ) : null}
          <Button onClick={reset}>重置</Button>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新" />
        </search>
      </Card>

      <PagedTable<Agency>
        label="执法机关列表"
        noun="执法机关"
        columns={columns}
        list={list}
        page={query.page}
        pageSize={query.pageSize}
        onPageChange={(page, pageSize) => setQuery((current) => ({ ...current, page, pageSize }))}
        scrollX={1080}
      />

      <AgencyFormDrawer
        open={isFormOpen}
        agency={formAgency}
        isContactOnly={!isAdministrator}
        onClose={() => setIsFormOpen(false)}
        onSaved={(saved, isNew) => {
          setIsFormOpen(false);
          message.success(isNew ? `已新增“${saved.name}”` : `已保存“${saved.name}”`);
          list.reload();
        }}
      />
      <AgencyDetailDrawer agency={detailAgency} onClose={() => setDetailAgency(null)} />
      <DeactivateAgencyModal
        agency={deactivating}
        onClose={() => setDeactivating(null)}
        onDone={(saved) => {
          setDeactivating(null);
          message.success(`已停用“${saved.name}”`);
          list.reload();
        }}
      />
    </>
  );
}
