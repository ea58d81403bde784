/** Open data (开放数据): bulk files, the Atom feed and subscriptions — all read from `public_records` only. */
import type { AppContext } from '../../../kernel/context.js';
import { publishDailyIfDue } from './bulk.js';
import { scanChanges } from './changes.js';
import { deliverWebhooks } from './subscriptions.js';

export { exportToDirectory, pruneBulkFiles, publishBulkFiles, publishDailyIfDue, writeBulk } from './bulk.js';
export { scanChanges } from './changes.js';
export { dictionary } from './dictionary.js';
export { registerOpenDataRoutes } from './open-data.routes.js';
export { deliverWebhooks } from './subscriptions.js';

/**
 * In `serve`: notices public changes and delivers webhooks every `changesMs` (default 30 s), and writes the day's bulk
 * files once a day — checked every `dailyMs` (default 10 minutes), so shortly after midnight China time; the claim in
 * `publishDailyIfDue` lets one of several server processes write them.
 */
export function startOpenDataWorker(
  ctx: AppContext,
  log: { error(object: unknown, message: string): void },
  options: { changesMs?: number; dailyMs?: number } = {},
) {
  let changes: Promise<unknown> = Promise.resolve();
  let daily: Promise<unknown> = Promise.resolve();
  let isChangesBusy = false;
  let isDailyBusy = false;
  const tickChanges = () => {
    if (isChangesBusy) return;
    isChangesBusy = true;
    changes = scanChanges(ctx)
      .then(() => deliverWebhooks(ctx))
      .catch((error: unknown) => log.error({ err: error }, '开放数据：公开动态或推送失败'))
      .finally(() => {
        isChangesBusy = false;
      });
  };
  const tickDaily = () => {
    if (isDailyBusy) return;
    isDailyBusy = true;
    daily = publishDailyIfDue(ctx)
      .catch((error: unknown) => log.error({ err: error }, '开放数据：生成批量数据文件失败'))
      .finally(() => {
        isDailyBusy = false;
      });
  };
  tickChanges();
  tickDaily();
  const changesTimer = setInterval(tickChanges, options.changesMs ?? 30_000);
  const dailyTimer = setInterval(tickDaily, options.dailyMs ?? 10 * 60_000);
  changesTimer.unref();
  dailyTimer.unref();
  return async () => {
    clearInterval(changesTimer);
    clearInterval(dailyTimer);
    await Promise.all([changes, daily]);
  };
}
