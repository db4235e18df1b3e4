import { afterEach, describe, expect, it } from 'vitest';
import { deliveries } from '../../../src/db/schema/index.ts';
import { alertJobKinds } from '../../../src/modules/alerts/alerts.job-kinds.ts';
import { raiseExposureAlert } from '../../../src/modules/alerts/alerts.usecases.ts';
import { createJobRegistry, type JobContext, type JobHandler } from '../../../workers/job-registry.ts';
import { createAlertSweepSchedule, createDeliverAlertsJob, createDigestJob, createDigestSchedule } from '../../../workers/alerts.job.ts';
import { closedPort, createAlertsTestApp, seedPersonWithHit, startSmtpServer } from './alerts-setup.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function queuedJobs(app: Awaited<ReturnType<typeof createAlertsTestApp>>['app']) {
  return app.db.$client.prepare("select kind, payload, idempotency_key as key, run_after as runAfter from jobs where status = 'queued' order by id").all() as { kind: string; payload: string; key: string; runAfter: number }[];
}

const context = (logger: JobContext['logger']): JobContext => ({ jobId: 1, attempt: 1, maxAttempts: 3, signal: new AbortController().signal, logger, complete: async (effects) => {
  await effects();
} });
const run = (handler: JobHandler, payload: unknown, logger: JobContext['logger']) => handler.handle(payload as never, context(logger));

describe('alert jobs and schedules', () => {
  it('declares a handler for every alert job kind', async () => {
    const t = await createAlertsTestApp({});
    cleanups.push(t.close);
    const registry = createJobRegistry(alertJobKinds, [createDeliverAlertsJob(t), createDigestJob(t)]);
    expect([...registry.handlers.keys()].sort()).toEqual(['alerts.deliver', 'alerts.digest']);
  });

  it('enqueues a delivery job keyed by the alert, and the job sends it', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const t = await createAlertsTestApp({ SMTP_URL: smtp.url(), ALERT_EMAIL_TO: 'inbox@example.org', ALERT_EMAIL_FROM: 'notify@example.org' });
    cleanups.push(t.close);
    const { hit } = await seedPersonWithHit(t.app, { severity: 'critical' });
    const { alertId } = await raiseExposureAlert(t.alerts, { hit, isNew: true });
    expect(queuedJobs(t.app)).toEqual([{ kind: 'alerts.deliver', payload: JSON.stringify({ alertId }), key: `alerts.deliver:${alertId}`, runAfter: t.app.clock.now().getTime() }]);
    await run(createDeliverAlertsJob(t), { alertId }, t.app.logger);
    expect(smtp.received).toHaveLength(1);
  });

  it('sweeps for retries only when a delivery is due, once per minute', async () => {
    const port = await closedPort();
    const t = await createAlertsTestApp({ SMTP_URL: `smtp://a:b@127.0.0.1:${port}`, ALERT_EMAIL_TO: 'inbox@example.org', ALERT_EMAIL_FROM: 'notify@example.org' });
    cleanups.push(t.close);
    const sweep = createAlertSweepSchedule(t);
    await sweep.tick(t.app.clock.now());
    expect(queuedJobs(t.app)).toEqual([]);

    const { hit } = await seedPersonWithHit(t.app, { severity: 'high' });
    await raiseExposureAlert(t.alerts, { hit, isNew: true });
    await run(createDeliverAlertsJob(t), {}, t.app.logger);
    expect(t.app.db.select().from(deliveries).get()!.status).toBe('failed');
    t.app.db.$client.prepare('delete from jobs').run();

    await sweep.tick(t.app.clock.now());
    expect(queuedJobs(t.app)).toEqual([]);
    t.app.clock.advance(70_000);
    await sweep.tick(t.app.clock.now());
    await sweep.tick(t.app.clock.now());
    expect(queuedJobs(t.app).map((j) => j.key)).toEqual(['alerts.deliver:sweep:2026-11-22T10:01']);
  });

  it('enqueues each digest occurrence once, catching up on the one missed before a start', async () => {
    const t = await createAlertsTestApp({ DIGEST_SCHEDULE: '0 8 * * *', QUIET_HOURS_TIMEZONE: 'Europe/Brussels' });
    cleanups.push(t.close);
    const schedule = createDigestSchedule(t);
    await schedule.tick(t.app.clock.now());
    expect(queuedJobs(t.app).map((j) => j.key)).toEqual(['alerts.digest:2026-11-22T07:00:00.000Z']);
    t.app.clock.advance(60_000);
    await schedule.tick(t.app.clock.now());
    // A restarted worker looks back a day and finds the same occurrence: the key keeps it single.
    await createDigestSchedule(t).tick(t.app.clock.now());
    expect(queuedJobs(t.app)).toHaveLength(1);
    t.app.clock.set('2026-11-23T07:00:30Z');
    await schedule.tick(t.app.clock.now());
    expect(queuedJobs(t.app).map((j) => j.key)).toEqual(['alerts.digest:2026-11-22T07:00:00.000Z', 'alerts.digest:2026-11-23T07:00:00.000Z']);
  });

  it('moves a digest that falls in the quiet hours to their end', async () => {
    const t = await createAlertsTestApp({ QUIET_HOURS: '09:00-11:30' });
    cleanups.push(t.close);
    await run(createDigestJob(t), { occurrence: '2026-11-22T10:00:00.000Z' }, t.app.logger);
    expect(queuedJobs(t.app)).toEqual([{
      kind: 'alerts.digest', payload: JSON.stringify({ occurrence: '2026-11-22T10:00:00.000Z' }),
      key: 'alerts.digest:2026-11-22T10:00:00.000Z:after-quiet', runAfter: Date.parse('2026-11-22T11:30:00Z'),
    }]);
  });
});
