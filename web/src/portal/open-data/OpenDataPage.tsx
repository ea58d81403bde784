/** 开放数据: the daily bulk files, their data dictionary, the Atom feed builder, the API docs, and subscriptions. */
import { type FormEvent, useCallback, useId, useMemo, useState } from 'react';
import { api, describeError } from '../../api';
import { formatDate, formatDateTime } from '../../shared/format';
import type { PortalAgency } from '../../shared/types';
import { LoadStatus } from '../catalog/parts';
import { useLoad } from '../catalog/useLoad';
import { usePortalData } from '../usePortalData';
import '../catalog/catalog.css';
import './open-data.css';

interface BulkFile {
  name: string;
  day: string;
  format: 'csv' | 'jsonl';
  size: number;
  sha256: string;
  records: number;
  createdAt: string;
  url: string;
}
interface Dictionary {
  title: string;
  encoding: string;
  files: string;
  fields: { name: string; label: string; type: string; example: string; description?: string }[];
}
interface Created {
  id: string;
  secret: string;
  kind: 'webhook' | 'feed';
  feedUrl: string | null;
}

const typeLabels: Record<string, string> = { text: '文本', date: '日期', number: '数值', code: '代码' };
const formatLabels: Record<string, string> = { csv: 'CSV（Excel 可直接打开）', jsonl: 'JSON Lines' };

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function feedQuery(filter: { agency: string; region: string; party: string }): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value.trim()) search.set(key, value.trim());
  const text = search.toString();
  return text ? `?${text}` : '';
}

function FilterFields({
  ids,
  agencies,
  value,
  onChange,
}: {
  ids: { agency: string; region: string; party: string };
  agencies: PortalAgency[];
  value: { agency: string; region: string; party: string };
  onChange: (next: { agency: string; region: string; party: string }) => void;
}) {
  return (
    <>
      <div className="portal-field">
        <label htmlFor={ids.agency}>执法机关</label>
        <select id={ids.agency} value={value.agency} onChange={(e) => onChange({ ...value, agency: e.target.value })}>
          <option value="">全部执法机关</option>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </select>
      </div>
      <div className="portal-field open-data-narrow">
        <label htmlFor={ids.region}>行政区划代码</label>
        <input
          id={ids.region}
          inputMode="numeric"
          pattern="\d{2,12}"
          placeholder="如 640502"
          value={value.region}
          onChange={(e) => onChange({ ...value, region: e.target.value })}
        />
      </div>
      <div className="portal-field">
        <label htmlFor={ids.party}>当事人统一社会信用代码</label>
        <input
          id={ids.party}
          maxLength={18}
          placeholder="18 位"
          value={value.party}
          onChange={(e) => onChange({ ...value, party: e.target.value.toUpperCase() })}
        />
      </div>
    </>
  );
}

export default function OpenDataPage() {
  const { data } = usePortalData();
  const agencies = useMemo<PortalAgency[]>(() => data?.agencies ?? [], [data]);
  const files = useLoad(useCallback(() => api.get<BulkFile[]>('/api/open-data/files'), []));
  const dictionary = useLoad(useCallback(() => api.get<Dictionary>('/api/open-data/dictionary'), []));

  const feedIds = { agency: useId(), region: useId(), party: useId() };
  const subIds = { agency: useId(), region: useId(), party: useId() };
  const webhookId = useId();
  const [feedFilter, setFeedFilter] = useState({ agency: '', region: '', party: '' });
  const [subFilter, setSubFilter] = useState({ agency: '', region: '', party: '' });
  const [webhook, setWebhook] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const [subError, setSubError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const feedUrl = `${origin}/feeds/decisions.atom${feedQuery(feedFilter)}`;

  const subscribe = (event: FormEvent) => {
    event.preventDefault();
    setSubError(null);
    setCreated(null);
    setIsSubmitting(true);
    const body: Record<string, string> = {};
    if (subFilter.agency) body.agencyId = subFilter.agency;
    if (subFilter.region.trim()) body.region = subFilter.region.trim();
    if (subFilter.party.trim()) body.party = subFilter.party.trim();
    if (webhook.trim()) body.webhookUrl = webhook.trim();
    api
      .post<Created>('/api/open-data/subscriptions', body)
      .then(setCreated)
      .catch((err: unknown) => {
        const { title, detail } = describeError(err);
        setSubError(detail ? `${title}：${detail}` : title);
      })
      .finally(() => setIsSubmitting(false));
  };

  const latest = files.data?.[0]?.day;

  return (
    <section aria-labelledby="open-data-title" className="portal-section open-data">
      <h1 id="open-data-title">开放数据</h1>
      <p className="portal-lead">
        公示平台上的全部执法决定，以机器可读的形式向社会开放：每日批量下载、公开接口、订阅源和推送订阅，无需注册。数据全部取自公开副本，个人信息已依法隐去。
      </p>

      <h2>批量下载</h2>
      <p>
        每日零时（北京时间）后生成，包含生成时公示平台上的全部记录（含撤下公告）。下载后可用 SHA-256 核对文件是否完整。
        {latest ? ` 最新一期：${formatDate(latest)}。` : ''}
      </p>
      <LoadStatus isLoading={files.isLoading} error={files.error} reload={files.reload} />
      {files.data && files.data.length === 0 ? <p className="portal-status">今日的文件尚未生成，请稍后再来。</p> : null}
      {files.data && files.data.length > 0 ? (
        <ul className="open-data-files">
          {files.data.map((file) => (
            <li key={file.name}>
              <div className="open-data-file-head">
                <a href={file.url} download>
                  {file.name}
                </a>
                <span>{formatLabels[file.format] ?? file.format}</span>
              </div>
              <dl>
                <dt>日期</dt>
                <dd>{formatDate(file.day)}</dd>
                <dt>记录</dt>
                <dd>{file.records.toLocaleString('zh-CN')} 条</dd>
                <dt>大小</dt>
                <dd>{formatSize(file.size)}</dd>
                <dt>SHA-256</dt>
                <dd className="portal-mono open-data-hash">{file.sha256}</dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : null}

      <h2>数据字典</h2>
      <LoadStatus isLoading={dictionary.isLoading} error={dictionary.error} reload={dictionary.reload} />
      {dictionary.data ? (
        <>
          <p>{dictionary.data.encoding}。</p>
          <div className="catalog-table-wrap">
            <table className="catalog-table open-data-dictionary">
              <caption className="open-data-caption">CSV 各列（JSON Lines 为完整的公开副本，字段含义相同）</caption>
              <thead>
                <tr>
                  <th scope="col">字段名</th>
                  <th scope="col">中文含义</th>
                  <th scope="col">类型</th>
                  <th scope="col">示例</th>
                </tr>
              </thead>
              <tbody>
                {dictionary.data.fields.map((field) => (
                  <tr key={field.name}>
                    <th scope="row" className="portal-mono">
                      {field.name}
                    </th>
                    <td>
                      {field.label}
                      {field.description ? <div className="open-data-note">{field.description}</div> : null}
                    </td>
                    <td>{typeLabels[field.type] ?? field.type}</td>
                    <td className="open-data-example">{field.example}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <a href="/api/open-data/dictionary">数据字典（JSON）</a>
          </p>
        </>
      ) : null}

      <h2>公开接口</h2>
      <p>
        执法决定检索、单个决定、当事人历史等公开接口无需登录，支持分页（page、pageSize）和按执法机关、类别、日期、行政区划、金额、状态筛选。接口说明（OpenAPI）：
        <a href="/api/docs">接口文档</a>，<a href="/api/openapi.json">openapi.json</a>。
      </p>

      <h2>订阅源（Atom）</h2>
      <p>
        新公开、变更和撤下的执法决定，以及公示期满（或信用修复）后停止公示的记录（只列执法机关、文书种类、原因和日期），最新的在前。选择条件即可得到订阅地址，放入任意
        RSS/Atom 阅读器。
      </p>
      <div className="portal-filters open-data-form">
        <FilterFields ids={feedIds} agencies={agencies} value={feedFilter} onChange={setFeedFilter} />
      </div>
      <p className="open-data-url">
        <span>订阅地址：</span>
        <a className="portal-mono" href={feedUrl}>
          {feedUrl}
        </a>
      </p>

      <h2>推送订阅</h2>
      <p>
        按执法机关、行政区划或当事人订阅，无需电子邮箱。填写推送地址（https://）的，每有符合条件的决定公开、变更、撤下或停止公示，平台即向该地址发送
        JSON，并以管理密钥签名（HMAC-SHA256，见接口文档）；不填的，得到一个专属订阅源地址。
      </p>
      <form className="portal-filters open-data-form" onSubmit={subscribe} aria-label="推送订阅">
        <FilterFields ids={subIds} agencies={agencies} value={subFilter} onChange={setSubFilter} />
        <div className="portal-field open-data-wide">
          <label htmlFor={webhookId}>推送地址（可不填）</label>
          <input id={webhookId} type="url" placeholder="https://" value={webhook} onChange={(e) => setWebhook(e.target.value)} />
        </div>
        <div className="open-data-actions">
          <button type="submit" className="portal-button" disabled={isSubmitting}>
            {isSubmitting ? '正在提交……' : '订阅'}
          </button>
        </div>
      </form>
      {subError ? (
        <p className="portal-status portal-status-error" role="alert">
          {subError}
        </p>
      ) : null}
      {created ? (
        <div className="portal-notice open-data-created" role="status">
          <p className="portal-notice-title">订阅成功（{formatDateTime(new Date())}）</p>
          <dl>
            <dt>订阅编号</dt>
            <dd className="portal-mono">{created.id}</dd>
            <dt>管理密钥</dt>
            <dd className="portal-mono">{created.secret}</dd>
            {created.feedUrl ? (
              <>
                <dt>专属订阅源</dt>
                <dd className="portal-mono">
                  <a href={created.feedUrl}>
                    {origin}
                    {created.feedUrl}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
          <p>
            管理密钥只显示这一次，请妥善保存：删除订阅（DELETE /api/open-data/subscriptions/订阅编号，请求头 Authorization: Bearer
            管理密钥）和核对推送签名都要用到它。
          </p>
        </div>
      ) : null}
    </section>
  );
}
