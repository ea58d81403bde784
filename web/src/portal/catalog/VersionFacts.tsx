import { publicCatalog } from '../../shared/endpoints';
import { formatDate } from '../../shared/format';
import type { PublicCatalogVersion } from '../../shared/types';
import { LedgerSeq } from './parts';

/** What the portal says about one published version: status, dates, size, ledger record and digest. */
export default function VersionFacts({ version }: { version: PublicCatalogVersion }) {
  const isCurrent = version.status === 'published';
  return (
    <dl className="catalog-facts">
      <div>
        <dt>执法机关</dt>
        <dd>{version.agencyName}</dd>
      </div>
      <div>
        <dt>清单</dt>
        <dd>{version.kindLabel}</dd>
      </div>
      <div>
        <dt>版本</dt>
        <dd>
          第{version.version}版{' '}
          <span className={isCurrent ? 'catalog-badge catalog-badge-current' : 'catalog-badge'}>{version.statusLabel}</span>
        </dd>
      </div>
      <div>
        <dt>公布日期</dt>
        <dd>{formatDate(version.publishedAt)}</dd>
      </div>
      {version.supersededAt ? (
        <div>
          <dt>被替代日期</dt>
          <dd>{formatDate(version.supersededAt)}</dd>
        </div>
      ) : null}
      <div>
        <dt>条目数</dt>
        <dd>{version.entryCount}条</dd>
      </div>
      {version.basedOn ? (
        <div>
          <dt>更正</dt>
          <dd>对第{version.basedOn}版的更正</dd>
        </div>
      ) : null}
      {version.note ? (
        <div className="catalog-facts-wide">
          <dt>说明</dt>
          <dd>{version.note}</dd>
        </div>
      ) : null}
      <div className="catalog-facts-wide">
        <dt>公布记录</dt>
        <dd>
          <LedgerSeq seq={version.ledgerSeq} />
        </dd>
      </div>
      <div className="catalog-facts-wide">
        <dt>下载</dt>
        <dd>
          <a href={publicCatalog.exportUrl(version.id)} download>
            {version.kindLabel}第{version.version}版（Excel）
          </a>
        </dd>
      </div>
      <div className="catalog-facts-wide">
        <dt>条目摘要（SHA-256）</dt>
        <dd className="portal-mono">{version.entriesSha256}</dd>
      </div>
    </dl>
  );
}
