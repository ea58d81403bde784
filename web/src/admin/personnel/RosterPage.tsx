import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space, type TableColumnsType, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { formatDate, orDash } from '../../shared/format';
import { type Officer, type OfficerQuery, type RosterImportJob, rosterSpreadsheet } from '../../shared/personnel';
import { useAgencyOptions } from '../components/options';
import PagedTable from '../components/PagedTable';
import PageHeader from '../components/PageHeader';
import SearchBox from '../components/SearchBox';
import SpreadsheetImportModal from '../components/SpreadsheetImportModal';
import { usePagedList } from '../components/usePagedList';
import { useRosterKeeper } from './access';
import CertificateStatusTag from './CertificateStatusTag';
import DeactivateOfficerModal from './DeactivateOfficerModal';
import OfficerDrawer, { OfficerKindTag } from './OfficerDrawer';
import OfficerFormDrawer from './OfficerFormDrawer';
import { fetchRosterPage, type RosterRow } from './roster';
import './personnel.css';

type KindFilter = 'all' | 'officer' | 'auxiliary';

const DEFAULT_PAGE_SIZE = 20;

export default function RosterPage() {
  const { message } = App.useApp();
  const { canKeep, canAdd, isAdministrator } = useRosterKeeper();
  const { agencies } = useAgencyOptions();
  const [searchText, setSearchText] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [query, setQuery] = useState<OfficerQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const fetchPage = useCallback((q: OfficerQuery) => fetchRosterPage(q), []);
  const list = usePagedList(fetchPage, query);

  const [formOfficer, setFormOfficer] = useState<RosterRow | null>(null);
  const [isFormOpen, setIsFormOpen] = useState(false);
  const [detail, setDetail] = useState<Officer | null>(null);
  const [deactivating, setDeactivating] = useState<Officer | null>(null);
  const [isImportOpen, setIsImportOpen] = useState(false);
  // The roster a spreadsheet reads or fills: the agency chosen in the filter, or the only one the user sees.
  const sheetAgency = agencies.find((agency) => agency.id === query.agencyId) ?? (agencies.length === 1 ? agencies[0] : undefined);

  const setFilter = (patch: Partial<OfficerQuery>) => setQuery((current) => ({ ...current, ...patch, page: 1 }));

  const changeKind = (value: KindFilter) => {
    setKind(value);
    setFilter({ isAuxiliary: value === 'all' ? undefined : value === 'auxiliary' });
  };

  const reset = () => {
    setSearchText('');
    setKind('all');
    setQuery({ page: 1, pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE });
  };

  const openEdit = (officer: Officer) => {
    const row = list.items.find((item) => item.id === officer.id);
    setFormOfficer(row ?? { ...officer, certificate: null });
    setIsFormOpen(true);
  };

  const showsAgency = agencies.length > 1;
  const columns: TableColumnsType<RosterRow> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 96,
      fixed: 'left',
      render: (name: string, officer) => (
        <Button type="link" className="admin-link-cell" onClick={() => setDetail(officer)} aria-label={`${name} 详情`}>
          {name}
        </Button>
      ),
    },
    ...(showsAgency ? [{ title: '执法机关', dataIndex: 'agencyName', width: 190, render: (v: string | undefined) => orDash(v) }] : []),
    {
      title: '岗位',
      dataIndex: 'post',
      width: showsAgency ? 130 : 150,
      render: (post: string | null, officer) => (
        <>
          {orDash(post)}
          {officer.isActive ? null : (
            <>
              {' '}
              <Tag>已调离</Tag>
            </>
          )}
        </>
      ),
    },
    { title: '人员类别', key: 'kind', width: 96, render: (_: unknown, officer) => <OfficerKindTag officer={officer} /> },
    {
      title: '执法证号',
      key: 'number',
      width: 125,
      render: (_: unknown, officer) => <span className="personnel-number">{orDash(officer.certificate?.number)}</span>,
    },
    {
      title: '执法门类',
      key: 'categories',
      width: 120,
      render: (_: unknown, officer) => orDash(officer.certificate?.categoryLabels.join('、')),
    },
    { title: '执法区域', key: 'region', width: 90, render: (_: unknown, officer) => orDash(officer.certificate?.regionName) },
    {
      title: '证件状态',
      key: 'status',
      width: 100,
      render: (_: unknown, officer) =>
        officer.isAuxiliary ? (
          <span className="admin-nowrap">不持证</span>
        ) : officer.certificateError ? (
          '无法加载'
        ) : (
          <CertificateStatusTag certificate={officer.certificate} />
        ),
    },
    {
      title: '有效期至',
      key: 'expiresOn',
      width: 125,
      render: (_: unknown, officer) => <span className="admin-nowrap">{formatDate(officer.certificate?.expiresOn)}</span>,
    },
  ];
  const actionsColumn: TableColumnsType<RosterRow>[number] = {
    title: '操作',
    key: 'actions',
    width: 160,
    fixed: 'right',
    render: (_: unknown, officer) =>
      canKeep(officer.agencyId) && officer.isActive ? (
        <Space size={0} className="admin-nowrap">
          <Button type="link" size="small" onClick={() => openEdit(officer)}>
            修改
          </Button>
          <Button type="link" size="small" danger onClick={() => setDeactivating(officer)}>
            调离执法岗位
          </Button>
        </Space>
      ) : (
        <Button type="link" size="small" onClick={() => setDetail(officer)}>
          详情
        </Button>
      ),
  };
  if (canAdd) columns.push(actionsColumn);

  return (
    <>
      <PageHeader
        title="执法人员名册"
        extra={
          <Space wrap>
            {sheetAgency ? (
              <Button icon={<DownloadOutlined />} href={rosterSpreadsheet.exportUrl(sheetAgency.id)}>
                导出 Excel
              </Button>
            ) : null}
            {canAdd && sheetAgency && canKeep(sheetAgency.id) ? (
              <Button icon={<UploadOutlined />} onClick={() => setIsImportOpen(true)}>
                导入 Excel
              </Button>
            ) : null}
            {canAdd ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setFormOfficer(null);
                  setIsFormOpen(true);
                }}
              >
                新增人员
              </Button>
            ) : null}
          </Space>
        }
      >
        执法人员、辅助人员及其行政执法证。辅助人员不得申领执法证，只能协助持证执法人员开展工作；执法证信息在公示平台公开，供群众亮证核验。
        {canAdd ? '' : '名册由机关负责人维护。'}
      </PageHeader>

      <Card variant="outlined" className="admin-filter-card">
        <search className="admin-filters" aria-label="筛选执法人员">
          <SearchBox
            label="搜索执法人员"
            placeholder="姓名或执法证号"
            value={searchText}
            onChange={setSearchText}
            onSearch={(q) => setFilter({ q })}
          />
          <Select<KindFilter>
            aria-label="人员类别"
            value={kind}
            onChange={changeKind}
            className="admin-filter-select"
            options={[
              { value: 'all', label: '全部人员' },
              { value: 'officer', label: '执法人员' },
              { value: 'auxiliary', label: '辅助人员' },
            ]}
          />
          {agencies.length > 1 ? (
            <Select<string>
              aria-label="执法机关"
              allowClear
              placeholder="全部执法机关"
              value={query.agencyId}
              onChange={(value) => setFilter({ agencyId: value || undefined })}
              className="admin-filter-select admin-filter-wide"
              showSearch={{ optionFilterProp: 'label' }}
              options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
            />
          ) : null}
          <Button onClick={reset}>重置</Button>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新" />
        </search>
      </Card>

      <PagedTable<RosterRow>
        label="执法人员名册"
        noun="执法人员"
        columns={columns}
        list={list}
        page={query.page}
        pageSize={query.pageSize}
        onPageChange={(page, pageSize) => setQuery((current) => ({ ...current, page, pageSize }))}
        scrollX={(showsAgency ? 1050 : 910) + (canAdd ? 160 : 0)}
      />

      <OfficerFormDrawer
        open={isFormOpen}
        officer={formOfficer}
        holdsCertificate={formOfficer?.certificate ? formOfficer.certificate.status !== 'cancelled' : false}
        isAdministrator={isAdministrator}
        onClose={() => setIsFormOpen(false)}
        onSaved={(saved, isNew) => {
          setIsFormOpen(false);
          message.success(isNew ? `已新增“${saved.name}”` : `已保存“${saved.name}”`);
          if (isNew) {
            // Straight on to its certificates: a new officer usually needs one issued next.
            const agencyName = agencies.find((agency) => agency.id === saved.agencyId)?.name;
            setDetail({ ...saved, agencyName: saved.agencyName ?? agencyName });
          } else {
            setDetail((current) => (current && current.id === saved.id ? { ...current, ...saved } : current));
          }
          list.reload();
        }}
      />
      <OfficerDrawer
        officer={detail}
        canKeep={detail ? canKeep(detail.agencyId) : false}
        onClose={() => setDetail(null)}
        onEdit={openEdit}
        onDeactivate={setDeactivating}
        onChanged={list.reload}
      />
      <DeactivateOfficerModal
        officer={deactivating}
        onClose={() => setDeactivating(null)}
        onDone={(saved) => {
          setDeactivating(null);
          message.success(`已将“${saved.name}”调离执法岗位`);
          setDetail((current) => (current && current.id === saved.id ? { ...current, ...saved } : current));
          list.reload();
        }}
      />
      {sheetAgency ? (
        <SpreadsheetImportModal<RosterImportJob>
          open={isImportOpen}
          title={`导入 Excel：${sheetAgency.name}执法人员名册`}
          intro="按模板填写执法人员（及其执法证）后上传。系统逐行检查，只要有一处错误，整个文件都不导入，并逐行列出问题；全部正确时一次新增全部人员和执法证，并逐一记入记录账本。导入只新增人员，不修改名册中已有的人员。"
          templateUrl={rosterSpreadsheet.templateUrl}
          templateLabel="下载执法人员名册导入模板"
          start={(file) => rosterSpreadsheet.start(sheetAgency.id, file)}
          poll={rosterSpreadsheet.get}
          success={(job) =>
            job.result
              ? {
                  title: `导入成功：新增 ${job.result.officerCount} 名人员、${job.result.certificateCount} 个执法证`,
                  description: '名册已更新。',
                }
              : null
          }
          onSucceeded={() => list.reload()}
          onClose={() => setIsImportOpen(false)}
        />
      ) : null}
    </>
  );
}
