import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { createNotFoundError, createValidationError } from '../../shared/errors.ts';
import { ENGINE_IDS, getEngine } from '../../providers/engine-registry.ts';
import { describeScanRun } from './scan-report.ts';

const listQuery = z.object({ personId: z.string().min(1).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Which engines are working and which are blocked, since when and until when they rest. */
export function describeEngines(deps: Pick<AppDeps, 'clock' | 'engineStatus'>) {
  const now = deps.clock.now();
  const status = new Map(deps.engineStatus.list().map((s) => [s.engine, s]));
  return ENGINE_IDS.map((id) => {
    const s = status.get(id);
    const suspended = s?.state === 'suspended' && s.suspendedUntil !== null && s.suspendedUntil > now;
    return {
      id, label: getEngine(id).label, kind: getEngine(id).kind,
      state: !s ? 'unused' : suspended ? 'blocked' : s.state === 'suspended' ? 'retrying' : 'ok',
      lastOutcome: s?.lastOutcome ?? null, signal: s?.lastSignal ?? null, blockedSince: s?.blockedSince ?? null,
      suspendedUntil: suspended ? s!.suspendedUntil : null, lastOkAt: s?.lastOkAt ?? null,
    };
  });
}

export function registerScanRoutes(app: FastifyInstance, deps: AppDeps): void {
  /** Running and recent scans of the people the account may see (one person with ?personId=). */
  app.get('/api/scans', async (request) => {
    const parsed = listQuery.safeParse(request.query ?? {});
    if (!parsed.success) throw createValidationError('The query is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    const personIds = parsed.data.personId ? [parsed.data.personId] : request.visiblePersonIds();
    return { scans: deps.scans.listRunsForPeople(personIds, parsed.data.limit).map((run) => describeScanRun(deps, run)) };
  });

  app.get<{ Params: { id: string } }>('/api/scans/:id', async (request) => {
    const run = deps.scans.getRun(request.params.id);
    if (!run) throw createNotFoundError('scans.not_found', 'No such scan.');
    return describeScanRun(deps, run);
  });

  app.get('/api/engines', async () => ({ engines: describeEngines(deps) }));
}
