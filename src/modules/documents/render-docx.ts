/**
 * DocumentContent → Word (.docx) with docx 9, laid out like the PDF: A4, GB/T 9704 margins, 22 lines of 三号 a page.
 * Fonts are referenced by name — 方正小标宋简体 for the title, 仿宋_GB2312 for the body, 黑体 for headings — and not
 * shipped (they are commercial; Word substitutes where they are missing). The QR code is embedded as a PNG.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { type DocumentBlock, type DocumentContent, formatChineseDate, type SignatureBlock } from './content.js';
import { qrCaption, qrPng } from './qr.js';

const fonts = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;
/** Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
const size = { title: 44, agency: 40, body: 32, table: 28, note: 24, caption: 18 } as const;
/** 22 lines in the 225 mm text block: exactly 28.95 pt (579 twips) a line. */
const line = 579;
const twoCharacters = 2 * 16 * 20;
const textWidth = convertMillimetersToTwip(210 - 28 - 26);
const qrPixels = 90;

const font = (eastAsia: string) => ({ eastAsia, ascii: fonts.latin, hAnsi: fonts.latin });
const run = (text: string, options: { font?: string; size?: number; bold?: boolean } = {}) =>
  new TextRun({ text, font: font(options.font ?? fonts.body), size: options.size ?? size.body, bold: options.bold ?? false });

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
const thinBorders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function fieldsTable(block: Extract<DocumentBlock, { type: 'fields' }>): Table {
  const widths = [Math.round(textWidth * 0.3), textWidth - Math.round(textWidth * 0.3)];
  const cell = (text: string, width: number, bold: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 100, right: 100, top: 40, bottom: 40 },
      children: [new Paragraph({ spacing: { line: 400, lineRule: 'exact' }, children: [run(text, { size: size.table, bold })] })],
    });
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: thinBorders,
    rows: block.rows.map(
      (row) => new TableRow({ children: [cell(row.label, widths[0] as number, true), cell(row.value, widths[1] as number, false)] }),
    ),
  });
}

function signatureTable(block: SignatureBlock, qr: Buffer | null): Table {
  const qrWidth = convertMillimetersToTwip(30);
  const right = (children: ParagraphChild[]) => new Paragraph({ alignment: AlignmentType.RIGHT, children });
  const names = [...block.lines, formatChineseDate(block.date)].map((text) => right([run(text)]));
  const qrCell = qr
    ? [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: 240, lineRule: 'auto' },
          children: [new ImageRun({ type: 'png', data: qr, transformation: { width: qrPixels, height: qrPixels }, altText: altText() })],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: 240, lineRule: 'auto' },
          children: [run(qrCaption, { size: size.caption })],
        }),
      ]
    : [new Paragraph({ children: [] })];
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [textWidth - qrWidth, qrWidth],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: textWidth - qrWidth, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            children: names,
          }),
          new TableCell({ width: { size: qrWidth, type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER, children: qrCell }),
        ],
      }),
    ],
  });
}

const altText = () => ({ name: 'verify-qr', description: '核验二维码', title: qrCaption });

function blockElements(block: DocumentBlock, keepNext: boolean, qr: Buffer | null): (Paragraph | Table)[] {
  switch (block.type) {
    case 'paragraph':
      return [new Paragraph({ keepNext, indent: { firstLine: block.indent === false ? 0 : twoCharacters }, children: [run(block.text)] })];
    case 'heading':
      return [new Paragraph({ keepNext: true, children: [run(block.text, { font: fonts.heading })] })];
    case 'fields':
      return [fieldsTable(block), new Paragraph({ spacing: { line: 240, lineRule: 'auto' }, children: [] })];
    case 'signature':
      return [new Paragraph({ keepNext: true, children: [] }), signatureTable(block, qr)];
    case 'note':
      return [new Paragraph({ spacing: { before: 240, line: 360, lineRule: 'exact' }, children: [run(block.text, { size: size.note })] })];
  }
}

export async function renderDocx(content: DocumentContent): Promise<Buffer> {
  const png = await qrPng(content.verifyUrl);
  const last = content.blocks.findLast((b): b is SignatureBlock => b.type === 'signature');
  const body = content.blocks.flatMap((block, index) =>
    blockElements(block, content.blocks[index + 1]?.type === 'signature', block === last ? png : null),
  );
  if (!last) {
    body.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { line: 240, lineRule: 'auto' },
        children: [new ImageRun({ type: 'png', data: png, transformation: { width: qrPixels, height: qrPixels }, altText: altText() })],
      }),
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(qrCaption, { size: size.caption })] }),
    );
  }
  const centred = (text: string, options: { font?: string; size?: number }) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 720, lineRule: 'exact' }, children: [run(text, options)] });
  const document = new Document({
    title: `${content.title} ${content.number}`,
    subject: content.title,
    creator: content.agencyName,
    keywords: content.kind,
    description: `核验：${content.verifyUrl}`,
    styles: {
      default: {
        document: {
          run: { font: font(fonts.body), size: size.body },
          paragraph: { spacing: { line, lineRule: 'exact' }, alignment: AlignmentType.JUSTIFIED },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
              footer: convertMillimetersToTwip(21),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ font: font(fonts.pageNumber), size: 28, children: ['— ', PageNumber.CURRENT, ' —'] })],
              }),
            ],
          }),
        },
        children: [
          centred(content.agencyName, { font: fonts.title, size: size.agency }),
          centred(content.title, { font: fonts.title, size: size.title }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 320 }, children: [run(content.number)] }),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
