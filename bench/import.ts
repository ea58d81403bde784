// `npx tsx bench/import.ts [rows]`: the catalog's Excel import at scale (issue 4 item 5: "imports of 50,000 rows finish in
// seconds"). Writes an enforcement-item workbook of N rows (default 50,000) with the streaming writer, then times
// (1) reading and checking every row, and (2) the whole import — read, check, validate, store through createDraft with
// its ledger event — on SQLite, and on PostgreSQL when LAWTRAIL_BENCH_PG (or LAWTRAIL_TEST_PG) names an admin URL.
// Then the same for the officer roster (one person per row, nine in ten with a certificate: two ledger events each).
// Prints rows/s; records nothing and asserts nothing.
import os from 'node:os';
import { systemActor } from '../src/kernel/actor.js';
import type { CatalogEntry } from '../src/modules/catalog/entries.js';
import { importCatalogFile } from '../src/modules/catalog/import.service.js';
import { catalogWorkbookBuffer, readCatalogWorkbook } from '../src/modules/catalog/spreadsheet.js';
import { exampleEntries } from '../src/modules/catalog/spreadsheet-examples.js';
import { importRosterFile } from '../src/modules/personnel/roster-import.js';
import { type RosterSheetRow, rosterWorkbookStream } from '../src/modules/personnel/roster-spreadsheet.js';
import { createTestOrg } from '../test/support/factories.js';
import { openTestSystem, type TestDialect } from '../test/support/system.js';

const rows = Number(process.argv[2] ?? 50_000);
const pgUrl = process.env.LAWTRAIL_BENCH_PG ?? process.env.LAWTRAIL_TEST_PG;

function entriesOf(count: number): CatalogEntry[] {
  const example = exampleEntries.enforcement_item;
  const basis = (example.legalBases as unknown[])[0];
  return Array.from({ length: count }, (_, i) => ({
    ...example,
    code: `EI-${String(i + 1).padStart(6, '0')}`,
    name: `${example.name}（${i + 1}）`,
    legalBases: [basis],
  }));
}

interface Mark {
  wall: bigint;
  cpu: NodeJS.CpuUsage;
}
const mark = (): Mark => ({ wall: process.hrtime.bigint(), cpu: process.cpuUsage() });
/** Wall time, and this process's CPU time (user + system): on a shared machine the second is the steadier figure. */
function line(what: string, from: Mark): void {
  const wall = Number(process.hrtime.bigint() - from.wall) / 1e9;
  const used = process.cpuUsage(from.cpu);
  const cpu = (used.user + used.system) / 1e6;
  const rate = (time: number) =>
    Math.round(rows / time)
      .toLocaleString('en')
      .padStart(8);
  console.log(
    `${what.padEnd(40)} wall ${wall.toFixed(2).padStart(6)} s ${rate(wall)} rows/s   cpu ${cpu.toFixed(2).padStart(6)} s ${rate(cpu)} rows/s`,
  );
}

let start = mark();
const file = await catalogWorkbookBuffer('enforcement_item', entriesOf(rows));
line(`write ${rows} rows (${(file.length / 1e6).toFixed(1)} MB)`, start);

start = mark();
const read = await readCatalogWorkbook('enforcement_item', file);
if (read.kind !== 'rows' || read.assembled.errorCount > 0) throw new Error('the generated file does not read back cleanly');
line('read and check every cell', start);

const dialects: TestDialect[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
if (pgUrl) process.env.LAWTRAIL_TEST_PG = pgUrl;
for (const dialect of dialects) {
  const system = await openTestSystem(dialect);
  try {
    const org = await createTestOrg(system.ctx);
    start = mark();
    const outcome = await importCatalogFile(system.ctx, systemActor('bench'), { agencyId: org.agencyA.id, kind: 'enforcement_item', file });
    if (!outcome.isImported) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
    line(`import (read, check, store) on ${dialect}`, start);
  } finally {
    await system.close();
  }
}
function rosterRows(count: number): RosterSheetRow[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `执法人员${i + 1}`,
    post: '执法队员',
    isAuxiliary: i % 10 === 9,
    certificate:
      i % 10 === 9
        ? null
        : {
            number: `BENCH${String(i).padStart(7, '0')}`,
            categories: ['market_regulation'],
            regionCode: '640502',
            issuedOn: '2025-01-01',
            expiresOn: '2029-12-31',
            nextReviewOn: null,
          },
    status: '',
  }));
}

start = mark();
const chunks: Buffer[] = [];
for await (const chunk of rosterWorkbookStream(rosterRows(rows))) chunks.push(chunk as Buffer);
const roster = Buffer.concat(chunks);
line(`write a roster of ${rows} rows (${(roster.length / 1e6).toFixed(1)} MB)`, start);
for (const dialect of dialects) {
  const system = await openTestSystem(dialect);
  try {
    const org = await createTestOrg(system.ctx);
    start = mark();
    const outcome = await importRosterFile(system.ctx, systemActor('bench'), { agencyId: org.agencyA.id, file: roster });
    if (!outcome.isImported) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
    line(`roster import (${outcome.officerCount + outcome.certificateCount} events) on ${dialect}`, start);
  } finally {
    await system.close();
  }
}

console.log(
  `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores`,
);
