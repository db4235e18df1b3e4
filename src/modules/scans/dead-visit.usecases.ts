import type { JobPayload } from '../jobs/job-kinds.ts';
import { loadProfile } from '../profiles/profiles.usecases.ts';
import { reasonForDeadVisit } from './page-check.models.ts';
import type { ScanPipelineDeps } from './scan-pipeline.usecases.ts';
import { settleWithoutPageMatch, type UncheckedDeps } from './unchecked-pages.usecases.ts';

export type DeadVisitDeps = UncheckedDeps & Pick<ScanPipelineDeps, 'profiles' | 'hooks' | 'logger'>;

/**
 * A page visit job that died (its last attempt failed or timed out, or workers kept dying under it) leaves
 * its page as "could not check", with the reason and a later retry, exactly like a visit that failed on its
 * last attempt; what the engines showed for the page is still matched. Runs inside the transaction that
 * buries the job, and finishes the scan when this was its last open page: without it the scan would wait
 * for the page forever and the person would never see the scan end.
 */
export async function settleDeadVisit(deps: DeadVisitDeps, job: { id: number; payload: JobPayload<'page.visit'>; lastError: string | null }): Promise<void> {
  const run = await deps.scans.getRun(job.payload.scanRunId);
  const candidate = await deps.scans.getCandidate(job.payload.candidateId);
  if (!run || !candidate || candidate.status !== 'pending') return;
  const reason = reasonForDeadVisit(job.lastError);
  const { stored, finished } = await settleWithoutPageMatch(deps, {
    run, candidate, profile: await loadProfile(deps.profiles, run.personId), outcome: { kind: 'unreadable', reason, httpStatus: null },
  });
  if (stored) await deps.hooks?.recordWithHit?.(stored);
  deps.logger.warn({ jobId: job.id, candidateId: candidate.id, reason }, 'page visit job died; its page is listed as not checked');
  if (finished) deps.logger.info({ scanRunId: run.id, status: finished.status, hitsNew: finished.hitsNew }, 'scan finished');
}
