import { afterEach, describe, expect, it } from 'vitest';
import type http from 'node:http';
import { deliveries } from '../../../src/db/schema/index.ts';
import { raiseExposureAlert } from '../../../src/modules/alerts/alerts.usecases.ts';
import { deliverDue, sendDigest } from '../../../src/modules/alerts/delivery.usecases.ts';
import { verifyWebhook } from '../../../src/modules/alerts/webhook.models.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { addHit, createAlertsTestApp, personalData, PUBLIC_URL, seedPersonWithHit } from './alerts-setup.ts';

const SECRET = 'webhook-shared-secret-1234';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Received { headers: http.IncomingHttpHeaders; body: string }

async function startReceiver(status = () => 200) {
  const received: Received[] = [];
  const server = await startLocalServer({
    '/hook/topic': (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = status();
        res.end('{}');
      });
    },
  });
  cleanups.push(server.close);
  return { url: `${server.url}/hook/topic`, received };
}

async function setup(url: string) {
  const t = await createAlertsTestApp({ WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET });
  cleanups.push(t.close);
  return t;
}

describe('alert webhook', () => {
  it('posts neutral JSON signed over the timestamp and the raw body', async () => {
    const receiver = await startReceiver();
    const t = await setup(receiver.url);
    const { hit } = await seedPersonWithHit(t.app, { severity: 'high' });
    const { alertId } = await raiseExposureAlert(t.alerts, { hit, isNew: true });
    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 1 });

    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0]!;
    expect(headers['content-type']).toBe('application/json');
    const nowSeconds = Math.floor(t.app.clock.now().getTime() / 1000);
    expect(verifyWebhook({
      secret: SECRET, timestamp: headers['x-exposure-scanner-timestamp'] as string, signature: headers['x-exposure-scanner-signature'] as string, rawBody: body, nowSeconds,
    })).toBe(true);
    expect(verifyWebhook({ secret: 'not-the-shared-secret-000', timestamp: headers['x-exposure-scanner-timestamp'] as string, signature: headers['x-exposure-scanner-signature'] as string, rawBody: body, nowSeconds })).toBe(false);
    expect(JSON.parse(body)).toEqual({
      type: 'alert', alertId, kind: 'exposure', severity: 'high', counts: { unread: 1 }, link: `${PUBLIC_URL}/exposures/${hit.id}`, createdAt: '2026-11-22T10:00:00.000Z',
    });
    for (const secret of personalData) expect(body).not.toContain(secret);
    const [row] = t.app.db.select().from(deliveries).all();
    expect(row).toMatchObject({ channel: 'webhook', status: 'sent', attempts: 1 });
    expect(row!.target).toBe(new URL(receiver.url).host);
  });

  it('records an error status as a failure and retries it', async () => {
    let status = 503;
    const receiver = await startReceiver(() => status);
    const t = await setup(receiver.url);
    const { hit } = await seedPersonWithHit(t.app, { severity: 'critical' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    expect(await deliverDue(t.alerts)).toMatchObject({ failed: 1 });
    expect(t.app.db.select().from(deliveries).get()).toMatchObject({ status: 'failed', lastError: 'alerts.webhook_rejected: The webhook answered HTTP 503.' });
    status = 204;
    t.app.clock.advance(120_000);
    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 1 });
    expect(receiver.received).toHaveLength(2);
  });

  it('does not follow a redirect with the signed body', async () => {
    const server = await startLocalServer({
      '/hook': (_req, res) => {
        res.statusCode = 307;
        res.setHeader('location', 'http://169.254.169.254/steal');
        res.end();
      },
    });
    cleanups.push(server.close);
    const t = await setup(`${server.url}/hook`);
    const { hit } = await seedPersonWithHit(t.app, { severity: 'critical' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    expect(await deliverDue(t.alerts)).toMatchObject({ failed: 1 });
    expect(t.app.db.select().from(deliveries).get()!.lastError).toMatch(/redirect/i);
  });

  it('sends one digest post for the waiting low and medium alerts', async () => {
    const receiver = await startReceiver();
    const t = await setup(receiver.url);
    const { personId, hit } = await seedPersonWithHit(t.app, { severity: 'low' });
    const a = (await raiseExposureAlert(t.alerts, { hit, isNew: true })).alertId;
    const b = (await raiseExposureAlert(t.alerts, { hit: await addHit(t.app, personId, 'medium', '/thread/7'), isNew: true })).alertId;
    expect(await sendDigest(t.alerts)).toMatchObject({ sent: 2 });
    expect(receiver.received).toHaveLength(1);
    const payload = JSON.parse(receiver.received[0]!.body);
    expect(payload).toMatchObject({ type: 'digest', counts: { total: 2, bySeverity: { low: 1, medium: 1 }, health: 0 }, link: `${PUBLIC_URL}/overview` });
    expect(payload.alertIds.sort()).toEqual([a, b].sort());
  });
});
