import type { AppDeps } from '../src/deps.types.ts';
import type { EvidenceVault } from '../src/modules/evidence/vault.ts';
import { enqueueDueRechecks, recheckHit, RECHECK_JOB_KIND, type RecheckDeps } from '../src/modules/evidence/recheck.usecases.ts';
import { recordRecheck } from '../src/modules/takedowns/cases.deadlines.usecases.ts';
import { describeJobError } from '../src/modules/jobs/jobs.models.ts';
import { defineJobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';

/** A re-check visits the page again like a scan does (browser, egress, photo matcher) and records on the case. */
export type RecheckJobDeps = Pick<AppDeps, 'browserPool' | 'egress' | 'profiles' | 'pipeline' | 'logger' | 'config' | 'takedowns'>;
export type RecheckScheduleDeps = Pick<AppDeps, 'jobs' | 'clock' | 'logger' | 'takedowns' | 'config'>;

export const recheckDepsFrom = (deps: Omit<RecheckJobDeps, 'takedowns'>, vault: EvidenceVault): RecheckDeps => ({
  vault,
  browserPool: deps.browserPool,
  egress: deps.egress,
  profiles: deps.profiles,
  photoMatcher: deps.pipeline.photoMatcher,
  readPdf: deps.pipeline.readPdf,
  logger: deps.logger.child({ component: 'recheck' }),
  settings: { navigationTimeoutMs: deps.config.browser.navigationTimeoutMs, maxPageBytes: deps.config.scan.maxPageBytes, allowPrivateHosts: deps.config.net.allowPrivateHosts },
});

/**
 * Runs one re-check. Its capture and the case's bookkeeping (removed → case closed and hit resolved, else the
 * next re-check scheduled) commit with the job's completion. A re-check that keeps failing is recorded as
 * failed on its last attempt, so the case's schedule moves on instead of stalling on one dead job.
 */
export function createRecheckJob(deps: RecheckJobDeps, vault: EvidenceVault) {
  const recheckDeps = recheckDepsFrom(deps, vault);
  return defineJobHandler(RECHECK_JOB_KIND, async ({ hitId, caseId }, ctx) => {
    const onRecorded = caseId ? async (r: { outcome: 'removed' | 'still_up' | 'blocked' | 'failed'; captureId: string }) => { await recordRecheck(deps.takedowns, caseId, r); } : undefined;
    try {
      await recheckHit(recheckDeps, { hitId, actor: 'recheck', signal: ctx.signal, complete: ctx.complete, onRecorded });
    } catch (error) {
      if (ctx.attempt < ctx.maxAttempts || !caseId) throw error;
      ctx.logger.warn({ hitId, caseId, error: describeJobError(error) }, 're-check failed on its last attempt');
      await ctx.complete(async () => {
        await recordRecheck(deps.takedowns, caseId, { outcome: 'failed', captureId: null });
      });
    }
  });
}

/** Every scheduler tick: re-checks of cases that fell due are queued to run at the next RECHECK_SCHEDULE time. */
export function createRecheckSchedule(deps: RecheckScheduleDeps): SchedulerTask {
  return {
    name: 'evidence-rechecks',
    async tick(now) {
      const due = (await deps.takedowns.cases.dueRechecks(now, 200)).map((row) => ({ caseId: row.id, hitId: row.hitId, nextRecheckAt: row.nextRecheckAt }));
      const enqueued = await enqueueDueRechecks({ jobs: deps.jobs, clock: deps.clock, schedule: deps.config.evidence.recheckSchedule }, due);
      if (enqueued > 0) deps.logger.info({ enqueued }, 're-checks queued');
    },
  };
}
