import type { Config } from '../config/config.ts';
import type { App, DemoWeb } from '../app.ts';
import type { Logger } from '../shared/logger.ts';
import { parseProfile } from '../modules/profiles/profile-file.models.ts';
import { demoPersonLabel, demoPhotoFiles, demoProfile } from './demo-person.ts';
import { syncPhotosFromFiles } from '../modules/photos/photos.usecases.ts';
import { startDemoWebThread, type RunningDemoWeb } from './demo-web-thread.ts';

/** Reverse-image engines the fictional person consents to (their photos are public test images). */
const demoReverseImageEngines = ['tineye', 'google-lens'] as const;

export { internetReachable, shouldRunDemoWeb, type RunningDemoWeb } from './demo-web-thread.ts';

/** Starts the simulated web (in its own thread) and says loudly that it runs. */
export async function startDemoWeb(config: Pick<Config, 'demo'>, logger: Logger): Promise<RunningDemoWeb> {
  return announceDemoWeb(await startDemoWebThread(config), config, logger);
}

export function announceDemoWeb(web: RunningDemoWeb, config: Pick<Config, 'demo'>, logger: Logger): RunningDemoWeb {
  if (web.portTaken) logger.warn({ port: config.demo.port }, 'demo web port is taken; using a free one');
  logger.warn({ url: web.url }, 'DEMO: the built-in simulated web is running; only the fictional demo person is scanned against it');
  return web;
}

/**
 * Adds the fictional demo person once, or brings their profile up to date (the simulated web's address can
 * change between starts, and their own URL must follow it). Fast: it runs before the worker's first tick, so
 * no demo scan ever starts with a stale own URL. Their photos are added afterwards (addDemoPhotos).
 */
export async function ensureDemoPerson(app: App, demo: DemoWeb): Promise<{ personId: string; needsPhotos: boolean }> {
  const organisationId = await app.profiles.ensureDefaultOrganisation();
  const existing = (await app.profiles.listPeople(organisationId)).find((p) => p.isDemo);
  const parsed = parseProfile(demoProfile(demo.url), { defaultCountry: 'BE' });
  if (!parsed.ok) throw new Error('The built-in demo profile is invalid.');
  if (existing) {
    await app.profiles.replaceProfile(existing.id, parsed.profile);
    // A start stopped while the photos were being added left the person without them (and never due).
    return { personId: existing.id, needsPhotos: (await app.photos.list(existing.id)).length === 0 };
  }
  const personId = await app.profiles.createPerson({
    organisationId, label: demoPersonLabel, language: 'en', defaultCountry: 'BE', scheduleCron: app.config.scheduler.defaultScanSchedule,
    nextScanAt: null, profile: parsed.profile, isDemo: true,
  });
  return { personId, needsPhotos: true };
}

/**
 * Hashes and stores the demo person's photos with their reverse-image consents, then makes their first scan
 * due. It takes seconds (the photos' hashes and crop regions), so the service runs it after it listens.
 */
export async function addDemoPhotos(app: App, personId: string): Promise<void> {
  try {
    await syncPhotosFromFiles(app.photoDeps, personId, demoPhotoFiles, { keepOriginals: true });
    for (const photo of await app.photos.list(personId)) {
      for (const engine of demoReverseImageEngines) await app.photos.setConsent({ photoId: photo.id, engine, granted: true, by: 'demo' });
    }
  } catch (error) {
    // The demo still scans for the names and numbers; the next start tries the photos again.
    app.logger.error({ err: { message: (error as Error).message } }, 'the demo person\'s photos could not be added; their scan compares no images');
  }
  // Due only once the photos are in (or known missing), so the first scan compares page images too.
  await app.profiles.updateSchedule(personId, { nextScanAt: app.clock.now() });
}
