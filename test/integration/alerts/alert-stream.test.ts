import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../../../src/web/server.ts';
import { createAlertRoutes } from '../../../src/modules/alerts/alerts.routes.ts';
import { raiseExposureAlert } from '../../../src/modules/alerts/alerts.usecases.ts';
import { createAlertsRepository } from '../../../src/modules/alerts/alerts.repository.ts';
import { createAlertsTestApp, personalData, seedPersonWithHit } from './alerts-setup.ts';
import { createTestAdmin, injectAs } from '../../helpers/test-auth.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startServer() {
  const t = await createAlertsTestApp({});
  cleanups.push(t.close);
  const admin = await createTestAdmin(t.app);
  const server = injectAs(await buildServer({ ...t.app, routeModules: [(s) => createAlertRoutes({ heartbeatMs: 20 })(s, { alerts: t.alerts })] }), admin);
  cleanups.push(async () => { await server.close(); });
  return { ...t, server, admin };
}

/** Reads a text stream until `done(text)` holds; resolves with everything read. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (text: string) => boolean, sofar = ''): Promise<string> {
  const decoder = new TextDecoder();
  let text = sofar;
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) return text;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe('alert inbox API', () => {
  it('lists alerts newest first with the unread count, and marks one read', async () => {
    const { app, alerts, server } = await startServer();
    const { hit } = await seedPersonWithHit(app, { severity: 'high' });
    const { alertId } = await raiseExposureAlert(alerts, { hit, isNew: true });

    const list = await server.inject({ url: '/api/alerts' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ unread: 1, alerts: [{ id: alertId, kind: 'exposure', severity: 'high', hitId: hit.id, link: `/exposures/${hit.id}`, reason: 'new', readAt: null, deliveries: [] }] });
    for (const secret of personalData) expect(list.body).not.toContain(secret);

    const read = await server.inject({ method: 'POST', url: `/api/alerts/${alertId}/read` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ unread: 0, alert: { id: alertId, readAt: '2026-11-22T10:00:00.000Z' } });
    expect((await server.inject({ url: '/api/alerts?unread=true' })).json()).toEqual({ alerts: [], unread: 0 });
    expect((await server.inject({ method: 'POST', url: '/api/alerts/alert_nope/read' })).json().error.code).toBe('alerts.not_found');
    expect((await server.inject({ url: '/api/alerts?limit=0' })).json().error.code).toBe('request.invalid');
  });
});

describe('alert stream', () => {
  it('pushes an alert row written by another process, with heartbeats in between, and ends on shutdown', async () => {
    const { app, server, admin } = await startServer();
    const { personId, hit } = await seedPersonWithHit(app, { severity: 'critical' });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as AddressInfo;

    const response = await fetch(`http://127.0.0.1:${port}/api/alerts/stream`, { headers: admin.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    let text = await readUntil(reader, (s) => s.includes(': heartbeat'));
    expect(text).toContain(': connected');

    // Written by a repository of its own, as the worker process would: only the database poll can see it.
    await createAlertsRepository({ db: app.db }).insertAlert({ id: 'alert_fromworker', personId, hitId: hit.id, kind: 'exposure', severity: 'critical', detail: { reason: 'new' }, createdAt: app.clock.now() });
    text = await readUntil(reader, (s) => s.includes('\n\n', s.indexOf('event: alert')) && s.includes('event: alert'), text);
    const block = text.slice(text.indexOf('id: '));
    const data = JSON.parse(/data: (.*)\n/.exec(block)![1]!);
    expect(block).toMatch(/^id: \d+\nevent: alert\n/);
    expect(data).toMatchObject({ unread: 1, alert: { id: 'alert_fromworker', severity: 'critical', link: `/exposures/${hit.id}` } });
    for (const secret of personalData) expect(text).not.toContain(secret);

    await server.close();
    const rest = await readUntil(reader, () => false);
    expect(typeof rest).toBe('string');
    expect((await reader.read()).done).toBe(true);
  });

  it('replays what a reconnecting client missed after its Last-Event-ID, for one person only', async () => {
    const { app, alerts, server, admin } = await startServer();
    const first = await seedPersonWithHit(app, { severity: 'high' });
    const second = await seedPersonWithHit(app, { severity: 'high', path: '/other' });
    await raiseExposureAlert(alerts, { hit: first.hit, isNew: true });
    const missedOther = await raiseExposureAlert(alerts, { hit: second.hit, isNew: true });
    expect(missedOther.alertId).not.toBeNull();
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as AddressInfo;

    const response = await fetch(`http://127.0.0.1:${port}/api/alerts/stream?personId=${second.personId}`, { headers: { ...admin.headers, 'last-event-id': '0' } });
    const reader = response.body!.getReader();
    const text = await readUntil(reader, (s) => s.includes('event: alert'));
    const rest = await readUntil(reader, (s) => s.includes('\n\n', s.indexOf('event: alert')), text);
    expect(rest).toContain(`"id":"${missedOther.alertId}"`);
    expect(rest.match(/event: alert/g)).toHaveLength(1);
    await reader.cancel();
  });
});
