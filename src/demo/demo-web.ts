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

/** Adds the fictional demo person once, with their photos and a first scan due at once (the scheduler runs a tick at start). */
export async function seedDemoPerson(app: App, demo: DemoWeb): Promise<string> {
  const organisationId = await app.profiles.ensureDefaultOrganisation();
  const existing = (await app.profiles.listPeople(organisationId)).find((p) => p.isDemo);
  const parsed = parseProfile(demoProfile(demo.url), { defaultCountry: 'BE' });
  if (!parsed.ok) throw new Error('The built-in demo profile is invalid.');
  if (existing) {
    // The simulated web's address can change between starts; the own-URL must follow it.
    await app.profiles.replaceProfile(existing.id, parsed.profile);
    return existing.id;
  }
  const personId = await app.profiles.createPerson({
    organisationId, label: demoPersonLabel, language: 'en', defaultCountry: 'BE', scheduleCron: app.config.scheduler.defaultScanSchedule,
    nextScanAt: null, profile: parsed.profile, isDemo: true,
  });
  await syncPhotosFromFiles(app.photoDeps, personId, demoPhotoFiles, { keepOriginals: true });
  for (const photo of await app.photos.list(personId)) {
    for (const engine of demoReverseImageEngines) await app.photos.setConsent({ photoId: photo.id, engine, granted: true, by: 'demo' });
  }
  // Due only once the photos are in, so the first scan compares page images too.
  await app.profiles.updateSchedule(personId, { nextScanAt: app.clock.now() });
  return personId;
}
