import { z } from 'zod';
import type { JobKindSpec } from '../jobs/jobs.models.ts';

const minutes = (n: number) => n * 60_000;

/** Job kinds of takedown cases. */
export const takedownJobKinds = {
  /** Marks sent notices whose deadline passed as no_response, queues their escalation, records reminders. */
  'takedowns.sweep': {
    schema: z.object({ at: z.string().optional() }),
    timeoutMs: minutes(2),
    concurrency: 1,
    maxAttempts: 3,
  },
  /** Drafts the next escalation of one case (hosting provider, registrar or CDN, search engines, helpline, police). */
  'takedowns.escalate': {
    schema: z.object({ caseId: z.string().min(1), fromLevel: z.number().int().min(0) }),
    timeoutMs: minutes(2),
    concurrency: 2,
    maxAttempts: 3,
  },
  /** Opens the takedown case of a new hit (recipient lookup, legal bases, draft). */
  'takedowns.open_case': {
    schema: z.object({ hitId: z.string().min(1) }),
    timeoutMs: minutes(2),
    concurrency: 2,
    maxAttempts: 3,
  },
} satisfies Record<string, JobKindSpec>;


export const escalationJobKey = (caseId: string, fromLevel: number) => `takedowns.escalate:${caseId}:${fromLevel}`;
export const openCaseJobKey = (hitId: string) => `takedowns.open_case:${hitId}`;
