import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.types.ts';
import { createNotFoundError, createValidationError } from '../../shared/errors.ts';
import { ENGINE_IDS, getEngine } from '../../providers/engine-registry.ts';
import type { Config } from '../../config/config.ts';
import { describeScanRun } from './scan-report.ts';
import { engineStateAt } from './engine-backoff.models.ts';
import { instanceKey, isEngineInstanceKey, parseEngineInstance } from './engine-selection.models.ts';
import { defaultEngines } from './scans.usecases.ts';

const listQuery = z.object({ personId: z.string().min(1).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** `Bing`, `SearXNG (JSON API) #2`: the engine's name, and the instance number when there are several. */
export function engineLabel(key: string): string {
  const { id } = parseEngineInstance(key);
  return key === id ? getEngine(id).label : `${getEngine(id).label} ${key.slice(id.length)}`;
}

/** Which engine instances are working and which are blocked: by what, since when and until when they rest. */
export async function describeEngines(deps: Pick<AppDeps, 'clock' | 'engineStatus'> & { config?: Pick<Config, 'scan'> }) {
  const now = deps.clock.now();
  const status = new Map((await deps.engineStatus.list()).map((s) => [s.engine, s]));
  // Instances beyond the first SearXNG (`searxng#2`) are listed once configured or once they have a status.
  const extra = [...(deps.config ? defaultEngines(deps.config) : []).map(instanceKey), ...status.keys()].filter((key) => !(ENGINE_IDS as string[]).includes(key));
  const keys = [...ENGINE_IDS, ...new Set(extra)].filter(isEngineInstanceKey);
  return keys.map((key) => {
    const { id } = parseEngineInstance(key);
    const s = status.get(key);
    const state = engineStateAt(s, now);
    return {
      id: key, engine: id, label: engineLabel(key), kind: getEngine(id).kind,
      state, lastOutcome: s?.lastOutcome ?? null, signal: s?.lastSignal ?? null, blockedSince: s?.blockedSince ?? null,
      suspendedUntil: state === 'blocked' ? s!.suspendedUntil : null, lastOkAt: s?.lastOkAt ?? null,
      failuresInARow: s?.consecutiveFailures ?? 0,
    };
  });
}

export type EngineDescription = Awaited<ReturnType<typeof describeEngines>>[number];

export const createEngineNotFoundError = () => createNotFoundError('engines.not_found', 'No such engine.');

/** Ends an engine instance's pause now; the next search tries it. Instances this installation does not know are refused. */
export async function resumeEngine(deps: Pick<AppDeps, 'clock' | 'engineStatus' | 'config'>, key: string): Promise<EngineDescription> {
  let instance: string;
  try {
    instance = parseEngineInstance(key).key;
  } catch {
    throw createEngineNotFoundError();
  }
  if (instance !== key.trim().toLowerCase()) throw createEngineNotFoundError();
  if (!(await describeEngines(deps)).some((e) => e.id === instance)) throw createEngineNotFoundError();
  await deps.engineStatus.resume(instance);
  return (await describeEngines(deps)).find((e) => e.id === instance)!;
}

/** Ends every running pause at once (after the operator changed the network or the upstream proxy). */
export async function resumeAllEngines(deps: Pick<AppDeps, 'clock' | 'engineStatus' | 'config'>): Promise<EngineDescription[]> {
  const paused = (await describeEngines(deps)).filter((e) => e.state === 'blocked').map((e) => e.id);
  for (const key of paused) await deps.engineStatus.resume(key);
  return (await describeEngines(deps)).filter((e) => paused.includes(e.id));
}

// `config`: the engine list names the configured instances beyond the first SearXNG even before they have a status.
export type ScanRoutesDeps = Pick<AppDeps, 'scans' | 'clock' | 'engineStatus' | 'config'>;

export function registerScanRoutes(app: FastifyInstance, deps: ScanRoutesDeps): void {
  /** Running and recent scans of the people the account may see (one person with ?personId=). */
  app.get('/api/scans', async (request) => {
    const parsed = listQuery.safeParse(request.query ?? {});
    if (!parsed.success) throw createValidationError('The query is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    const personIds = parsed.data.personId ? [parsed.data.personId] : await request.visiblePersonIds();
    return { scans: await Promise.all((await deps.scans.listRunsForPeople(personIds, parsed.data.limit)).map(async (run) => await describeScanRun(deps, run))) };
  });

  app.get<{ Params: { id: string } }>('/api/scans/:id', async (request) => {
    const run = await deps.scans.getRun(request.params.id);
    if (!run) throw createNotFoundError('scans.not_found', 'No such scan.');
    return describeScanRun(deps, run);
  });

  app.get('/api/engines', async () => ({ engines: await describeEngines(deps) }));

  // With an id, that engine; without, every engine that is paused now.
  app.post('/api/engines/resume', async (request) => {
    const id = (request.body as { id?: unknown } | undefined)?.id;
    if (id === undefined) return { engines: await resumeAllEngines(deps) };
    return { engines: [await resumeEngine(deps, typeof id === 'string' ? id : '')] };
  });
}
