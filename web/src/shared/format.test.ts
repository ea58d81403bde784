import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAfterToday, today } from '../admin/personnel/dates';
import { formatDate, formatDateTime, todayInChina } from './format';

// 2026-11-23 17:11 UTC is 2026-11-24 01:11 in Beijing: the hour a UTC browser and the server disagreed on the date.
const lateEveningUtc = new Date('2026-11-23T17:11:00Z');

describe('dates in Beijing time whatever the browser zone', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a timestamp in Beijing time', () => {
    expect(formatDateTime('2026-11-23T17:11:00Z')).toBe('2026年11月24日 01:11');
    expect(formatDate('2026-11-23T17:11:00Z')).toBe('2026年11月24日');
    expect(formatDateTime('2026-11-23T03:05:00+08:00')).toBe('2026年11月23日 03:05');
  });

  it('leaves a date without a time as the date it names', () => {
    expect(formatDate('2026-11-22')).toBe('2026年11月22日');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date')).toBe('—');
  });

  it("proposes China's today in forms and refuses only days after it", () => {
    vi.useFakeTimers();
    vi.setSystemTime(lateEveningUtc);
    expect(todayInChina()).toBe('2026-11-24');
    expect(today().format('YYYY-MM-DD')).toBe('2026-11-24');
    expect(isAfterToday(today())).toBe(false);
    expect(isAfterToday(today().add(1, 'day'))).toBe(true);
  });
});
