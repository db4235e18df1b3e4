import dns from 'node:dns/promises';
import type { Config } from '../config/config.ts';
import type { App, DemoWeb } from '../app.ts';
import type { Logger } from '../shared/logger.ts';
import { parseProfile } from '../modules/profiles/profile-file.models.ts';
import { demoPersonLabel, demoPhotoFiles, demoProfile } from './demo-person.ts';
import { syncPhotosFromFiles } from '../modules/photos/photos.usecases.ts';

/** Engines the demo person is scanned with, all pointed at the simulated web. */
const demoEngineIds = ['searxng', 'duckduckgo', 'bing', 'brave', 'mojeek', 'tineye', 'google-lens'] as const;
/** Reverse-image engines the fictional person consents to (their photos are public test images). */
const demoReverseImageEngines = ['tineye', 'google-lens'] as const;

/** True when a search engine's name resolves: without DNS there is no internet to scan. */
export async function internetReachable(host = 'html.duckduckgo.com', timeoutMs = 2000): Promise<boolean> {
  try {
    await Promise.race([dns.lookup(host), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())]);
    return true;
  } catch {
    return false;
  }
}

export async function shouldRunDemoWeb(config: Pick<Config, 'demo'>, probe: () => Promise<boolean> = internetReachable): Promise<boolean> {
  if (config.demo.web === 'on') return true;
  if (config.demo.web === 'off') return false;
  return !(await probe());
}

export interface RunningDemoWeb extends DemoWeb {
  close(): Promise<void>;
}

export async function startDemoWeb(config: Pick<Config, 'demo'>, logger: Logger): Promise<RunningDemoWeb> {
  // Loaded only when the simulated web runs: most starts (with internet, or DEMO_WEB=off) never need it.
  const { createSimulatedWeb } = await import('../simweb/server.ts');
  const web = await createSimulatedWeb({ port: config.demo.port }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    logger.warn({ port: config.demo.port }, 'demo web port is taken; using a free one');
    return createSimulatedWeb({ port: 0 });
  });
  const host = new URL(web.url).host;
  logger.warn({ url: web.url }, 'DEMO: the built-in simulated web is running; only the fictional demo person is scanned against it');
  return {
    url: web.url,
    engines: demoEngineIds.map((id) => `${id}=${web.engineEndpoints[id]}`),
    allowHosts: [host],
    // The demo person's handles are looked up on the simulated web's imitation platforms, never the real sites.
    impersonationSites: web.impersonationSites,
    close: () => web.close(),
  };
}

/** Adds the fictional demo person once, with their photos and a first scan due at once (the scheduler runs a tick at start). */
export async function seedDemoPerson(app: App, demo: DemoWeb): Promise<string> {
  const organisationId = app.profiles.ensureDefaultOrganisation();
  const existing = app.profiles.listPeople(organisationId).find((p) => p.isDemo);
  const parsed = parseProfile(demoProfile(demo.url), { defaultCountry: 'BE' });
  if (!parsed.ok) throw new Error('The built-in demo profile is invalid.');
  if (existing) {
    // The simulated web's address can change between starts; the own-URL must follow it.
    app.profiles.replaceProfile(existing.id, parsed.profile);
    return existing.id;
  }
  const personId = app.profiles.createPerson({
    organisationId, label: demoPersonLabel, language: 'en', defaultCountry: 'BE', scheduleCron: app.config.scheduler.defaultScanSchedule,
    nextScanAt: null, profile: parsed.profile, isDemo: true,
  });
  await syncPhotosFromFiles(app.photoDeps, personId, demoPhotoFiles, { keepOriginals: true });
  for (const photo of app.photos.list(personId)) {
    for (const engine of demoReverseImageEngines) app.photos.setConsent({ photoId: photo.id, engine, granted: true, by: 'demo' });
  }
  // Due only once the photos are in, so the first scan compares page images too.
  app.profiles.updateSchedule(personId, { nextScanAt: app.clock.now() });
  return personId;
}
