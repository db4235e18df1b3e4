import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.types.ts';
import { AppError, createValidationError } from '../../shared/errors.ts';
import { nextCronOccurrence, validateCronExpression } from '../../shared/cron.models.ts';
import { importPerson, loadProfile, parseProfileOrThrow, createPersonNotFoundError } from './profiles.usecases.ts';
import { computeNextScanAt } from '../scans/schedule.models.ts';
import { createAccountsRepository } from '../accounts/accounts.repository.ts';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/accounts.models.ts';
import { serialiseProfile } from './profile-file.models.ts';
import { startScan } from '../scans/scans.usecases.ts';
import { describeHits, describeScanRun } from '../scans/scan-report.ts';

const scheduleBody = z.object({ schedule: z.string().max(200).optional(), enabled: z.union([z.boolean(), z.enum(['true', 'false', 'on'])]).optional() });

const createPersonBody = z.object({
  label: z.string(),
  language: z.enum(['en', 'nl', 'fr', 'de']).optional(),
  defaultCountry: z.string().length(2).optional(),
  schedule: z.string().optional(),
  profile: z.unknown(),
});

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw createValidationError('The request body is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return parsed.data;
}

/** A new schedule (validated) and the next scan time that follows from it; pausing keeps the expression. */
export async function updatePersonSchedule(deps: Pick<AppDeps, 'profiles' | 'clock' | 'random' | 'config'>, personId: string, change: { schedule?: string; enabled?: boolean }): Promise<void> {
  const person = await deps.profiles.getPerson(personId);
  if (!person) throw createPersonNotFoundError();
  const cron = change.schedule?.trim() || person.scheduleCron;
  const problem = validateCronExpression(cron);
  if (problem) throw new AppError({ code: 'people.invalid_schedule', message: `The schedule is not a valid cron expression (${problem}).`, statusCode: 400 });
  const enabled = change.enabled ?? person.scheduleEnabled;
  await deps.profiles.updateSchedule(person.id, {
    scheduleCron: cron,
    scheduleEnabled: enabled,
    nextScanAt: enabled ? computeNextScanAt({ cron, after: deps.clock.now(), jitterMinutes: deps.config.scheduler.jitterMinutes, random: deps.random, next: nextCronOccurrence }) : null,
  });
}

/**
 * Adds a person to the actor's organisation; a caseworker who adds someone is assigned to them at once
 * (otherwise they could not see the person they just added).
 */
export async function addPersonForActor(deps: Pick<AppDeps, 'profiles' | 'clock' | 'random' | 'config' | 'db'>, actor: Actor, body: z.infer<typeof createPersonBody>): Promise<string> {
  const { personId } = await importPerson(
    { profiles: deps.profiles, clock: deps.clock, random: deps.random, defaultSchedule: deps.config.scheduler.defaultScanSchedule, jitterMinutes: deps.config.scheduler.jitterMinutes },
    { organisationId: actor.organisationId, label: body.label, language: body.language, defaultCountry: body.defaultCountry, scheduleCron: body.schedule, profile: body.profile },
  );
  if (actor.role === 'caseworker') await createAccountsRepository({ db: deps.db, clock: deps.clock }).assign(actor.accountId, personId);
  await audit(deps, { actor, action: 'person_created', subject: { type: 'person', id: personId } });
  return personId;
}

export const parseCreatePersonBody = (body: unknown) => parseBody(createPersonBody, body);

// `db` and `random`: adding a person assigns a caseworker, audits and schedules the first scan; `scans`, `jobs`,
// `demo` and `photos`: scan now queues a run on the person's engines (consented reverse-image ones included);
// `pipeline`: a person's exposures seen only in search results carry those results.
export type ProfileRoutesDeps = Pick<AppDeps, 'profiles' | 'clock' | 'random' | 'config' | 'db' | 'scans' | 'jobs' | 'demo' | 'photos' | 'hits' | 'pipeline'>;

/**
 * People and their profiles. The central access check (src/web/access.ts) has already refused any person
 * id the account may not see; lists are filtered to the account's people here.
 */
export function registerProfileRoutes(app: FastifyInstance, deps: ProfileRoutesDeps): void {
  const personOr404 = async (id: string) => await deps.profiles.getPerson(id) ?? (() => { throw createPersonNotFoundError(); })();
  const describePerson = (person: NonNullable<Awaited<ReturnType<typeof deps.profiles.getPerson>>>) => ({
    id: person.id, label: person.label, language: person.language, defaultCountry: person.defaultCountry,
    schedule: person.scheduleCron, scheduleEnabled: person.scheduleEnabled, nextScanAt: person.nextScanAt,
    lastScanAt: person.lastScanAt, lastSuccessAt: person.lastSuccessAt,
  });

  app.post('/api/people', async (request, reply) => {
    const body = parseBody(createPersonBody, request.body);
    const personId = await addPersonForActor(deps, request.actor!, body);
    return reply.status(201).send(describePerson(await personOr404(personId)));
  });

  app.get('/api/people', async (request) => {
    const visible = new Set(await request.visiblePersonIds());
    return { people: (await deps.profiles.listPeople(request.actor!.organisationId)).filter((p) => visible.has(p.id)).map(describePerson) };
  });

  app.put<{ Params: { id: string } }>('/api/people/:id/schedule', async (request) => {
    const body = parseBody(scheduleBody, request.body ?? {});
    const enabled = body.enabled === undefined ? undefined : body.enabled === true || body.enabled === 'true' || body.enabled === 'on';
    await updatePersonSchedule(deps, (await personOr404(request.params.id)).id, { schedule: body.schedule, enabled });
    return describePerson(await personOr404(request.params.id));
  });

  app.get<{ Params: { id: string } }>('/api/people/:id', async (request) => {
    const person = await personOr404(request.params.id);
    return { ...describePerson(person), profile: JSON.parse(serialiseProfile(await loadProfile(deps.profiles, person.id))) };
  });

  app.put<{ Params: { id: string } }>('/api/people/:id/profile', async (request) => {
    const person = await personOr404(request.params.id);
    await deps.profiles.replaceProfile(person.id, parseProfileOrThrow(request.body, person.defaultCountry));
    return { ...describePerson(await personOr404(person.id)), profile: JSON.parse(serialiseProfile(await loadProfile(deps.profiles, person.id))) };
  });

  app.get<{ Params: { id: string } }>('/api/people/:id/profile.json', async (request, reply) => {
    const person = await personOr404(request.params.id);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="profile.json"')
      .header('cache-control', 'no-store')
      .send(serialiseProfile(await loadProfile(deps.profiles, person.id)));
  });

  app.post<{ Params: { id: string } }>('/api/people/:id/scans', async (request, reply) => {
    const person = await personOr404(request.params.id);
    // Optional `engines`: instance keys as GET /api/engines lists them; without it the person's usual engines.
    const body = (request.body ?? {}) as { engines?: unknown };
    const engineKeys = Array.isArray(body.engines) ? body.engines.filter((e): e is string => typeof e === 'string') : undefined;
    const { run, created } = await startScan(deps, { personId: person.id, trigger: 'manual', engineKeys });
    return reply.status(created ? 202 : 200).send({ created, ...await describeScanRun(deps, run) });
  });

  app.get<{ Params: { id: string } }>('/api/people/:id/scans', async (request) => {
    const person = await personOr404(request.params.id);
    return { scans: await Promise.all((await deps.scans.listRuns(person.id)).map(async (run) => await describeScanRun(deps, run))) };
  });

  app.get<{ Params: { id: string } }>('/api/people/:id/hits', async (request) => {
    const person = await personOr404(request.params.id);
    return { hits: await describeHits(deps, person.id) };
  });
}
