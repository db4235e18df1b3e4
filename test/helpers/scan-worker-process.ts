/**
 * A worker process for the crash tests and the workers benchmark: the production handlers on a data directory,
 * nothing else. Its database is the service's: DATA_DIR's SQLite file, or DATABASE_URL's PostgreSQL database.
 */
import { chromium } from 'playwright';
import { loadConfig } from '../../src/config/config.ts';
import { createApp } from '../../src/app.ts';
import { locateBrowser } from '../../src/browser/browser-locator.ts';
import { createWorker } from '../../workers/worker.ts';
import { createJobHandlers } from '../../workers/handlers.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', ENGINE_MIN_INTERVAL_MS: '150', WORKER_CONCURRENCY: '4', JOB_LEASE_MS: '10000', SCAN_QUERY_CAP: '16', BROWSER_NAVIGATION_TIMEOUT_MS: '8000' });
const app = await createApp(config, { browserLocation: locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() }) });
const worker = createWorker({ deps: app, handlers: createJobHandlers(app), schedulerTasks: [], runScheduler: false });
await worker.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void worker.stop().then(() => app.close()).then(() => process.exit(0)));
