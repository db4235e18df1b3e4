import type { z } from 'zod';

export interface JobKindSpec<P = unknown> {
  /** Validates payloads on enqueue and again before the handler runs (rows may predate a code change). */
  schema: z.ZodType<P>;
  timeoutMs: number;
  /** How many jobs of this kind one worker runs at once (engines and browsers are the scarce resources). */
  concurrency: number;
  maxAttempts: number;
}

export interface JobRow {
  id: number;
  kind: string;
  payload: unknown;
  idempotencyKey: string | null;
  status: 'queued' | 'running' | 'done' | 'dead';
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  lastError: string | null;
}

/** Exponential backoff with full jitter, so jobs failing together do not retry in lock-step. */
export function computeRetryDelayMs(attempts: number, random: () => number, options = { baseMs: 5_000, maxMs: 3_600_000 }): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** Error text stored on a job row: bounded, one line, and without stack traces that may quote page content. */
export function describeJobError(error: unknown): string {
  const raw = error instanceof Error ? `${(error as { code?: string }).code ? `${(error as { code?: string }).code}: ` : ''}${error.message}` : String(error);
  return raw.replace(/\s+/g, ' ').slice(0, 500);
}
