import { afterEach, describe, expect, it } from 'vitest';
import { deliveries } from '../../../src/db/schema/index.ts';
import { raiseHealthAlerts } from '../../../src/modules/alerts/health-alerts.usecases.ts';
import { createDeliveriesForHealthAlerts } from '../../../src/modules/alerts/alerts.usecases.ts';
import { deliverDue } from '../../../src/modules/alerts/delivery.usecases.ts';
import { createAlertsTestApp, parseMail, PUBLIC_URL, seedPersonWithHit, startSmtpServer } from './alerts-setup.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('health alert delivery', () => {
  it('tells the person by email when no scan has succeeded for too long', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const t = await createAlertsTestApp({ SMTP_URL: smtp.url(), ALERT_EMAIL_TO: 'inbox@example.org', ALERT_EMAIL_FROM: 'notify@example.org' });
    cleanups.push(t.close);
    await seedPersonWithHit(t.app, { severity: 'low', language: 'nl' });
    t.app.clock.advance(49 * 3_600_000);

    expect(await raiseHealthAlerts({ db: t.app.db, clock: t.app.clock, alertAfterHours: 48 })).toEqual({ raised: 1 });
    expect(await createDeliveriesForHealthAlerts(t.alerts)).toEqual({ created: 1 });
    expect(await createDeliveriesForHealthAlerts(t.alerts)).toEqual({ created: 0 });
    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 1 });

    const mail = parseMail(smtp.received[0]!.raw);
    expect(mail.headers.get('subject')).toBe('De scanner heeft aandacht nodig');
    expect(mail.text).toContain('Al een tijd is geen enkele scan gelukt');
    expect(mail.text).toContain(`${PUBLIC_URL}/overview`);
    expect(t.app.db.select().from(deliveries).get()).toMatchObject({ mode: 'immediate', status: 'sent' });
  });

  it('does not send health alerts older than a day when a channel is configured late', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const t = await createAlertsTestApp({ SMTP_URL: smtp.url(), ALERT_EMAIL_TO: 'inbox@example.org', ALERT_EMAIL_FROM: 'notify@example.org' });
    cleanups.push(t.close);
    await seedPersonWithHit(t.app, { severity: 'low' });
    t.app.clock.advance(49 * 3_600_000);
    await raiseHealthAlerts({ db: t.app.db, clock: t.app.clock, alertAfterHours: 48 });
    t.app.clock.advance(25 * 3_600_000);
    expect(await createDeliveriesForHealthAlerts(t.alerts)).toEqual({ created: 0 });
  });
});
