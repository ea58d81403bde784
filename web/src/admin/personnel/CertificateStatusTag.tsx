import { Tag } from 'antd';
import type { CertificateStatus } from '../../shared/personnel';
import { describeCertificateStatus } from '../../shared/personnel';

const colors = { valid: 'green', invalid: 'red', pending: 'default' } as const;

/** 有效 in green; 暂扣, 已注销, 已过期, 未按期年审 and 尚未生效 in red; 未领取执法证 in grey. */
export default function CertificateStatusTag({
  certificate,
}: {
  certificate: { effectiveStatus: CertificateStatus; isValid: boolean } | null;
}) {
  const shown = describeCertificateStatus(certificate ? { status: certificate.effectiveStatus, isValid: certificate.isValid } : null);
  return <Tag color={colors[shown.tone]}>{shown.label}</Tag>;
}
