import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../../src/config/config.ts';
import { allSettingDefinitions as settingDefinitions } from '../../../src/config/config.ts';

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({}, { cwd: '/srv/app' });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe('/srv/app/data');
    expect(config.databaseFile).toBe('/srv/app/data/exposure-scanner.sqlite');
    expect(config.processMode).toBe('all');
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
    expect(config.scan.photoMatchThreshold).toBe(31);
  });

  it('honours PORT, HOST, DATA_DIR and PROCESS_MODE', () => {
    const config = loadConfig({ PORT: '9999', HOST: '0.0.0.0', DATA_DIR: '/var/lib/es', PROCESS_MODE: 'worker' });
    expect(config).toMatchObject({ port: 9999, host: '0.0.0.0', dataDir: '/var/lib/es', processMode: 'worker' });
  });

  it('lists every bad variable at once, naming each and what it expects', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', PROCESS_MODE: 'both', LOG_LEVEL: 'loud', BROWSER_WS_ENDPOINT: 'http://x', SCHEDULER_TICK: '61 * * * *' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['BROWSER_WS_ENDPOINT', 'LOG_LEVEL', 'PORT', 'PROCESS_MODE', 'SCHEDULER_TICK']);
    expect((error as ConfigError).message).toContain('PROCESS_MODE: got "both", expected one of all, web, worker');
  });

  it('treats empty values as unset rather than as errors', () => {
    expect(loadConfig({ PORT: '', CHROMIUM_PATH: '  ' }).port).toBe(8080);
  });

  it('parses engine lists with endpoints', () => {
    expect(loadConfig({ SCAN_ENGINES: 'bing=http://127.0.0.1:1/b, duckduckgo' }).scan.engines).toEqual(['bing=http://127.0.0.1:1/b', 'duckduckgo']);
  });

  it('documents every setting with what it expects', () => {
    for (const def of settingDefinitions) {
      expect(def.description.length, def.env).toBeGreaterThan(10);
      expect(def.expects.length, def.env).toBeGreaterThan(3);
    }
  });

  it('reads DATABASE_URL, refuses one that is not postgres:// without repeating it, and refuses scheduled SQLite backups beside it', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://scanner:s3cret@db.internal:5432/scanner' }).databaseUrl).toBe('postgres://scanner:s3cret@db.internal:5432/scanner');
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://scanner:s3cret@db.internal/scanner' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('DATABASE_URL: expected a postgres:// or postgresql:// URL');
    expect((error as ConfigError).message).not.toContain('s3cret');
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://scanner@db.internal/scanner', BACKUP_SCHEDULE: '0 4 * * *' })).toThrow(/BACKUP_SCHEDULE: set together with DATABASE_URL/);
  });
});
