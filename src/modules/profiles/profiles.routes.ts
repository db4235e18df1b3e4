import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { createValidationError } from '../../shared/errors.ts';
import { importPerson, loadProfile, parseProfileOrThrow, createPersonNotFoundError } from './profiles.usecases.ts';
import { serialiseProfile } from './profile-file.models.ts';
import { startScan } from '../scans/scans.usecases.ts';
import { describeHits, describeScanRun } from '../scans/scan-report.ts';

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

/** People and their profiles. Every route takes the person id from the path and checks it exists. */
export function registerProfileRoutes(app: FastifyInstance, deps: AppDeps): void {
  const personOr404 = (id: string) => deps.profiles.getPerson(id) ?? (() => { throw createPersonNotFoundError(); })();
  const describePerson = (person: NonNullable<ReturnType<typeof deps.profiles.getPerson>>) => ({
    id: person.id, label: person.label, language: person.language, defaultCountry: person.defaultCountry,
    schedule: person.scheduleCron, scheduleEnabled: person.scheduleEnabled, nextScanAt: person.nextScanAt,
    lastScanAt: person.lastScanAt, lastSuccessAt: person.lastSuccessAt,
  });

  app.post('/api/people', async (request, reply) => {
    const body = parseBody(createPersonBody, request.body);
    const { personId } = importPerson(
      { profiles: deps.profiles, clock: deps.clock, random: deps.random, defaultSchedule: deps.config.scheduler.defaultScanSchedule, jitterMinutes: deps.config.scheduler.jitterMinutes },
      { label: body.label, language: body.language, defaultCountry: body.defaultCountry, scheduleCron: body.schedule, profile: body.profile },
    );
    return reply.status(201).send(describePerson(personOr404(personId)));
  });

  app.get('/api/people', async () => ({ people: deps.profiles.listPeople().map(describePerson) }));

  app.get<{ Params: { id: string } }>('/api/people/:id', async (request) => {
    const person = personOr404(request.params.id);
    return { ...describePerson(person), profile: JSON.parse(serialiseProfile(loadProfile(deps.profiles, person.id))) };
  });

  app.put<{ Params: { id: string } }>('/api/people/:id/profile', async (request) => {
    const person = personOr404(request.params.id);
    deps.profiles.replaceProfile(person.id, parseProfileOrThrow(request.body, person.defaultCountry));
    return { ...describePerson(personOr404(person.id)), profile: JSON.parse(serialiseProfile(loadProfile(deps.profiles, person.id))) };
  });

  app.get<{ Params: { id: string } }>('/api/people/:id/profile.json', async (request, reply) => {
    const person = personOr404(request.params.id);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="profile.json"')
      .header('cache-control', 'no-store')
      .send(serialiseProfile(loadProfile(deps.profiles, person.id)));
  });

  app.post<{ Params: { id: string } }>('/api/people/:id/scans', async (request, reply) => {
    const person = personOr404(request.params.id);
    const { run, created } = startScan(deps, { personId: person.id, trigger: 'manual' });
    return reply.status(created ? 202 : 200).send({ created, ...describeScanRun(deps, run) });
  });

  app.get<{ Params: { id: string } }>('/api/people/:id/scans', async (request) => {
    const person = personOr404(request.params.id);
    return { scans: deps.scans.listRuns(person.id).map((run) => describeScanRun(deps, run)) };
  });

  app.get<{ Params: { id: string } }>('/api/people/:id/hits', async (request) => {
    const person = personOr404(request.params.id);
    return { hits: describeHits(deps, person.id) };
  });
}
