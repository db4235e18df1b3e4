import os from 'node:os';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { sql } from 'drizzle-orm';
import { sqlRow, sqlRows, sqlRun } from '../../db/raw-sql.ts';
import { gated } from '../../db/transaction.ts';

export function createHeartbeatsRepository({ db, clock }: { db: Db; clock: Clock }) {
  return gated(db, {
    async register(args: { workerId: string; isScheduler: boolean }): Promise<void> {
      const t = clock.now().getTime();
      await sqlRun(db, sql`
        insert into worker_heartbeats (worker_id, hostname, pid, is_scheduler, started_at, beat_at)
        values (${args.workerId}, ${os.hostname()}, ${process.pid}, ${args.isScheduler ? 1 : 0}, ${t}, ${t})
        on conflict (worker_id) do update set beat_at = excluded.beat_at, stopped_at = null`);
    },
    async beat(workerId: string, detail?: Record<string, unknown>): Promise<void> {
      await sqlRun(db, sql`update worker_heartbeats set beat_at = ${clock.now().getTime()}, detail = ${detail ? JSON.stringify(detail) : null} where worker_id = ${workerId}`);
    },
    async stop(workerId: string): Promise<void> {
      await sqlRun(db, sql`update worker_heartbeats set stopped_at = ${clock.now().getTime()} where worker_id = ${workerId}`);
    },
    /**
     * A worker killed with SIGKILL leaves a fresh-looking heartbeat. On this host we can ask the kernel
     * whether its pid still lives, and free its jobs at once instead of waiting for their leases to expire.
     */
    async markDeadLocalWorkers(isPidAlive: (pid: number) => boolean): Promise<number> {
      const rows = await sqlRows<{ worker_id: string; pid: number }>(db, sql`
        select worker_id, pid from worker_heartbeats where stopped_at is null and hostname = ${os.hostname()}`);
      let count = 0;
      for (const row of rows) {
        if (row.pid !== process.pid && !isPidAlive(row.pid)) {
          await this.stop(row.worker_id);
          count++;
        }
      }
      return count;
    },
    async latest(): Promise<{ workerId: string; beatAt: Date; isScheduler: boolean } | null> {
      // Columns read under their own snake_case names: PostgreSQL folds an unquoted camelCase alias to lower case.
      const r = await sqlRow<{ worker_id: string; beat_at: number; is_scheduler: number }>(db, sql`
        select worker_id, beat_at, is_scheduler from worker_heartbeats where stopped_at is null order by beat_at desc limit 1`);
      return r ? { workerId: r.worker_id, beatAt: new Date(Number(r.beat_at)), isScheduler: Number(r.is_scheduler) === 1 } : null;
    },
  });
}

export type HeartbeatsRepository = ReturnType<typeof createHeartbeatsRepository>;

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
