import { describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/web/server.ts';
import { AppError } from '../../../src/shared/errors.ts';
import { createMemoryLogger, createTestApp } from '../../helpers/test-app.ts';

/** Routes made up for these tests declare their own rule; an undeclared one would stop the server (see below). */
const testRoute = { config: { access: { public: true } } };

describe('the web server', () => {
  it('reports a missing browser and a silent worker as degraded, not failing', async () => {
    const app = await createTestApp();
    const server = await buildServer(app);
    const response = await server.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'degraded', database: { ok: true }, migrations: { applied: true, pending: 0 }, worker: { heartbeatAgeSeconds: null }, browser: { found: false } });
    await server.close();
  });

  it('reports the age of the worker heartbeat', async () => {
    const app = await createTestApp();
    await app.heartbeats.register({ workerId: 'w1', isScheduler: true });
    app.clock.advance(7000);
    const server = await buildServer(app);
    const body = (await server.inject({ url: '/healthz' })).json();
    expect(body.worker).toEqual({ heartbeatAgeSeconds: 7, workerId: 'w1', scheduler: true });
    await server.close();
  });

  it('answers errors with stable codes and hides 5xx details', async () => {
    const app = await createTestApp({
      routeModules: [
        (s) => {
          s.get('/t/app-error', testRoute, async () => { throw new AppError({ code: 'hits.not_found', message: 'No such exposure.', statusCode: 404 }); });
          s.get('/t/crash', testRoute, async () => { throw new Error('secret internal detail'); });
        },
      ],
    });
    const server = await buildServer(app);
    expect((await server.inject({ url: '/t/app-error' })).json()).toEqual({ error: { code: 'hits.not_found', message: 'No such exposure.' } });
    const crash = await server.inject({ url: '/t/crash' });
    expect(crash.statusCode).toBe(500);
    expect(crash.body).not.toContain('secret internal detail');
    expect(crash.json().error.code).toBe('server.internal_error');
    expect((await server.inject({ url: '/nope' })).json().error.code).toBe('route.not_found');
    await server.close();
  });

  it('never logs personal data or query strings', async () => {
    const { logger, lines } = createMemoryLogger();
    const app = await createTestApp({ logger, routeModules: [(s) => void s.get('/t/echo', testRoute, async (req) => { req.log.info({ query: 'Marie-Claire Dubois', phone: '+32470123456', person: { names: ['Marie-Claire Dubois'] } }, 'searching'); return {}; })] });
    const server = await buildServer(app);
    await server.inject({ url: '/t/echo?q=Marie-Claire%20Dubois' });
    const log = lines.join('\n');
    expect(log).toContain('searching');
    expect(log).not.toMatch(/Marie|Dubois|470123456/);
    await server.close();
  });

  it('logs one line per answered request, with method, path, status and time, and a request that broke as an error', async () => {
    const { logger, lines } = createMemoryLogger('info');
    const app = await createTestApp({ logger, routeModules: [(s) => {
      s.get('/t/page', testRoute, async () => ({}));
      s.get('/t/crash', testRoute, async () => { throw new Error('broken'); });
    }] });
    const server = await buildServer(app);
    const parsed = () => lines.map((l) => JSON.parse(l) as { reqId?: string; msg?: string; level?: number; req?: { path?: string }; res?: { statusCode?: number }; responseTime?: unknown });
    await server.inject({ url: '/t/page?q=Marie-Claire%20Dubois' });
    const answered = parsed().filter((l) => l.reqId !== undefined);
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'GET', path: '/t/page' }, res: { statusCode: 200 } });
    expect(answered[0]!.responseTime).toBeTypeOf('number');
    expect(lines.join('\n')).not.toMatch(/Marie|Dubois/);
    await server.inject({ url: '/t/nothing-here' });
    expect(parsed().filter((l) => l.req?.path === '/t/nothing-here' && l.msg === 'request completed').map((l) => l.res)).toEqual([{ statusCode: 404 }]);
    await server.inject({ url: '/t/crash' });
    expect(parsed().filter((l) => l.req?.path === '/t/crash').map((l) => l.res?.statusCode)).toContain(500);
    expect(parsed().some((l) => l.msg === 'incoming request')).toBe(false);
    await server.close();
  });
});

describe('routes without a declared access rule', () => {
  it('stop the start when a dashboard page is missing from the page table, naming the route and the table', async () => {
    const app = await createTestApp({ routeModules: [(s) => void s.get('/secret-report/:id', async () => 'every person\'s exposures')] });
    await expect(buildServer(app)).rejects.toThrow(/The page route GET \/secret-report\/:id has no entry in the page table \(src\/web\/dashboard\/page-routes\.ts\)/);
    await app.close();
  });

  it('stop the start for a form handler too, not only for pages that are read', async () => {
    const app = await createTestApp({ routeModules: [(s) => void s.post('/people/:id/export-all', async () => 'done')] });
    await expect(buildServer(app)).rejects.toThrow(/POST \/people\/:id\/export-all has no entry in the page table/);
    await app.close();
  });

  it('start normally with every page of the real dashboard declared, and the health check and assets public', async () => {
    const app = await createTestApp();
    const server = await buildServer(app);
    await server.ready();
    expect((await server.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await server.inject({ url: '/static/app.css' })).statusCode).toBe(200);
    // Before the first account exists, a declared page sends the visitor to setup rather than opening.
    expect((await server.inject({ url: '/overview' })).headers.location).toBe('/setup');
    await server.close();
    await app.close();
  });
});
