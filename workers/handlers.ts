import type { AppDeps } from '../src/app.ts';
import type { JobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';
import { createHealthCheckJob, createHealthCheckSchedule } from './health-check.job.ts';
import { createDueScansSchedule, createScanJob } from './scan.job.ts';
import { createPageVisitJob } from './page-visit.job.ts';
import { createPageRetryJob } from './page-retry.job.ts';
import { createImpersonationCheckJob } from './impersonation.job.ts';
import { createAlertSweepSchedule, createDeliverAlertsJob, createDigestJob, createDigestSchedule } from './alerts.job.ts';
import { createRecheckJob, createRecheckSchedule } from './recheck.job.ts';
import { createBackupJob, createBackupSchedule } from './backup.job.ts';
import { createTakedownEscalateJob, createTakedownOpenCaseJob, createTakedownSweepJob, createTakedownSweepSchedule } from './takedowns.job.ts';

/** The full set of job handlers and scheduler tasks; the worker checks it against the declared job kinds at boot. */
export function createJobHandlers(deps: AppDeps): JobHandler[] {
  return [
    createScanJob(deps),
    createPageVisitJob(deps),
    createPageRetryJob(deps),
    createImpersonationCheckJob(deps),
    createHealthCheckJob(deps),
    createDeliverAlertsJob(deps),
    createDigestJob(deps),
    createTakedownSweepJob(deps, deps.takedowns),
    createTakedownEscalateJob(deps.takedowns),
    createTakedownOpenCaseJob(deps.takedowns),
    createRecheckJob(deps, deps.evidence),
    createBackupJob(deps),
  ];
}

export function createSchedulerTasks(deps: AppDeps): SchedulerTask[] {
  return [createDueScansSchedule(deps), createHealthCheckSchedule(deps), createAlertSweepSchedule(deps), createDigestSchedule(deps), createTakedownSweepSchedule(deps), createRecheckSchedule(deps), createBackupSchedule(deps)];
}
