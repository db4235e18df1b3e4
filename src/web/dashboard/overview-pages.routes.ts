import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { createOverviewReadModel } from '../read-models/overview.ts';
import { effectiveSettings } from '../read-models/settings.ts';
import { apiRoutes, buildOpenApiDocument } from '../openapi.ts';
import { renderOverviewView } from '../views/pages/overview.page.ts';
import { renderApiDocsView } from '../views/pages/api-docs.page.ts';
import { formValues, redirectDone, sendPage, viewContext, type PageDeps } from './page-kit.ts';
import { resumeEngine } from '../../modules/scans/scans.routes.ts';

export type OverviewRoutesDeps = PageDeps & Pick<AppDeps, 'db' | 'engineStatus' | 'cipher' | 'demo'>;

/** The overview page and its API, the settings API, and the API's own description and documentation page. */
export function registerOverviewRoutes(app: FastifyInstance, deps: OverviewRoutesDeps): void {
  // Engines are shared by the whole installation: only administrators of the first organisation (the
  // operator, as the route table's `operator` rule says) are offered to lift a pause.
  const isOperator = async (request: FastifyRequest) => request.actor?.role === 'admin' && request.actor.organisationId === await request.server.accountsDeps.accounts.firstOrganisationId();
  const overview = createOverviewReadModel(deps);

  app.get('/overview', async (request, reply) => sendPage(reply, renderOverviewView(await viewContext(request, deps), { ...await overview.build(await request.visiblePersonIds()), mayResumeEngines: await isOperator(request), simulatedWeb: deps.demo !== undefined })));

  app.get('/api/overview', async (request) => overview.build(await request.visiblePersonIds()));

  app.post('/engines/resume', async (request, reply) => {
    await resumeEngine(deps, formValues(request.body).id ?? '');
    return redirectDone(reply, '/overview', 'engine_resumed');
  });

  app.get('/api/settings', async () => effectiveSettings(deps));

  app.get('/api/openapi.json', async (_request, reply) => reply.header('cache-control', 'no-cache').send(buildOpenApiDocument(apiRoutes, deps.config.publicUrl)));

  app.get('/api/docs', async (request, reply) => sendPage(reply, renderApiDocsView(await viewContext(request, deps), apiRoutes)));
}
