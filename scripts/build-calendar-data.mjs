// Regenerates src/kernel/calendar-data.json, the working-day calendar shipped with Lawtrail, from an unpacked copy of the
// npm package chinese-days (its dist/years/YYYY.json files) and the State Council notices in
// test/fixtures/public-holiday-notices.json. The package is only read here; it is not a dependency of Lawtrail.
//
//   cd /tmp && npm pack chinese-days@1.5.7 && mkdir -p chinese-days && tar xzf chinese-days-1.5.7.tgz -C chinese-days
//   node scripts/build-calendar-data.mjs /tmp/chinese-days/package            # years 2015–2026
//   node scripts/build-calendar-data.mjs /tmp/chinese-days/package --to 2027  # when a later package knows 2027
//
// Then run `npx vitest run src/kernel/calendar.test.ts`: it checks the result against the notices' text for the years
// the fixture covers. Options: --from YEAR, --to YEAR, --notices FILE, --out FILE.
// Each year holds the dates that fall in it (the package files them so too): the 2019 notice's 2018-12-29..31 are in 2018.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function parseArgs(argv) {
  const options = {
    dir: null,
    from: 2015,
    to: 2026,
    notices: path.join(root, 'test/fixtures/public-holiday-notices.json'),
    out: path.join(root, 'src/kernel/calendar-data.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} 需要一个值`);
      return next;
    };
    if (arg === '--from') options.from = Number(value());
    else if (arg === '--to') options.to = Number(value());
    else if (arg === '--notices') options.notices = path.resolve(value());
    else if (arg === '--out') options.out = path.resolve(value());
    else if (!options.dir && !arg.startsWith('--')) options.dir = path.resolve(arg);
    else throw new Error(`不认识的参数 ${arg}`);
  }
  if (!options.dir) throw new Error('用法：node scripts/build-calendar-data.mjs <解压后的 chinese-days 目录> [--from 2015] [--to 2026]');
  return options;
}

/** "Spring Festival,春节,3" → "春节" (the package's Chinese name). */
function chineseName(value) {
  const parts = String(value).split(',');
  return parts.length >= 2 ? parts[1] : String(value);
}

function sortedEntries(days, year) {
  const entries = Object.entries(days ?? {}).filter(([date]) => date.startsWith(`${year}-`));
  const outside = Object.keys(days ?? {}).filter((date) => !date.startsWith(`${year}-`));
  if (outside.length > 0) throw new Error(`${year}.json 含有其他年份的日期：${outside.join(', ')}`);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([date, value]) => [date, chineseName(value)]));
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const pkg = JSON.parse(readFileSync(path.join(options.dir, 'package.json'), 'utf8'));
  if (pkg.name !== 'chinese-days') throw new Error(`${options.dir} 不是 chinese-days 包（package.json 的 name 为 ${pkg.name}）`);
  const noticeFile = JSON.parse(readFileSync(options.notices, 'utf8'));
  const notices = new Map(noticeFile.years.map((notice) => [notice.year, notice]));

  const years = [];
  for (let year = options.from; year <= options.to; year++) {
    const file = `dist/years/${year}.json`;
    const data = JSON.parse(readFileSync(path.join(options.dir, file), 'utf8'));
    const notice = notices.get(year);
    years.push({
      year,
      source: `${pkg.name} ${pkg.version}（${file}）`,
      checkedAgainstNotice: Boolean(notice?.verified_in_source),
      notice: notice
        ? { title: notice.title, docNo: notice.doc_no, docNoVerification: notice.doc_no_verification, issued: notice.issued }
        : null,
      holidays: sortedEntries(data.holidays, year),
      workdays: sortedEntries(data.workdays, year),
    });
  }

  const checked = years.filter((y) => y.checkedAgainstNotice).map((y) => y.year);
  const unchecked = years.filter((y) => !y.checkedAgainstNotice).map((y) => y.year);
  const range = (list) => (list.length === 0 ? '无' : `${list[0]}–${list[list.length - 1]}`);
  const output = {
    description:
      '中国法定节假日与调休上班日（国务院办公厅每年公布的部分节假日安排）。holidays：放假日期（含假期内的周末）；workdays：调休上班日（周末上班）。每年只含落在该年内的日期。',
    source: {
      package: {
        name: pkg.name,
        version: pkg.version,
        license: pkg.license,
        repository: pkg.repository?.url ?? null,
        files: `dist/years/${options.from}.json … dist/years/${options.to}.json`,
        note: '节日名称取自该包（如“清明”“端午”“中秋”），未改写为通知中的写法。',
      },
      checkedAgainstNotices: {
        years: checked,
        fixture: path.relative(root, options.notices),
        how: 'src/kernel/calendar.test.ts 逐日核对放假日期与调休上班日，须与通知完全一致。',
      },
      notCheckedHere: unchecked.length
        ? `${range(unchecked)} 年只来自 ${pkg.name} ${pkg.version}，未在本项目中与国务院办公厅通知原文逐日核对。`
        : null,
      generatedBy: 'scripts/build-calendar-data.mjs',
    },
    years,
  };
  writeFileSync(options.out, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`已写入 ${path.relative(root, options.out)}：${range(years.map((y) => y.year))} 年，其中 ${range(checked)} 年已与通知核对`);
}

try {
  main();
} catch (error) {
  console.error(`build-calendar-data：${error instanceof Error ? error.message : error}`);
  process.exit(2);
}
