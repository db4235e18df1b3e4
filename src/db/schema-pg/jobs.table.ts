import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bool, boolDefault, createdAt, json, rowId, timestamp, updatedAt } from './columns.ts';

/**
 * The durable job queue. A job row is claimed by setting a lease (owner + expiry); a worker that dies
 * simply stops renewing it and the job becomes claimable again. `idempotency_key` makes enqueueing the
 * same logical work twice (a cron tick fired twice, a retried request) a no-op.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: rowId(),
    kind: text('kind').notNull(),
    payload: json<unknown>('payload').notNull(),
    idempotencyKey: text('idempotency_key'),
    status: text('status', { enum: ['queued', 'running', 'done', 'dead'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAfter: timestamp('run_after').notNull(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [
    uniqueIndex('jobs_idempotency_unique').on(t.idempotencyKey),
    index('jobs_claim_idx').on(t.status, t.runAfter),
    index('jobs_lease_idx').on(t.status, t.leaseExpiresAt),
  ],
);

export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  hostname: text('hostname').notNull(),
  pid: integer('pid').notNull(),
  isScheduler: bool('is_scheduler').notNull().default(boolDefault(false)),
  startedAt: timestamp('started_at').notNull(),
  beatAt: timestamp('beat_at').notNull(),
  stoppedAt: timestamp('stopped_at'),
  detail: json<Record<string, unknown>>('detail'),
});
