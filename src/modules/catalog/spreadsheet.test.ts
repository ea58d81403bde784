import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runLawtrail as lawtrail } from '../../../test/support/cli.js';
import { createTestOrg } from '../../../test/support/factories.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../../test/support/system.js';
import { benchmarkEntriesFor, enforcementItemsFor } from '../../demo/catalog-samples.js';
import type { AgencyKind, CatalogKind } from '../../kernel/vocabulary.js';
import { catalogKinds } from '../../kernel/vocabulary.js';
import type { CatalogEntry } from './entries.js';
import { validateEntries } from './rules.js';
import { catalogWorkbookBuffer, readCatalogWorkbook, xlsxContentType } from './spreadsheet.js';
import { columnsOf } from './spreadsheet-columns.js';
import { exampleEntries } from './spreadsheet-examples.js';

const kinds = Object.keys(catalogKinds) as CatalogKind[];
const enforcementHeaders = [
  '编码',
  '事项名称',
  '行为类别',
  '执法门类',
  '职责',
  '权限',
  '法律依据（法律法规名称）',
  '法律依据（条）',
  '法律依据（款）',
  '法律依据（项）',
  '法律依据（条文内容）',
  '监督方式',
  '救济渠道',
];

/** Sample entries per kind: the demo's real items and benchmarks, the template's examples, and variants of them. */
function samplesFor(kind: CatalogKind): CatalogEntry[] {
  const example = exampleEntries[kind];
  const variant = (code: string, changes: Record<string, unknown>) => ({ ...example, code, ...changes }) as CatalogEntry;
  switch (kind) {
    case 'enforcement_item':
      return [...enforcementItemsFor('market_regulation'), variant('EI-900', {})];
    case 'discretion_benchmark': {
      const { itemCode: _, ...withoutItem } = example;
      return [...benchmarkEntriesFor('urban_management'), withoutItem as CatalogEntry];
    }
    case 'random_check_item':
      return [
        example,
        variant('RC-002', {
          legalBases: [
            {
              law: '中华人民共和国产品质量法',
              article: '第十五条',
              clause: '第一款',
              text: '国家对产品质量实行以抽查为主要方式的监督检查制度；……',
            },
            { law: '中华人民共和国食品安全法', article: '第八十七条' },
          ],
        }),
      ];
    case 'service_guide':
      return [example, variant('SG-002', { materials: ['申请书'], phone: '0955-7000000转8001' })];
    case 'av_recording':
      return [
        example,
        variant('AV-002', { actionTypes: ['coercion'], mode: 'key_steps', step: 'seizure', scene: undefined, basis: undefined }),
      ].map((e) => JSON.parse(JSON.stringify(e)) as CatalogEntry);
    case 'major_decision_rule':
      return [example, variant('MD-002', { condition: 'hearing_held', amountThreshold: undefined, partyType: 'any' })].map(
        (e) => JSON.parse(JSON.stringify(e)) as CatalogEntry,
      );
    case 'disclosure_rule':
      return [
        example,
        variant('DR-002', { actionType: 'licensing', deadlineWorkingDays: 20, periodMonths: undefined, periodText: '长期' }),
      ].map((e) => JSON.parse(JSON.stringify(e)) as CatalogEntry);
  }
}

async function loadWorkbook(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function rowValues(sheet: ExcelJS.Worksheet, number: number): unknown[] {
  return (sheet.getRow(number).values as unknown[]).slice(1);
}

/** A workbook as a person might make it (exceljs's ordinary writer, shared strings): a header row and data rows. */
async function workbookOf(rows: unknown[][], sheetName = '清单'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the spreadsheet format', () => {
  it('reads the first sheet that is not 填写说明, whatever the order of the sheets', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('填写说明').addRow(['说明']);
    const list = workbook.addWorksheet('我的清单');
    list.addRow(columnsOf('av_recording').map((c) => c.header));
    list.addRow(['AV-1', '查封扣押', '查封、扣押', '行政强制', '全过程音像记录']);
    workbook.addWorksheet('备用').addRow(['不读']);
    const read = await readCatalogWorkbook('av_recording', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read.kind === 'rows' && read.assembled.entries).toEqual([
      { code: 'AV-1', name: '查封扣押', step: 'seizure', actionTypes: ['coercion'], mode: 'full_process' },
    ]);
  });

  it('has one example per list that passes the list rules', () => {
    for (const kind of kinds) expect(() => validateEntries(kind, [exampleEntries[kind]])).not.toThrow();
  });

  it('gives each list unique Chinese headers, five for each legal provision', () => {
    expect(columnsOf('enforcement_item').map((c) => c.header)).toEqual(enforcementHeaders);
    expect(columnsOf('service_guide').map((c) => c.header)).toContain('设定依据（条文内容）');
    for (const kind of kinds) {
      const headers = columnsOf(kind).map((c) => c.header);
      expect(new Set(headers).size).toBe(headers.length);
    }
  });

  it('reads back exactly what it writes, for every list and every sample', async () => {
    const cases: [CatalogKind, CatalogEntry[]][] = kinds.map((kind) => [kind, samplesFor(kind)]);
    const agencyKinds: AgencyKind[] = ['market_regulation', 'transport', 'emergency_management', 'urban_management', 'ecology_environment'];
    cases.push(['enforcement_item', agencyKinds.flatMap((k) => enforcementItemsFor(k))]);
    cases.push(['discretion_benchmark', agencyKinds.flatMap((k) => benchmarkEntriesFor(k))]);
    for (const [kind, entries] of cases) {
      expect(entries.length).toBeGreaterThan(0);
      const read = await readCatalogWorkbook(kind, await catalogWorkbookBuffer(kind, entries));
      if (read.kind !== 'rows') throw new Error(`${kind}: ${JSON.stringify(read.errors)}`);
      expect(read.assembled.errors).toEqual([]);
      expect(read.assembled.entries).toEqual(entries);
    }
  });

  it('reads continuation rows left empty or merged, codes as numbers, and numeric text', async () => {
    const headers = columnsOf('discretion_benchmark').map((c) => c.header);
    const row = (values: Record<string, unknown>) => headers.map((h) => values[h] ?? null);
    const file = await workbookOf([
      ['序号', ...headers],
      [
        1,
        ...row({
          编码: 1001,
          违法行为: '未按规定公示许可证件',
          '法律依据（法律法规名称）': '中华人民共和国食品安全法',
          '法律依据（条）': '第一百二十六条',
          法定处罚幅度: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款',
          阶次编码: 'G1',
          裁量阶次: '轻微',
          违法情形: '首次发现并及时改正',
          处罚种类: '警告',
          处罚标准: '责令改正，给予警告',
        }),
      ],
      [
        null,
        ...row({
          '法律依据（法律法规名称）': '中华人民共和国行政处罚法',
          '法律依据（条）': '第三十二条',
          阶次编码: 'G2',
          裁量阶次: '一般',
          违法情形: '拒不改正',
          处罚种类: '罚款\nwarning',
          '罚款下限（元）': '5,000',
          '罚款上限（元）': 50000,
          处罚标准: '处五千元以上五万元以下罚款',
        }),
      ],
    ]);
    const read = await readCatalogWorkbook('discretion_benchmark', file);
    if (read.kind !== 'rows') throw new Error(JSON.stringify(read.errors));
    expect(read.assembled.errors).toEqual([]);
    expect(read.assembled.entries).toEqual([
      {
        code: '1001',
        name: '未按规定公示许可证件',
        legalBases: [
          { law: '中华人民共和国食品安全法', article: '第一百二十六条' },
          { law: '中华人民共和国行政处罚法', article: '第三十二条' },
        ],
        statutoryRange: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款',
        grades: [
          { code: 'G1', label: '轻微', circumstances: '首次发现并及时改正', penaltyKinds: ['warning'], penalty: '责令改正，给予警告' },
          {
            code: 'G2',
            label: '一般',
            circumstances: '拒不改正',
            penaltyKinds: ['fine', 'warning'],
            minAmount: 5000,
            maxAmount: 50000,
            penalty: '处五千元以上五万元以下罚款',
          },
        ],
      },
    ]);
  });
});

type Job = {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  errorCount: number;
  errors: { row: number; column: string; detail: string }[];
  result: { versionId: string; version: number; entryCount: number } | null;
  failure: { code: string; title: string; detail: string | null } | null;
};

describe.each(dialects)('Excel import and export (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let officer: Client;
  let officerB: Client;

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer.a');
    officerB = await signIn(t.app, 'officer.b');
  });

  const count = async (table: 'catalog_versions' | 'ledger_events') =>
    Number(
      (
        await t.system.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const post = (client: Client, agencyId: string, kind: CatalogKind, file: Buffer, contentType = xlsxContentType) =>
    client.request({
      method: 'POST',
      url: `/api/catalog/imports?agencyId=${agencyId}&kind=${kind}`,
      headers: { 'content-type': contentType },
      payload: file,
    });

  async function waitFor(client: Client, id: string, seen: Job[] = []): Promise<Job> {
    for (;;) {
      const response = await client.request({ method: 'GET', url: `/api/imports/${id}` });
      expect(response.statusCode).toBe(200);
      const job = response.json() as Job;
      seen.push(job);
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function importFile(client: Client, agencyId: string, kind: CatalogKind, file: Buffer): Promise<Job> {
    const response = await post(client, agencyId, kind, file);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.headers.location).toBe(`/api/imports/${response.json().id}`);
    return waitFor(client, response.json().id);
  }

  async function download(client: Client | null, url: string) {
    const response = client ? await client.request({ method: 'GET', url }) : await t.app.inject({ method: 'GET', url });
    return response;
  }

  it('serves a template per list: the header row, and 填写说明 naming every column', async () => {
    const response = await download(null, '/api/catalog/templates/enforcement_item.xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(xlsxContentType);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="lawtrail-template-enforcement_item.xlsx"; filename*=UTF-8''${encodeURIComponent('行政执法事项清单导入模板.xlsx')}`,
    );
    const workbook = await loadWorkbook(response.rawPayload);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['行政执法事项清单', '填写说明']);
    const [sheet, notes] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(rowValues(sheet, 1)).toEqual(enforcementHeaders);
    expect(sheet.rowCount).toBe(1);
    const table = new Map<string, unknown[]>();
    notes.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (typeof values[0] === 'string') table.set(values[0], values);
    });
    expect(table.get('行为类别')).toEqual([
      '行为类别',
      '是',
      '单选',
      expect.stringContaining('可选值：行政许可、行政处罚、行政强制、行政征收、行政收费、行政检查'),
      '行政处罚',
    ]);
    expect(table.get('法律依据（条）')).toEqual([
      '法律依据（条）',
      '是',
      '文字',
      expect.stringContaining('如“第一百二十二条”'),
      '第一百二十二条',
    ]);
    expect(table.get('法律依据（款）')?.[1]).toBe('否');
    for (const kind of kinds) {
      const template = await loadWorkbook((await download(null, `/api/catalog/templates/${kind}.xlsx`)).rawPayload);
      expect(rowValues(template.worksheets[0] as ExcelJS.Worksheet, 1)).toEqual(columnsOf(kind).map((c) => c.header));
    }
    expect((await download(null, '/api/catalog/templates/nothing.xlsx')).statusCode).toBe(400);
  });

  it('round-trips every list: export a version, import the file, get the same entries', async () => {
    for (const kind of kinds) {
      const entries = samplesFor(kind);
      const created = await officer.request({
        method: 'POST',
        url: '/api/catalog/drafts',
        payload: { agencyId: t.org.agencyA.id, kind, entries },
      });
      expect(created.statusCode, created.body).toBe(201);
      const draft = created.json();
      const exported = await download(officer, `/api/catalog/versions/${draft.id}/export.xlsx`);
      expect(exported.statusCode).toBe(200);
      const filename = `沙坡头区市场监督管理局-${catalogKinds[kind]}-第1版.xlsx`;
      expect(exported.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(filename)}`);
      const ledgerBefore = await count('ledger_events');
      const job = await importFile(officer, t.org.agencyA.id, kind, exported.rawPayload);
      expect(job, JSON.stringify({ errors: job.errors, failure: job.failure })).toMatchObject({
        status: 'succeeded',
        result: { versionId: draft.id, entryCount: entries.length },
      });
      expect(await count('ledger_events')).toBe(ledgerBefore + 1);
      const saved = (await officer.request({ method: 'GET', url: `/api/catalog/versions/${draft.id}?pageSize=200` })).json();
      expect(saved.version.entriesSha256).toBe(draft.entriesSha256);
      expect(saved.entries.items).toEqual(entries);
    }
  });

  it('creates a draft from a file when the list has none; the public downloads only published versions', async () => {
    const entries = samplesFor('disclosure_rule');
    const job = await importFile(officerB, t.org.agencyB.id, 'disclosure_rule', await catalogWorkbookBuffer('disclosure_rule', entries));
    expect(job).toMatchObject({ status: 'succeeded', errors: [], failure: null, result: { version: 1, entryCount: 2 } });
    const versionId = job.result?.versionId as string;
    const events = await t.system.ctx.db.selectFrom('ledger_events').select('action').where('subject_id', '=', versionId).execute();
    expect(events.map((e) => e.action)).toEqual(['catalog.draft_created']);
    expect((await download(null, `/api/public/catalog/versions/${versionId}/export.xlsx`)).json()).toMatchObject({
      status: 404,
      code: 'catalog.not_found',
    });
    expect((await download(officer, `/api/catalog/versions/${versionId}/export.xlsx`)).json()).toMatchObject({ status: 404 });

    const agencyA = (await officer.request({ method: 'GET', url: `/api/catalog/agencies/${t.org.agencyA.id}` })).json();
    const draft = agencyA.lists.find((l: { kind: string }) => l.kind === 'enforcement_item').open;
    await officer.request({ method: 'POST', url: `/api/catalog/versions/${draft.id}/submit`, payload: { rowVersion: draft.rowVersion } });
    const reviewer = await signIn(t.app, 'reviewer.a');
    const approved = await reviewer.request({
      method: 'POST',
      url: `/api/catalog/versions/${draft.id}/review`,
      payload: { rowVersion: draft.rowVersion + 1, decision: 'approve' },
    });
    expect(approved.json()).toMatchObject({ status: 'published' });
    const published = await download(null, `/api/public/catalog/versions/${draft.id}/export.xlsx`);
    expect(published.statusCode).toBe(200);
    const read = await readCatalogWorkbook('enforcement_item', published.rawPayload);
    expect(read.kind === 'rows' && read.assembled.entries).toEqual(samplesFor('enforcement_item'));
    const notes = (await loadWorkbook(published.rawPayload)).getWorksheet('填写说明') as ExcelJS.Worksheet;
    expect(rowValues(notes, 3)).toEqual([`条目摘要（SHA-256）：${draft.entriesSha256}，可与记录账本中该版本的登记核对。`]);

    // While a list is in legal review, no import replaces it.
    const checks = agencyA.lists.find((l: { kind: string }) => l.kind === 'random_check_item').open;
    await officer.request({ method: 'POST', url: `/api/catalog/versions/${checks.id}/submit`, payload: { rowVersion: checks.rowVersion } });
    const inReview = await post(officer, t.org.agencyA.id, 'random_check_item', await catalogWorkbookBuffer('random_check_item', []));
    expect(inReview.json()).toMatchObject({ status: 409, code: 'catalog.state_invalid', detail: expect.stringContaining('正在法制审核') });
  });

  it('refuses a file with errors, naming row, column and reason, and stores nothing', async () => {
    const versions = await count('catalog_versions');
    const ledger = await count('ledger_events');
    const [first, second, third] = enforcementItemsFor('market_regulation') as unknown as [CatalogEntry, CatalogEntry, CatalogEntry];
    const cells = (entry: CatalogEntry, changes: Record<string, unknown> = {}) => {
      const basis = (entry.legalBases as Record<string, string>[])[0] ?? {};
      const values: Record<string, unknown> = {
        编码: entry.code,
        事项名称: entry.name,
        行为类别: '行政处罚',
        执法门类: '市场监督管理',
        职责: entry.duties,
        权限: entry.powers,
        '法律依据（法律法规名称）': basis.law,
        '法律依据（条）': basis.article,
        '法律依据（条文内容）': basis.text,
        监督方式: entry.supervisionMethod,
        救济渠道: entry.remedyChannels,
        ...changes,
      };
      return enforcementHeaders.map((h) => values[h] ?? null);
    };
    const file = await workbookOf([
      enforcementHeaders,
      cells(first),
      cells(second, { 行为类别: '处罚' }),
      cells(third, { '法律依据（条）': '122' }),
      [null, null, null, null, null, null, null, '第十条'],
      cells(first, { 编码: first.code, 事项名称: '另一个事项' }),
      cells(second, { 编码: 'EI-NEW', 职责: null, 执法门类: 'market_regulation' }),
    ]);
    const job = await importFile(officer, t.org.agencyA.id, 'enforcement_item', file);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      { row: 3, column: '行为类别', detail: '“处罚”不是可选值，应为以下之一：行政许可、行政处罚、行政强制、行政征收、行政收费、行政检查' },
      { row: 4, column: '法律依据（条）', detail: '格式不正确（如“第一百二十二条”）' },
      { row: 5, column: '法律依据（法律法规名称）', detail: '必填，不能为空' },
      { row: 6, column: '编码', detail: `编码 ${first.code} 与第 2 行重复` },
      { row: 7, column: '职责', detail: '必填，不能为空' },
    ]);
    expect(job.errorCount).toBe(5);
    expect(await count('catalog_versions')).toBe(versions);
    expect(await count('ledger_events')).toBe(ledger);

    const disclosureHeaders = columnsOf('disclosure_rule').map((c) => c.header);
    const example = exampleEntries.disclosure_rule;
    const wrongType = await importFile(
      officer,
      t.org.agencyA.id,
      'disclosure_rule',
      await workbookOf([
        disclosureHeaders,
        [example.code, example.name, '行政处罚', example.content, example.channel, '七个工作日', 36, '三年', example.basis],
        ['DR-2', example.name, 'penalty', example.content, example.channel, 7.5, '三十六', '三年', example.basis],
      ]),
    );
    expect(wrongType.errors).toEqual([
      { row: 2, column: '公开时限（工作日）', detail: '应为整数，而不是“七个工作日”' },
      { row: 3, column: '公开时限（工作日）', detail: '应为整数，而不是 7.5' },
      { row: 3, column: '公开期限（月）', detail: '应为整数，而不是“三十六”' },
    ]);

    const missing = await importFile(
      officer,
      t.org.agencyA.id,
      'enforcement_item',
      await workbookOf([enforcementHeaders.filter((h) => h !== '事项名称' && h !== '法律依据（条）').concat('备注'), ['EI-1']]),
    );
    expect(missing.errors).toEqual([
      { row: 1, column: '备注', detail: '无法识别的列“备注”，表头须与模板一致（见“填写说明”）' },
      { row: 1, column: '事项名称', detail: '缺少必填列“事项名称”' },
      { row: 1, column: '法律依据（条）', detail: '缺少必填列“法律依据（条）”' },
    ]);
    expect(await count('catalog_versions')).toBe(versions);
    expect(await count('ledger_events')).toBe(ledger);
  });

  it('refuses what is not an .xlsx workbook with a Chinese problem', async () => {
    const text = await post(officer, t.org.agencyA.id, 'enforcement_item', Buffer.from('编码,事项名称\nEI-1,测试\n'));
    expect(text.statusCode).toBe(400);
    expect(text.headers['content-type']).toContain('application/problem+json');
    expect(text.json()).toMatchObject({
      code: 'import.invalid_file',
      title: '导入文件不正确',
      detail: expect.stringContaining('不是 Excel 工作簿'),
    });
    const xls = await post(
      officer,
      t.org.agencyA.id,
      'enforcement_item',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    );
    expect(xls.json().detail).toContain('旧版 Excel（.xls）');
    const json = await officer.request({
      method: 'POST',
      url: `/api/catalog/imports?agencyId=${t.org.agencyA.id}&kind=enforcement_item`,
      payload: { entries: [] },
    });
    expect(json.statusCode).toBe(415);
  });

  it('lets only the agency compilers import, and only those who see the agency follow a job', async () => {
    const file = await catalogWorkbookBuffer('av_recording', samplesFor('av_recording'));
    const stranger = await post(officerB, t.org.agencyA.id, 'av_recording', file);
    expect(stranger.json()).toMatchObject({ status: 404 });
    const reviewer = await signIn(t.app, 'reviewer.a');
    expect((await post(reviewer, t.org.agencyA.id, 'av_recording', file)).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/catalog/imports?agencyId=${t.org.agencyA.id}&kind=av_recording`,
      headers: { 'content-type': xlsxContentType },
      payload: file,
    });
    expect(anonymous.statusCode).toBe(401);
    const started = await post(officerB, t.org.agencyB.id, 'av_recording', file);
    expect(started.statusCode).toBe(202);
    expect((await officer.request({ method: 'GET', url: `/api/imports/${started.json().id}` })).json()).toMatchObject({ status: 404 });
    expect((await waitFor(officerB, started.json().id)).status).toBe('succeeded');

    // A job its server process lost (a restart) is shown as failed once it is long overdue.
    await t.system.ctx.db
      .insertInto('import_jobs')
      .values({
        id: 'lost-job',
        agency_id: t.org.agencyB.id,
        target: 'catalog:av_recording',
        status: 'running',
        total_rows: 10,
        processed_rows: 5,
        errors: null,
        result: null,
        created_by: 'system:test',
        created_at: new Date(Date.now() - 4 * 3_600_000).toISOString(),
        finished_at: null,
      })
      .execute();
    expect((await officerB.request({ method: 'GET', url: '/api/imports/lost-job' })).json()).toMatchObject({
      status: 'failed',
      failure: { code: 'internal', detail: expect.stringContaining('导入任务已中断') },
    });
  });

  it('imports 50,000 enforcement items through a job, reporting progress', async () => {
    const template = exampleEntries.enforcement_item;
    const entries = Array.from({ length: 50_000 }, (_, i) => ({
      ...template,
      code: `EI-${String(i + 1).padStart(5, '0')}`,
      name: `${template.name}（${i + 1}）`,
      legalBases: [(template.legalBases as unknown[])[0]],
    })) as CatalogEntry[];
    const file = await catalogWorkbookBuffer('enforcement_item', entries);
    const response = await post(officerB, t.org.agencyB.id, 'enforcement_item', file);
    expect(response.statusCode).toBe(202);
    const seen: Job[] = [];
    const job = await waitFor(officerB, response.json().id, seen);
    expect(job, JSON.stringify(job.errors.slice(0, 3))).toMatchObject({
      status: 'succeeded',
      totalRows: 50_000,
      processedRows: 50_000,
      result: { entryCount: 50_000 },
    });
    expect(seen.every((s) => s.totalRows === 50_000)).toBe(true);
    const stored = await t.system.ctx.db
      .selectFrom('catalog_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('version_id', '=', job.result?.versionId as string)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(50_000);
  }, 180_000);
});

describe.each(dialects)('lawtrail import and export (%s)', (dialect) => {
  let system: TestSystem;
  let env: Record<string, string>;
  let uscc: string;

  beforeAll(async () => {
    system = await openTestSystem(dialect);
    const org = await createTestOrg(system.ctx);
    uscc = (await system.ctx.db.selectFrom('agencies').select('uscc').where('id', '=', org.agencyA.id).executeTakeFirstOrThrow()).uscc;
    env = cliEnv(system);
    await system.handle.close();
  });
  afterAll(async () => {
    await system.close().catch(() => {});
  });

  it('prints one line per error and stores nothing; imports a good file; exports a version', async () => {
    const entries = samplesFor('enforcement_item');
    const good = path.join(system.dataDir, 'items.xlsx');
    writeFileSync(good, await catalogWorkbookBuffer('enforcement_item', entries));
    const broken = path.join(system.dataDir, 'broken.xlsx');
    const rows = [
      enforcementHeaders,
      ['EI-1', '事项', '行政处罚', '市场监督管理', '职责', '权限', '中华人民共和国食品安全法', '122', null, null, null, '监督', '救济'],
      ['EI-1', '事项二', '罚款', '市场监督管理', '职责', '权限', '中华人民共和国食品安全法', '第一条', null, null, null, '监督', '救济'],
    ];
    writeFileSync(broken, await workbookOf(rows));

    const refused = await lawtrail(['import', '--agency', uscc, '--list', 'enforcement_item', broken], env);
    expect(refused.code).toBe(1);
    const lines = refused.stderr.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('第'))).toEqual([
      '第2行 “法律依据（条）”：格式不正确（如“第一百二十二条”）',
      '第3行 “编码”：编码 EI-1 与第 2 行重复（同一条目的后续行只填写法律依据，其他列须留空或与第 2 行相同）',
      '第3行 “行为类别”：“罚款”不是可选值，应为以下之一：行政许可、行政处罚、行政强制、行政征收、行政收费、行政检查',
    ]);
    expect(lines.at(-1)).toBe('lawtrail: 文件中有 3 处错误，未导入任何数据');
    expect(lines[0]).toBe('已校验 2/2 行');

    const imported = await lawtrail(['import', '--agency', uscc, '--list', 'enforcement_item', good], env);
    expect(imported.stderr).toContain(`已校验 ${entries.length + 1}/${entries.length + 1} 行`);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`行政执法事项清单第 1 版（草稿），共 ${entries.length} 个条目`);
    const versionId = /版本ID ([0-9a-f-]+)/.exec(imported.stdout)?.[1] as string;

    const out = path.join(system.dataDir, 'out.xlsx');
    const exported = await lawtrail(['export', '--version', versionId, out], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('沙坡头区市场监督管理局-行政执法事项清单-第1版.xlsx');
    const read = await readCatalogWorkbook('enforcement_item', readFileSync(out));
    expect(read.kind === 'rows' && read.assembled.entries).toEqual(entries);

    const usage = await lawtrail(['import', '--list', 'enforcement_item', good], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
