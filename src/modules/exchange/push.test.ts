import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { backoffMs } from './push.js';

describe('push backoff and configuration', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 1000, 600_000, () => 0.5)).toBe(1000);
    expect(backoffMs(4, 1000, 600_000, () => 0.5)).toBe(8000);
    expect(backoffMs(4, 1000, 600_000, () => 0)).toBe(4000);
    expect(backoffMs(4, 1000, 600_000, () => 0.999)).toBe(11_992);
    expect(backoffMs(40, 1000, 600_000, () => 0.5)).toBe(600_000);
  });

  it('takes LAWTRAIL_EXCHANGE_UPSTREAM as an http(s) address and refuses anything else in Chinese', () => {
    expect(loadConfig({}).exchangeUpstream).toBeNull();
    expect(loadConfig({ LAWTRAIL_EXCHANGE_UPSTREAM: 'https://zf.city.example.gov.cn/' }).exchangeUpstream).toBe(
      'https://zf.city.example.gov.cn',
    );
    expect(() => loadConfig({ LAWTRAIL_EXCHANGE_UPSTREAM: 'zf.city.example.gov.cn' })).toThrow(ConfigError);
    expect(() => loadConfig({ LAWTRAIL_EXCHANGE_UPSTREAM: 'ftp://x' })).toThrow(
      'LAWTRAIL_EXCHANGE_UPSTREAM 须为上级平台的 http(s):// 地址',
    );
  });
});
