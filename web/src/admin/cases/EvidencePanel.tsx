/**
 * 证据与音像: the case's evidence with where and when it was captured, its digest and whether the stored file still
 * matches what the ledger recorded; 调阅 (with a purpose, recorded before the bytes are sent), 核验 and 更正.
 */
import { SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../shared/format';
import { type AccessGrant, type Evidence, evidence as evidenceApi, type RosterOfficer } from './api';
import { LedgerLink } from './CaseTimeline';
import EvidenceDrawer from './EvidenceDrawer';
import { formatBytes, shortDigest } from './format';
import PurposeModal from './PurposeModal';
import { downloadFile } from './transfer';

interface Props {
  caseId: string;
  items: Evidence[];
  isLoading: boolean;
  canRegister: boolean;
  officers: RosterOfficer[];
  onChanged: () => void;
}

type Access = { item: Evidence; action: 'view' | 'download' };

function Player({ item, grant }: { item: Evidence; grant: AccessGrant }) {
  const type = item.file.mediaType;
  if (type.startsWith('video/')) {
    // biome-ignore lint/a11y/useMediaCaption: evidence recordings have no caption track
    return <video controls autoPlay src={grant.url} className="cases-player" aria-label={`播放：${item.title}`} />;
  }
  if (type.startsWith('audio/')) {
    // biome-ignore lint/a11y/useMediaCaption: evidence recordings have no caption track
    return <audio controls autoPlay src={grant.url} className="cases-player-audio" aria-label={`播放：${item.title}`} />;
  }
  if (type.startsWith('image/')) return <img src={grant.url} alt={item.title} className="cases-player" />;
  return (
    <a href={grant.url} target="_blank" rel="noopener noreferrer">
      在新窗口中打开“{item.file.fileName}”
    </a>
  );
}

export default function EvidencePanel({ caseId, items, isLoading, canRegister, officers, onChanged }: Props) {
  const { message } = App.useApp();
  const [isAdding, setIsAdding] = useState(false);
  const [correcting, setCorrecting] = useState<Evidence | null>(null);
  const [access, setAccess] = useState<Access | null>(null);
  const [viewing, setViewing] = useState<{ item: Evidence; grant: AccessGrant } | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const titleOf = (id: string | null) => items.find((e) => e.id === id)?.title ?? '';

  const check = async (item: Evidence) => {
    setChecking(item.id);
    try {
      const result = await evidenceApi.check(item.id);
      if (result.isIntact) message.success(`${item.title}：${result.message}`);
      else message.error(`${item.title}：${result.message}`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : '核验失败');
    } finally {
      setChecking(null);
    }
  };

  const columns: TableColumnsType<Evidence> = [
    {
      title: '证据',
      key: 'title',
      width: 230,
      render: (_: unknown, item) => (
        <>
          <div className="cases-evidence-title">
            {item.title}
            {item.supersededById ? <Tag color="default">已被更正</Tag> : null}
          </div>
          <div className="cases-muted">
            {item.file.fileName}，{formatBytes(item.file.size)}
          </div>
          {item.supersedesId ? (
            <div className="cases-muted">
              更正“{titleOf(item.supersedesId)}”：{item.correctionReason}
            </div>
          ) : null}
          {item.supersededById ? <div className="cases-muted">已由“{titleOf(item.supersededById)}”更正替代</div> : null}
        </>
      ),
    },
    { title: '种类', dataIndex: 'kindLabel', width: 64 },
    {
      title: '采集时间、地点、设备',
      key: 'captured',
      width: 190,
      render: (_: unknown, item) => (
        <>
          <div className="admin-nowrap">{formatDateTime(item.capturedAt)}</div>
          <div className="cases-muted">{item.capturedPlace}</div>
          {item.deviceSerial ? <div className="cases-muted">设备 {item.deviceSerial}</div> : null}
        </>
      ),
    },
    {
      title: '摘要',
      key: 'digest',
      width: 210,
      render: (_: unknown, item) => (
        <Typography.Text
          className="admin-mono cases-digest"
          copyable={{ text: `${item.file.algorithm}:${item.file.digest}`, tooltips: ['复制完整摘要', '已复制'] }}
        >
          {shortDigest(item.file.algorithm, item.file.digest)}
        </Typography.Text>
      ),
    },
    {
      title: '账本',
      key: 'ledger',
      width: 116,
      render: (_: unknown, item) => (
        <Space orientation="vertical" size={2}>
          {item.digestMatchesLedger ? <Tag color="green">账本一致</Tag> : <Tag color="red">与账本不一致</Tag>}
          {item.ledgerSeq >= 0 ? <LedgerLink seq={item.ledgerSeq} /> : null}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_: unknown, item) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setAccess({ item, action: 'view' })} aria-label={`调阅：${item.title}`}>
            调阅
          </Button>
          <Button type="link" size="small" onClick={() => setAccess({ item, action: 'download' })} aria-label={`下载：${item.title}`}>
            下载
          </Button>
          <Button
            type="link"
            size="small"
            icon={<SafetyCertificateOutlined />}
            loading={checking === item.id}
            onClick={() => check(item)}
            aria-label={`核验：${item.title}`}
          >
            核验
          </Button>
          {canRegister && !item.supersededById ? (
            <Button type="link" size="small" onClick={() => setCorrecting(item)} aria-label={`更正：${item.title}`}>
              更正
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="cases-tab-toolbar">
        <span className="cases-muted">证据一经登记不能修改或删除；每次查看、下载都须注明调阅目的并记入记录账本。</span>
        {canRegister ? (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setIsAdding(true)}>
            上传证据
          </Button>
        ) : null}
      </div>
      <Table<Evidence>
        rowKey="id"
        aria-label="证据与音像"
        columns={columns}
        dataSource={items}
        loading={isLoading}
        pagination={false}
        scroll={{ x: 1000 }}
        rowClassName={(item) => (item.supersededById ? 'cases-row-superseded' : '')}
        locale={{ emptyText: '尚未登记证据' }}
      />
      <EvidenceDrawer
        open={isAdding || correcting !== null}
        caseId={caseId}
        correcting={correcting}
        officers={officers}
        onClose={() => {
          setIsAdding(false);
          setCorrecting(null);
        }}
        onSaved={(saved) => {
          message.success(correcting ? `已登记更正：${saved.title}` : `已登记证据：${saved.title}`);
          setIsAdding(false);
          setCorrecting(null);
          onChanged();
        }}
      />
      <PurposeModal
        open={access !== null}
        title={access ? `${access.action === 'view' ? '调阅' : '下载'}：${access.item.title}` : '调阅'}
        okText={access?.action === 'download' ? '下载' : '调阅'}
        onClose={() => setAccess(null)}
        onConfirm={async (purpose, note) => {
          if (!access) return;
          const { item, action } = access;
          const grant = await evidenceApi.access(item.id, { action, purpose, ...(note ? { note } : {}) });
          setAccess(null);
          onChanged();
          if (action === 'download') {
            await downloadFile(grant.url, item.file.fileName);
            message.success(`已下载：${item.file.fileName}`);
          } else setViewing({ item, grant });
        }}
      />
      <Modal
        title={viewing ? `调阅：${viewing.item.title}` : '调阅'}
        open={viewing !== null}
        onCancel={() => setViewing(null)}
        footer={null}
        width={800}
        destroyOnHidden
      >
        {viewing ? (
          <>
            <Player item={viewing.item} grant={viewing.grant} />
            <p className="cases-muted">本次调阅已记入记录账本，调阅地址 {formatDateTime(viewing.grant.expiresAt)} 前有效，仅限本人使用。</p>
          </>
        ) : null}
      </Modal>
    </>
  );
}
