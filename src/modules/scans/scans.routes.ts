import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { createNotFoundError } from '../../shared/errors.ts';
import { ENGINE_IDS, getEngine } from '../../providers/engine-registry.ts';
import { describeScanRun } from './scan-report.ts';

export function registerScanRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string } }>('/api/scans/:id', async (request) => {
    const run = deps.scans.getRun(request.params.id);
    if (!run) throw createNotFoundError('scans.not_found', 'No such scan.');
    return describeScanRun(deps, run);
  });

  /** Which engines are working and which are blocked, since when and until when they rest. */
  app.get('/api/engines', async () => {
    const now = deps.clock.now();
    const status = new Map(deps.engineStatus.list().map((s) => [s.engine, s]));
    return {
      engines: ENGINE_IDS.map((id) => {
        const s = status.get(id);
        const suspended = s?.state === 'suspended' && s.suspendedUntil !== null && s.suspendedUntil > now;
        return {
          id, label: getEngine(id).label, kind: getEngine(id).kind,
          state: !s ? 'unused' : suspended ? 'blocked' : s.state === 'suspended' ? 'retrying' : 'ok',
          lastOutcome: s?.lastOutcome ?? null, signal: s?.lastSignal ?? null, blockedSince: s?.blockedSince ?? null,
          suspendedUntil: suspended ? s!.suspendedUntil : null, lastOkAt: s?.lastOkAt ?? null,
        };
      }),
    };
  });
}
