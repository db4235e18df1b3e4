import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { createNotFoundError } from '../../shared/errors.ts';
import { startScan } from '../../modules/scans/scans.usecases.ts';
import { describeScanRun } from '../../modules/scans/scan-report.ts';
import type { ScanRun } from '../../modules/scans/scans.repository.ts';
import { renderScansView, renderScanView, type ScanView } from '../views/pages/scans.page.ts';
import { errorMessage, formValues, redirectDone, sendPage, viewContext } from './page-kit.ts';

/** Running scans with live progress, the history with per-engine outcomes, and "scan now". */
export function registerScanPages(app: FastifyInstance, deps: AppDeps): void {
  const labelOf = (personId: string) => deps.profiles.getPerson(personId)?.label ?? '';
  const view = (run: ScanRun): ScanView => ({ ...describeScanRun(deps, run), personLabel: labelOf(run.personId) });
  const people = (ids: string[]) => ids.map((id) => deps.profiles.getPerson(id)).filter((p) => p !== null).map((p) => ({ id: p.id, label: p.label }));

  app.get('/scans', async (request, reply) => {
    const visible = request.visiblePersonIds();
    return sendPage(reply, renderScansView(viewContext(request, deps), { scans: deps.scans.listRunsForPeople(visible, 50).map(view), people: people(visible) }));
  });

  app.post('/scans', async (request, reply) => {
    const personId = formValues(request.body).personId;
    try {
      if (!personId) throw createNotFoundError('people.not_found', 'No such person.');
      const { run } = startScan(deps, { personId, trigger: 'manual' });
      return redirectDone(reply, `/scans/${run.id}`, 'scan_started');
    } catch (error) {
      const visible = request.visiblePersonIds();
      const ctx = viewContext(request, deps);
      return sendPage(reply, renderScansView(ctx, { scans: deps.scans.listRunsForPeople(visible, 50).map(view), people: people(visible), error: errorMessage(ctx, error) }), 400);
    }
  });

  app.get<{ Params: { id: string } }>('/scans/:id', async (request, reply) => {
    const run = deps.scans.getRun(request.params.id);
    if (!run) throw createNotFoundError('scans.not_found', 'No such scan.');
    return sendPage(reply, renderScanView(viewContext(request, deps), view(run)));
  });
}
