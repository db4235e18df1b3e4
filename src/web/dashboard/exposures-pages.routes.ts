import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { createNotFoundError } from '../../shared/errors.ts';
import { hitListQuery } from '../../modules/hits/hits.routes.ts';
import { changeCaseStatus, openCaseForHit } from '../../modules/takedowns/cases.usecases.ts';
import { createInvalidReplyAddressError, sendCase } from '../../modules/takedowns/cases.sending.usecases.ts';
import { audit } from '../../modules/accounts/audit.ts';
import { CASE_STATUSES, type CaseStatus } from '../../modules/takedowns/cases.models.ts';
import { createExposuresReadModel, decodeCursor, type ExposureFilters, type ExposureRow } from '../read-models/exposures.ts';
import { exposureRows, personFilterField, renderExposuresView } from '../views/pages/exposures.page.ts';
import { datesKey } from '../views/context.ts';
import { keepFragment, type KeptFragment } from '../views/kept-fragment.ts';
import { createKeptPerObject } from '../read-models/kept-reads.ts';
import { createUncheckedReadModel } from '../read-models/unchecked.ts';
import { createUnclearLookupsReadModel } from '../read-models/unclear-lookups.ts';
import { renderExposureView } from '../views/pages/exposure.page.ts';
import { placeMatchBoxes } from '../../modules/evidence/match-boxes.ts';
import { errorMessage, formValues, redirectDone, sendPage, viewContext, type PageDeps } from './page-kit.ts';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

const hitNotFound = () => createNotFoundError('hits.not_found', 'No such exposure.');

export type ExposurePagesDeps = PageDeps & Pick<AppDeps, 'db' | 'hits' | 'profiles' | 'takedowns' | 'cipher' | 'evidence' | 'settings'>;

/** The exposures list with its filters, and one exposure with its evidence, matches and takedown. */
export function registerExposurePages(app: FastifyInstance, deps: ExposurePagesDeps): void {
  // Whether the evidence routes are served (a test may leave their module out), asked of the router once: requests
  // come only after every route is registered, and the answer cannot change afterwards.
  let evidenceRoutes: { files: boolean; exports: boolean } | undefined;
  const servedEvidenceRoutes = () => (evidenceRoutes ??= { files: app.hasRoute({ method: 'GET', url: '/api/evidence/files/:sha256' }), exports: app.hasRoute({ method: 'POST', url: '/api/evidence/export' }) });
  const exposures = createExposuresReadModel(deps);
  const unchecked = createUncheckedReadModel(deps);
  const unclearLookups = createUnclearLookupsReadModel(deps);
  // The rendered person choice, per list of people (the read model hands out the same list until the
  // database changes, so a changed label or person makes a new list and a new rendering) and per language
  // and choice; kept as bytes, since it is most of the page (kept-fragment.ts).
  const personFields = createKeptPerObject<KeptFragment | null>();
  const personField = (ctx: Awaited<ReturnType<typeof viewContext>>, people: { id: string; label: string }[], personId: string | undefined): KeptFragment | null =>
    personFields(people, `${ctx.lang}|${personId ?? ''}`, () => {
      const fragment = personFilterField(ctx, people, personId);
      return fragment === '' ? null : keepFragment(fragment);
    });

  // The rows drawn from a kept page of the list (the same object until the database changes), per language,
  // zone and year (their dates) and whether thumbnails link to evidence.
  const rowsFields = createKeptPerObject<KeptFragment>();
  const rowsField = (ctx: Awaited<ReturnType<typeof viewContext>>, page: { rows: ExposureRow[] }, evidenceRoute: boolean): KeptFragment =>
    rowsFields(page, `${datesKey(ctx)}|${evidenceRoute}`, () => keepFragment(exposureRows(ctx, page.rows, evidenceRoute)));

  const renderDetail = async (request: IdRequest, reply: FastifyReply, error: string | null = null, status = 200) => {
    const detail = await exposures.load(request.params.id);
    if (!detail) throw hitNotFound();
    const query = request.query as Record<string, string | undefined>;
    // Photos found inside a larger picture are outlined on the (still blurred) capture they were found in.
    const boxes = await placeMatchBoxes(deps.evidence, detail.captures.map((c) => ({ id: c.id, purpose: c.purpose, artifacts: Object.fromEntries(c.artifacts.map((a) => [a.role, a.sha256])) })), detail.matches);
    return sendPage(reply, renderExposureView(await viewContext(request, deps), detail, {
      boxes,
      revealed: query.revealed === '1',
      evidenceRoute: servedEvidenceRoutes().files,
      exportRoute: servedEvidenceRoutes().exports,
      canSendMail: Boolean(deps.takedowns.sendMail),
      senderEmail: deps.takedowns.settings.sender.email,
      error,
    }), status);
  };

  app.get('/exposures', async (request, reply) => {
    const parsed = hitListQuery.safeParse(request.query ?? {});
    const filters: ExposureFilters = parsed.success ? { personId: parsed.data.personId, severity: parsed.data.severity, status: parsed.data.status, category: parsed.data.category } : {};
    const visible = await request.visiblePersonIds();
    const after = decodeCursor((request.query as Record<string, string | undefined>).after);
    const page = await exposures.listPage(visible, filters, { after });
    const ctx = await viewContext(request, deps);
    const people = await exposures.peopleOptions(visible);
    const field = personField(ctx, people, filters.personId);
    const evidenceRoute = servedEvidenceRoutes().files;
    const rows = rowsField(ctx, page, evidenceRoute);
    return sendPage(reply, renderExposuresView(ctx, {
      rows: page.rows, next: page.next, continued: after !== null, people, personField: field?.marker ?? '', rowsField: rows.marker, filters, evidenceRoute,
      unchecked: await unchecked.list(visible, { personId: filters.personId }),
      unclearLookups: await unclearLookups.list(visible, { personId: filters.personId }),
    }), 200, field ? [field, rows] : [rows]);
  });

  app.get<{ Params: { id: string } }>('/exposures/:id', async (request, reply) => renderDetail(request, reply));

  // Without script the reveal is this form; with script the page posts to the API and un-blurs in place.
  app.post<{ Params: { id: string } }>('/exposures/:id/reveal', async (request, reply) => reply.redirect(`/exposures/${request.params.id}?revealed=1#evidence`, 303));

  app.post<{ Params: { id: string } }>('/exposures/:id/case', async (request, reply) => {
    try {
      // `redraft` writes the text again for a case opened before it could be drafted (or in another state of the settings).
      await openCaseForHit(deps.takedowns, request.params.id, { actor: 'person', redraft: formValues(request.body).redraft === 'true' });
      return redirectDone(reply, `/exposures/${request.params.id}`, 'case_opened');
    } catch (error) {
      return renderDetail(request, reply, errorMessage(await viewContext(request, deps), error), 400);
    }
  });

  app.post<{ Params: { id: string } }>('/exposures/:id/status', async (request, reply) => {
    const to = formValues(request.body).status;
    try {
      if (!(CASE_STATUSES as readonly string[]).includes(to ?? '')) throw createNotFoundError('request.invalid', 'Unknown status.');
      const row = await deps.takedowns.cases.getByHit(request.params.id);
      // The button itself is the confirmation the use case asks for before closing a case.
      if (row) await changeCaseStatus(deps.takedowns, row.id, { to: to as CaseStatus, confirm: true, actor: 'person' });
      else if (to === 'false_positive') await deps.hits.setStatus(request.params.id, 'false_positive');
      return redirectDone(reply, `/exposures/${request.params.id}`, 'status_changed');
    } catch (error) {
      return renderDetail(request, reply, errorMessage(await viewContext(request, deps), error), 400);
    }
  });

  app.post<{ Params: { id: string } }>('/exposures/:id/send', async (request, reply) => {
    const form = formValues(request.body);
    try {
      const row = await deps.takedowns.cases.getByHit(request.params.id);
      if (!row) throw createNotFoundError('takedowns.case_not_found', 'This exposure has no takedown case yet.');
      // An administrator may keep the typed address as the sender address for every later notice.
      if (form.saveSender === 'true' && form.replyAddress && request.actor?.role === 'admin' && form.confirm === 'true') {
        const saved = await deps.settings.save({ TAKEDOWN_SENDER_EMAIL: form.replyAddress }, request.actor.accountId);
        if (!saved.ok) throw createInvalidReplyAddressError();
        for (const key of saved.changed) await audit({ db: deps.db, clock: deps.clock }, { actor: request.actor, action: 'settings_changed', subject: { type: 'setting', id: key } });
      }
      await sendCase(deps.takedowns, row.id, { confirm: form.confirm === 'true', replyAddress: form.replyAddress || null });
      return redirectDone(reply, `/exposures/${request.params.id}`, 'sent');
    } catch (error) {
      return renderDetail(request, reply, errorMessage(await viewContext(request, deps), error), 400);
    }
  });
}
