import { z } from 'zod';
import type { JobKindSpec } from '../jobs/jobs.models.ts';

const minutes = (n: number) => n * 60_000;

/** Declared next to the alerts module; merged into the application's job kinds by the composition root. */
export const alertJobKinds = {
  /** Sends due deliveries: right after an alert is raised (keyed by alert) and on the scheduler's sweep (keyed by minute). */
  'alerts.deliver': {
    schema: z.object({ alertId: z.string().min(1).optional(), sweep: z.string().min(1).optional() }),
    timeoutMs: minutes(5),
    concurrency: 1,
    maxAttempts: 3,
  },
  /** Sends the digest of low and medium alerts, keyed by the schedule's occurrence. */
  'alerts.digest': {
    schema: z.object({ occurrence: z.string().min(1) }),
    timeoutMs: minutes(5),
    concurrency: 1,
    maxAttempts: 3,
  },
} satisfies Record<string, JobKindSpec>;
