import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space } from 'antd';
import { createPortal } from 'react-dom';
import { type Certificate, describeCertificateStatus } from '../../shared/personnel';
import CertificateCard, { type CardData } from './CertificateCard';
import './personnel.css';

interface Props {
  certificate: Certificate | null;
  officerName: string;
  agencyName: string;
  onClose: () => void;
}

/**
 * The 亮证卡 of a certificate, with 打印. The printed copy is a second card placed straight under <body>: print CSS
 * shows only it, at its true size, whatever else is on the screen.
 */
export default function CardModal({ certificate, officerName, agencyName, onClose }: Props) {
  const card: CardData | null = certificate
    ? {
        agencyName,
        officerName,
        number: certificate.number,
        categoryLabels: certificate.categoryLabels,
        regionName: certificate.regionName,
        expiresOn: certificate.expiresOn,
      }
    : null;
  const status = certificate ? describeCertificateStatus({ status: certificate.effectiveStatus, isValid: certificate.isValid }) : null;
  const isPrintable = status?.tone === 'valid';

  return (
    <Modal
      title="亮证卡"
      open={certificate !== null}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!isPrintable} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      }
    >
      {card ? (
        <>
          {isPrintable ? (
            <p>执法人员执法时出示亮证卡，当事人扫描二维码即可在公示平台核验其身份和执法证状态。打印时请选择“实际大小”。</p>
          ) : (
            <Alert
              type="error"
              showIcon
              className="admin-problem"
              title={`该执法证当前为“${status?.label}”，不能打印亮证卡`}
              description="持证人不得从事执法活动；扫描已发放亮证卡上的二维码，公示平台将显示该状态。"
            />
          )}
          <div className="lt-card-preview">
            <CertificateCard card={card} idPrefix="card-preview" />
          </div>
          {isPrintable
            ? createPortal(
                <div className="personnel-print-root">
                  <CertificateCard card={card} idPrefix="card-print" />
                </div>,
                document.body,
              )
            : null}
        </>
      ) : null}
    </Modal>
  );
}
