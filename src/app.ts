import type { Config } from './config/config.ts';
import { closeAnyDatabase, migrateDatabase, openConfiguredDatabase } from './db/database.ts';
import { createLogger } from './shared/logger.ts';
import { systemClock } from './shared/clock.ts';
import { locateBrowser } from './browser/browser-locator.ts';
import { createBrowserPool } from './browser/browser-pool.ts';
import { playwrightExecutablePath } from './browser/playwright-chromium.ts';
import { createSandboxPlan } from './browser/sandbox.ts';
import { sandboxWarning } from './browser/sandbox.models.ts';
import { browserSandboxSettingsOf } from './config/browser-sandbox.settings.ts';
import { createEgressGateway } from './egress/egress-gateway.ts';
import { createJobsRepository } from './modules/jobs/jobs.repository.ts';
import { createHeartbeatsRepository } from './modules/jobs/heartbeats.repository.ts';
import { createLeasesRepository } from './modules/jobs/leases.repository.ts';
import { jobKinds } from './modules/jobs/job-kinds.ts';
import { createProfilesRepository } from './modules/profiles/profiles.repository.ts';
import { createScansRepository } from './modules/scans/scans.repository.ts';
import { createHitsRepository } from './modules/hits/hits.repository.ts';
import { createEngineStatusRepository } from './modules/scans/engine-status.repository.ts';
import { createUncheckedPagesRepository } from './modules/scans/unchecked-pages.repository.ts';
import { createSearchRuntime } from './modules/scans/search-runtime.ts';
import { createEnginePacingRepository } from './modules/scans/engine-pacing.repository.ts';
import type { ScanHooks, ScanPipelineDeps } from './modules/scans/scan-pipeline.usecases.ts';
import { loadSources } from './modules/scans/sources.ts';
import { createImpersonationRepository } from './modules/impersonation/impersonation.repository.ts';
import { createSiteListChooser, planImpersonationChecks, settleDeadCheck, type ImpersonationDeps } from './modules/impersonation/impersonation.usecases.ts';
import { impersonationRecipient } from './modules/impersonation/impersonation.models.ts';
import { bundledSiteList } from './modules/impersonation/sites.data.ts';
import type { ImpersonationSiteList } from './modules/impersonation/sites.models.ts';
import { settleDeadVisit } from './modules/scans/dead-visit.usecases.ts';
import { settleDeadScan } from './modules/scans/dead-scan.usecases.ts';
import { createAlertsDeps, type AlertsDeps } from './modules/alerts/alerts.deps.ts';
import { recordExposureAlert } from './modules/alerts/alerts.usecases.ts';
import { createSmtpSendMail, createTakedownDeps } from './modules/takedowns/takedown-deps.ts';
import { openCaseJobKey } from './modules/takedowns/takedowns.job-kinds.ts';
import { createHashPool } from './modules/photos/hash-pool.ts';
import { createPhotosRepository } from './modules/photos/photos.repository.ts';
import { createPhotoMatcher, type PhotoMatcherOptions } from './modules/photos/photo-matcher.ts';
import { createPersonHashIndex } from './modules/photos/person-hash-index.ts';
import type { PhotoDeps } from './modules/photos/photos.usecases.ts';
import { openEvidenceVault } from './modules/evidence/evidence-key.ts';
import { createDocumentEvidenceCapture, createEvidenceCapture } from './modules/evidence/evidence-scan-hooks.ts';
import { readPdfText } from './modules/documents/pdf-text.ts';
import { encryptClearFieldsOnce } from './modules/evidence/field-encryption-upgrade.ts';
import { createSettingsRepository } from './modules/settings/settings.repository.ts';
import { createSettingsProvider } from './modules/settings/settings-provider.ts';
import { applyEditableSections, rebuildChannels } from './modules/settings/live-settings.ts';
import { isSecretSetting } from './modules/settings/settings-catalogue.models.ts';
import type { AppDeps, AppExtensions } from './deps.types.ts';

export type { AppDeps, AppExtensions, DemoWeb, RouteModule } from './deps.types.ts';

export interface App extends AppDeps {
  close(): Promise<void>;
}

/**
 * The composition root: the only place that reads the config to build dependencies. Nothing else in the
 * code base creates a database, logger, clock or browser of its own.
 */
export async function createApp(config: Config, overrides: Partial<AppDeps> & AppExtensions = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const clock = overrides.clock ?? systemClock;
  const random = overrides.random ?? Math.random;
  const db = overrides.db ?? (await openConfiguredDatabase(config, { onIdleError: (error) => logger.warn({ code: (error as { code?: string }).code }, 'a pooled PostgreSQL connection broke; another is opened on the next query') }));
  await migrateDatabase(db);
  const browserLocation =
    overrides.browserLocation ??
    locateBrowser({
      wsEndpoint: config.browser.wsEndpoints,
      chromiumPath: config.browser.chromiumPath,
      playwrightExecutablePath: () => playwrightExecutablePath(),
    });
  if (browserLocation.kind === 'missing') {
    logger.warn({ tried: browserLocation.tried }, browserLocation.instruction);
  }
  const browserSandbox = overrides.browserSandbox ?? createSandboxPlan({ location: browserLocation, settings: browserSandboxSettingsOf(config) });
  const sandboxNote = sandboxWarning(browserSandbox);
  if (sandboxNote) logger[browserSandbox.state === 'remote (not known)' ? 'info' : 'warn']({ browserSandbox: browserSandbox.state }, sandboxNote);
  const browserPool =
    overrides.browserPool ??
    createBrowserPool({
      location: browserLocation,
      logger: logger.child({ component: 'browser' }),
      options: { pagesPerBrowser: config.browser.pagesPerBrowser, navigationTimeoutMs: config.browser.navigationTimeoutMs, sandbox: browserSandbox, ownerHandlesSignals: overrides.ownerHandlesSignals },
    });
  const egress = overrides.egress ?? createEgressGateway({ upstreams: config.egress.upstreams, listen: config.egress.listen, logger: logger.child({ component: 'egress' }) });
  const kinds = overrides.jobKinds ?? jobKinds;
  const jobs = overrides.jobs ?? createJobsRepository({ db, clock, kinds });
  // Opened before the repositories: they encrypt people's identifiers under keys derived from the evidence key.
  const evidence = overrides.evidence ?? await openEvidenceVault({ dataDir: config.dataDir, db, settings: config.evidence, logger, clock });
  const cipher = evidence.cipher;
  await encryptClearFieldsOnce({ db, cipher, logger, clock });
  // Settings saved on the settings page join the environment's before anything is built from them.
  const settings = overrides.settings ?? await createSettingsProvider({ config, repository: createSettingsRepository({ db, clock, cipher }), logger, isSecret: isSecretSetting });
  if (settings.current() !== config) applyEditableSections(config, settings.current());
  const profiles = overrides.profiles ?? createProfilesRepository({ db, clock, cipher });
  const scans = overrides.scans ?? createScansRepository({ db, clock, cipher });
  const hits = overrides.hits ?? createHitsRepository({ db, clock, cipher });
  const engineStatus = overrides.engineStatus ?? createEngineStatusRepository({ db, clock, maxBackoffSeconds: config.scan.engineBackoffMaxHours * 3600 });
  const searchRuntime =
    overrides.searchRuntime ??
    createSearchRuntime({
      pool: browserPool,
      egress,
      pacing: createEnginePacingRepository({ db }),
      random,
      options: { allowHosts: config.net.allowPrivateHosts, minIntervalMs: config.scan.engineMinIntervalMs, resultPages: config.scan.resultPages, timeoutMs: config.browser.navigationTimeoutMs, maxBytes: config.scan.maxPageBytes, profilesDir: `${config.dataDir}/browser-profiles` },
    });
  const photos = overrides.photos ?? createPhotosRepository({ db, clock });
  // Worker threads start on first use, so processes that never hash pay nothing.
  const hashPool = overrides.hashPool ?? createHashPool({ size: config.photos.hashWorkers || undefined });
  const photoMatcherOptions: PhotoMatcherOptions = { threshold: config.scan.photoMatchThreshold, maxImageBytes: Math.min(config.scan.maxPageBytes, 20 * 1024 * 1024), fetchTimeoutMs: 15_000, maxImagesPerPage: 60, screenshotSearch: config.photos.screenshotSearch, screenshotMaxHeight: config.photos.screenshotMaxHeight };
  // Originals are kept only when the person opts in (for reverse-image upload), and then only encrypted.
  const photoDeps: PhotoDeps = { photos, hashPool, cropRegions: config.photos.cropRegions, storeOriginal: async (bytes, mime) => (await evidence.put(Buffer.from(bytes), mime)).sha256 };
  // Person hashes stay in memory between page visits and are rebuilt only when that person's photos change.
  const personHashIndex = createPersonHashIndex({ load: async (personId) => await photos.hashesFor(personId), signature: async (personId) => await photos.photoSetSignature(personId) });
  const photoMatcher = overrides.photoMatcher ?? createPhotoMatcher({ personHashes: (personId) => personHashIndex.get(personId), pool: hashPool, options: photoMatcherOptions, logger: logger.child({ component: 'photos' }) });
  const alerts = overrides.alerts ?? createAlertsDeps({ db, clock, logger, random, jobs, settings: config.alerts, publicUrl: config.publicUrl, egress });
  const sendMail = config.alerts.email ? createSmtpSendMail(config.alerts.email.smtpUrl) : undefined;
  const siteLists = { explicit: overrides.impersonationSites, demo: overrides.demo?.impersonationSites, bundled: bundledSiteList() };
  const allSiteLists = [siteLists.explicit, siteLists.demo, siteLists.bundled].filter((l): l is ImpersonationSiteList => l !== undefined);
  const takedowns = overrides.takedowns ?? createTakedownDeps({ db, clock, logger, hits, profiles, config, egress, cipher, demo: overrides.demo }, { settings: config.takedowns, sendMail, knownRecipient: (hit) => impersonationRecipient(allSiteLists, hit) });
  settings.onChange((next) => {
    applyEditableSections(config, next);
    rebuildChannels({ config, alerts, takedowns, egress });
  });
  // With the hit, in its transaction: its alert (the use case decides whether this hit deserves one) and
  // the job that opens its takedown case (the recipient lookup itself runs later, from the committed job).
  // After the commit only the live inbox is woken.
  const scanHooks: ScanHooks = {
    captureMatchedPage: createEvidenceCapture({ vault: evidence, profiles, logger: logger.child({ component: 'evidence' }), maxImageBytes: photoMatcherOptions.maxImageBytes }),
    captureMatchedDocument: createDocumentEvidenceCapture({ vault: evidence, profiles, logger: logger.child({ component: 'evidence' }) }),
    ...overrides.scanHooks,
    async recordWithHit(args) {
      await recordExposureAlert(alerts, { hit: args.hit, isNew: args.isNew });
      if (args.isNew) await jobs.enqueue({ kind: 'takedowns.open_case', payload: { hitId: args.hit.id }, idempotencyKey: openCaseJobKey(args.hit.id) });
      await overrides.scanHooks?.recordWithHit?.(args);
    },
    async onHit(args) {
      alerts.broadcaster.poke();
      await overrides.scanHooks?.onHit?.(args);
    },
  };
  const pipeline: ScanPipelineDeps = overrides.pipeline ?? {
    db, clock, logger: logger.child({ component: 'scan' }), jobs, scans, hits, profiles, engineStatus, searchRuntime, browserPool, egress,
    uncheckedPages: createUncheckedPagesRepository({ db, clock, cipher }), random,
    sources: loadSources(),
    photoMatcher,
    readPdf: async (bytes) => await readPdfText(bytes),
    reverseImage: {
      consentedPhotos: (personId, engine) => photos.consentedFor(personId, engine),
      loadOriginal: async (ref) => ({ bytes: await evidence.read(ref), mime: (await evidence.info(ref))?.mimeType ?? 'image/jpeg' }),
    },
    hooks: scanHooks,
    timing: overrides.visitTiming,
    impersonation: { plan: async (run, profile) => { await planImpersonationChecks(impersonation, run, profile); } },
    settings: {
      queryCap: config.scan.queryCap,
      maxPageBytes: config.scan.maxPageBytes,
      navigationTimeoutMs: config.browser.navigationTimeoutMs,
      allowPrivateHosts: config.net.allowPrivateHosts,
      maxCandidatesPerScan: 300,
    },
  };
  const impersonation: ImpersonationDeps = overrides.impersonation ?? {
    pipeline,
    checks: createImpersonationRepository({ db, clock, cipher, scans }),
    sitesFor: createSiteListChooser(siteLists),
    // A profile page is read only for its signals: 2 MB is plenty, and each site answers within 15 s or counts as unknown.
    settings: { timeoutMs: 15_000, maxBytes: Math.min(config.scan.maxPageBytes, 2 * 1024 * 1024), enabled: config.impersonation.watch },
  };
  // A page visit that dies settles its page as "could not check" in the same transaction, so its scan ends;
  // a scan job that dies closes its run as failed, so the person's next scan can start.
  jobs.onDead('page.visit', async (job) => await settleDeadVisit(pipeline, job));
  jobs.onDead('scan.run', async (job) => await settleDeadScan(scans, job));
  jobs.onDead('impersonation.check', async (job) => await settleDeadCheck(impersonation, job));
  const deps: AppDeps = {
    config,
    logger,
    clock,
    random,
    db,
    browserLocation,
    browserSandbox,
    browserPool,
    egress,
    jobKinds: kinds,
    jobs,
    heartbeats: overrides.heartbeats ?? createHeartbeatsRepository({ db, clock }),
    leases: createLeasesRepository({ db, clock }),
    profiles,
    scans,
    hits,
    engineStatus,
    searchRuntime,
    pipeline,
    impersonation,
    alerts,
    takedowns,
    photos,
    hashPool,
    photoDeps,
    photoMatcherOptions,
    evidence,
    cipher,
    settings,
    routeModules: overrides.routeModules,
    demo: overrides.demo,
  };
  return {
    ...deps,
    async close() {
      (alerts as AlertsDeps & { close?: () => void }).close?.();
      sendMail?.close();
      // A mailer rebuilt after a settings change is the live one now; the first was closed on the swap.
      if (takedowns.sendMail !== sendMail) (takedowns.sendMail as { close?: () => void } | undefined)?.close?.();
      await hashPool.close();
      await browserPool.close();
      await egress.close();
      // An S3 evidence store keeps connections open; the local folder has nothing to close.
      (evidence.store as { close?: () => void }).close?.();
      await closeAnyDatabase(db);
    },
  };
}
