import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { routeModules } from '../../../src/web/routes.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { buildServer } from '../../../src/web/server.ts';
import { apiRoutes, toOpenApiPath } from '../../../src/web/openapi.ts';
import { routeKey } from '../../../src/web/route-access.ts';
import { registerWebFoundation } from '../../../src/web/foundation.ts';

describe('the OpenAPI document', () => {
  it('describes every /api route the server registers, with its method', async () => {
    const app = await createTestApp();
    const seen: string[] = [];
    // Routes are collected as the real server registers them: an onRoute hook installed before the application's modules.
    const collector = await buildServer({
      ...app,
      routeModules: [
        async (f) => {
          f.addHook('onRoute', (r) => {
            for (const m of [r.method].flat()) if (r.url.startsWith('/api/') && m !== 'HEAD') seen.push(routeKey(m, r.url));
          });
        },
        ...routeModules,
      ],
    });
    await collector.ready();
    await collector.close();
    await app.close();
    const documented = new Set(apiRoutes.map((r) => routeKey(r.method, r.path)));
    expect(seen.length).toBeGreaterThan(30);
    expect(seen.filter((k) => !documented.has(k))).toEqual([]);
  });

  it('refuses to start a server with an /api route that is missing from the table', async () => {
    const app = await createTestApp();
    const server = Fastify();
    await registerWebFoundation(server, app);
    expect(() => server.get('/api/undeclared/:id', async () => ({ secret: true }))).toThrow(/no entry in the API route table/);
    await server.close();
    await app.close();
  });

  it('is served without an account, as OpenAPI 3.1 with every path and method, next to its documentation page', async () => {
    const app = await createTestApp();
    const server = await buildServer(app);
    const doc = (await server.inject({ url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, { responses: object }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of apiRoutes) expect(doc.paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()], routeKey(route.method, route.path)).toBeDefined();
    const docs = await server.inject({ url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    for (const route of apiRoutes) expect(docs.body).toContain(`<code>${toOpenApiPath(route.path)}</code>`);
    await server.close();
    await app.close();
  });
});
