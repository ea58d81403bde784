// The portal-search benchmark's server (bench/portal-search.ts): the real app, built in this process by `buildApp` and
// listening on a free port of 127.0.0.1, over a database the benchmark has already loaded. In a process of its own so
// that autocannon (in the benchmark's process) does not share the server's event loop.
// Usage: LAWTRAIL_DB=… LAWTRAIL_DATA=… tsx bench/portal-search-server.ts; prints `LISTENING <port>`, serves until SIGTERM.
import { openSystem } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/server.js';

// The public API allows 300 requests a minute per address; the benchmark sends each request from its own
// X-Forwarded-For address, so the limit stays on (and is paid for) but never refuses.
process.env.LAWTRAIL_TRUST_PROXY = 'on';
const { ctx, handle } = await openSystem(loadConfig({ ...process.env, LOG_LEVEL: 'warn' }));
const app = await buildApp(ctx, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
const stop = async () => {
  await app.close();
  await handle.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
