// One export of the open-data benchmark (bench/open-data.ts), in a process of its own so that its maxRSS belongs to
// the export alone. Usage: LAWTRAIL_DB=… LAWTRAIL_DATA=… tsx bench/open-data-worker.ts <out dir>.
// The result is the last stdout line, `RESULT <json>`. Measures only.
import { openSystem } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { exportToDirectory } from '../src/modules/disclosure/open-data/index.js';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: open-data-worker.ts <out dir>');
const { ctx, handle } = await openSystem(loadConfig());
const mib = (bytes: number) => bytes / 2 ** 20;
const baselineRssMiB = mib(process.memoryUsage().rss);
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 20);
const started = performance.now();
const result = await exportToDirectory(ctx, outDir);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
await handle.close();
process.stdout.write(
  `RESULT ${JSON.stringify({
    records: result.records,
    seconds,
    csvBytes: result.csv.size,
    jsonlBytes: result.jsonl.size,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    baselineRssMiB,
    peakHeapMiB: mib(peakHeap),
  })}\n`,
);
