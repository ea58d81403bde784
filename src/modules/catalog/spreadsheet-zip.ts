/**
 * Just enough of the ZIP format (APPNOTE 6.3) to look inside an .xlsx before the streaming reader does: is it a
 * workbook at all, which sheet holds the list, and how many rows it has (so that progress reads "20000/50000").
 * Anything unusual (ZIP64, encryption) answers "unknown" and leaves the decision to the reader.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const endOfDirectory = 0x06054b50;
const directoryEntry = 0x02014b50;
const localHeader = 0x04034b50;

export type FileKind = 'zip' | 'xls' | 'other';

/** What the first bytes say: a ZIP (as every .xlsx is), an old binary .xls (OLE2), or something else. */
export function sniffFile(file: Buffer): FileKind {
  if (file.length >= 4 && file.readUInt32LE(0) === localHeader) return 'zip';
  if (file.length >= 8 && file.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  return 'other';
}

function readDirectory(file: Buffer): Map<string, ZipEntry> | null {
  const lowest = Math.max(0, file.length - 22 - 65_535);
  let end = -1;
  for (let at = file.length - 22; at >= lowest; at -= 1) {
    if (file.readUInt32LE(at) === endOfDirectory) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== directoryEntry) return null;
    const nameLength = file.readUInt16LE(at + 28);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name.replace(/^\//, ''), {
      name,
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      localOffset: file.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return entries;
}

function compressedData(file: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (file.readUInt32LE(at) !== localHeader) throw new Error('bad local header');
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  return file.subarray(start, start + entry.compressedSize);
}

function readText(file: Buffer, entry: ZipEntry | undefined): string | null {
  if (!entry) return null;
  const data = compressedData(file, entry);
  if (entry.method === 0) return data.toString('utf8');
  if (entry.method === 8) return inflateRawSync(data).toString('utf8');
  return null;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export interface WorkbookOutline {
  /** Sheet names in tab order. */
  sheets: { name: string; path: string | undefined }[];
  /** Rows of the chosen sheet (`<row>` elements, header included); null when they could not be counted. */
  rowCount: number | null;
}

/** Rows in a sheet's XML, counted while inflating it in chunks. */
async function countRows(file: Buffer, entry: ZipEntry): Promise<number | null> {
  if (entry.method !== 8 && entry.method !== 0) return null;
  const data = compressedData(file, entry);
  const patterns = [Buffer.from('<row '), Buffer.from('<row>')];
  let count = 0;
  let tail = Buffer.alloc(0);
  const scan = (chunk: Buffer) => {
    const window = Buffer.concat([tail, chunk]);
    for (const pattern of patterns) {
      for (let at = window.indexOf(pattern); at >= 0; at = window.indexOf(pattern, at + 1)) count += 1;
    }
    tail = window.subarray(Math.max(0, window.length - 4));
  };
  if (entry.method === 0) {
    scan(data);
    return count;
  }
  const inflate = createInflateRaw();
  inflate.end(data);
  for await (const chunk of inflate) scan(chunk as Buffer);
  return count;
}

/**
 * The sheets of an .xlsx and the row count of the one `choose` picks; null when the file is not a ZIP with a workbook
 * in it (the caller says so to the user).
 */
export async function outlineWorkbook(file: Buffer, choose: (names: string[]) => number): Promise<WorkbookOutline | null> {
  try {
    const entries = readDirectory(file);
    if (!entries) return null;
    const workbook = readText(file, entries.get('xl/workbook.xml'));
    if (workbook === null) return null;
    const rels = readText(file, entries.get('xl/_rels/workbook.xml.rels')) ?? '';
    const targets = new Map<string, string>();
    for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
      const id = attribute(tag, 'Id');
      const target = attribute(tag, 'Target');
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    const sheets = (workbook.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []).map((tag) => ({
      name: attribute(tag, 'name') ?? '',
      path: targets.get(attribute(tag, 'r:id') ?? ''),
    }));
    const chosen = sheets[choose(sheets.map((s) => s.name))];
    const entry = chosen?.path ? entries.get(chosen.path) : undefined;
    let rowCount: number | null = null;
    try {
      rowCount = entry ? await countRows(file, entry) : null;
    } catch {
      rowCount = null;
    }
    return { sheets, rowCount };
  } catch {
    return null;
  }
}
