import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
// fast-xml-parser 3 comes with s3rver (a dev dependency): a real XML parser to check the feed is well-formed.
import xml from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../../../test/support/system.js';
import type { App } from '../../../http/types.js';
import { systemActor } from '../../../kernel/actor.js';
import { computeUsccCheckCharacter } from '../../../kernel/uscc.js';
import { storeFileBytes } from '../../files/index.js';
import { exportToDirectory, pruneBulkFiles, publishBulkFiles } from './bulk.js';
import { scanChanges } from './changes.js';
import { csvField, csvHeader, dictionaryFields } from './dictionary.js';
import { copyFromRaw, putPublicRecord, withdrawn } from './fixtures.js';
import { deliverWebhooks, maxAttempts } from './subscriptions.js';

process.env.LAWTRAIL_WEBHOOK_ALLOW_LOCAL = 'on';

const usccA = `91640502MA76Y5KJ3${computeUsccCheckCharacter('91640502MA76Y5KJ3')}`;
const decodeXml = (v: string) =>
  v
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const parser = {
  parse: (text: string) =>
    xml.parse(text, { ignoreAttributes: false, attributeNamePrefix: '@', tagValueProcessor: decodeXml, attrValueProcessor: decodeXml }),
};

/** Parses a CSV per RFC 4180 (quoted fields with "" and line breaks inside). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('csvField', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvField('沙市监罚〔2026〕12号')).toBe('沙市监罚〔2026〕12号');
    expect(csvField('警告，罚款8,000元')).toBe('"警告，罚款8,000元"');
    expect(csvField('他说"不"\r\n第二行')).toBe('"他说""不""\r\n第二行"');
    expect(csvField(null)).toBe('');
    expect(csvField(8000.5)).toBe('8000.5');
  });

  it('keeps a spreadsheet from taking a cell for a formula (CSV injection), and leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://example.com","点击")')).toBe('"\'=HYPERLINK(""http://example.com"",""点击"")"');
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField(-200)).toBe('-200');
  });
});

describe('docs/open-data-dictionary.md', () => {
  it('lists every column of the data dictionary, in order, with its Chinese meaning', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../../../docs/open-data-dictionary.md'), 'utf8');
    const rows = doc.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1])).toEqual(dictionaryFields.map((f) => f.name));
    for (const [i, field] of dictionaryFields.entries()) expect(rows[i]).toContain(`| ${field.label} |`);
  });
});

/** An Atom entry as fast-xml-parser reads it. */
interface FeedEntry {
  id: string;
  title: { '#text': string };
  summary: { '#text': string };
  link: { '@href': string };
  category: { '@term': string };
}

describe.each(dialects)('open data (%s)', (dialect) => {
  let system: TestSystem;
  let app: App;
  let hooks: Server;
  let hookUrl: string;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    system = await openTestSystem(dialect);
    app = await buildTestApp(system.ctx);
    hooks = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        if (failNext > 0) {
          failNext -= 1;
          res.statusCode = 503;
          res.end();
          return;
        }
        received.push({ headers: req.headers, body });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => hooks.close(resolve));
    await app.close();
    await system.close();
  });

  const a1 = copyFromRaw({
    id: 'rec-a1',
    partyName: '中卫市某某餐饮有限公司',
    creditCode: usccA,
    caseTitle: '中卫市某某餐饮有限公司未按规定建立食品安全管理制度案',
    facts: '经查，当事人负责人王某（手机13912345678）未建立制度，"屡教不改"，第二行\n见附件。',
    documentNumber: '沙市监罚〔2026〕12号',
  });
  const b1 = copyFromRaw({
    id: 'rec-b1',
    agencyId: 'agency-transport',
    agencyName: '中卫市交通运输局',
    regionCode: '640521',
    regionName: '中宁县',
    partyType: 'person',
    partyName: '张伟',
    caseTitle: '张伟未取得道路运输经营许可擅自从事道路运输经营案',
    amount: 3000,
  });

  it('writes the day’s CSV (BOM, RFC 4180) and JSON Lines of visible records only, streamed, and lists them', async () => {
    await putPublicRecord(system.ctx.db, a1, { updatedOn: '2026-11-06' });
    await putPublicRecord(system.ctx.db, b1, { updatedOn: '2026-11-06' });
    const hidden = copyFromRaw({ id: 'rec-hidden', partyName: '已期满公司', caseTitle: '公开期满的案件', creditCode: usccA });
    await putPublicRecord(system.ctx.db, hidden, { isVisible: false, updatedOn: '2026-11-01' });

    const result = await publishBulkFiles(system.ctx, '2026-11-23');
    expect(result.records).toBe(2);

    const list = await app.inject({ method: 'GET', url: '/api/open-data/files' });
    expect(list.statusCode).toBe(200);
    const files = list.json() as { name: string; size: number; sha256: string; records: number; url: string }[];
    expect(files.map((f) => f.name)).toEqual(['public-records-2026-11-23.csv', 'public-records-2026-11-23.jsonl']);

    const csvFile = files[0] as (typeof files)[number];
    const csv = await app.inject({ method: 'GET', url: csvFile.url });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.rawPayload.length).toBe(csvFile.size);
    expect(createHash('sha256').update(csv.rawPayload).digest('hex')).toBe(csvFile.sha256);
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.rawPayload.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(csvHeader);
    expect(rows).toHaveLength(3);
    const byName = (row: string[], name: string) => row[csvHeader.indexOf(name)];
    const rowA = rows.find((r) => byName(r, 'id') === 'rec-a1') as string[];
    expect(byName(rowA, 'facts')).toBe(a1.facts);
    expect(byName(rowA, 'facts')).not.toContain('13912345678');
    expect(byName(rowA, 'document_number')).toBe('沙市监罚〔2026〕12号');
    expect(byName(rowA, 'party_credit_code')).toBe(usccA);
    expect(byName(rowA, 'url')).toBe('/ex-post/decisions/rec-a1');
    const rowB = rows.find((r) => byName(r, 'id') === 'rec-b1') as string[];
    expect(byName(rowB, 'party_name')).toBe('张某');
    expect(byName(rowB, 'amount')).toBe('3000');

    const jsonl = await app.inject({ method: 'GET', url: (files[1] as (typeof files)[number]).url });
    expect(jsonl.headers['content-type']).toBe('application/jsonl; charset=utf-8');
    const lines = jsonl.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; party: { name: string }; updatedOn: string });
    expect(lines.map((l) => l.id)).toEqual(['rec-a1', 'rec-b1']);
    expect(lines[1]?.party.name).toBe('张某');
    expect(lines[0]?.updatedOn).toBe('2026-11-06');
  });

  it('writes the same bytes to a folder (the CLI) and serves the data dictionary', async () => {
    const out = await exportToDirectory(system.ctx, system.dataDir, '2026-11-23');
    const bytes = readFileSync(path.join(system.dataDir, 'public-records-2026-11-23.csv'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(out.csv.sha256);
    const dict = await app.inject({ method: 'GET', url: '/api/open-data/dictionary' });
    expect(dict.statusCode).toBe(200);
    const fields = (dict.json() as { fields: { name: string; label: string; type: string; example: string }[] }).fields;
    expect(fields.map((f) => f.name)).toEqual(csvHeader);
    expect(fields.find((f) => f.name === 'document_number')).toMatchObject({ label: '文号', type: 'text' });
  });

  it('answers a missing or malformed file name with problem+json', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/open-data/files/public-records-2020-01-01.csv' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ type: expect.stringContaining('open_data.not_found'), title: '未找到该开放数据文件或订阅' });
    const bad = await app.inject({ method: 'GET', url: '/api/open-data/files/..%2F..%2Fetc%2Fpasswd' });
    expect(bad.statusCode).toBe(400);
  });

  it('journals publications and withdrawals once each and serves them as a valid Atom feed, newest first, filtered', async () => {
    expect(await scanChanges(system.ctx, { pageSize: 1 })).toBe(2);
    expect(await scanChanges(system.ctx, { pageSize: 1 })).toBe(0);
    await putPublicRecord(system.ctx.db, withdrawn(a1, '经行政复议，原处罚决定被撤销 <复议决定书 & 附件>'), { updatedOn: '2026-11-06' });
    expect(await scanChanges(system.ctx)).toBe(1);
    expect(await scanChanges(system.ctx)).toBe(0);

    const feed = await app.inject({ method: 'GET', url: '/feeds/decisions.atom' });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(xml.validate(feed.body)).toBe(true);
    const doc = parser.parse(feed.body) as { feed: { '@xmlns': string; id: string; updated: string; entry: Record<string, unknown>[] } };
    expect(doc.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entries = doc.feed.entry;
    expect(entries).toHaveLength(3);
    const first = entries[0] as unknown as FeedEntry;
    expect(first.category['@term']).toBe('withdrawn');
    expect(first.title['#text']).toContain('已撤下');
    expect(first.summary['#text']).toContain('经行政复议，原处罚决定被撤销 <复议决定书 & 附件>');
    expect(first.link['@href']).toMatch(/\/ex-post\/decisions\/rec-a1$/);
    expect(first.id).toMatch(/^tag:lawtrail\.local,\d{4}:lawtrail\/open-data\/change\/3$/);
    expect(doc.feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const byRegion = parser.parse((await app.inject({ method: 'GET', url: '/feeds/decisions.atom?region=640521' })).body) as {
      feed: { entry: unknown };
    };
    expect((byRegion.feed.entry as { link: { '@href': string } }).link['@href']).toMatch(/rec-b1$/);
    const byParty = parser.parse((await app.inject({ method: 'GET', url: `/feeds/decisions.atom?party=${usccA}` })).body) as {
      feed: { entry: unknown[] };
    };
    expect(byParty.feed.entry).toHaveLength(2);
    const byAgency = parser.parse((await app.inject({ method: 'GET', url: '/feeds/decisions.atom?agency=agency-transport' })).body) as {
      feed: { entry: unknown };
    };
    expect(byAgency.feed.entry).toBeDefined();
    const bad = await app.inject({ method: 'GET', url: '/feeds/decisions.atom?region=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ title: '请求参数不符合要求' });
  });

  it('delivers signed webhooks in order, retries with backoff, marks a subscription failing, and never sends twice', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/open-data/subscriptions',
      payload: { party: usccA, webhookUrl: hookUrl },
      remoteAddress: '198.51.100.20',
    });
    expect(created.statusCode).toBe(201);
    const sub = created.json() as { id: string; secret: string; kind: string };
    expect(sub.kind).toBe('webhook');
    // Starts from now: the earlier entries are not sent.
    expect(await deliverWebhooks(system.ctx)).toEqual({ delivered: 0, failed: 0 });

    const a2 = copyFromRaw({
      id: 'rec-a2',
      partyName: '中卫市某某餐饮有限公司',
      creditCode: usccA,
      caseTitle: '中卫市某某餐饮有限公司销售过期食品案',
    });
    const other = copyFromRaw({ id: 'rec-c1', partyName: '别家公司', caseTitle: '别的案件' });
    await putPublicRecord(system.ctx.db, a2, { updatedOn: '2026-11-07' });
    await putPublicRecord(system.ctx.db, { ...other, party: { ...other.party, creditCode: null } }, { updatedOn: '2026-11-07' });
    await putPublicRecord(system.ctx.db, withdrawn(a2, '被依法撤销'), { updatedOn: '2026-11-07' });
    // Published and withdrawn between two scans: one entry, withdrawn.
    expect(await scanChanges(system.ctx)).toBe(2);

    failNext = 1;
    expect(await deliverWebhooks(system.ctx)).toEqual({ delivered: 0, failed: 1 });
    const status1 = (
      await app.inject({ method: 'GET', url: `/api/open-data/subscriptions/${sub.id}`, headers: { authorization: `Bearer ${sub.secret}` } })
    ).json() as {
      attempts: number;
      nextAttemptAt: string;
      lastError: string;
    };
    expect(status1.attempts).toBe(1);
    expect(status1.lastError).toBe('HTTP 503');
    // Not due again until the backoff has passed.
    expect(await deliverWebhooks(system.ctx)).toEqual({ delivered: 0, failed: 0 });
    await system.ctx.db.updateTable('open_data_subscriptions').set({ next_attempt_at: null }).execute();
    expect(await deliverWebhooks(system.ctx)).toEqual({ delivered: 1, failed: 0 });
    expect(await deliverWebhooks(system.ctx)).toEqual({ delivered: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const hook = received[0] as (typeof received)[number];
    const payload = JSON.parse(hook.body) as { event: string; record: { id: string; status: string; withdrawal: { reason: string } } };
    expect(payload.event).toBe('withdrawn');
    expect(payload.record).toMatchObject({ id: 'rec-a2', status: 'withdrawn', withdrawal: { reason: '被依法撤销' } });
    expect(hook.headers['x-lawtrail-signature']).toBe(`sha256=${createHmac('sha256', sub.secret).update(hook.body).digest('hex')}`);
    expect(hook.headers['x-lawtrail-delivery']).toMatch(new RegExp(`^${sub.id}:\\d+$`));

    // Failing after maxAttempts, resumed by its owner.
    await putPublicRecord(system.ctx.db, { ...a2, id: 'rec-a3', caseTitle: '第三件' }, { updatedOn: '2026-11-08' });
    await scanChanges(system.ctx);
    failNext = maxAttempts;
    for (let i = 0; i < maxAttempts; i++) {
      await system.ctx.db.updateTable('open_data_subscriptions').set({ next_attempt_at: null }).execute();
      await deliverWebhooks(system.ctx);
    }
    const failing = (
      await app.inject({ method: 'GET', url: `/api/open-data/subscriptions/${sub.id}`, headers: { authorization: `Bearer ${sub.secret}` } })
    ).json() as { status: string };
    expect(failing.status).toBe('failing');
    const resumed = await app.inject({
      method: 'POST',
      url: `/api/open-data/subscriptions/${sub.id}/resume`,
      headers: { authorization: `Bearer ${sub.secret}` },
    });
    expect(resumed.json()).toMatchObject({ status: 'active', attempts: 0 });
    expect(await deliverWebhooks(system.ctx)).toEqual({ delivered: 1, failed: 0 });
    expect(received.map((r) => (JSON.parse(r.body) as { record: { id: string } }).record.id)).toEqual(['rec-a2', 'rec-a3']);

    // Deleting needs the secret; a wrong one reveals nothing.
    const wrong = await app.inject({
      method: 'DELETE',
      url: `/api/open-data/subscriptions/${sub.id}`,
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(404);
    const gone = await app.inject({
      method: 'DELETE',
      url: `/api/open-data/subscriptions/${sub.id}`,
      headers: { authorization: `Bearer ${sub.secret}` },
    });
    expect(gone.statusCode).toBe(204);
  });

  it('tells feeds and webhooks when a record leaves the portal, once, without the party, the case or the decision', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/open-data/subscriptions',
      payload: { region: '640521', webhookUrl: hookUrl },
      remoteAddress: '198.51.100.21',
    });
    expect(created.statusCode).toBe(201);
    const sub = created.json() as { id: string; secret: string };
    received.length = 0;
    // b1 (张伟, a person in 中宁县) was published by an earlier test; its publicity now ends.
    await putPublicRecord(system.ctx.db, b1, { isVisible: false, updatedOn: '2026-11-21' });
    expect(await scanChanges(system.ctx)).toBe(1);
    expect(await scanChanges(system.ctx)).toBe(0);
    // A record that was never announced and is not public says nothing.
    await putPublicRecord(system.ctx.db, { ...b1, id: 'rec-b2' }, { isVisible: false, updatedOn: '2026-11-21' });
    expect(await scanChanges(system.ctx)).toBe(0);

    const feed = await app.inject({ method: 'GET', url: '/feeds/decisions.atom?region=640521' });
    expect(xml.validate(feed.body)).toBe(true);
    const entries = (parser.parse(feed.body) as { feed: { entry: Record<string, unknown>[] } }).feed.entry;
    const first = entries[0] as unknown as FeedEntry;
    expect(first.category['@term']).toBe('ended');
    expect(first.title['#text']).toBe('【停止公示】中卫市交通运输局行政处罚决定书');
    expect(first.summary['#text']).toContain('该决定已于 2026-11-21 停止公示，不再在门户网站公开');
    expect(first.link['@href']).toMatch(/\/ex-post$/);
    const firstEntryXml = feed.body.slice(feed.body.indexOf('<entry>'), feed.body.indexOf('</entry>'));
    expect(firstEntryXml).not.toContain('张伟');
    expect(firstEntryXml).not.toContain('道路运输经营');
    expect(firstEntryXml).not.toContain('3,000');

    expect(await deliverWebhooks(system.ctx)).toEqual({ delivered: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const hook = received[0] as (typeof received)[number];
    expect(hook.headers['x-lawtrail-event']).toBe('ended');
    expect(JSON.parse(hook.body)).toMatchObject({
      event: 'ended',
      recordId: 'rec-b1',
      ended: { title: '行政处罚决定书', agencyName: '中卫市交通运输局', regionName: '中宁县', reasonLabel: '', endedOn: '2026-11-21' },
    });
    expect(hook.body).not.toContain('张伟');
    expect(hook.body).not.toContain('"record"');
    await app.inject({
      method: 'DELETE',
      url: `/api/open-data/subscriptions/${sub.id}`,
      headers: { authorization: `Bearer ${sub.secret}` },
    });
  });

  it('gives a feed subscription its personal feed URL, and refuses webhooks to internal addresses and bad filters', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/open-data/subscriptions',
      payload: { region: '640502' },
      remoteAddress: '198.51.100.21',
    });
    expect(created.statusCode).toBe(201);
    const sub = created.json() as { id: string; feedUrl: string };
    const feed = await app.inject({ method: 'GET', url: sub.feedUrl });
    expect(feed.statusCode).toBe(200);
    expect(xml.validate(feed.body)).toBe(true);
    const noToken = await app.inject({ method: 'GET', url: `/feeds/subscriptions/${sub.id}.atom?token=wrong` });
    expect(noToken.statusCode).toBe(404);

    for (const webhookUrl of [
      'http://example.com/hook',
      'https://10.0.0.8/hook',
      'https://192.168.1.5/x',
      'https://user:pw@example.com/',
      'ftp://example.com',
    ]) {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/open-data/subscriptions',
        payload: { webhookUrl },
        remoteAddress: '198.51.100.22',
      });
      expect(refused.statusCode, webhookUrl).toBe(400);
      expect(refused.json()).toMatchObject({ title: '不接受该推送地址' });
    }
    const badParty = await app.inject({
      method: 'POST',
      url: '/api/open-data/subscriptions',
      payload: { party: `${usccA.slice(0, 17)}${usccA.endsWith('X') ? 'Y' : 'X'}` },
      remoteAddress: '198.51.100.23',
    });
    expect(badParty.statusCode).toBe(400);
    expect(badParty.json()).toMatchObject({ title: '开放数据请求不符合要求' });
  });

  it('rate-limits subscription requests per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/open-data/subscriptions',
        payload: { region: '6405' },
        remoteAddress: '198.51.100.30',
      });
      codes.push(r.statusCode);
    }
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.at(-1)).toBe(429);
  });

  // Last: it adds a record a day.
  it('keeps the newest 14 days of bulk files and removes older ones from the store, but never bytes a stored file has', async () => {
    const days = Array.from({ length: 16 }, (_, n) => `2026-10-${String(n + 1).padStart(2, '0')}`);
    const digests: Record<string, string> = {};
    for (const [n, day] of days.entries()) {
      await putPublicRecord(
        system.ctx.db,
        copyFromRaw({
          id: `rec-day-${n}`,
          partyName: `中卫市第${n}号商行`,
          caseTitle: `中卫市第${n}号商行未按规定公示案`,
          creditCode: usccA,
        }),
      );
      await publishBulkFiles(system.ctx, day);
      const row = await system.ctx.db
        .selectFrom('open_data_files')
        .select('blob_digest')
        .where('name', '=', `public-records-${day}.csv`)
        .executeTakeFirstOrThrow();
      digests[day] = row.blob_digest;
    }
    // Someone stored the first day's CSV as a file of their own (say, as evidence): those bytes stay.
    const csvBytes = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      system.ctx.blobs
        .open(digests['2026-10-01'] as string)
        .on('data', (c: Buffer) => chunks.push(c))
        .on('end', () => resolve(Buffer.concat(chunks)))
        .on('error', reject);
    });
    await system.ctx.db.transaction().execute((trx) =>
      storeFileBytes(trx, system.ctx, systemActor('test'), {
        agencyId: null,
        fileName: '开放数据.csv',
        mediaType: 'text/csv',
        bytes: csvBytes,
      }),
    );

    // The two of November 23 written earlier, and 16 days of October: the newest 14 days stay.
    expect(await pruneBulkFiles(system.ctx)).toBe(6);
    const listed = (await app.inject({ method: 'GET', url: '/api/open-data/files' })).json() as { day: string }[];
    expect(new Set(listed.map((f) => f.day)).size).toBe(14);
    expect(listed.map((f) => f.day)).not.toContain('2026-10-03');
    expect((await app.inject({ method: 'GET', url: '/api/open-data/files/public-records-2026-10-02.csv' })).statusCode).toBe(404);
    expect(await system.ctx.blobs.rehash(digests['2026-10-02'] as string)).toBeNull();
    expect(await system.ctx.blobs.rehash(digests['2026-10-01'] as string)).toMatchObject({ digest: digests['2026-10-01'] });
    expect(await system.ctx.blobs.rehash(digests['2026-10-04'] as string)).toMatchObject({ digest: digests['2026-10-04'] });
    expect(await pruneBulkFiles(system.ctx)).toBe(0);
  });
});
