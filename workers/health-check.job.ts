import type { AppDeps } from '../src/app.ts';
import { raiseHealthAlerts } from '../src/modules/alerts/health-alerts.usecases.ts';
import { defineJobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';

export function createHealthCheckJob(deps: AppDeps) {
  return defineJobHandler('health.check', async (_payload, ctx) => {
    const { raised } = raiseHealthAlerts({ db: deps.db, clock: deps.clock, alertAfterHours: deps.config.health.alertAfterHours });
    if (raised > 0) {
      ctx.logger.warn({ raised }, 'health alerts raised');
      // Told by the same channels as exposures: the delivery job creates the health alerts' deliveries first.
      deps.jobs.enqueue({ kind: 'alerts.deliver', payload: { sweep: `health:${deps.clock.now().toISOString().slice(0, 16)}` }, idempotencyKey: `alerts.deliver:health:${deps.clock.now().toISOString().slice(0, 16)}` });
    }
  });
}

/** Hourly, keyed by the hour: a restart inside the same hour does not enqueue a second check. */
export function createHealthCheckSchedule(deps: AppDeps): SchedulerTask {
  return {
    name: 'health-check',
    tick(now) {
      const hour = now.toISOString().slice(0, 13);
      deps.jobs.enqueue({ kind: 'health.check', payload: { at: hour }, idempotencyKey: `health.check:${hour}` });
    },
  };
}
