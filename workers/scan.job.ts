import type { AppDeps } from '../src/deps.types.ts';
import { runScanSearches } from '../src/modules/scans/scan-pipeline.usecases.ts';
import { enqueueDueScans } from '../src/modules/scans/scans.usecases.ts';
import { describeJobError } from '../src/modules/jobs/jobs.models.ts';
import { scanStoppedError } from '../src/modules/scans/run-errors.models.ts';
import { defineJobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';

export type ScanJobDeps = Pick<AppDeps, 'pipeline' | 'scans'>;

export function createScanJob(deps: ScanJobDeps) {
  return defineJobHandler('scan.run', async ({ scanRunId }, ctx) => {
    try {
      await runScanSearches(deps.pipeline, scanRunId, ctx.signal);
    } catch (error) {
      // On the last attempt the run is closed as failed, so the person sees it instead of a scan "running" forever.
      if (ctx.attempt >= ctx.maxAttempts) await deps.scans.failRun(scanRunId, scanStoppedError(describeJobError(error)));
      throw error;
    }
  });
}

/** What a due scan is started with: the person's engines (configured, demo, consented reverse-image) and the queue. */
export type DueScansScheduleDeps = Pick<AppDeps, 'config' | 'demo' | 'profiles' | 'scans' | 'jobs' | 'photos' | 'clock' | 'random'>;

export function createDueScansSchedule(deps: DueScansScheduleDeps): SchedulerTask {
  return {
    name: 'due-scans',
    async tick() {
      await enqueueDueScans({ ...deps, jitterMinutes: deps.config.scheduler.jitterMinutes });
    },
  };
}
