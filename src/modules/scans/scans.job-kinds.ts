import { z } from 'zod';
import type { JobKindSpec } from '../jobs/jobs.models.ts';

/** Job kinds of the scans module beyond the scan and page visits themselves, merged into the declared kinds. */
export const scanRetryJobKinds = {
  /** Tries a page that could not be checked again, on the other path (browser or plain request). */
  'page.retry': {
    schema: z.object({ uncheckedPageId: z.string().min(1) }),
    timeoutMs: 3 * 60_000,
    concurrency: 1,
    maxAttempts: 2,
  },
} satisfies Record<string, JobKindSpec>;
