import os from 'node:os';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { gated } from '../../db/transaction.ts';

export function createHeartbeatsRepository({ db, clock }: { db: Db; clock: Clock }) {
  const sqlite = db.$client;
  return gated(db, {
    register(args: { workerId: string; isScheduler: boolean }): void {
      const t = clock.now().getTime();
      sqlite
        .prepare(`insert into worker_heartbeats (worker_id, hostname, pid, is_scheduler, started_at, beat_at)
          values (?, ?, ?, ?, ?, ?)
          on conflict (worker_id) do update set beat_at = excluded.beat_at, stopped_at = null`)
        .run(args.workerId, os.hostname(), process.pid, args.isScheduler ? 1 : 0, t, t);
    },
    beat(workerId: string, detail?: Record<string, unknown>): void {
      sqlite
        .prepare('update worker_heartbeats set beat_at = ?, detail = ? where worker_id = ?')
        .run(clock.now().getTime(), detail ? JSON.stringify(detail) : null, workerId);
    },
    stop(workerId: string): void {
      sqlite.prepare('update worker_heartbeats set stopped_at = ? where worker_id = ?').run(clock.now().getTime(), workerId);
    },
    /**
     * A worker killed with SIGKILL leaves a fresh-looking heartbeat. On this host we can ask the kernel
     * whether its pid still lives, and free its jobs at once instead of waiting for their leases to expire.
     */
    markDeadLocalWorkers(isPidAlive: (pid: number) => boolean): number {
      const rows = sqlite
        .prepare('select worker_id as workerId, pid from worker_heartbeats where stopped_at is null and hostname = ?')
        .all(os.hostname()) as { workerId: string; pid: number }[];
      let count = 0;
      for (const row of rows) {
        if (row.pid !== process.pid && !isPidAlive(row.pid)) {
          this.stop(row.workerId);
          count++;
        }
      }
      return count;
    },
    latest(): { workerId: string; beatAt: Date; isScheduler: boolean } | null {
      const r = sqlite
        .prepare('select worker_id as workerId, beat_at as beatAt, is_scheduler as isScheduler from worker_heartbeats where stopped_at is null order by beat_at desc limit 1')
        .get() as { workerId: string; beatAt: number; isScheduler: number } | undefined;
      return r ? { workerId: r.workerId, beatAt: new Date(r.beatAt), isScheduler: r.isScheduler === 1 } : null;
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
