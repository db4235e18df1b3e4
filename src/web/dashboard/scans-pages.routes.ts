import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { createNotFoundError } from '../../shared/errors.ts';
import { scanEngineOptions, startScan } from '../../modules/scans/scans.usecases.ts';
import { engineLabel as describeEngineLabel } from '../../modules/scans/scans.routes.ts';
import { describeScanRun } from '../../modules/scans/scan-report.ts';
import type { ScanRun } from '../../modules/scans/scans.repository.ts';
import { renderScansView, renderScanView, type EngineOption, type ScanView } from '../views/pages/scans.page.ts';
import { errorMessage, formList, formValues, redirectDone, sendPage, viewContext, type PageDeps } from './page-kit.ts';
import { withQuery } from '../views/html.ts';
import { isEngineInstanceKey } from '../../modules/scans/engine-selection.models.ts';

// `photos`, `demo` and `jobs`: scan now offers the person's engines (the consented reverse-image ones, the
// simulated web's for the demo person) and queues the run.
export type ScanPagesDeps = PageDeps & Pick<AppDeps, 'profiles' | 'scans' | 'photos' | 'demo' | 'jobs'>;

/** The names of the engine keys in an address's `leftOut` that name an engine (anything else is not shown). */
function knownEngineLabels(keys: string | undefined): string[] {
  return (keys ?? '').split(' ').filter(Boolean).slice(0, 20).filter(isEngineInstanceKey).map(describeEngineLabel);
}

/** Running scans with live progress, the history with per-engine outcomes, and "scan now". */
export function registerScanPages(app: FastifyInstance, deps: ScanPagesDeps): void {
  const labelOf = async (personId: string) => (await deps.profiles.getPerson(personId))?.label ?? '';
  const view = async (run: ScanRun): Promise<ScanView> => ({ ...await describeScanRun(deps, run), personLabel: await labelOf(run.personId) });
  const peopleOf = async (ids: string[]) => (await Promise.all(ids.map(async (id) => await deps.profiles.getPerson(id)))).filter((p) => p !== null);
  // With several people visible the boxes are the union of their engines; each person's scan maps the
  // chosen keys to that person's engines (the demo person's go to the simulated web). A box is checked for the
  // person the form has chosen, and says for whom else it would be (the page's script follows the choice).
  const engineOptions = async (people: Awaited<ReturnType<typeof peopleOf>>, chosen: string | undefined): Promise<EngineOption[]> => {
    const options = new Map<string, EngineOption>();
    for (const person of people) {
      const { choices, defaults } = await scanEngineOptions(deps, person);
      for (const c of choices) {
        const defaultFor = [...options.get(c.key)?.defaultFor ?? [], ...(defaults.includes(c.key) ? [person.id] : [])];
        options.set(c.key, { key: c.key, label: describeEngineLabel(c.key), reverseImage: c.kind === 'reverse_image', defaultFor, checked: false });
      }
    }
    return [...options.values()].map((o) => ({ ...o, checked: chosen !== undefined && o.defaultFor.includes(chosen) }));
  };
  const listData = async (ids: string[], chosenPersonId?: string) => {
    const people = await peopleOf(ids);
    const chosen = people.find((p) => p.id === chosenPersonId)?.id ?? people[0]?.id;
    return {
      scans: await Promise.all((await deps.scans.listRunsForPeople(ids, 50)).map(view)),
      people: people.map((p) => ({ id: p.id, label: p.label })),
      chosenPersonId: chosen,
      engines: await engineOptions(people, chosen),
    };
  };

  app.get('/scans', async (request, reply) => {
    const visible = await request.visiblePersonIds();
    return sendPage(reply, renderScansView(await viewContext(request, deps), await listData(visible)));
  });

  app.post('/scans', async (request, reply) => {
    const form = formValues(request.body);
    const personId = form.personId;
    try {
      if (!personId) throw createNotFoundError('people.not_found', 'No such person.');
      // The form marks that it offered a choice, so that no box checked is an error rather than "the usual engines".
      // Its boxes are the union of every listed person's engines: those this person cannot use are left out and
      // the notice says so.
      const engineKeys = form.enginesOffered === '1' ? formList(request.body, 'engines') : undefined;
      const { run, leftOut } = await startScan(deps, { personId, trigger: 'manual', engineKeys, leaveOutUnusable: true });
      // The keys left out ride along in the address, so the run's page can name them.
      return leftOut.length
        ? redirectDone(reply, withQuery(`/scans/${run.id}`, { leftOut: leftOut.join(' ') }), 'scan_started_some_left_out')
        : redirectDone(reply, `/scans/${run.id}`, 'scan_started');
    } catch (error) {
      const visible = await request.visiblePersonIds();
      const ctx = await viewContext(request, deps);
      return sendPage(reply, renderScansView(ctx, { ...await listData(visible, personId), error: errorMessage(ctx, error) }), 400);
    }
  });

  app.get<{ Params: { id: string } }>('/scans/:id', async (request, reply) => {
    const run = await deps.scans.getRun(request.params.id);
    if (!run) throw createNotFoundError('scans.not_found', 'No such scan.');
    const ctx = await viewContext(request, deps);
    return sendPage(reply, renderScanView(ctx, { ...await view(run), leftOut: knownEngineLabels(ctx.query.leftOut) }));
  });
}
