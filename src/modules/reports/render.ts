/**
 * A published annual report as a PDF (A4: the figures by section, bar charts drawn as vectors, the written account,
 * the figures' digest and where to check it) and as an Excel workbook (one sheet of figures, one per chart series).
 */
import ExcelJS from 'exceljs';
import { formatChineseDate, renderPdfDefinition } from '../documents/index.js';
import type { presentReport } from './reports.service.js';

type Report = ReturnType<typeof presentReport>;

function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === '元') return `${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  if (unit === '%') return `${value}%`;
  return `${value} ${unit}`;
}

const barColors = ['#0b4ea2', '#237804', '#ad4e00', '#a8071a', '#531dab', '#006d75', '#595959', '#874d00', '#1d39c4'];

/** A horizontal bar chart as pdfmake nodes: label, bar (vector), value — Chinese stays in the document's font. */
function barChart(title: string, series: { name: string; value: number }[]): object {
  const max = Math.max(1, ...series.map((s) => s.value));
  const width = 250;
  return {
    unbreakable: true,
    margin: [0, 8, 0, 8],
    stack: [
      { text: title, bold: true, fontSize: 12, margin: [0, 0, 0, 4] },
      {
        table: {
          widths: [150, width, '*'],
          body: series.map((item, index) => [
            { text: item.name, fontSize: 10 },
            {
              canvas: [
                { type: 'rect', x: 0, y: 2, w: Math.max(1, (item.value / max) * width), h: 10, color: barColors[index % barColors.length] },
              ],
            },
            { text: String(item.value), fontSize: 10 },
          ]),
        },
        layout: 'noBorders',
      },
    ],
  };
}

export async function reportPdf(report: Report, verifyUrl: string): Promise<Buffer> {
  const sections = report.sections.flatMap((section) => [
    { text: section.label, bold: true, fontSize: 13, margin: [0, 10, 0, 4] },
    {
      table: {
        widths: ['*', 140],
        body: section.figures.map((f) => [
          { text: f.note ? `${f.label}（${f.note}）` : f.label, fontSize: 11 },
          { text: formatValue(f.value, f.unit), fontSize: 11, alignment: 'right' },
        ]),
      },
      layout: 'lightHorizontalLines',
    },
  ]);
  const narrative = [
    ['一、总体情况', report.narrative.overview],
    ['二、存在的问题', report.narrative.problems],
    ['三、下一步工作', report.narrative.plans],
  ]
    .filter(([, text]) => text)
    .flatMap(([heading, text]) => [
      { text: heading, bold: true, fontSize: 13, margin: [0, 8, 0, 4] },
      ...(text as string).split(/\n+/).map((line) => ({ text: line, leadingIndent: 24, fontSize: 12, lineHeight: 1.4 })),
    ]);
  const published = report.publishedOn ? `${formatChineseDate(report.publishedOn)}公开` : '草稿（尚未公开）';
  return renderPdfDefinition({
    pageSize: 'A4',
    pageMargins: [56, 64, 56, 56],
    language: 'zh-CN',
    info: { title: report.title, author: report.scopeName, creator: 'Lawtrail 阳光执法平台', producer: 'Lawtrail' },
    defaultStyle: { fontSize: 12, lineHeight: 1.25 },
    content: [
      { text: report.title, alignment: 'center', fontSize: 20, bold: true, margin: [0, 0, 0, 6] },
      {
        text: `统计期间：${report.year}年1月1日至${report.year}年12月31日　数据截至：${formatChineseDate(report.figuresAsOf)}　${published}`,
        alignment: 'center',
        fontSize: 10,
        margin: [0, 0, 0, 12],
      },
      ...narrative,
      { text: '统计数据', bold: true, fontSize: 15, margin: [0, 14, 0, 0] },
      ...sections,
      { text: '图表', bold: true, fontSize: 15, margin: [0, 14, 0, 4] },
      barChart('按执法行为类别的立案（受理）数', report.charts.byActionType),
      barChart('执法决定', report.charts.outcomes.length ? report.charts.outcomes : [{ name: '无', value: 0 }]),
      barChart('法制审核结论', report.charts.review),
      barChart('执法决定公示时效', report.charts.disclosure),
      {
        text: `数据摘要（SHA-256）：${report.figuresDigest}。每项数据可追溯至其统计的案件或公示记录；公开后数据冻结，并记入防篡改账本。核验地址：${verifyUrl}`,
        fontSize: 9,
        margin: [0, 16, 0, 0],
      },
    ],
    footer: (page: number, pages: number) => ({
      text: `第 ${page} 页，共 ${pages} 页`,
      alignment: 'center',
      fontSize: 9,
      margin: [0, 16, 0, 0],
    }),
  });
}

export async function reportWorkbook(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lawtrail 阳光执法平台';
  const sheet = workbook.addWorksheet('统计数据');
  sheet.columns = [
    { header: '部分', key: 'section', width: 30 },
    { header: '项目', key: 'label', width: 40 },
    { header: '数值', key: 'value', width: 16 },
    { header: '单位', key: 'unit', width: 8 },
    { header: '统计记录数', key: 'count', width: 12 },
    { header: '说明', key: 'note', width: 40 },
    { header: '统计来源摘要（SHA-256）', key: 'digest', width: 68 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const section of report.sections) {
    for (const f of section.figures) {
      sheet.addRow({
        section: section.label,
        label: f.label,
        value: f.value,
        unit: f.unit,
        count: f.sourceCount,
        note: f.note ?? '',
        digest: f.sourcesDigest,
      });
    }
  }
  sheet.addRow({});
  sheet.addRow({ section: '报告', label: report.title });
  sheet.addRow({ section: '数据截至', label: report.figuresAsOf });
  sheet.addRow({ section: '公开日期', label: report.publishedOn ?? '尚未公开' });
  sheet.addRow({ section: '数据摘要（SHA-256）', label: report.figuresDigest });
  const charts = workbook.addWorksheet('图表数据');
  charts.columns = [
    { header: '图表', key: 'chart', width: 24 },
    { header: '类别', key: 'name', width: 30 },
    { header: '数值', key: 'value', width: 12 },
  ];
  charts.getRow(1).font = { bold: true };
  const titles: Record<keyof Report['charts'], string> = {
    byActionType: '按执法行为类别的立案（受理）数',
    outcomes: '执法决定',
    review: '法制审核结论',
    disclosure: '执法决定公示时效',
  };
  for (const [key, title] of Object.entries(titles) as [keyof Report['charts'], string][]) {
    for (const item of report.charts[key]) charts.addRow({ chart: title, name: item.name, value: item.value });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
