import type { FastifyInstance } from 'fastify';
import { chromium } from 'playwright';
import type { Config } from './config/config.ts';
import { openDatabase, runMigrations, closeDatabase, type Db } from './db/client.ts';
import { createLogger, type Logger } from './shared/logger.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { locateBrowser, type BrowserLocation } from './browser/browser-locator.ts';
import { createBrowserPool, type BrowserPool } from './browser/browser-pool.ts';
import { createJobsRepository, type JobsRepository } from './modules/jobs/jobs.repository.ts';
import { createHeartbeatsRepository, type HeartbeatsRepository } from './modules/jobs/heartbeats.repository.ts';
import { jobKinds } from './modules/jobs/job-kinds.ts';
import type { JobKindSpec } from './modules/jobs/jobs.models.ts';

export type RouteModule = (app: FastifyInstance, deps: AppDeps) => void | Promise<void>;

/** Everything the use cases, routes, jobs and CLI need, built once. Tests build the same graph with overrides. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  random: () => number;
  db: Db;
  browserLocation: BrowserLocation;
  browserPool: BrowserPool;
  jobs: JobsRepository;
  jobKinds: Record<string, JobKindSpec>;
  heartbeats: HeartbeatsRepository;
  routeModules?: RouteModule[];
}

export interface App extends AppDeps {
  close(): Promise<void>;
}

/**
 * The composition root: the only place that reads the config to build dependencies. Nothing else in the
 * code base creates a database, logger, clock or browser of its own.
 */
export function createApp(config: Config, overrides: Partial<AppDeps> = {}): App {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const clock = overrides.clock ?? systemClock;
  const random = overrides.random ?? Math.random;
  const db = overrides.db ?? openDatabase(config.databaseFile);
  runMigrations(db);
  const browserLocation =
    overrides.browserLocation ??
    locateBrowser({
      wsEndpoint: config.browser.wsEndpoint,
      chromiumPath: config.browser.chromiumPath,
      playwrightExecutablePath: () => chromium.executablePath(),
    });
  if (browserLocation.kind === 'missing') {
    logger.warn({ tried: browserLocation.tried }, browserLocation.instruction);
  }
  const browserPool =
    overrides.browserPool ??
    createBrowserPool({
      location: browserLocation,
      logger: logger.child({ component: 'browser' }),
      options: { pagesPerBrowser: config.browser.pagesPerBrowser, navigationTimeoutMs: config.browser.navigationTimeoutMs },
    });
  const kinds = overrides.jobKinds ?? jobKinds;
  const deps: AppDeps = {
    config,
    logger,
    clock,
    random,
    db,
    browserLocation,
    browserPool,
    jobKinds: kinds,
    jobs: overrides.jobs ?? createJobsRepository({ db, clock, kinds }),
    heartbeats: overrides.heartbeats ?? createHeartbeatsRepository({ db, clock }),
    routeModules: overrides.routeModules,
  };
  return {
    ...deps,
    async close() {
      await browserPool.close();
      closeDatabase(db);
    },
  };
}
