import { describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/web/server.ts';
import { AppError } from '../../../src/shared/errors.ts';
import { createMemoryLogger, createTestApp } from '../../helpers/test-app.ts';

/** Routes made up for these tests declare their own rule; an undeclared one would stop the server (see below). */
const testRoute = { config: { access: { public: true } } };

describe('the web server', () => {
  it('reports a missing browser and a silent worker as degraded, not failing', async () => {
    const app = createTestApp();
    const server = await buildServer(app);
    const response = await server.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'degraded', database: { ok: true }, migrations: { applied: true, pending: 0 }, worker: { heartbeatAgeSeconds: null }, browser: { found: false } });
    await server.close();
  });

  it('reports the age of the worker heartbeat', async () => {
    const app = createTestApp();
    app.heartbeats.register({ workerId: 'w1', isScheduler: true });
    app.clock.advance(7000);
    const server = await buildServer(app);
    const body = (await server.inject({ url: '/healthz' })).json();
    expect(body.worker).toEqual({ heartbeatAgeSeconds: 7, workerId: 'w1', scheduler: true });
    await server.close();
  });

  it('answers errors with stable codes and hides 5xx details', async () => {
    const app = createTestApp({
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
    const app = createTestApp({ logger, routeModules: [(s) => void s.get('/t/echo', testRoute, async (req) => { req.log.info({ query: 'Marie-Claire Dubois', phone: '+32470123456', person: { names: ['Marie-Claire Dubois'] } }, 'searching'); return {}; })] });
    const server = await buildServer(app);
    await server.inject({ url: '/t/echo?q=Marie-Claire%20Dubois' });
    const log = lines.join('\n');
    expect(log).toContain('searching');
    expect(log).not.toMatch(/Marie|Dubois|470123456/);
    await server.close();
  });
});
