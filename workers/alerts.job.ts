import type { AppDeps } from '../src/deps.types.ts';
import { createDeliveriesForHealthAlerts, DELIVER_JOB, DIGEST_JOB } from '../src/modules/alerts/alerts.usecases.ts';
import { deliverDue, sendDigest } from '../src/modules/alerts/delivery.usecases.ts';
import { latestOccurrence } from '../src/shared/cron.models.ts';
import { defineJobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';

export type AlertsJobDeps = Pick<AppDeps, 'alerts'>;

/** Failed sends are recorded on their delivery rows and retried by the sweep; the job itself only fails on bugs. */
export function createDeliverAlertsJob(deps: AlertsJobDeps) {
  return defineJobHandler(DELIVER_JOB, async (_payload, ctx) => {
    await createDeliveriesForHealthAlerts(deps.alerts);
    const outcome = await deliverDue(deps.alerts, { signal: ctx.signal });
    if (outcome.failed + outcome.gaveUp > 0) ctx.logger.warn({ ...outcome }, 'some alert deliveries failed');
  });
}

export function createDigestJob(deps: AlertsJobDeps) {
  return defineJobHandler(DIGEST_JOB, async ({ occurrence }, ctx) => {
    const outcome = await sendDigest(deps.alerts, { signal: ctx.signal });
    if (outcome.postponedUntil) {
      // A digest that falls in the quiet hours is sent when they end, not a day later.
      await deps.alerts.jobs.enqueue({
        kind: DIGEST_JOB,
        payload: { occurrence },
        idempotencyKey: `${DIGEST_JOB}:${occurrence}:after-quiet`,
        runAfter: outcome.postponedUntil,
      });
    }
  });
}

/**
 * Every tick: when a delivery is due (a retry, or the end of the quiet hours) or a health alert awaits
 * its deliveries, enqueue one sweep, keyed by the minute. Ticks with nothing to do enqueue nothing.
 */
export function createAlertSweepSchedule(deps: AlertsJobDeps): SchedulerTask {
  return {
    name: 'alerts-sweep',
    async tick(now) {
      const { repository, mailer, webhook } = deps.alerts;
      const pendingHealth = (mailer || webhook) && (await repository.healthAlertsWithoutDeliveries(new Date(now.getTime() - 86_400_000))).length > 0;
      if (!pendingHealth && !await repository.hasDueWork(now)) return;
      const minute = now.toISOString().slice(0, 16);
      await deps.alerts.jobs.enqueue({ kind: DELIVER_JOB, payload: { sweep: minute }, idempotencyKey: `${DELIVER_JOB}:sweep:${minute}` });
    },
  };
}

/**
 * Enqueues the digest for each DIGEST_SCHEDULE occurrence since the last tick (the day before, at start,
 * so a digest due while the worker was down is still sent once). The occurrence is the idempotency key.
 */
export function createDigestSchedule(deps: AlertsJobDeps): SchedulerTask {
  let lastTick: Date | null = null;
  return {
    name: 'alerts-digest',
    async tick(now) {
      const after = lastTick ?? new Date(now.getTime() - 25 * 3_600_000);
      lastTick = now;
      const occurrence = latestOccurrence({ expression: deps.alerts.settings.digestSchedule, timeZone: deps.alerts.settings.timezone, after, upTo: now });
      if (!occurrence) return;
      const key = occurrence.toISOString();
      await deps.alerts.jobs.enqueue({ kind: DIGEST_JOB, payload: { occurrence: key }, idempotencyKey: `alerts.digest:${key}` });
    },
  };
}
