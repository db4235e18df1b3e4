import type { Config } from '../../config/config.ts';
import type { DemoWeb } from '../../app.ts';
import { AppError } from '../../shared/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { nextCronOccurrence } from '../../shared/cron.models.ts';
import type { JobsRepository } from '../jobs/jobs.repository.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import { createPersonNotFoundError } from '../profiles/profiles.usecases.ts';
import { parseEngineFlag } from '../../providers/engine-registry.ts';
import type { ScansRepository, ScanTrigger } from './scans.repository.ts';
import { computeNextScanAt, isScanDue } from './schedule.models.ts';

/** The engines a scan uses when nobody chose: the configured list, plus SearXNG when one is configured. */
export function defaultEngines(config: Pick<Config, 'scan'>): string[] {
  const engines = [...config.scan.engines];
  if (config.scan.searxngUrl && !engines.some((e) => e.split('=')[0] === 'searxng')) engines.unshift(`searxng=${config.scan.searxngUrl}`);
  return engines;
}

export interface StartScanDeps {
  config: Pick<Config, 'scan'>;
  demo?: DemoWeb;
  profiles: ProfilesRepository;
  scans: ScansRepository;
  jobs: JobsRepository;
}

export function startScan(deps: StartScanDeps, args: { personId: string; trigger: ScanTrigger; engines?: string[]; allowHosts?: string[] }) {
  const person = deps.profiles.getPerson(args.personId);
  if (!person) throw createPersonNotFoundError();
  // The demo person is only ever scanned against the simulated web, and real people never are.
  if (person.isDemo && !deps.demo) throw new AppError({ code: 'scans.demo_web_off', message: 'The demo person can only be scanned while the built-in simulated web runs (DEMO_WEB=on or npm run demo).', statusCode: 409 });
  const chosen = args.engines && args.engines.length > 0 ? args.engines : null;
  const engines = person.isDemo ? deps.demo!.engines : (chosen ?? defaultEngines(deps.config));
  const allowHosts = person.isDemo ? deps.demo!.allowHosts : (args.allowHosts ?? []);
  for (const flag of engines) parseEngineFlag(flag);
  const { run, created } = deps.scans.createRun({ personId: person.id, trigger: args.trigger, engines, allowHosts, rotationCursor: person.queryCursor });
  if (created) deps.jobs.enqueue({ kind: 'scan.run', payload: { scanRunId: run.id }, idempotencyKey: `scan.run:${run.id}` });
  return { run, created };
}

/**
 * One scheduler tick: start the scans that are due and move each person's next time forward. After
 * downtime a person whose time passed long ago gets one catch-up scan, not one per missed slot.
 */
export function enqueueDueScans(deps: StartScanDeps & { clock: Clock; random: () => number; jitterMinutes: number }): number {
  const now = deps.clock.now();
  let started = 0;
  for (const person of deps.profiles.listPeople()) {
    if (!isScanDue(person, now)) continue;
    const late = now.getTime() - person.nextScanAt!.getTime() > 60 * 60_000;
    if (!person.isDemo || deps.demo) {
      const { created } = startScan(deps, { personId: person.id, trigger: late ? 'catch_up' : 'schedule' });
      if (created) started++;
    }
    deps.profiles.updateSchedule(person.id, {
      nextScanAt: computeNextScanAt({ cron: person.scheduleCron, after: now, jitterMinutes: deps.jitterMinutes, random: deps.random, next: nextCronOccurrence }),
    });
  }
  return started;
}
