import fs from 'node:fs';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { createApp, type App, type AppDeps } from '../../src/app.ts';
import { openTestDatabase } from './test-database.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createFixedClock } from '../../src/shared/clock.ts';
import { makeTempDir } from './temp-dirs.ts';

export { makeTempDir };

export function testConfig(env: Record<string, string> = {}): Config {
  // A folder is made only when the test names none: one it names is its own to remove.
  return loadConfig({ LOG_LEVEL: 'silent', ...env, DATA_DIR: env.DATA_DIR ?? makeTempDir() });
}

/** Collects log lines in memory so tests can assert on what was (and was not) logged. */
export function createMemoryLogger(level = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { logger: createLogger({ level, destination }), lines };
}

/**
 * The same dependency graph as production, on an in-memory database with the real migrations and a
 * fixed clock; anything else can be overridden. No module mocking anywhere.
 */
export async function createTestApp(overrides: Partial<AppDeps> & { env?: Record<string, string> } = {}): Promise<App & { clock: ReturnType<typeof createFixedClock> }> {
  const { env, ...rest } = overrides;
  const config = testConfig(env);
  const clock = (rest.clock as ReturnType<typeof createFixedClock> | undefined) ?? createFixedClock('2026-11-22T10:00:00Z');
  // A database passed in belongs to the caller; otherwise the app gets its own (SQLite in memory, or a PostgreSQL
  // database of its own under the `postgres` project), removed again when the app closes.
  const own = rest.db ? null : await openTestDatabase();
  const app = await createApp(config, {
    ...(own ? { db: own.db } : {}),
    logger: createLogger({ level: 'silent' }),
    clock,
    browserLocation: { kind: 'missing', instruction: 'test: no browser', tried: [] },
    ...rest,
  });
  // What the app made for itself goes when it closes: its database, and the DATA_DIR made for it above.
  const ownDataDir = env?.DATA_DIR === undefined ? config.dataDir : null;
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await own?.dispose();
    if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
  };
  return app as App & { clock: ReturnType<typeof createFixedClock> };
}
