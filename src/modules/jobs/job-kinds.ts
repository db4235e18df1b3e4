import { backupJobKinds } from '../backup/backup.job-kinds.ts';
import { z } from 'zod';
import type { JobKindSpec } from './jobs.models.ts';
import { alertJobKinds } from '../alerts/alerts.job-kinds.ts';
import { takedownJobKinds } from '../takedowns/takedowns.job-kinds.ts';
import { evidenceJobKinds } from '../evidence/evidence.job-kinds.ts';
import { scanRetryJobKinds } from '../scans/scans.job-kinds.ts';
import { impersonationJobKinds } from '../impersonation/impersonation.job-kinds.ts';

const minutes = (n: number) => n * 60_000;

/**
 * Every kind of job the application can enqueue. Web and worker share this list: the web process
 * validates payloads when it enqueues, the worker refuses to start unless each kind has a handler.
 */
export const jobKinds = {
  /** Plans one scan for one person and fans out searches. */
  'scan.run': {
    schema: z.object({ scanRunId: z.string().min(1) }),
    timeoutMs: minutes(30),
    concurrency: 2,
    maxAttempts: 3,
  },
  /** Visits one candidate page in Chromium, matches it and records a hit. */
  'page.visit': {
    schema: z.object({ scanRunId: z.string().min(1), candidateId: z.number().int().positive() }),
    timeoutMs: minutes(3),
    concurrency: 2,
    maxAttempts: 3,
  },
  /** Checks that scans keep succeeding and engines are not all blocked; tells the person otherwise. */
  'health.check': {
    schema: z.object({ at: z.string().optional() }),
    timeoutMs: minutes(1),
    concurrency: 1,
    maxAttempts: 2,
  },
  ...alertJobKinds,
  ...takedownJobKinds,
  ...evidenceJobKinds,
  ...backupJobKinds,
  ...scanRetryJobKinds,
  ...impersonationJobKinds,
} satisfies Record<string, JobKindSpec>;

export type JobKind = keyof typeof jobKinds;
export type JobPayload<K extends JobKind> = z.infer<(typeof jobKinds)[K]['schema']>;
