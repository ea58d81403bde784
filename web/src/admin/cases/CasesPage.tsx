/** 案件列表: the cases the user may see, searched by number, cause or party and filtered by procedure and stage. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, type TableColumnsType, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDate } from '../../shared/format';
import { hasRole, useAuth } from '../auth/AuthContext';
import { useAgencyOptions } from '../components/options';
import PagedTable from '../components/PagedTable';
import PageHeader from '../components/PageHeader';
import SearchBox from '../components/SearchBox';
import { usePagedList } from '../components/usePagedList';
import { type CaseQuery, type CaseSummary, cases } from './api';
import { stageColor } from './format';
import OpenCaseDrawer from './OpenCaseDrawer';
import { stageOptions, useProcedureDefinitions } from './useProcedures';
import './cases.css';

const DEFAULT_PAGE_SIZE = 20;

export function StageTag({ status, label, closedOn }: { status: string; label: string; closedOn?: string | null }) {
  return <Tag color={stageColor(status, !!closedOn)}>{label}</Tag>;
}

export default function CasesPage() {
  const { message } = App.useApp();
  const { user } = useAuth();
  const navigate = useNavigate();
  const definitions = useProcedureDefinitions();
  const { agencies } = useAgencyOptions();
  const showsAgency = agencies.length > 1;
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState<CaseQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [isOpening, setIsOpening] = useState(false);
  const fetchPage = useCallback((q: CaseQuery) => cases.list(q), []);
  const list = usePagedList(fetchPage, query);
  const canOpen = !!user?.agency && hasRole(user, 'officer', 'agency_head');

  const setFilter = (patch: Partial<CaseQuery>) => setQuery((current) => ({ ...current, ...patch, page: 1 }));
  const reset = () => {
    setSearchText('');
    setQuery({ page: 1, pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE });
  };

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: '案号',
      dataIndex: 'number',
      width: 180,
      fixed: 'left',
      render: (number: string, row) => (
        <Link to={`/admin/cases/${row.id}`} className="cases-number">
          {number}
        </Link>
      ),
    },
    { title: '案由', dataIndex: 'title', width: 300, ellipsis: { showTitle: true } },
    { title: '当事人', key: 'party', width: 190, render: (_: unknown, row) => row.party.name },
    { title: '程序', dataIndex: 'procedureName', width: 150 },
    {
      title: '阶段',
      key: 'status',
      width: 130,
      render: (_: unknown, row) => <StageTag status={row.status} label={row.statusLabel} closedOn={row.closedOn} />,
    },
    {
      title: '立案日期',
      dataIndex: 'openedOn',
      width: 130,
      render: (value: string) => <span className="admin-nowrap">{formatDate(value)}</span>,
    },
  ];
  if (showsAgency)
    columns.push({ title: '承办机关', dataIndex: 'agencyName', width: 190, render: (value: string | undefined) => value ?? '—' });

  return (
    <>
      <PageHeader
        title="案件列表"
        extra={
          canOpen ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsOpening(true)}>
              立案
            </Button>
          ) : null
        }
      >
        按法定程序办理的行政执法案件。每个环节由系统按程序定义校验（两名持证执法人员、音像记录、裁量基准、法定期限等），并记入不可篡改的记录账本。
      </PageHeader>

      <Card variant="outlined" className="admin-filter-card">
        <search className="admin-filters" aria-label="筛选案件">
          <SearchBox
            label="搜索案件"
            placeholder="案号、案由或当事人"
            value={searchText}
            onChange={setSearchText}
            onSearch={(q) => setFilter({ q })}
          />
          <Select<string>
            aria-label="程序"
            allowClear
            placeholder="全部程序"
            value={query.procedure}
            onChange={(value) => setFilter({ procedure: value || undefined, status: undefined })}
            className="admin-filter-select admin-filter-wide"
            options={definitions.map(({ definition }) => ({ value: definition.key, label: definition.name }))}
          />
          <Select<string>
            aria-label="阶段"
            allowClear
            placeholder="全部阶段"
            value={query.status}
            onChange={(value) => setFilter({ status: value || undefined })}
            className="admin-filter-select admin-filter-wide"
            showSearch={{ optionFilterProp: 'label' }}
            options={stageOptions(definitions, query.procedure)}
          />
          <Button onClick={reset}>重置</Button>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新" />
        </search>
      </Card>

      <PagedTable<CaseSummary>
        label="案件列表"
        noun="案件"
        columns={columns}
        list={list}
        page={query.page}
        pageSize={query.pageSize}
        onPageChange={(page, pageSize) => setQuery((current) => ({ ...current, page, pageSize }))}
        scrollX={showsAgency ? 1270 : 1080}
      />

      {canOpen && user?.agency ? (
        <OpenCaseDrawer
          open={isOpening}
          agencyId={user.agency.id}
          onClose={() => setIsOpening(false)}
          onOpened={(opened) => {
            setIsOpening(false);
            message.success(`已立案：${opened.number}`);
            navigate(`/admin/cases/${opened.id}`);
          }}
        />
      ) : null}
    </>
  );
}
