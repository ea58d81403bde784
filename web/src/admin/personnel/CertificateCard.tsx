import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { formatDate } from '../../shared/format';
import { verificationUrl } from '../../shared/personnel';

export interface CardData {
  agencyName: string;
  officerName: string;
  number: string;
  categoryLabels: string[];
  regionName: string;
  expiresOn: string;
}

/** The QR code of a verification address, as a PNG data URL (made in the browser). */
export function useQrDataUrl(text: string): { dataUrl: string | null; failed: boolean } {
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let isCurrent = true;
    setDataUrl(null);
    setFailed(false);
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 480, color: { dark: '#000000', light: '#ffffff' } })
      .then((url) => isCurrent && setDataUrl(url))
      .catch(() => isCurrent && setFailed(true));
    return () => {
      isCurrent = false;
    };
  }, [text]);
  return { dataUrl, failed };
}

/**
 * 亮证卡: what an officer shows when enforcing — agency, name, certificate number, categories, region, expiry, and a
 * QR code that opens the portal's verification page. Nothing else: no phone, ID number or address.
 * Sized in millimetres like a card (90 × 57 mm) so that it prints true to size.
 */
export default function CertificateCard({ card, idPrefix }: { card: CardData; idPrefix: string }) {
  const url = verificationUrl(window.location.origin, card.number);
  const { dataUrl, failed } = useQrDataUrl(url);
  const titleId = `${idPrefix}-title`;
  return (
    <article className="lt-card" aria-labelledby={titleId}>
      <header className="lt-card-head">
        <svg className="lt-card-mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
          {Array.from({ length: 12 }, (_, i) => i * 30).map((angle) => (
            <rect key={angle} x="30" y="2" width="4" height="11" rx="2" fill="#ffd666" transform={`rotate(${angle} 32 32)`} />
          ))}
          <circle cx="32" cy="32" r="15" fill="#ffd666" />
        </svg>
        <div>
          <p className="lt-card-agency">{card.agencyName}</p>
          <p className="lt-card-title" id={titleId}>
            行政执法人员 · 亮证执法
          </p>
        </div>
      </header>
      <div className="lt-card-body">
        <dl className="lt-card-fields">
          <div>
            <dt>姓　　名</dt>
            <dd className="lt-card-name">{card.officerName}</dd>
          </div>
          <div>
            <dt>执法证号</dt>
            <dd className="lt-card-number">{card.number}</dd>
          </div>
          <div>
            <dt>执法门类</dt>
            <dd>{card.categoryLabels.join('、')}</dd>
          </div>
          <div>
            <dt>执法区域</dt>
            <dd>{card.regionName}</dd>
          </div>
          <div>
            <dt>有效期至</dt>
            <dd>{formatDate(card.expiresOn)}</dd>
          </div>
        </dl>
        <figure className="lt-card-qr">
          {dataUrl ? (
            <img src={dataUrl} alt={`执法证 ${card.number} 的核验二维码`} />
          ) : (
            <span className="lt-card-qr-empty">{failed ? '二维码生成失败' : '正在生成…'}</span>
          )}
          <figcaption>扫码核验执法人员身份</figcaption>
        </figure>
      </div>
      <p className="lt-card-link">{url}</p>
    </article>
  );
}
