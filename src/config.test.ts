import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('defaults to SQLite under ./data on port 8080 with demo data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ dialect: 'sqlite', file: expect.stringMatching(/data\/lawtrail\.db$/) });
    expect(config.isDemo).toBe(true);
  });

  it('takes LAWTRAIL_DATA, LAWTRAIL_DB and PORT', () => {
    expect(loadConfig({ LAWTRAIL_DATA: '/tmp/x' }).database).toEqual({ dialect: 'sqlite', file: '/tmp/x/lawtrail.db' });
    expect(loadConfig({ LAWTRAIL_DB: 'postgres://u@h/db' }).database).toEqual({ dialect: 'postgres', url: 'postgres://u@h/db' });
    expect(loadConfig({ LAWTRAIL_DB: 'sqlite:/tmp/a.db', PORT: '9000' })).toMatchObject({ port: 9000, database: { file: '/tmp/a.db' } });
    expect(loadConfig({ LAWTRAIL_DEMO: 'off' }).isDemo).toBe(false);
  });

  it('refuses values it does not understand, in Chinese', () => {
    expect(() => loadConfig({ LAWTRAIL_DB: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT 必须是 0–65535 的整数');
    expect(() => loadConfig({ LAWTRAIL_DEMO: 'maybe' })).toThrow('LAWTRAIL_DEMO 只接受 on 或 off');
  });
});
