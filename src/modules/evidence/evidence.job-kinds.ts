import { z } from 'zod';
import type { JobKindSpec } from '../jobs/jobs.models.ts';
import { RECHECK_JOB_KIND } from './recheck.usecases.ts';

/** Job kinds of the evidence module, to be merged into the declared kinds. */
export const evidenceJobKinds = {
  /** Visits a page with a takedown sent again, keeps the visit as evidence and records removed / still up / blocked. */
  [RECHECK_JOB_KIND]: {
    schema: z.object({ hitId: z.string().min(1), caseId: z.string().min(1).optional() }),
    timeoutMs: 4 * 60_000,
    concurrency: 1,
    maxAttempts: 3,
  },
} satisfies Record<string, JobKindSpec>;
