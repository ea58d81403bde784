/** The one source of "now", so tests can move time (lockouts, session expiry, TOTP steps). */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function nowIso(): string {
  return now().toISOString();
}

/** Test hook: move the clock forward; returns a function that undoes it. */
export function advanceClock(ms: number): () => void {
  offsetMs += ms;
  return () => {
    offsetMs -= ms;
  };
}

/** Today's date in China (UTC+8), as YYYY-MM-DD: the date certificates, deadlines and publications are counted in. */
export function todayInChina(): string {
  return new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
