/**
 * DocumentContent → PDF with pdfmake 0.3 on the server. A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm,
 * left 28 mm, right 26 mm), body in 三号 (16 pt) at 22 lines a page, the title centred in 二号, page numbers “— 1 —”,
 * and the verification QR code beside the signature. Chinese is set in Noto Sans SC (OFL-1.1, @embedpdf/fonts-sc),
 * embedded as a subset of the glyphs used. pdfmake may read neither URLs nor local files: the fonts are handed to it
 * from memory, the QR code is inline SVG. The same content and issue date give the same bytes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
// Must run before pdfmake loads pdfkit and fontkit: keeps parsed fonts between documents.
import './fontkit-cache.js';
import pdfmake from 'pdfmake';
import { type DocumentBlock, type DocumentContent, formatChineseDate, type SignatureBlock } from './content.js';
import { qrCaption, qrSvg } from './qr.js';

const family = 'LawtrailNotoSansSC';
const mm = (value: number) => (value * 72) / 25.4;
const bodySize = 16;
/** 22 lines in the 225 mm text block: 28.9 pt a line; Noto Sans SC's natural line is 1.448 em. */
const bodyLineHeight = 1.25;
const qrSize = 68;
/** A paragraph up to this many characters (≈ 6 lines) moves to the next page with the signature that follows it. */
const keptParagraphLength = 170;

let isReady = false;

/** Reads the two font files once (≈17 MB) into pdfmake's in-memory file system, and shuts every other door. */
function prepare(): void {
  if (isReady) return;
  // The package's entry is dist/index.cjs; its fonts are in ../fonts.
  const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  const regular = `${family}-Regular.otf`;
  const bold = `${family}-Bold.otf`;
  pdfmake.virtualfs.writeFileSync(regular, readFileSync(path.join(fontDir, 'NotoSansHans-Regular.otf')));
  pdfmake.virtualfs.writeFileSync(bold, readFileSync(path.join(fontDir, 'NotoSansHans-Bold.otf')));
  pdfmake.addFonts({ [family]: { normal: regular, bold, italics: regular, bolditalics: bold } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  isReady = true;
}

function blockNodes(block: DocumentBlock, signatureNode: (block: SignatureBlock) => object): object {
  switch (block.type) {
    case 'paragraph':
      return { text: block.text, leadingIndent: block.indent === false ? 0 : 2 * bodySize };
    case 'heading':
      return { text: block.text, bold: true };
    case 'fields':
      return {
        table: {
          widths: ['30%', '*'],
          body: block.rows.map((row) => [{ text: row.label, bold: true }, { text: row.value || ' ' }]),
        },
        layout: {
          hLineWidth: () => 0.75,
          vLineWidth: () => 0.75,
          paddingLeft: () => 6,
          paddingRight: () => 6,
          paddingTop: () => 4,
          paddingBottom: () => 4,
        },
        fontSize: 14,
        lineHeight: 1.15,
        margin: [0, 6, 0, 6],
      };
    case 'signature':
      return signatureNode(block);
    case 'note':
      return { text: block.text, fontSize: 12, lineHeight: 1.2, margin: [0, 12, 0, 0] };
  }
}

function qrStack(svg: string): object {
  return {
    width: qrSize + 16,
    stack: [
      { svg, width: qrSize, alignment: 'center' },
      { text: qrCaption, fontSize: 9, lineHeight: 1, alignment: 'center', margin: [0, 3, 0, 0] },
    ],
  };
}

/** The pdfmake document definition (exported for tests and for previews). */
export function pdfDefinition(content: DocumentContent, svg: string, creationDate: Date): object {
  const last = content.blocks.findLast((b): b is SignatureBlock => b.type === 'signature');
  // The QR code sits beside the last signature block, or ends the document when there is none.
  const signatureNode = (block: SignatureBlock) => {
    const lines = { stack: [...block.lines, formatChineseDate(block.date)].map((text) => ({ text, alignment: 'right' })) };
    return {
      columns:
        block === last
          ? [{ width: '*', ...lines }, qrStack(svg)]
          : [
              { width: '*', ...lines },
              { width: 2 * bodySize, text: '' },
            ],
      columnGap: 8,
      unbreakable: true,
      margin: [0, 2 * bodySize, 0, 0],
    };
  };
  const body: object[] = [];
  content.blocks.forEach((block, index) => {
    const node = blockNodes(block, signatureNode);
    const previous = content.blocks[index - 1];
    // GB/T 9704: the signature never stands alone on a page; a short paragraph before it goes along.
    if (block.type === 'signature' && previous?.type === 'paragraph' && previous.text.length <= keptParagraphLength) {
      body.push({ stack: [body.pop(), node], unbreakable: true });
    } else body.push(node);
  });
  if (!last) body.push({ columns: [{ width: '*', text: '' }, qrStack(svg)], unbreakable: true, margin: [0, bodySize, 0, 0] });
  return {
    pageSize: 'A4',
    pageMargins: [mm(28), mm(37), mm(26), mm(35)],
    language: 'zh-CN',
    info: {
      title: `${content.title} ${content.number}`,
      author: content.agencyName,
      subject: content.title,
      keywords: content.kind,
      creator: 'Lawtrail 阳光执法平台',
      producer: 'Lawtrail',
      creationDate,
    },
    defaultStyle: { font: family, fontSize: bodySize, lineHeight: bodyLineHeight },
    content: [
      { text: content.agencyName, alignment: 'center', fontSize: 20, bold: true, lineHeight: 1.2 },
      { text: content.title, alignment: 'center', fontSize: 22, bold: true, lineHeight: 1.2, margin: [0, 6, 0, 4] },
      { text: content.number, alignment: 'center', margin: [0, 0, 0, bodySize] },
      ...body,
    ],
    footer: (currentPage: number) => ({ text: `— ${currentPage} —`, alignment: 'center', fontSize: 14, margin: [0, mm(7), 0, 0] }),
  };
}

/** The date the PDF says it was made: the issue date (China time), so that re-rendering gives the same bytes. */
function creationDateOf(content: DocumentContent, issuedOn: string | undefined): Date {
  const date = issuedOn ?? content.blocks.findLast((b): b is SignatureBlock => b.type === 'signature')?.date;
  return date ? new Date(`${date}T00:00:00+08:00`) : new Date();
}

export async function renderPdf(content: DocumentContent, options: { issuedOn?: string } = {}): Promise<Buffer> {
  prepare();
  const svg = await qrSvg(content.verifyUrl);
  return pdfmake.createPdf(pdfDefinition(content, svg, creationDateOf(content, options.issuedOn))).getBuffer();
}

/**
 * Any other PDF of the platform (reports, exports) in the same Chinese font: the definition's text is set in Noto Sans
 * SC unless it names another font. Reads neither URLs nor local files.
 */
export async function renderPdfDefinition(definition: { defaultStyle?: object } & Record<string, unknown>): Promise<Buffer> {
  prepare();
  return pdfmake.createPdf({ ...definition, defaultStyle: { font: family, ...(definition.defaultStyle ?? {}) } }).getBuffer();
}
