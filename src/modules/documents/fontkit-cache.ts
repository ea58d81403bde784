/**
 * pdfkit parses the font anew for every document (`fontkit.create`), and subsetting a freshly parsed 8 MB CFF font
 * costs ≈0.25 s where a font parsed before subsets in ≈0.05 s. fontkit's exports are read-only, so before pdfkit first
 * loads it, its module's exports are replaced by a copy whose `create` keeps parsed fonts, keyed by the bytes' length,
 * a hash of their first 64 KiB and the face asked for (a handful of fonts at most). A fontkit font only caches what it
 * has read; pdfkit makes a new subset of it for each document. render-pdf.ts imports this module before pdfmake.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

type Create = (buffer: Uint8Array, postscriptName?: string) => unknown;

const require = createRequire(import.meta.url);
const pdfkitDir = path.dirname(require.resolve('pdfkit'));
const fontkitPath = require.resolve('fontkit', { paths: [pdfkitDir] });
const loaded = require.cache[fontkitPath];
if (!loaded || !(loaded.exports as { __lawtrailCache?: true }).__lawtrailCache) {
  const real = require(fontkitPath) as Record<string, unknown> & { create: Create };
  const parsed = new Map<string, unknown>();
  const create: Create = (buffer, postscriptName) => {
    if (buffer.byteLength < 1 << 20) return real.create(buffer, postscriptName);
    const head = createHash('sha256').update(buffer.subarray(0, 65_536)).digest('hex');
    const key = `${buffer.byteLength}:${head}:${postscriptName ?? ''}`;
    let font = parsed.get(key);
    if (font === undefined) {
      font = real.create(buffer, postscriptName);
      if (parsed.size < 8) parsed.set(key, font);
    }
    return font;
  };
  const module = require.cache[fontkitPath];
  if (module) module.exports = { ...real, create, __lawtrailCache: true };
}
