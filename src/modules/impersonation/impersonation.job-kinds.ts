import { z } from 'zod';
import type { JobKindSpec } from '../jobs/jobs.models.ts';

/** Job kinds of the impersonation watch, merged into the declared kinds. */
export const impersonationJobKinds = {
  /** Looks up one of the person's handles on one site; a profile found is visited in Chromium for evidence. */
  'impersonation.check': {
    schema: z.object({ scanRunId: z.string().min(1), checkId: z.string().min(1) }),
    timeoutMs: 3 * 60_000,
    // Lookups are light but go to many sites at once; two at a time keeps the scan polite and the browser free.
    concurrency: 2,
    maxAttempts: 2,
  },
} satisfies Record<string, JobKindSpec>;
