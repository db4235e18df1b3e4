import type { Db } from '../../db/client.ts';
import { sql } from 'drizzle-orm';
import { forDialect } from '../../db/dialect.ts';
import { sqlColumn, sqlRow, sqlRows, sqlRun } from '../../db/raw-sql.ts';
import { gated, onConnection, transaction } from '../../db/transaction.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { z } from 'zod';
import type { jobKinds } from './job-kinds.ts';
import { describeJobError, type JobKindSpec, type JobRow } from './jobs.models.ts';

export type JobKindMap = Record<string, JobKindSpec>;

/** Settles the work of a dead job (see `onDead`). */
type DeadJobHandler = (job: JobRow) => Promise<void>;

/** A job to enqueue: `kind` must be one of the declared kinds and `payload` must fit that kind's schema, at compile time. */
export interface EnqueueArgs<K extends JobKindMap, N extends keyof K & string> {
  kind: N;
  payload: z.input<K[N]['schema']>;
  idempotencyKey?: string;
  runAfter?: Date;
}

interface RawJobRow {
  id: number;
  kind: string;
  payload: string;
  idempotency_key: string | null;
  status: JobRow['status'];
  attempts: number;
  max_attempts: number;
  run_after: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
}

const toJob = (r: RawJobRow): JobRow => ({
  id: r.id,
  kind: r.kind,
  payload: JSON.parse(r.payload),
  idempotencyKey: r.idempotency_key,
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  runAfter: new Date(r.run_after),
  leaseOwner: r.lease_owner,
  leaseExpiresAt: r.lease_expires_at === null ? null : new Date(r.lease_expires_at),
  lastError: r.last_error,
});

export class LeaseLostError extends AppError {
  constructor(jobId: number) {
    super({ code: 'jobs.lease_lost', message: `Job ${jobId} is no longer leased by this worker.`, statusCode: 409 });
  }
}

/**
 * All queue state changes are single SQL statements or short transactions. A claim can never hand the same job
 * to two workers (SQLite serialises writers; on PostgreSQL the claimed rows are locked, and a row another worker
 * has locked is skipped), and completion is fenced by the lease owner.
 */
/** Most attempts a job gets when workers keep dying under it (each interrupted last attempt adds one): generous, since a dying worker is rarely the job's fault, yet finite, so a job that kills every worker still ends. */
export const INTERRUPTED_ATTEMPTS_CAP = 30;

export function createJobsRepository<K extends JobKindMap = typeof jobKinds>({ db, clock, kinds }: { db: Db; clock: Clock; kinds: K }) {
  const now = () => clock.now().getTime();

  // Row locks make the claim safe on PostgreSQL (FOR UPDATE SKIP LOCKED: a row another worker is claiming is
  // passed over, not waited for); SQLite serialises the whole statement anyway and has no such clause.
  const claimable = (kind: string, t: number, limit: number) => sql`
    select id from jobs
    where kind = ${kind} and attempts < max_attempts and (
      (status = 'queued' and run_after <= ${t}) or (status = 'running' and lease_expires_at < ${t}))
    order by run_after, id limit ${limit}${forDialect(db, { sqlite: sql``, postgres: sql` for update skip locked` })}`;

  // A worker that dies (kill -9, out of memory, power cut) interrupts its jobs; an interrupted last attempt
  // is not the job's failure, so it gets one more attempt, up to INTERRUPTED_ATTEMPTS_CAP in all (a job
  // that kills every worker running it must still end). Without this a page visit interrupted on its last
  // attempt would die unsettled and its scan would never finish.
  const reviveInterrupted = (t: number) => sqlRun(db, sql`
    update jobs set status = 'queued', max_attempts = max_attempts + 1, lease_owner = null, lease_expires_at = null, run_after = ${t}, updated_at = ${t}
    where status = 'running' and lease_expires_at < ${t} and attempts >= max_attempts and max_attempts < ${INTERRUPTED_ATTEMPTS_CAP}`);

  const buryExpired = (t: number) => sqlRows<RawJobRow>(db, sql`
    update jobs set status = 'dead', lease_owner = null, lease_expires_at = null, finished_at = ${t}, updated_at = ${t},
      last_error = coalesce(last_error, 'lease expired on the last attempt (the worker stopped while running it)')
    where status = 'running' and lease_expires_at < ${t} and attempts >= max_attempts
    returning *`);

  const noteSettleFailure = (id: number, note: string) => sqlRun(db, sql`update jobs set last_error = substr(coalesce(last_error, '') || ${note}, 1, 1000) where id = ${id}`);

  const deadHandlers = new Map<string, DeadJobHandler>();

  // Inside the transaction that buries the job, so that a job never ends dead with its work left open (a
  // page visit that dies unsettled would keep its scan waiting forever). A handler that throws is undone on
  // its own (a savepoint) and noted on the job: the job still dies, and the queue keeps moving.
  const settleDead = async (row: RawJobRow): Promise<void> => {
    const handler = deadHandlers.get(row.kind);
    if (!handler) return;
    const job = toJob(row);
    try {
      const parsed = kinds[row.kind]?.schema.safeParse(job.payload);
      if (!parsed?.success) throw new Error('payload no longer fits its kind');
      await transaction(db, () => handler({ ...job, payload: parsed.data }));
    } catch (error) {
      await noteSettleFailure(row.id, `; settling its work failed: ${describeJobError(error)}`);
    }
  };

  return {
    /**
     * What to do with the work of a job of `kind` that dies (its last attempt failed, or workers kept dying
     * under it): database writes only (no network, files or browser: the transaction holds the database),
     * run in the transaction that marks the job dead.
     */
    onDead<N extends keyof K & string>(kind: N, handler: (job: JobRow & { payload: z.output<K[N]['schema']> }) => Promise<void>): void {
      deadHandlers.set(kind, handler as DeadJobHandler);
    },

    /**
     * Returns the new job id, or null when a job with the same idempotency key already exists. The payload is
     * still validated here: the types stop mistakes in this code base, the schema stops everything else.
     */
    async enqueue<N extends keyof K & string>(args: EnqueueArgs<K, N>): Promise<number | null> {
      const spec: JobKindSpec | undefined = kinds[args.kind];
      if (!spec) throw new AppError({ code: 'jobs.unknown_kind', message: `Unknown job kind "${args.kind}".`, statusCode: 500 });
      const parsed = spec.schema.safeParse(args.payload);
      if (!parsed.success) {
        throw new AppError({ code: 'jobs.invalid_payload', message: `Invalid payload for job kind "${args.kind}".`, statusCode: 500 });
      }
      const t = now();
      const runAfter = (args.runAfter ?? clock.now()).getTime();
      const row = await onConnection(db, () => sqlRow<{ id: number }>(db, sql`
        insert into jobs (kind, payload, idempotency_key, status, attempts, max_attempts, run_after, created_at, updated_at)
        values (${args.kind}, ${JSON.stringify(parsed.data)}, ${args.idempotencyKey ?? null}, 'queued', 0, ${spec.maxAttempts}, ${runAfter}, ${t}, ${t})
        on conflict (idempotency_key) do nothing
        returning id`));
      return row?.id ?? null;
    },

    async claim(args: { owner: string; kind: string; limit: number; leaseMs: number }): Promise<JobRow[]> {
      if (args.limit <= 0) return [];
      const t = now();
      // Expired leases are settled first, in a writer's transaction of their own (a dead job's handler writes
      // to other tables); the claim itself needs only its row locks, so workers claim side by side.
      await transaction(db, async () => {
        await reviveInterrupted(t);
        for (const buried of await buryExpired(t)) await settleDead(buried);
      });
      const rows = await transaction(
        db,
        () => sqlRows<RawJobRow>(db, sql`
          update jobs set status = 'running', lease_owner = ${args.owner}, lease_expires_at = ${t + args.leaseMs},
            attempts = attempts + 1, updated_at = ${t}
          where id in (${claimable(args.kind, t, args.limit)})
          returning *`),
        { concurrent: true },
      );
      return rows.sort((a, b) => a.run_after - b.run_after || a.id - b.id).map(toJob);
    },

    /**
     * Marks the job done, running `effects` in the same transaction: a job's writes and its completion
     * commit together or not at all, which is what makes "exactly once" hold across a kill -9.
     */
    async complete(args: { id: number; owner: string; effects?: () => Promise<void> | void }): Promise<void> {
      await transaction(db, async () => {
        const changed = await sqlRun(db, sql`
          update jobs set status = 'done', lease_owner = null, lease_expires_at = null, finished_at = ${now()}, updated_at = ${now()}
          where id = ${args.id} and lease_owner = ${args.owner} and status = 'running'`);
        if (changed !== 1) throw new LeaseLostError(args.id);
        await args.effects?.();
      });
    },

    async fail(args: { id: number; owner: string; error: string; retryDelayMs: number }): Promise<void> {
      const t = now();
      await transaction(db, async () => {
        // A parameter inside a case has no column to take its type from: PostgreSQL would read it as text.
        const row = await sqlRow<RawJobRow>(db, sql`
          update jobs set status = case when attempts >= max_attempts then 'dead' else 'queued' end,
            run_after = ${t + args.retryDelayMs}, last_error = ${args.error}, lease_owner = null, lease_expires_at = null, updated_at = ${t},
            finished_at = case when attempts >= max_attempts then cast(${t} as bigint) else null end
          where id = ${args.id} and lease_owner = ${args.owner} and status = 'running'
          returning *`);
        if (row?.status === 'dead') await settleDead(row);
      });
    },

    ...gated(db, {
      /** Gives a job back without counting the attempt (shutdown is not the job's fault). */
      async release(args: { id: number; owner: string }): Promise<void> {
        const t = now();
        await sqlRun(db, sql`
          update jobs set status = 'queued', attempts = case when attempts > 0 then attempts - 1 else 0 end, lease_owner = null, lease_expires_at = null,
            run_after = ${t}, updated_at = ${t}
          where id = ${args.id} and lease_owner = ${args.owner} and status = 'running'`);
      },

      async extendLease(args: { id: number; owner: string; leaseMs: number }): Promise<boolean> {
        const t = now();
        const changed = await sqlRun(db, sql`
          update jobs set lease_expires_at = ${t + args.leaseMs}, updated_at = ${t} where id = ${args.id} and lease_owner = ${args.owner} and status = 'running'`);
        return changed === 1;
      },

      /** At start: running jobs whose worker has no recent heartbeat are queued again at once, without waiting for the lease. */
      async recoverStale(args: { aliveSince: Date }): Promise<number> {
        const t = now();
        return sqlRun(db, sql`
          update jobs set status = 'queued', lease_owner = null, lease_expires_at = null, run_after = ${t}, updated_at = ${t},
            max_attempts = case when attempts >= max_attempts then max_attempts + 1 else max_attempts end
          where status = 'running' and (attempts < max_attempts or max_attempts < ${INTERRUPTED_ATTEMPTS_CAP}) and (lease_owner is null or lease_owner not in (
            select worker_id from worker_heartbeats where stopped_at is null and beat_at >= ${args.aliveSince.getTime()}))`);
      },

      async countByStatus(): Promise<Record<string, number>> {
        const rows = await sqlRows<{ status: string; n: number }>(db, sql`select status, count(*) as n from jobs group by status`);
        return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      },

      async queuedKinds(): Promise<string[]> {
        return sqlColumn<string>(db, sql`select distinct kind from jobs where status in ('queued', 'running')`);
      },

      async get(id: number): Promise<JobRow | null> {
        const r = await sqlRow<RawJobRow>(db, sql`select * from jobs where id = ${id}`);
        return r ? toJob(r) : null;
      },
    }),
  };
}

/** The queue typed by the kinds it serves; by default the application's own (job-kinds.ts). */
export type JobsRepository<K extends JobKindMap = typeof jobKinds> = ReturnType<typeof createJobsRepository<K>>;
