import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig, ConfigError, type ProcessMode } from './config/config.ts';
import { shouldRunDemoWeb, startDemoWebThread } from './demo/demo-web-thread.ts';
import type { RunningService } from './service.ts';
import { SHUTDOWN_SIGNALS } from './shared/shutdown-signals.models.ts';

const modes = ['migrate', 'web', 'worker', 'all'] as const;

/** Entry point: `node dist/src/main.js [migrate|web|worker|all]` (default: PROCESS_MODE); `node --import tsx src/main.ts` from source. */
export async function main(argv: string[]): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix these variables (see .env.example) and start again.\n`);
      process.exit(78);
    }
    throw error;
  }
  const requested = argv[0] ?? config.processMode;
  if (!(modes as readonly string[]).includes(requested)) {
    process.stderr.write(`Unknown mode "${requested}". Use one of: ${modes.join(', ')}.\n`);
    process.exit(64);
  }
  if (requested === 'migrate') {
    const { openConfiguredDatabase, migrateDatabase, closeAnyDatabase, describeDatabase } = await import('./db/database.ts');
    const db = await openConfiguredDatabase(config);
    try {
      await migrateDatabase(db);
    } finally {
      await closeAnyDatabase(db);
    }
    process.stdout.write(`Database is up to date: ${describeDatabase(config)}\n`);
    return;
  }
  // The simulated web (when it runs) is started before the service's modules are loaded, so that it is
  // built on the second core during the second or so that loading takes on the first.
  const demoWeb = requested === 'web' ? undefined : shouldRunDemoWeb(config).then((run) => (run ? startDemoWebThread(config) : undefined));
  demoWeb?.catch(() => undefined);
  // The service shuts itself down on these signals: running jobs finish or are released, the browser is
  // closed last. Listened to before it starts, so a signal during the start is not lost (nor its Chromium).
  let service: RunningService | undefined;
  let requestedStop: string | null = null;
  let signals = 0;
  const stop = (running: RunningService, signal: string) => {
    running.app.logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.app.logger.error({ err: { message: (error as Error).message } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1) {
      service?.app.logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    if (service) stop(service, signal);
    else requestedStop = signal;
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, () => shutdown(signal));
  const { startService } = await import('./service.ts');
  service = await startService(config, requested as ProcessMode, {}, { demoWeb, handlesSignals: true });
  if (requestedStop) stop(service, requestedStop);
}

// Started as a program (dist/src/main.js, or src/main.ts through tsx), not imported by a test or the CLI.
// Node gives this module its real path, so a checkout reached through a symlink is compared by real path too.
function startedAsProgram(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (startedAsProgram()) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`Failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
