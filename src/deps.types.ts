import type { VisitTimingSink } from './browser/visit-timing.ts';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import type { Db } from './db/client.ts';
import type { Logger } from './shared/logger.ts';
import type { Clock } from './shared/clock.ts';
import type { BrowserLocation } from './browser/browser-locator.ts';
import type { BrowserPool } from './browser/browser-pool.ts';
import type { SandboxPlan } from './browser/sandbox.models.ts';
import type { EgressGateway } from './egress/egress-gateway.ts';
import type { JobsRepository } from './modules/jobs/jobs.repository.ts';
import type { HeartbeatsRepository } from './modules/jobs/heartbeats.repository.ts';
import type { LeasesRepository } from './modules/jobs/leases.repository.ts';
import type { JobKindSpec } from './modules/jobs/jobs.models.ts';
import type { ProfilesRepository } from './modules/profiles/profiles.repository.ts';
import type { ScansRepository } from './modules/scans/scans.repository.ts';
import type { HitsRepository } from './modules/hits/hits.repository.ts';
import type { EngineStatusRepository } from './modules/scans/engine-status.repository.ts';
import type { SearchRuntime } from './modules/scans/search-runtime.ts';
import type { PhotoMatcher, ScanHooks, ScanPipelineDeps } from './modules/scans/scan-pipeline.usecases.ts';
import type { ImpersonationDeps } from './modules/impersonation/impersonation.usecases.ts';
import type { ImpersonationSiteList } from './modules/impersonation/sites.models.ts';
import type { AlertsDeps } from './modules/alerts/alerts.deps.ts';
import type { TakedownDeps } from './modules/takedowns/cases.usecases.ts';
import type { HashPool } from './modules/photos/hash-pool.ts';
import type { PhotosRepository } from './modules/photos/photos.repository.ts';
import type { PhotoMatcherOptions } from './modules/photos/photo-matcher.ts';
import type { PhotoDeps } from './modules/photos/photos.usecases.ts';
import type { EvidenceVault } from './modules/evidence/vault.ts';
import type { FieldCipher } from './modules/evidence/field-cipher.models.ts';
import type { SettingsProvider } from './modules/settings/settings-provider.ts';

// The dependency types live here, apart from the composition root (app.ts) that builds them: modules, routes
// and jobs import what they need from this file, and ask for no more of it than they use (Pick<AppDeps, ...>).

export type RouteModule = (app: FastifyInstance, deps: AppDeps) => void | Promise<void>;

/** Everything the use cases, routes, jobs and CLI need, built once. Tests build the same graph with overrides. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  random: () => number;
  db: Db;
  browserLocation: BrowserLocation;
  /** How the local Chromium keeps its sandbox (or that it does not); shown on /healthz and the dashboard. */
  browserSandbox: SandboxPlan;
  browserPool: BrowserPool;
  /** The one way out to the web for pages, images and engines: checks every connection and counts refusals. */
  egress: EgressGateway;
  jobs: JobsRepository;
  jobKinds: Record<string, JobKindSpec>;
  heartbeats: HeartbeatsRepository;
  /** Named leases shared by the processes on this database (which worker runs the scheduler). */
  leases: LeasesRepository;
  profiles: ProfilesRepository;
  scans: ScansRepository;
  hits: HitsRepository;
  engineStatus: EngineStatusRepository;
  searchRuntime: SearchRuntime;
  pipeline: ScanPipelineDeps;
  /** Looks the person's handles and aliases up on other sites for profiles pretending to be them. */
  impersonation: ImpersonationDeps;
  alerts: AlertsDeps;
  takedowns: TakedownDeps;
  photos: PhotosRepository;
  hashPool: HashPool;
  photoDeps: PhotoDeps;
  photoMatcherOptions: PhotoMatcherOptions;
  /** The encrypted, content-addressed evidence store (refuses to open with a wrong key). */
  evidence: EvidenceVault;
  /** Seals people's identifiers and what was found about them in the database (keys derived from the evidence key). */
  cipher: FieldCipher;
  /** The effective settings (environment > settings page > default); saving one applies it without a restart. */
  settings: SettingsProvider;
  /** Set while the built-in simulated web runs: where the demo person's scans go. */
  demo?: DemoWeb;
  /** Replaces the application's route list (tests that focus on one module); health routes are always there. */
  routeModules?: RouteModule[];
}

export interface DemoWeb {
  url: string;
  engines: string[];
  allowHosts: string[];
  /** The simulated web's imitation platforms, where the demo person's handles are looked up. */
  impersonationSites?: ImpersonationSiteList;
}

/** Optional parts a test or a later capability plugs into the scan pipeline. */
export interface AppExtensions {
  photoMatcher?: PhotoMatcher;
  scanHooks?: ScanHooks;
  /** The sites every scan looks handles up on, instead of the bundled list (tests on the simulated web). */
  impersonationSites?: ImpersonationSiteList;
  /** Receives each page visit's phases (the scan-pipeline bench); nothing is measured without it. */
  visitTiming?: VisitTimingSink;
  /** The process shuts the app down itself on SIGINT, SIGTERM and SIGHUP, browser last (the service). */
  ownerHandlesSignals?: boolean;
}
