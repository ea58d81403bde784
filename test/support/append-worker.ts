// A separate OS process that appends events through the real write path; the ledger tests run several at once.
import { openSystem } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { systemActor } from '../../src/kernel/actor.js';
import { appendEvent } from '../../src/ledger/index.js';

const count = Number(process.argv[2] ?? 50);
const { ctx, handle } = await openSystem(loadConfig());
for (let i = 0; i < count; i++) {
  await ctx.db.transaction().execute((trx) =>
    appendEvent(trx, {
      actor: systemActor(`worker ${process.pid}`),
      agencyId: null,
      subjectType: 'test',
      subjectId: String(i),
      action: 'test.appended',
      state: { i },
    }),
  );
}
await handle.close();
