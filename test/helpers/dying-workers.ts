import type { JobKind } from '../../src/modules/jobs/job-kinds.ts';
import type { createTestApp } from './test-app.ts';

/**
 * Workers that each claim a job and die under it: the lease runs out (the test's clock moves past it), the
 * next claim revives the job, until the queue buries it. Returns how many claims it took.
 */
export async function workersDieUnder(app: Awaited<ReturnType<typeof createTestApp>>, jobId: number, kind: JobKind): Promise<number> {
  let claims = 0;
  for (let round = 0; (await app.jobs.get(jobId))!.status !== 'dead' && round < 100; round++) {
    claims += (await app.jobs.claim({ owner: `w${round}`, kind, limit: 1, leaseMs: 1000 })).length;
    app.clock.advance(2000);
  }
  return claims;
}
