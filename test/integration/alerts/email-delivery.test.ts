import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { deliveries, alerts as alertsTable } from '../../../src/db/schema/index.ts';
import { raiseExposureAlert } from '../../../src/modules/alerts/alerts.usecases.ts';
import { deliverDue, sendDigest } from '../../../src/modules/alerts/delivery.usecases.ts';
import { createMemoryLogger } from '../../helpers/test-app.ts';
import { addHit, closedPort, createAlertsTestApp, parseMail, personalData, PUBLIC_URL, seedPersonWithHit, startSmtpServer } from './alerts-setup.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const emailEnv = (smtpUrl: string, extra: Record<string, string> = {}) => ({
  SMTP_URL: smtpUrl, ALERT_EMAIL_TO: 'inbox@example.org', ALERT_EMAIL_FROM: 'Notifications <notify@example.org>', ...extra,
});

async function setup(env: Record<string, string>) {
  const t = await createAlertsTestApp(env);
  cleanups.push(t.close);
  return t;
}

const deliveryRows = (t: Awaited<ReturnType<typeof setup>>) => t.app.db.select().from(deliveries).all();

describe('alert email over SMTP', () => {
  it('sends a critical exposure at once, with nothing personal in the subject, preview, body or headers', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const t = await setup(emailEnv(smtp.url()));
    const { hit } = await seedPersonWithHit(t.app, { severity: 'critical' });

    const raised = await raiseExposureAlert(t.alerts, { hit, isNew: true });
    expect(raised.deliveries).toBe(1);
    expect(await t.app.jobs.countByStatus()).toEqual({ queued: 1 });
    const outcome = await deliverDue(t.alerts);
    expect(outcome).toEqual({ sent: 1, failed: 0, gaveUp: 0, postponed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.to).toEqual(['inbox@example.org']);
    expect(message!.from).toBe('notify@example.org');
    const mail = parseMail(message!.raw);
    expect(mail.headers.get('subject')).toBe('New item to review');
    expect(mail.headers.get('from')).toBe('Notifications <notify@example.org>');
    expect(mail.headerNames.filter((h) => h.startsWith('list-') || h === 'x-mailer')).toEqual([]);
    expect(mail.text.split(/\r?\n/)[0]).toBe('There is something new for you to review.');
    expect(mail.text).toContain(`${PUBLIC_URL}/exposures/${hit.id}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/exposures/${hit.id}"`);
    expect(mail.text).toContain('Priority: critical.');
    for (const secret of personalData) expect(mail.decoded).not.toContain(secret);
    expect(mail.decoded).not.toContain('pa55word');

    const [row] = deliveryRows(t);
    expect(row).toMatchObject({ channel: 'email', target: 'inbox@example.org', mode: 'immediate', status: 'sent', attempts: 1, lastError: null });
  });

  it('writes in the person\'s language', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const t = await setup(emailEnv(smtp.url()));
    const { hit } = await seedPersonWithHit(t.app, { severity: 'high', language: 'fr' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    await deliverDue(t.alerts);
    const mail = parseMail(smtp.received[0]!.raw);
    expect(mail.headers.get('subject')).toBe('Nouvel élément à examiner');
    expect(mail.text).toContain('Priorité\u00a0: haute.');
  });

  it('records a failed delivery when the mail server is down, and succeeds on the retry once it is back', async () => {
    const port = await closedPort();
    const t = await setup(emailEnv(`smtp://alerts:pa55word@127.0.0.1:${port}`));
    const { hit } = await seedPersonWithHit(t.app, { severity: 'high' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });

    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 0, failed: 1 });
    let [row] = deliveryRows(t);
    expect(row!.status).toBe('failed');
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(row!.nextAttemptAt!.getTime()).toBe(t.app.clock.now().getTime() + 60_000);

    // Not due yet: nothing is tried.
    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 0, failed: 0 });

    const smtp = await startSmtpServer({ port });
    cleanups.push(smtp.close);
    t.app.clock.advance(61_000);
    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 1, failed: 0 });
    [row] = deliveryRows(t);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(smtp.received).toHaveLength(1);
  });

  it('logs a failed delivery without the recipient or anything about the person', async () => {
    const port = await closedPort();
    const { logger, lines } = createMemoryLogger();
    const t = await createAlertsTestApp(emailEnv(`smtp://alerts:pa55word@127.0.0.1:${port}`), { logger });
    cleanups.push(t.close);
    const { hit } = await seedPersonWithHit(t.app, { severity: 'high' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    await deliverDue(t.alerts);
    const log = lines.join('\n');
    expect(log).toContain('alert delivery failed; will retry');
    expect(log).not.toMatch(/inbox@example\.org|pa55word/);
    for (const secret of personalData) expect(log).not.toContain(secret);
  });

  it('records a refused login as a failure with its reason', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const t = await setup(emailEnv(smtp.url('alerts', 'wrong-password')));
    const { hit } = await seedPersonWithHit(t.app, { severity: 'critical' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    expect(await deliverDue(t.alerts)).toMatchObject({ failed: 1 });
    const [row] = deliveryRows(t);
    expect(row!.lastError).toMatch(/EAUTH/);
    expect(row!.lastError).not.toContain('wrong-password');
    expect(smtp.received).toHaveLength(0);
  });

  it('gives up after the last attempt and says so on the row', async () => {
    const port = await closedPort();
    const t = await setup(emailEnv(`smtp://alerts:pa55word@127.0.0.1:${port}`));
    const { hit } = await seedPersonWithHit(t.app, { severity: 'high' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    for (let i = 0; i < 10; i++) {
      await deliverDue(t.alerts);
      t.app.clock.advance(2 * 86_400_000);
    }
    const [row] = deliveryRows(t);
    expect(row).toMatchObject({ status: 'gave_up', attempts: 10, nextAttemptAt: null });
    expect(row!.lastError).toBeTruthy();
    expect(await deliverDue(t.alerts)).toEqual({ sent: 0, failed: 0, gaveUp: 0, postponed: 0 });
  });

  it('puts low and medium exposures into one digest per recipient', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const t = await setup(emailEnv(smtp.url(), { ALERT_EMAIL_TO: 'inbox@example.org, helper@example.org' }));
    const { personId, hit } = await seedPersonWithHit(t.app, { severity: 'low' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    await raiseExposureAlert(t.alerts, { hit: await addHit(t.app, personId, 'medium', '/thread/2'), isNew: true });
    await raiseExposureAlert(t.alerts, { hit: await addHit(t.app, personId, 'low', '/thread/3'), isNew: true });
    expect(await t.app.jobs.countByStatus()).toEqual({});

    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);

    expect(await sendDigest(t.alerts)).toMatchObject({ sent: 6, failed: 0, postponedUntil: null });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['helper@example.org', 'inbox@example.org']);
    const mail = parseMail(smtp.received[0]!.raw);
    expect(mail.headers.get('subject')).toBe('Items to review');
    expect(mail.text).toContain('New since the last summary: 3 (1 medium, 2 low).');
    expect(mail.text).toContain(`${PUBLIC_URL}/overview`);
    for (const secret of personalData) expect(mail.decoded).not.toContain(secret);
    expect(deliveryRows(t).every((d) => d.status === 'sent' && d.mode === 'digest')).toBe(true);

    expect(await sendDigest(t.alerts)).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it('holds non-urgent mail during quiet hours and lets critical through when allowed', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    // The test clock reads 10:00 UTC: quiet hours 09:00-12:00 cover it.
    const t = await setup(emailEnv(smtp.url(), { QUIET_HOURS: '09:00-12:00', ALERT_CRITICAL_DURING_QUIET_HOURS: 'true' }));
    const { personId, hit } = await seedPersonWithHit(t.app, { severity: 'high' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    const critical = await addHit(t.app, personId, 'critical', '/thread/9');
    await raiseExposureAlert(t.alerts, { hit: critical, isNew: true });
    await raiseExposureAlert(t.alerts, { hit: await addHit(t.app, personId, 'low', '/thread/4'), isNew: true });

    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(parseMail(smtp.received[0]!.raw).text).toContain(`/exposures/${critical.id}`);
    const digest = await sendDigest(t.alerts);
    expect(digest.sent).toBe(0);
    expect(digest.postponedUntil?.toISOString()).toBe('2026-11-22T12:00:00.000Z');

    t.app.clock.set('2026-11-22T12:00:00Z');
    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 1 });
    expect(await sendDigest(t.alerts)).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(3);
  });

  it('keeps critical mail for the morning when the setting says so', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const t = await setup(emailEnv(smtp.url(), { QUIET_HOURS: '09:00-12:00', ALERT_CRITICAL_DURING_QUIET_HOURS: 'false' }));
    const { hit } = await seedPersonWithHit(t.app, { severity: 'critical' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    expect(await deliverDue(t.alerts)).toMatchObject({ sent: 0 });
    expect(deliveryRows(t)[0]!.nextAttemptAt?.toISOString()).toBe('2026-11-22T12:00:00.000Z');
    expect(deliveryRows(t)[0]!.attempts).toBe(0);
  });

  it('raises nothing for a hit seen again at the same severity, and a new alert when it gets worse', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const t = await setup(emailEnv(smtp.url()));
    const { personId, hit } = await seedPersonWithHit(t.app, { severity: 'medium' });
    expect((await raiseExposureAlert(t.alerts, { hit, isNew: true })).alertId).not.toBeNull();
    expect((await raiseExposureAlert(t.alerts, { hit, isNew: true })).alertId).toBeNull();
    const again = await addHit(t.app, personId, 'medium', '/thread/1');
    expect((await raiseExposureAlert(t.alerts, { hit: again, isNew: false })).alertId).toBeNull();
    const worse = await addHit(t.app, personId, 'critical', '/thread/1');
    const raised = await raiseExposureAlert(t.alerts, { hit: worse, isNew: false });
    expect(raised.alertId).not.toBeNull();
    expect(t.app.db.select().from(alertsTable).where(eq(alertsTable.id, raised.alertId!)).get()?.detail).toEqual({ reason: 'worse' });
    await deliverDue(t.alerts);
    expect(parseMail(smtp.received[0]!.raw).text).toContain('An item you already know about has changed');
  });
});
