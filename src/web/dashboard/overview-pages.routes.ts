import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { buildOverview } from '../read-models/overview.ts';
import { effectiveSettings } from '../read-models/settings.ts';
import { apiRoutes, buildOpenApiDocument } from '../openapi.ts';
import { renderOverviewView } from '../views/pages/overview.page.ts';
import { renderApiDocsView } from '../views/pages/api-docs.page.ts';
import { sendPage, viewContext } from './page-kit.ts';

/** The overview page and its API, the settings API, and the API's own description and documentation page. */
export function registerOverviewRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/overview', async (request, reply) => sendPage(reply, renderOverviewView(viewContext(request, deps), buildOverview(deps, request.visiblePersonIds()))));

  app.get('/api/overview', async (request) => buildOverview(deps, request.visiblePersonIds()));

  app.get('/api/settings', async () => effectiveSettings(deps));

  app.get('/api/openapi.json', async (_request, reply) => reply.header('cache-control', 'no-cache').send(buildOpenApiDocument(apiRoutes, deps.config.publicUrl)));

  app.get('/api/docs', async (request, reply) => sendPage(reply, renderApiDocsView(viewContext(request, deps), apiRoutes)));
}
