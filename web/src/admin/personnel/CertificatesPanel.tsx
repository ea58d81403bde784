import { IdcardOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api';
import { formatDate, orDash } from '../../shared/format';
import { allowedActions, type Certificate, lifecycleLabels, type Officer, officers } from '../../shared/personnel';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import CardModal from './CardModal';
import CertificateActionModal, { type ActionKind } from './CertificateActionModal';
import CertificateStatusTag from './CertificateStatusTag';
import IssueCertificateDrawer from './IssueCertificateDrawer';

interface Props {
  officer: Officer;
  canKeep: boolean;
  /** After any change, so that the roster and the history follow. */
  onChanged: () => void;
}

const doneMessages: Record<ActionKind, string> = {
  renew: '已换发执法证',
  review: '已登记年审结论',
  suspend: '已暂扣执法证',
  reinstate: '已恢复执法证',
  cancel: '已注销执法证',
};

function CertificateDetails({ certificate }: { certificate: Certificate }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      items={[
        { key: 'number', label: '执法证号', children: <span className="admin-mono">{certificate.number}</span> },
        { key: 'status', label: '证件状态', children: <CertificateStatusTag certificate={certificate} /> },
        { key: 'categories', label: '执法门类', children: certificate.categoryLabels.join('、') },
        { key: 'region', label: '执法区域', children: certificate.regionName },
        { key: 'issuedOn', label: '发证日期', children: formatDate(certificate.issuedOn) },
        { key: 'expiresOn', label: '有效期至', children: formatDate(certificate.expiresOn) },
        { key: 'nextReviewOn', label: '下次年审', children: formatDate(certificate.nextReviewOn) },
        { key: 'lastReviewedOn', label: '上次年审', children: formatDate(certificate.lastReviewedOn) },
        ...(certificate.statusReason
          ? [
              {
                key: 'reason',
                label: '最近变更',
                span: 2,
                children: `${formatDate(certificate.statusChangedOn)}：${orDash(certificate.statusReason)}`,
              },
            ]
          : []),
      ]}
    />
  );
}

/** The officer's certificates, current first, with 核发执法证, the lifecycle steps and the 亮证卡. */
export default function CertificatesPanel({ officer, canKeep, onChanged }: Props) {
  const { message } = App.useApp();
  const [items, setItems] = useState<Certificate[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isIssuing, setIsIssuing] = useState(false);
  const [acting, setActing] = useState<{ certificate: Certificate; action: ActionKind } | null>(null);
  const [carding, setCarding] = useState<Certificate | null>(null);

  const load = useCallback(() => {
    setIsLoading(true);
    officers
      .certificates(officer.id)
      .then((answer) => {
        setItems(answer.items);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setIsLoading(false));
  }, [officer.id]);

  useEffect(load, [load]);

  const held = items.filter((c) => c.status !== 'cancelled');
  const past = items.filter((c) => c.status === 'cancelled');
  const canIssue = canKeep && officer.isActive && !officer.isAuxiliary && held.length === 0;

  const after = (text: string) => {
    message.success(text);
    load();
    onChanged();
  };

  const renderCard = (certificate: Certificate, isPast: boolean) => (
    <Card
      key={certificate.id}
      size="small"
      className={isPast ? 'personnel-cert-past' : undefined}
      title={
        <span>
          <IdcardOutlined /> {isPast ? '历史证件' : '现持执法证'} <span className="admin-mono">{certificate.number}</span>
        </span>
      }
    >
      <CertificateDetails certificate={certificate} />
      <div className="personnel-cert-actions">
        {!isPast ? (
          <Button onClick={() => setCarding(certificate)} aria-label={`亮证卡 ${certificate.number}`}>
            亮证卡
          </Button>
        ) : null}
        {canKeep
          ? allowedActions(certificate.status).map((action) => (
              <Button key={action} danger={action === 'cancel' || action === 'suspend'} onClick={() => setActing({ certificate, action })}>
                {lifecycleLabels[action]}
              </Button>
            ))
          : null}
      </div>
    </Card>
  );

  return (
    <>
      <ProblemAlert problem={problem} />
      {!officer.isActive && held.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="admin-problem"
          title="该人员已调离执法岗位，但执法证尚未注销"
          description="扫描其亮证卡仍会显示执法证状态；请注销该执法证。"
        />
      ) : null}
      {officer.isAuxiliary ? (
        <Typography.Paragraph type="secondary">辅助人员不能申领行政执法证，只能协助持证执法人员开展工作。</Typography.Paragraph>
      ) : null}
      {canIssue ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsIssuing(true)} className="admin-problem">
          核发执法证
        </Button>
      ) : null}
      <Spin spinning={isLoading}>
        {items.length === 0 && !isLoading ? (
          <Empty description={officer.isAuxiliary ? '辅助人员不持执法证' : '尚未核发执法证'} />
        ) : (
          <div className="personnel-cert-list">
            {held.map((c) => renderCard(c, false))}
            {past.map((c) => renderCard(c, true))}
          </div>
        )}
      </Spin>

      <IssueCertificateDrawer
        officer={isIssuing ? officer : null}
        onClose={() => setIsIssuing(false)}
        onIssued={(certificate) => {
          setIsIssuing(false);
          after(`已核发执法证 ${certificate.number}`);
        }}
      />
      <CertificateActionModal
        certificate={acting?.certificate ?? null}
        action={acting?.action ?? null}
        onClose={() => setActing(null)}
        onDone={(_, action) => {
          setActing(null);
          after(doneMessages[action]);
        }}
      />
      <CardModal certificate={carding} officerName={officer.name} agencyName={officer.agencyName ?? ''} onClose={() => setCarding(null)} />
    </>
  );
}
