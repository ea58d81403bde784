import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../../api';
import { catalog } from '../../shared/endpoints';
import { formatDate, formatDateTime, orDash } from '../../shared/format';
import type { AgencyCatalog, CatalogKind, CatalogVersion } from '../../shared/types';
import { useAuth } from '../auth/AuthContext';
import { useAgencyOptions } from '../components/options';
import PageHeader from '../components/PageHeader';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { canCompile, canPickAgency } from './access';
import VersionActions from './VersionActions';
import VersionStatusTag from './VersionStatusTag';
import VersionsDrawer from './VersionsDrawer';
import './catalog.css';

type ListRow = AgencyCatalog['lists'][number];

function PublishedSummary({ version }: { version: CatalogVersion | null }) {
  if (!version) return <Typography.Text type="secondary">尚未公布</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={2}
      items={[
        {
          key: 'version',
          label: '版本号',
          children: <Link to={`/admin/catalog/versions/${version.id}`}>第{version.version}版</Link>,
        },
        { key: 'publishedAt', label: '公布日期', children: formatDate(version.publishedAt) },
        { key: 'entryCount', label: '条目数', children: `${version.entryCount} 条` },
        { key: 'reviewedBy', label: '审核人', children: orDash(version.reviewedByName) },
      ]}
    />
  );
}

function OpenSummary({ version }: { version: CatalogVersion }) {
  return (
    <div className="catalog-open">
      <Space wrap size={8}>
        <VersionStatusTag status={version.status} />
        <Link to={`/admin/catalog/versions/${version.id}`}>第{version.version}版</Link>
        <span>{version.entryCount} 条</span>
        <Typography.Text type="secondary">{version.basedOn ? `对第${version.basedOn}版的纠错` : '首次编制'}</Typography.Text>
        <Typography.Text type="secondary">
          {version.status === 'submitted'
            ? `${orDash(version.submittedByName)} 于 ${formatDateTime(version.submittedAt)} 提交`
            : `${orDash(version.createdByName)} 编制，更新于 ${formatDateTime(version.updatedAt)}`}
        </Typography.Text>
      </Space>
      {version.note ? <div className="catalog-note">说明：{version.note}</div> : null}
      {version.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          className="catalog-opinion"
          title={`法制审核意见（${orDash(version.reviewedByName)}，${formatDateTime(version.reviewedAt)} 退回修改）`}
          description={<div className="catalog-opinion-text">{version.reviewOpinion}</div>}
        />
      ) : null}
    </div>
  );
}

export default function CatalogPage() {
  const { user: me } = useAuth();
  const picksAgency = canPickAgency(me);
  const { agencies, isLoading: isLoadingAgencies } = useAgencyOptions();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<AgencyCatalog | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [versionsOf, setVersionsOf] = useState<{ agencyId: string; agencyName: string; kind: CatalogKind; kindLabel: string } | null>(null);

  const agencyId = useMemo(() => {
    const chosen = params.get('agency');
    if (!picksAgency) return me?.agency?.id ?? null;
    if (chosen) return chosen;
    if (me?.agency && agencies.some((a) => a.id === me.agency?.id)) return me.agency.id;
    return agencies.find((a) => a.isActive)?.id ?? null;
  }, [params, picksAgency, me, agencies]);

  const load = useCallback(() => {
    if (!agencyId) return;
    setIsLoading(true);
    setProblem(null);
    catalog
      .agency(agencyId)
      .then(setData)
      .catch((error: unknown) => {
        setData(null);
        setProblem(describeError(error));
      })
      .finally(() => setIsLoading(false));
  }, [agencyId]);

  useEffect(load, [load]);

  const compiler = agencyId ? canCompile(me, agencyId) : false;

  const card = (list: ListRow) => {
    const agency = data?.agency;
    if (!agency) return null;
    const titleId = `catalog-${list.kind}`;
    return (
      <Card
        variant="outlined"
        className="catalog-card"
        role="region"
        aria-labelledby={titleId}
        title={
          <h2 id={titleId} className="admin-card-title">
            {list.kindLabel}
          </h2>
        }
        extra={
          <Button type="link" size="small" onClick={() => setVersionsOf({ agencyId: agency.id, agencyName: agency.name, ...list })}>
            全部版本
          </Button>
        }
      >
        <div>
          <div className="catalog-label">现行版本</div>
          <PublishedSummary version={list.published} />
        </div>
        <div className="catalog-open-section">
          <div className="catalog-label">未公布版本</div>
          {list.open ? <OpenSummary version={list.open} /> : <Typography.Text type="secondary">无</Typography.Text>}
        </div>
        <div className="catalog-actions">
          <VersionActions
            agencyId={agency.id}
            agencyName={agency.name}
            kind={list.kind}
            kindLabel={list.kindLabel}
            published={list.published}
            open={list.open}
            showEditLink
            onChanged={load}
            onProblem={setProblem}
          />
        </div>
      </Card>
    );
  };

  return (
    <>
      <PageHeader title="清单管理" extra={<Button icon={<ReloadOutlined />} onClick={load} aria-label="刷新" disabled={!agencyId} />}>
        编制和纠错本机关的行政执法事项清单等七类事前公开清单。清单经本机关法制审核人员审核通过后在公示平台公布，原现行版本转为历史版本。
        {compiler
          ? ''
          : picksAgency
            ? '您可以查看所辖各执法机关的清单；编制由该机关的执法人员或机关负责人办理。'
            : '您可以查看；编制由本机关执法人员或机关负责人办理。'}
      </PageHeader>

      {picksAgency ? (
        <Card variant="outlined" className="admin-filter-card">
          <div className="admin-filters">
            <label htmlFor="catalog-agency" className="catalog-filter-label">
              执法机关
            </label>
            <Select<string>
              id="catalog-agency"
              className="catalog-agency-select"
              loading={isLoadingAgencies}
              value={agencyId ?? undefined}
              placeholder="请选择执法机关"
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(value) => setParams(value ? { agency: value } : {})}
              options={agencies.map((a) => ({ value: a.id, label: a.isActive ? a.name : `${a.name}（已停用）` }))}
            />
          </div>
        </Card>
      ) : null}

      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />

      {!agencyId && !isLoadingAgencies ? <Empty description={picksAgency ? '请选择执法机关' : '您的账号未归属执法机关'} /> : null}
      {isLoading && !data ? <Skeleton active /> : null}
      {data ? (
        <>
          <Typography.Title level={2} className="catalog-agency-title">
            {data.agency.name}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {data.lists.map((list) => (
              <Col key={list.kind} xs={24} xl={12}>
                {card(list)}
              </Col>
            ))}
          </Row>
        </>
      ) : null}
      <VersionsDrawer list={versionsOf} onClose={() => setVersionsOf(null)} />
    </>
  );
}
