import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runLawtrail } from '../../../test/support/cli.js';
import { createTestOrg } from '../../../test/support/factories.js';
import { type Client, signIn, useTestApp } from '../../../test/support/http.js';
import { dialects, openTestSystem, type TestSystem } from '../../../test/support/system.js';
import { todayInChina } from '../../kernel/clock.js';
import { verifyLedger } from '../../ledger/index.js';
import { moduleStateChecks } from '../index.js';
import { rosterColumns, xlsxContentType } from './roster-spreadsheet.js';

const headers = rosterColumns.map((c) => c.header);

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function workbookOf(rows: unknown[][], header: string[] = headers): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('执法人员名册');
  sheet.addRow(header).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

async function readSheet(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

describe.each(dialects)('the officer roster as .xlsx (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let headA: Client;
  let headB: Client;
  const today = todayInChina();
  const tag = dialect === 'sqlite' ? 'S' : 'P';

  beforeAll(async () => {
    headA = await signIn(t.app, 'head.a');
    headB = await signIn(t.app, 'head.b');
  });

  const ledgerSize = async () =>
    Number((await t.system.ctx.db.selectFrom('ledger_state').select('size').where('id', '=', 1).executeTakeFirstOrThrow()).size);
  const officerCount = async (agencyId: string) =>
    Number(
      (
        await t.system.ctx.db
          .selectFrom('officers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('agency_id', '=', agencyId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const runImport = async (client: Client, agencyId: string, file: Buffer) => {
    const started = await client.request({
      method: 'POST',
      url: `/api/agencies/${agencyId}/roster/import`,
      headers: { 'content-type': xlsxContentType },
      payload: file,
    });
    expect(started.statusCode, started.body).toBe(202);
    const { id } = started.json() as { id: string };
    for (;;) {
      const job = (await client.request({ method: 'GET', url: `/api/personnel/roster/imports/${id}` })).json();
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('offers a template with the Chinese headers and a 填写说明 sheet, without signing in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/personnel/roster/template.xlsx' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain(xlsxContentType);
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = await readSheet(response.rawPayload);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['执法人员名册', '填写说明']);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '岗位',
      '人员类别',
      '执法证号',
      '执法门类',
      '执法区域代码',
      '发证日期',
      '有效期至',
      '下次年审日期',
    ]);
    expect(sheet.rowCount).toBe(1);
  });

  it('exports a roster and imports it into another agency, with a ledger event per officer and certificate', async () => {
    const add = async (name: string, isAuxiliary = false) =>
      (
        await headA.request({
          method: 'POST',
          url: '/api/officers',
          payload: { agencyId: t.org.agencyA.id, name, post: '执法队员', isAuxiliary },
        })
      ).json() as { id: string };
    const people = { zhang: await add('张志强'), li: await add('李海燕'), wang: await add('王立新'), zhao: await add('赵小军', true) };
    for (const [i, who] of [people.zhang, people.li].entries()) {
      const issued = await headA.request({
        method: 'POST',
        url: `/api/officers/${who.id}/certificates`,
        payload: {
          number: `6405022${tag}R${i}`,
          categories: i === 0 ? ['market_regulation', 'urban_management'] : ['market_regulation'],
          regionCode: '640502',
          issuedOn: shiftDate(today, -400),
          expiresOn: shiftDate(today, 1400),
          ...(i === 0 ? { nextReviewOn: shiftDate(today, 30) } : {}),
        },
      });
      expect(issued.statusCode, issued.body).toBe(201);
    }

    const exported = await headA.request({ method: 'GET', url: `/api/agencies/${t.org.agencyA.id}/roster.xlsx` });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('lawtrail-roster.xlsx');
    const workbook = await readSheet(exported.rawPayload);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...headers, '今日状态']);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    expect(rows.size).toBe(4);
    expect(rows.get('张志强')).toEqual([
      '张志强',
      '执法队员',
      '执法人员',
      `6405022${tag}R0`,
      '市场监督管理；城市管理综合执法',
      '640502',
      new Date(`${shiftDate(today, -400)}T00:00:00Z`),
      new Date(`${shiftDate(today, 1400)}T00:00:00Z`),
      new Date(`${shiftDate(today, 30)}T00:00:00Z`),
      '有效',
    ]);
    expect(rows.get('王立新')?.[9]).toBe('未持证');
    expect(rows.get('赵小军')?.slice(2, 4)).toEqual(['辅助人员', undefined]);

    // Scope: agency B's head cannot export A's roster; A's head cannot import into B.
    expect((await headB.request({ method: 'GET', url: `/api/agencies/${t.org.agencyA.id}/roster.xlsx` })).statusCode).toBe(404);

    // New numbers, then into agency B (the 今日状态 column is ignored).
    sheet.eachRow((row, n) => {
      const number = row.getCell(4).value;
      if (n > 1 && number) row.getCell(4).value = `${number}B`;
    });
    const changed = Buffer.from(await workbook.xlsx.writeBuffer());
    const forbidden = await headA.request({
      method: 'POST',
      url: `/api/agencies/${t.org.agencyB.id}/roster/import`,
      headers: { 'content-type': xlsxContentType },
      payload: changed,
    });
    expect(forbidden.statusCode).toBe(404);
    const before = await ledgerSize();
    const job = await runImport(headB, t.org.agencyB.id, changed);
    expect(job).toMatchObject({ status: 'succeeded', totalRows: 4, processedRows: 4, result: { officerCount: 4, certificateCount: 2 } });
    expect(await ledgerSize()).toBe(before + 6);

    const listed = (await headB.request({ method: 'GET', url: `/api/officers?agencyId=${t.org.agencyB.id}` })).json();
    expect(listed.items.map((o: { name: string; isAuxiliary: boolean }) => `${o.name}${o.isAuxiliary ? '（辅）' : ''}`).sort()).toEqual(
      ['张志强', '李海燕', '王立新', '赵小军（辅）'].sort(),
    );
    const zhang = listed.items.find((o: { name: string }) => o.name === '张志强');
    const certificates = (await headB.request({ method: 'GET', url: `/api/officers/${zhang.id}/certificates` })).json();
    expect(certificates.items).toEqual([
      expect.objectContaining({
        number: `6405022${tag}R0B`,
        categories: ['market_regulation', 'urban_management'],
        regionCode: '640502',
        regionName: '沙坡头区',
        issuedOn: shiftDate(today, -400),
        expiresOn: shiftDate(today, 1400),
        nextReviewOn: shiftDate(today, 30),
        effectiveStatus: 'valid',
      }),
    ]);
    expect((await verifyLedger(t.system.ctx.db, t.system.ctx.ledgerKeys, moduleStateChecks)).findings).toEqual([]);

    // Importing the same file again: every number is taken now.
    const again = await runImport(headB, t.org.agencyB.id, changed);
    expect(again.status).toBe('failed');
    expect(again.errors.map((e: { column: string; detail: string }) => `${e.column}：${e.detail}`).sort()).toEqual([
      `执法证号：执法证号 6405022${tag}R0B 已被使用（平台中已有该证号）`,
      `执法证号：执法证号 6405022${tag}R1B 已被使用（平台中已有该证号）`,
    ]);
  });

  it('reports every broken row by row, column and reason, and stores nothing', async () => {
    const good = ['周明', '执法队员', '执法人员', `6405023${tag}G1`, '市场监督管理', '640502', '2025-01-01', '2030-01-01', null];
    const file = await workbookOf([
      good,
      ['', '执法队员', '执法人员', null, null, null, null, null, null],
      ['吴刚', null, '临时工', null, null, null, null, null, null],
      ['郑红', null, '辅助人员', `6405023${tag}X1`, null, null, null, null, null],
      ['钱进', null, '执法人员', `6405023${tag}G1`, '市场监管；交通运输', '999999', '2025-02-30', '2024-01-01', null],
      ['孙丽', null, '执法人员', `6405023${tag}G2`, '交通运输', '640502', new Date('2025-06-01T00:00:00Z'), '2025-06-01', 'soon'],
      ['冯伟', null, '执法人员', null, '交通运输', null, null, null, null],
      [null, null, null, null, null, null, null, null, null],
      ['陈静', null, '执法人员', `6405022${tag}R0`, '市场监督管理', '640502', '2025-01-01', '2030-01-01', null],
    ]);
    const officersBefore = await officerCount(t.org.agencyA.id);
    const before = await ledgerSize();
    const job = await runImport(headA, t.org.agencyA.id, file);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      { row: 3, column: '姓名', detail: '姓名不能为空' },
      { row: 4, column: '人员类别', detail: '无法识别的人员类别“临时工”，应填“执法人员”或“辅助人员”' },
      { row: 5, column: '执法证号', detail: '辅助人员不能持有行政执法证，执法证号应留空' },
      { row: 6, column: '执法证号', detail: `执法证号 6405023${tag}G1 与第 2 行重复` },
      { row: 6, column: '执法门类', detail: expect.stringContaining('无法识别的执法门类“市场监管”') },
      { row: 6, column: '执法区域代码', detail: '行政区划代码 999999 不在本平台的区划之内' },
      { row: 6, column: '发证日期', detail: '发证日期“2025-02-30”不是有效日期，应为 Excel 日期或 YYYY-MM-DD' },
      { row: 7, column: '有效期至', detail: '有效期至（2025-06-01）须晚于发证日期（2025-06-01）' },
      { row: 7, column: '下次年审日期', detail: '下次年审日期“soon”不是有效日期，应为 Excel 日期或 YYYY-MM-DD' },
      {
        row: 8,
        column: '执法门类',
        detail: '未填写执法证号，“执法门类”应留空（尚未领证的执法人员只填姓名、岗位和人员类别）',
      },
      { row: 10, column: '执法证号', detail: `执法证号 6405022${tag}R0 已被使用（平台中已有该证号）` },
    ]);
    expect(job.errorCount).toBe(11);
    expect(await officerCount(t.org.agencyA.id)).toBe(officersBefore);
    expect(await ledgerSize()).toBe(before);

    // One bad row among good ones is enough for nothing to be stored.
    const taken = await runImport(
      headA,
      t.org.agencyA.id,
      await workbookOf([good, [], ['陈静', null, '执法人员', `6405022${tag}R0`, '市场监督管理', '640502', '2025-01-01', '2030-01-01']]),
    );
    expect(taken).toMatchObject({ status: 'failed', totalRows: 2, errorCount: 1 });
    expect(taken.errors).toEqual([{ row: 4, column: '执法证号', detail: `执法证号 6405022${tag}R0 已被使用（平台中已有该证号）` }]);

    // A header without a required column, or with an unknown one.
    const header = await runImport(headA, t.org.agencyA.id, await workbookOf([['周明']], ['姓名', '岗位', '电话']));
    expect(header.errors).toEqual(
      expect.arrayContaining([
        { row: 1, column: '电话', detail: '无法识别的列“电话”，表头须与模板一致（见“填写说明”）' },
        { row: 1, column: '人员类别', detail: '缺少必填列“人员类别”' },
      ]),
    );
    // Not a workbook at all.
    const notXlsx = await headA.request({
      method: 'POST',
      url: `/api/agencies/${t.org.agencyA.id}/roster/import`,
      headers: { 'content-type': xlsxContentType },
      payload: Buffer.from('姓名,人员类别\n'),
    });
    expect(notXlsx.statusCode).toBe(400);
    expect(await officerCount(t.org.agencyA.id)).toBe(officersBefore);
    expect(await ledgerSize()).toBe(before);
    // Only the head or an administrator keeps the roster.
    const officer = await signIn(t.app, 'officer.a');
    const refused = await officer.request({
      method: 'POST',
      url: `/api/agencies/${t.org.agencyA.id}/roster/import`,
      headers: { 'content-type': xlsxContentType },
      payload: await workbookOf([good]),
    });
    expect(refused.statusCode).toBe(403);
  });

  it('imports 50,000 rows in one job', { timeout: 600_000 }, async () => {
    const rows: unknown[][] = [];
    for (let i = 0; i < 50_000; i += 1) {
      const isAuxiliary = i % 10 === 9;
      rows.push(
        isAuxiliary
          ? [`辅助${i}`, '协管员', '辅助人员', null, null, null, null, null, null]
          : [
              `人员${i}`,
              '执法队员',
              '执法人员',
              `BULK${tag}${String(i).padStart(6, '0')}`,
              i % 2 ? '市场监督管理；城市管理综合执法' : '交通运输',
              i % 3 ? '640502' : '640502100',
              new Date('2024-01-01T00:00:00Z'),
              '2029-12-31',
              i % 4 ? null : '2026-01-01',
            ],
      );
    }
    const file = await workbookOf(rows);
    const officersBefore = await officerCount(t.org.agencyB.id);
    const before = await ledgerSize();
    const started = Date.now();
    const job = await runImport(headB, t.org.agencyB.id, file);
    const seconds = (Date.now() - started) / 1000;
    console.log(`[roster import] ${dialect}: 50,000 rows (45,000 certificates) in ${seconds.toFixed(1)} s`);
    expect(job.status, JSON.stringify([job.failure, job.errorCount, job.errors.slice(0, 3)])).toBe('succeeded');
    expect(job).toMatchObject({ status: 'succeeded', processedRows: 50_000, result: { officerCount: 50_000, certificateCount: 45_000 } });
    expect(await officerCount(t.org.agencyB.id)).toBe(officersBefore + 50_000);
    expect(await ledgerSize()).toBe(before + 95_000);
  });
});

describe.each(dialects)('lawtrail import --list roster (%s)', (dialect) => {
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

  it('prints progress and one line per broken row, stores nothing, then imports the corrected file', async () => {
    const tag = dialect === 'sqlite' ? 'S' : 'P';
    const good = ['周明', '执法队员', '执法人员', `640502CLI${tag}1`, '市场监督管理', '640502', '2025-01-01', '2030-01-01', null];
    const brokenFile = path.join(system.dataDir, 'roster-broken.xlsx');
    writeFileSync(brokenFile, await workbookOf([good, ['吴刚', null, '临时工', null, null, null, null, null, null]]));
    const refused = await runLawtrail(['import', '--agency', uscc, '--list', 'roster', brokenFile], env);
    expect(refused.code).toBe(1);
    const lines = refused.stderr.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('第'))).toEqual([expect.stringMatching(/^第3行 “人员类别”：/)]);
    expect(lines.at(-1)).toBe('lawtrail: 文件中有 1 处错误，未导入任何数据');

    const goodFile = path.join(system.dataDir, 'roster.xlsx');
    writeFileSync(goodFile, await workbookOf([good, ['吴刚', '协管员', '辅助人员', null, null, null, null, null, null]]));
    const imported = await runLawtrail(['import', '--agency', uscc, '--list', 'roster', goodFile], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('已校验 2');
    expect(imported.stdout).toContain('已导入执法人员名册：新增 2 名人员、1 个执法证。');
  });
});
