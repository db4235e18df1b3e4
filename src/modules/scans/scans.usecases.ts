import type { Config } from '../../config/config.ts';
import type { DemoWeb } from '../../deps.types.ts';
import { AppError } from '../../shared/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { nextCronOccurrence } from '../../shared/cron.models.ts';
import type { JobsRepository } from '../jobs/jobs.repository.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { PhotosRepository } from '../photos/photos.repository.ts';
import { createPersonNotFoundError } from '../profiles/profiles.usecases.ts';
import { ENGINE_IDS, getEngine } from '../../providers/engine-registry.ts';
import type { ScansRepository, ScanTrigger } from './scans.repository.ts';
import { computeNextScanAt, isScanDue } from './schedule.models.ts';
import { configuredEngineFlags, defaultEngineKeys, engineChoices, flagsForKeys, parseEngineInstance, type EngineChoice } from './engine-selection.models.ts';

/** The engines the operator configured: SearXNG instances first, then SCAN_ENGINES. */
export function defaultEngines(config: Pick<Config, 'scan'>): string[] {
  return configuredEngineFlags(config.scan);
}

export const createEngineNotAvailableError = (keys: string[]) =>
  new AppError({ code: 'scans.engine_not_available', message: `These engines cannot be used for this scan: ${keys.join(', ')}.`, statusCode: 400, details: { engines: keys } });

export const createNoEngineChosenError = () =>
  new AppError({ code: 'scans.no_engine_chosen', message: 'Choose at least one engine for this scan.', statusCode: 400 });

const createNoChosenEngineUsableError = (keys: string[]) =>
  new AppError({ code: 'scans.no_chosen_engine_usable', message: `None of the engines you checked can be used for this person: ${keys.join(', ')}.`, statusCode: 400, details: { engines: keys } });

const createNoPhotoAllowsEnginesError = (ids: string[]) =>
  new AppError({
    code: 'scans.no_photo_allows_engines',
    message: `The chosen engines search by photo, and no photo of this person allows them: ${ids.join(', ')}. Allow one for a photo on the person's page, or choose an engine that searches by name.`,
    statusCode: 400,
    details: { engines: ids },
  });

export interface StartScanDeps {
  config: Pick<Config, 'scan'>;
  demo?: DemoWeb;
  profiles: ProfilesRepository;
  scans: ScansRepository;
  jobs: JobsRepository;
  /** Reverse-image consents; without it only configured engines run by default. */
  photos?: Pick<PhotosRepository, 'consentedFor'>;
}

const reverseImageIds = ENGINE_IDS.filter((id) => getEngine(id).kind === 'reverse_image');

/** Reverse-image engines the person allowed for at least one photo whose original is kept. */
export async function consentedReverseImageEngines(deps: Pick<StartScanDeps, 'photos'>, personId: string): Promise<string[]> {
  const photos = deps.photos;
  if (!photos) return [];
  const consented = await Promise.all(reverseImageIds.map(async (id) => (await photos.consentedFor(personId, id)).length > 0));
  return reverseImageIds.filter((_, i) => consented[i]);
}

/**
 * The engines a person's scan may use, with the ones that run by default marked. The demo person is only
 * ever offered the simulated web's engines, and a real person never those.
 */
export async function scanEngineOptions(deps: Pick<StartScanDeps, 'config' | 'demo' | 'photos'>, person: { id: string; isDemo: boolean }): Promise<{ choices: EngineChoice[]; defaults: string[]; consented: string[] }> {
  const choices = person.isDemo && deps.demo
    ? engineChoices({ configured: deps.demo.engines.filter((flag) => getEngine(parseEngineInstance(flag).id).kind === 'web'), endpoints: deps.demo.engines, onlyListed: true })
    : engineChoices({ configured: defaultEngines(deps.config), endpoints: deps.config.scan.endpoints });
  const consented = await consentedReverseImageEngines(deps, person.id);
  return { choices, defaults: defaultEngineKeys(choices, consented), consented };
}

export async function startScan(
  deps: StartScanDeps,
  args: {
    personId: string;
    trigger: ScanTrigger;
    /** Explicit engine flags (`id[=URL]`) from the command line or a test; ignored for the demo person. */
    engines?: string[];
    /** Engine instance keys chosen in the dashboard or API, from the person's `scanEngineOptions`. */
    engineKeys?: string[];
    /**
     * Keys this person's scan cannot use are left out (and returned as `leftOut`) instead of refused: the
     * dashboard's "scan now" offers the union of the engines of every person on the page, so a box can be
     * checked that is another person's (the demo person's simulated web for a real person, say). The API,
     * where a caller names engines for one person, refuses them.
     */
    leaveOutUnusable?: boolean;
    allowHosts?: string[];
  },
) {
  const person = await deps.profiles.getPerson(args.personId);
  if (!person) throw createPersonNotFoundError();
  // The demo person is only ever scanned against the simulated web, and real people never are.
  if (person.isDemo && !deps.demo) throw new AppError({ code: 'scans.demo_web_off', message: 'The demo person can only be scanned while the built-in simulated web runs (DEMO_WEB=on or npm run demo).', statusCode: 409 });
  const { engines, leftOut } = await chooseEngines(deps, person, args);
  const allowHosts = person.isDemo ? deps.demo!.allowHosts : (args.allowHosts ?? []);
  for (const flag of engines) parseEngineInstance(flag);
  const { run, created } = await deps.scans.createRun({ personId: person.id, trigger: args.trigger, engines, allowHosts, rotationCursor: person.queryCursor });
  if (created) await deps.jobs.enqueue({ kind: 'scan.run', payload: { scanRunId: run.id }, idempotencyKey: `scan.run:${run.id}` });
  return { run, created, leftOut };
}

async function chooseEngines(deps: StartScanDeps, person: { id: string; isDemo: boolean }, args: { engines?: string[]; engineKeys?: string[]; leaveOutUnusable?: boolean }): Promise<{ engines: string[]; leftOut: string[] }> {
  if (!person.isDemo && args.engines && args.engines.length > 0) {
    if (deps.photos) refusePhotoEnginesWithoutPhoto(args.engines, await consentedReverseImageEngines(deps, person.id));
    return { engines: args.engines, leftOut: [] };
  }
  const options = await scanEngineOptions(deps, person);
  if (args.engineKeys === undefined) return { engines: flagsForKeys(options.choices, options.defaults).flags, leftOut: [] };
  const { flags, unknown } = flagsForKeys(options.choices, args.engineKeys);
  if (unknown.length > 0 && !args.leaveOutUnusable) throw createEngineNotAvailableError(unknown);
  // Boxes were checked, but only other people's: saying "choose an engine" would not tell the reader why.
  if (flags.length === 0) throw unknown.length > 0 ? createNoChosenEngineUsableError(unknown) : createNoEngineChosenError();
  if (deps.photos) refusePhotoEnginesWithoutPhoto(flags, options.consented);
  return { engines: flags, leftOut: unknown };
}

/**
 * A scan the caller chose only reverse-image engines for, none of which any photo of the person allows
 * (`consented`), would search nothing and end as "nothing was searched": refused before it starts, with what to
 * do instead. Only for a caller's own choice; the defaults hold a reverse-image engine only once a photo allows
 * it, and a scheduled scan must never stop the scheduler's tick for everyone else.
 */
function refusePhotoEnginesWithoutPhoto(engines: readonly string[], consented: readonly string[]): void {
  const ids = [...new Set(engines.map((flag) => parseEngineInstance(flag).id))];
  if (ids.length === 0 || !ids.every((id) => getEngine(id).kind === 'reverse_image')) return;
  if (!ids.some((id) => consented.includes(id))) throw createNoPhotoAllowsEnginesError(ids);
}

/**
 * One scheduler tick: start the scans that are due and move each person's next time forward. After
 * downtime a person whose time passed long ago gets one catch-up scan, not one per missed slot.
 */
export async function enqueueDueScans(deps: StartScanDeps & { clock: Clock; random: () => number; jitterMinutes: number }): Promise<number> {
  const now = deps.clock.now();
  let started = 0;
  for (const person of await deps.profiles.listPeople()) {
    if (!isScanDue(person, now)) continue;
    const late = now.getTime() - person.nextScanAt!.getTime() > 60 * 60_000;
    if (!person.isDemo || deps.demo) {
      const { created } = await startScan(deps, { personId: person.id, trigger: late ? 'catch_up' : 'schedule' });
      if (created) started++;
    }
    await deps.profiles.updateSchedule(person.id, {
      nextScanAt: computeNextScanAt({ cron: person.scheduleCron, after: now, jitterMinutes: deps.jitterMinutes, random: deps.random, next: nextCronOccurrence }),
    });
  }
  return started;
}
