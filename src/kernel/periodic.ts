/**
 * A sweep that runs when the server starts and every `intervalMs` after (overdue clocks, overdue publications, the
 * January report drafts). A failed run is logged with `failure`, never thrown; stopping waits for a run in progress.
 * Several server processes may run the same sweep: each task must be safe to run twice at once.
 */
export function startPeriodic(
  task: () => Promise<unknown>,
  log: { error(object: unknown, message: string): void },
  failure: string,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = task().catch((error: unknown) => log.error({ err: error }, failure));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
