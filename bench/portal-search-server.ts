// The portal-search benchmark's server (bench/portal-search.ts): the real app, built in this process by `buildApp` and
// listening on a free port of 127.0.0.1, over a database the benchmark has already loaded. In a process of its own so
// that autocannon (in the benchmark's process) does not share the server's event loop. With LAWTRAIL_WORKERS = n > 1,
// n such processes share the port (node:cluster), as `lawtrail serve` runs them; no background work runs in any.
// Usage: LAWTRAIL_DB=… LAWTRAIL_DATA=… tsx bench/portal-search-server.ts; prints `LISTENING <port>`, serves until SIGTERM.
import cluster from 'node:cluster';
import { openSystem } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/server.js';

// The public API allows 300 requests a minute per address; the benchmark sends each request from its own
// X-Forwarded-For address, so the limit stays on (and is paid for) but never refuses.
process.env.LAWTRAIL_TRUST_PROXY = 'on';
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });

if (config.workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === config.workers) process.stdout.write(`LISTENING ${address.port}\n`);
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  const { ctx, handle } = await openSystem(config);
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (cluster.isPrimary) process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
  const stop = async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
