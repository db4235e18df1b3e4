import type { AppDeps } from '../src/app.ts';
import type { EvidenceVault } from '../src/modules/evidence/vault.ts';
import { enqueueDueRechecks, recheckHit, RECHECK_JOB_KIND, type RecheckDeps } from '../src/modules/evidence/recheck.usecases.ts';
import { defineJobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';

export const recheckDepsFrom = (deps: AppDeps, vault: EvidenceVault): RecheckDeps => ({
  vault,
  browserPool: deps.browserPool,
  profiles: deps.profiles,
  photoMatcher: deps.pipeline.photoMatcher,
  logger: deps.logger.child({ component: 'recheck' }),
  settings: { navigationTimeoutMs: deps.config.browser.navigationTimeoutMs, maxPageBytes: deps.config.scan.maxPageBytes, allowPrivateHosts: deps.config.net.allowPrivateHosts },
});

/** Runs one re-check; its capture, hit status and case event commit with the job's completion. */
export function createRecheckJob(deps: AppDeps, vault: EvidenceVault) {
  const recheckDeps = recheckDepsFrom(deps, vault);
  return defineJobHandler<{ hitId: string; caseId?: string }>(RECHECK_JOB_KIND, async ({ hitId }, ctx) => {
    await recheckHit(recheckDeps, { hitId, actor: 'recheck', signal: ctx.signal, complete: ctx.complete });
  });
}

/** Every scheduler tick: enqueue the re-checks that fell due (RECHECK_SCHEDULE decides how often each page is visited). */
export function createRecheckSchedule(deps: AppDeps, vault: EvidenceVault, schedule: string): SchedulerTask {
  return {
    name: 'evidence-rechecks',
    tick() {
      const enqueued = enqueueDueRechecks({ vault, jobs: deps.jobs, schedule });
      if (enqueued > 0) deps.logger.info({ enqueued }, 're-checks enqueued');
    },
  };
}
