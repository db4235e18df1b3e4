import type { AppDeps } from '../src/deps.types.ts';
import type { JobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';
import { createHealthCheckJob, createHealthCheckSchedule, type HealthCheckJobDeps, type HealthCheckScheduleDeps } from './health-check.job.ts';
import { createDueScansSchedule, createScanJob, type DueScansScheduleDeps, type ScanJobDeps } from './scan.job.ts';
import { createPageVisitJob, type PageVisitJobDeps } from './page-visit.job.ts';
import { createPageRetryJob, type PageRetryJobDeps } from './page-retry.job.ts';
import { createImpersonationCheckJob, type ImpersonationCheckJobDeps } from './impersonation.job.ts';
import { createAlertSweepSchedule, createDeliverAlertsJob, createDigestJob, createDigestSchedule, type AlertsJobDeps } from './alerts.job.ts';
import { createRecheckJob, createRecheckSchedule, type RecheckJobDeps, type RecheckScheduleDeps } from './recheck.job.ts';
import { createBackupJob, createBackupSchedule, type BackupJobDeps, type BackupScheduleDeps } from './backup.job.ts';
import { createTakedownEscalateJob, createTakedownOpenCaseJob, createTakedownSweepJob, createTakedownSweepSchedule, type TakedownSweepJobDeps, type TakedownSweepScheduleDeps } from './takedowns.job.ts';

// The registry asks for what its handlers and tasks ask for together, no more; the worker's callers pass the
// whole application, which has all of it.
export type JobHandlersDeps = ScanJobDeps & PageVisitJobDeps & PageRetryJobDeps & ImpersonationCheckJobDeps & HealthCheckJobDeps & AlertsJobDeps
  & TakedownSweepJobDeps & RecheckJobDeps & BackupJobDeps & Pick<AppDeps, 'takedowns' | 'evidence'>;
export type SchedulerTasksDeps = DueScansScheduleDeps & HealthCheckScheduleDeps & AlertsJobDeps & TakedownSweepScheduleDeps & RecheckScheduleDeps & BackupScheduleDeps;

/** The full set of job handlers and scheduler tasks; the worker checks it against the declared job kinds at boot. */
export function createJobHandlers(deps: JobHandlersDeps): JobHandler[] {
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

export function createSchedulerTasks(deps: SchedulerTasksDeps): SchedulerTask[] {
  return [createDueScansSchedule(deps), createHealthCheckSchedule(deps), createAlertSweepSchedule(deps), createDigestSchedule(deps), createTakedownSweepSchedule(deps), createRecheckSchedule(deps), createBackupSchedule(deps)];
}
