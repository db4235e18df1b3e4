import type { AppDeps } from '../src/deps.types.ts';
import { DELIVER_JOB } from '../src/modules/alerts/alerts.usecases.ts';
import { raiseHealthAlerts } from '../src/modules/alerts/health-alerts.usecases.ts';
import { defineJobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';

export type HealthCheckJobDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'jobs'>;
export type HealthCheckScheduleDeps = Pick<AppDeps, 'jobs'>;

export function createHealthCheckJob(deps: HealthCheckJobDeps) {
  return defineJobHandler('health.check', async (_payload, ctx) => {
    const { raised } = await raiseHealthAlerts({ db: deps.db, clock: deps.clock, alertAfterHours: deps.config.health.alertAfterHours });
    if (raised > 0) {
      ctx.logger.warn({ raised }, 'health alerts raised');
      // Told by the same channels as exposures: the delivery job creates the health alerts' deliveries first.
      const minute = deps.clock.now().toISOString().slice(0, 16);
      await deps.jobs.enqueue({ kind: DELIVER_JOB, payload: { sweep: `health:${minute}` }, idempotencyKey: `${DELIVER_JOB}:health:${minute}` });
    }
  });
}

/** Hourly, keyed by the hour: a restart inside the same hour does not enqueue a second check. */
export function createHealthCheckSchedule(deps: HealthCheckScheduleDeps): SchedulerTask {
  return {
    name: 'health-check',
    async tick(now) {
      const hour = now.toISOString().slice(0, 13);
      await deps.jobs.enqueue({ kind: 'health.check', payload: { at: hour }, idempotencyKey: `health.check:${hour}` });
    },
  };
}
