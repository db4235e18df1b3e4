import { chromium } from 'playwright';
import { createApp, type App, type AppDeps, type AppExtensions } from '../../src/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import { locateBrowser } from '../../src/browser/browser-locator.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createSimulatedWeb, type SimulatedWeb } from '../../src/simweb/server.ts';
import { parseProfile } from '../../src/modules/profiles/profile-file.models.ts';
import { demoPhotoFiles, demoProfile } from '../../src/demo/demo-person.ts';
import { syncPhotosFromFiles } from '../../src/modules/photos/photos.usecases.ts';
import { startScan } from '../../src/modules/scans/scans.usecases.ts';
import { createWorker, type Worker } from '../../workers/worker.ts';
import { createJobHandlers } from '../../workers/handlers.ts';
import type { EngineId } from '../../src/providers/provider.types.ts';
import { makeTempDir } from './test-app.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { createSharedTestDatabase, type SharedTestDatabase } from './shared-database.ts';

export const harnessEngines: EngineId[] = ['searxng', 'duckduckgo', 'bing', 'brave', 'mojeek'];

/**
 * A real scan setup: the simulated web on 127.0.0.1, real Chromium, the production job handlers and an
 * in-process worker on a database shared with worker processes (DATA_DIR's SQLite file, or a PostgreSQL database
 * under the `postgres` project: `env` gives a child process both), and the fictional demo person. A database
 * passed in stays the caller's (to open it again after close); one the harness made is dropped by close.
 */
export async function startScanHarness(options: { dataDir?: string; database?: SharedTestDatabase; web?: SimulatedWeb; extensions?: AppExtensions & Partial<Pick<AppDeps, 'egress'>>; profile?: Record<string, unknown>; photos?: boolean; env?: Record<string, string>; clock?: Clock } = {}) {
  const web = options.web ?? (await createSimulatedWeb({ port: 0 }));
  const host = new URL(web.url).host;
  const dataDir = options.dataDir ?? makeTempDir();
  const givenDatabase = options.database;
  const database = givenDatabase ?? (await createSharedTestDatabase(dataDir));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ENGINE_MIN_INTERVAL_MS: '0', WORKER_CONCURRENCY: '4', SCAN_QUERY_CAP: '16', BROWSER_NAVIGATION_TIMEOUT_MS: '8000', JOB_LEASE_MS: '10000', ...options.env });
  const app: App = await createApp(config, {
    db: await database.open(),
    logger: createLogger({ level: 'silent' }),
    browserLocation: locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() }),
    ...options.extensions,
    ...(options.clock ? { clock: options.clock } : {}),
  }).catch(async (error: unknown) => {
    // A start that failed leaves no database behind on the run's server.
    if (!givenDatabase) await database.dispose();
    throw error;
  });
  const parsed = parseProfile(options.profile ?? demoProfile(web.url), { defaultCountry: 'BE' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const organisationId = await app.profiles.ensureDefaultOrganisation();
  const personId = (await app.profiles.findPersonByLabel(organisationId, 'demo'))?.id
    ?? await app.profiles.createPerson({ organisationId, label: 'demo', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
  if (options.photos) await syncPhotosFromFiles({ ...app.photoDeps }, personId, demoPhotoFiles);
  let worker: Worker | null = null;
  return {
    app,
    web,
    dataDir,
    database,
    /** What a worker process or CLI run adds to its environment to work on this harness's data. */
    env: { DATA_DIR: dataDir, ...database.env },
    personId,
    engines: harnessEngines.map((id) => `${id}=${web.engineEndpoints[id]}`),
    allowHosts: [host],
    path: (url: string) => url.slice(web.url.length),
    async startScan(engines?: string[]) {
      return (await startScan(app, { personId, trigger: 'manual', engines: engines ?? this.engines, allowHosts: [host] })).run;
    },
    async startWorker() {
      worker = createWorker({ deps: app, handlers: createJobHandlers(app), schedulerTasks: [], runScheduler: false });
      await worker.start();
    },
    async waitForRun(runId: string, timeoutMs = 150_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const run = (await app.scans.getRun(runId))!;
        if (run.finishedAt) return run;
        if (Date.now() > until) throw new Error(`scan did not finish: ${JSON.stringify(run)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close(options: { keepWeb?: boolean } = {}) {
      await worker?.stop();
      await app.close();
      if (!options.keepWeb) await web.close();
      if (database !== givenDatabase) await database.dispose();
    },
  };
}
