import type { AppDeps } from '../src/app.ts';
import type { JobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';
import { createHealthCheckJob, createHealthCheckSchedule } from './health-check.job.ts';
import { createDueScansSchedule, createScanJob } from './scan.job.ts';
import { createPageVisitJob } from './page-visit.job.ts';

/** The full set of job handlers and scheduler tasks; the worker checks it against the declared job kinds at boot. */
export function createJobHandlers(deps: AppDeps): JobHandler[] {
  return [createScanJob(deps), createPageVisitJob(deps), createHealthCheckJob(deps)];
}

export function createSchedulerTasks(deps: AppDeps): SchedulerTask[] {
  return [createDueScansSchedule(deps), createHealthCheckSchedule(deps)];
}
