import { describe, expect, it } from 'vitest';
import { readZipEntry } from '../../../test/support/zip.js';
import { checkContent, formatChineseDate } from './content.js';
import { renderDocx } from './render-docx.js';
import { renderPdf } from './render-pdf.js';
import { samplePenaltyDecision } from './sample-content.js';

const content = samplePenaltyDecision(
  '沙市监罚〔2026〕12号',
  'https://zf.example.gov.cn/verify/document/0b8f3a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
);

describe('rendering a document', () => {
  it('makes an A4 PDF with the Chinese font embedded as a subset, the same bytes each time', async () => {
    const pdf = await renderPdf(content);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Bold/);
    expect(text).toContain('/FontFile3');
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
    // Far smaller than the 8 MB font: only the glyphs used are embedded.
    expect(pdf.length).toBeLessThan(400_000);
    expect((await renderPdf(content)).equals(pdf)).toBe(true);
  });

  it('makes a Word file naming the official fonts, with the title, number and QR code', async () => {
    const docx = await renderDocx(content);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = readZipEntry(docx, 'word/document.xml')?.toString('utf8') ?? '';
    for (const text of ['行政处罚决定书', '沙市监罚〔2026〕12号', '2026年11月22日', '方正小标宋简体', '仿宋_GB2312', '黑体', '扫码核验']) {
      expect(xml).toContain(text);
    }
    expect(readZipEntry(docx, 'word/media/image1.png')?.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(readZipEntry(docx, 'word/footer1.xml')?.toString('utf8')).toContain('PAGE');
  });

  it('writes dates the way official documents do and refuses content it cannot lay out', () => {
    expect(formatChineseDate('2026-11-02')).toBe('2026年11月2日');
    expect(() => formatChineseDate('2026-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => checkContent({ ...content, title: ' ', blocks: [{ type: 'signature', lines: [], date: '2026-13-01' }] })).toThrow(
      /缺少文书标题；第 1 段（落款）缺少署名；第 1 段（落款）日期须为 YYYY-MM-DD/,
    );
  });
});
