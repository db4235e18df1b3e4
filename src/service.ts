import type { FastifyInstance } from 'fastify';
import type { Config, ProcessMode } from './config/config.ts';
import { createApp, type App, type AppDeps } from './app.ts';
import { buildServer } from './web/server.ts';
import { createWorker, type Worker } from '../workers/worker.ts';
import { createJobHandlers, createSchedulerTasks } from '../workers/handlers.ts';
import { createLogger } from './shared/logger.ts';
import { addDemoPhotos, announceDemoWeb, ensureDemoPerson } from './demo/demo-web.ts';
import { shouldRunDemoWeb, startDemoWebThread, type RunningDemoWeb } from './demo/demo-web-thread.ts';

/** Work the entry point began before it loaded the service (see main.ts). */
export interface EarlyStart {
  /** The simulated web, already starting (or undefined when the demo does not run). */
  demoWeb?: Promise<RunningDemoWeb | undefined>;
  /** The caller stops the service on SIGINT, SIGTERM and SIGHUP: its browser is left to `stop()` to close. */
  handlesSignals?: boolean;
}

export interface RunningService {
  app: App;
  server: FastifyInstance | null;
  worker: Worker | null;
  url: string | null;
  /** Settles once the demo person's photos are in and their first scan is queued (at once without the demo). */
  demoReady: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the web process, the worker, or both. The web process never runs cron or jobs; the worker in
 * `all` and `worker` mode runs the one scheduler.
 */
export async function startService(config: Config, mode: ProcessMode, overrides: Partial<AppDeps> = {}, early: EarlyStart = {}): Promise<RunningService> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  // Only the process that runs jobs needs the simulated web; the web process just shows what was found.
  let demoWeb: RunningDemoWeb | undefined;
  const started = early.demoWeb ? await early.demoWeb : mode !== 'web' && (await shouldRunDemoWeb(config)) ? await startDemoWebThread(config) : undefined;
  if (started) {
    // Its hosts are never added to the loaded configuration: they are allowed only in the demo person's
    // own scan runs (the run's allowHosts) and takedown lookups (createTakedownDeps), never in a real person's.
    demoWeb = announceDemoWeb(started, config, logger);
  }
  const app = await createApp(config, { logger, demo: demoWeb, ownerHandlesSignals: early.handlesSignals, ...overrides });
  let server: FastifyInstance | null = null;
  let worker: Worker | null = null;
  let url: string | null = null;
  let demoPerson: Awaited<ReturnType<typeof ensureDemoPerson>> | undefined;
  try {
    // The worker starts before the dashboard listens: the first /healthz answer already shows its heartbeat.
    if (demoWeb) demoPerson = await ensureDemoPerson(app, demoWeb);
    if (mode === 'all' || mode === 'worker') {
      worker = createWorker({ deps: app, handlers: createJobHandlers(app), schedulerTasks: createSchedulerTasks(app), runScheduler: true });
      await worker.start();
    }
    if (mode === 'all' || mode === 'web') {
      server = await buildServer(app);
      url = await server.listen({ port: config.port, host: config.host });
    }
  } catch (error) {
    await worker?.stop().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await app.close();
    await demoWeb?.close();
    throw error;
  }
  app.logger.info({ mode, url, dataDir: config.dataDir }, 'exposure scanner started');
  // Hashing the demo photos takes seconds on a first start; the dashboard answers meanwhile. The scheduler
  // looks again once they are in, so the first demo scan starts now rather than at the next tick.
  const demoReady = demoPerson?.needsPhotos
    ? addDemoPhotos(app, demoPerson.personId)
      .then(async () => await worker?.scheduler?.runTick())
      .catch((error: unknown) => app.logger.error({ err: { message: (error as Error).message } }, 'the demo person\'s first scan could not be queued; it waits for the next tick'))
    : Promise.resolve();
  let stopping: Promise<void> | null = null;
  return {
    app,
    server,
    worker,
    url,
    demoReady,
    stop() {
      // Order: stop taking requests and jobs, let running jobs finish or release them, then close the browser and database.
      stopping ??= (async () => {
        await server?.close();
        await demoReady;
        await worker?.stop();
        await app.close();
        await demoWeb?.close();
        app.logger.info('exposure scanner stopped');
      })();
      return stopping;
    },
  };
}
