import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { createPersonNotFoundError, parseProfileOrThrow } from '../../modules/profiles/profiles.usecases.ts';
import { addPersonForActor, parseCreatePersonBody, updatePersonSchedule } from '../../modules/profiles/profiles.routes.ts';
import { startScan } from '../../modules/scans/scans.usecases.ts';
import { wipePerson, type WipePersonEvidence } from '../../modules/accounts/accounts.usecases.ts';
import { listPeopleRows, loadPersonPage } from '../read-models/people.ts';
import { renderPeopleView } from '../views/pages/people.page.ts';
import { renderPersonView, type PersonFormState } from '../views/pages/person.page.ts';
import { errorMessage, formList, formValues, redirectDone, sendPage, viewContext, type PageDeps } from './page-kit.ts';
import { ENGINE_IDS, getEngine } from '../../providers/engine-registry.ts';
import { AppError } from '../../shared/errors.ts';
import { isUiLanguage } from '../auth.ts';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** Removes a wiped person's files from the evidence vault; the composition root connects it. */
export type WipeEvidenceOption = (deps: Pick<AppDeps, 'evidence'>) => WipePersonEvidence;

// `jobs`, `photos` and `random`: adding a person schedules their scans, and scan now queues one with the
// consented engines; `evidence` is handed to the wipe.
export type PeoplePagesDeps = PageDeps & Pick<AppDeps, 'db' | 'cipher' | 'profiles' | 'scans' | 'jobs' | 'photos' | 'demo' | 'random' | 'evidence'>;

/** The people list with the "add a person" form, and each person's page with its forms. */
export function createPeoplePages(options: { wipePersonEvidence: WipeEvidenceOption }) {
  return function registerPeoplePages(app: FastifyInstance, deps: PeoplePagesDeps): void {
    const renderPerson = async (request: IdRequest, reply: FastifyReply, state: PersonFormState = {}, status = 200) => {
      const data = await loadPersonPage(deps, request.params.id);
      if (!data) throw createPersonNotFoundError();
      return sendPage(reply, renderPersonView(await viewContext(request, deps), data, state), status);
    };

    app.get('/people', async (request, reply) => sendPage(reply, renderPeopleView(await viewContext(request, deps), { people: await listPeopleRows(deps, await request.visiblePersonIds()) })));

    app.post('/people', async (request, reply) => {
      const form = formValues(request.body);
      try {
        const body = parseCreatePersonBody({
          label: form.label ?? '', language: isUiLanguage(form.language) ? form.language : undefined, schedule: form.schedule?.trim() || undefined, profile: form.profile ?? '',
        });
        const personId = await addPersonForActor(deps, request.actor!, body);
        return redirectDone(reply, `/people/${personId}`, 'person_added');
      } catch (error) {
        const ctx = await viewContext(request, deps);
        return sendPage(reply, renderPeopleView(ctx, { people: await listPeopleRows(deps, await request.visiblePersonIds()), form, error: errorMessage(ctx, error) }), 400);
      }
    });

    app.get<{ Params: { id: string } }>('/people/:id', async (request, reply) => renderPerson(request, reply));

    app.post<{ Params: { id: string } }>('/people/:id/profile', async (request, reply) => {
      const form = formValues(request.body);
      try {
        const person = (await deps.profiles.getPerson(request.params.id))!;
        await deps.profiles.replaceProfile(person.id, parseProfileOrThrow(form.profile ?? '', person.defaultCountry));
        return redirectDone(reply, `/people/${person.id}`, 'profile_saved');
      } catch (error) {
        return renderPerson(request, reply, { error: { section: 'profile', message: errorMessage(await viewContext(request, deps), error) }, profileText: form.profile }, 400);
      }
    });

    app.post<{ Params: { id: string } }>('/people/:id/schedule', async (request, reply) => {
      const form = formValues(request.body);
      try {
        await updatePersonSchedule(deps, request.params.id, { schedule: form.schedule, enabled: form.enabled === 'true' });
        return redirectDone(reply, `/people/${request.params.id}`, 'schedule_saved');
      } catch (error) {
        return renderPerson(request, reply, { error: { section: 'schedule', message: errorMessage(await viewContext(request, deps), error) } }, 400);
      }
    });

    app.post<{ Params: { id: string } }>('/people/:id/scan', async (request, reply) => {
      try {
        const { run } = await startScan(deps, { personId: request.params.id, trigger: 'manual' });
        return redirectDone(reply, `/scans/${run.id}`, 'scan_started');
      } catch (error) {
        return renderPerson(request, reply, { error: { section: 'schedule', message: errorMessage(await viewContext(request, deps), error) } }, 409);
      }
    });

    // The checked engines are allowed, every other reverse-image engine is not (consent is per photo and engine).
    app.post<{ Params: { id: string; photoId: string } }>('/people/:id/photos/:photoId/consent', async (request, reply) => {
      try {
        const photo = await deps.photos.get(request.params.photoId);
        if (!photo || photo.personId !== request.params.id) throw new AppError({ code: 'photos.not_found', message: 'No such photo.', statusCode: 404 });
        const chosen = new Set(formList(request.body, 'engines'));
        if (chosen.size > 0 && photo.originalRef === null) throw new AppError({ code: 'photos.original_not_kept', message: 'Reverse-image search needs the original photo; upload it again and keep the original first.', statusCode: 409 });
        for (const engine of ENGINE_IDS.filter((id) => getEngine(id).kind === 'reverse_image')) {
          const current = (await deps.photos.consents(photo.id)).find((c) => c.engine === engine && !c.revokedAt);
          if (chosen.has(engine) !== Boolean(current)) await deps.photos.setConsent({ photoId: photo.id, engine, granted: chosen.has(engine), by: request.actor!.accountId });
        }
        return redirectDone(reply, `/people/${request.params.id}`, 'consent_saved');
      } catch (error) {
        return renderPerson(request, reply, { error: { section: 'profile', message: errorMessage(await viewContext(request, deps), error) } }, 400);
      }
    });

    app.post<{ Params: { id: string } }>('/people/:id/wipe', async (request, reply) => {
      const form = formValues(request.body);
      try {
        await wipePerson(app.accountsDeps, request.actor!, { personId: request.params.id, confirmLabel: form.confirmLabel ?? '', wipePersonEvidence: options.wipePersonEvidence(deps) });
        return redirectDone(reply, request.actor!.role === 'person' ? '/overview' : '/people', 'wiped');
      } catch (error) {
        return renderPerson(request, reply, { error: { section: 'wipe', message: errorMessage(await viewContext(request, deps), error) } }, 400);
      }
    });
  };
}
