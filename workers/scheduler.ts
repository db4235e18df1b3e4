import cron from 'node-cron';
import type { AppDeps } from '../src/deps.types.ts';

export interface SchedulerTask {
  name: string;
  /** Enqueues work; must be idempotent for the same tick (it may run again after a restart). */
  tick(now: Date): Promise<void> | void;
}

export type SchedulerDeps = Pick<AppDeps, 'config' | 'logger' | 'clock'>;

/** Which of several workers runs the schedule: a tick does nothing in a worker that does not hold it. */
export interface SchedulerLease {
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * node-cron only decides *when* to look; every tick just enqueues durable jobs with idempotency keys.
 * Nothing runs inside the cron callback, so a slow scan can never delay or overlap the schedule.
 */
export function createScheduler({ deps, tasks, lease }: { deps: SchedulerDeps; tasks: SchedulerTask[]; lease?: SchedulerLease }) {
  const log = deps.logger.child({ component: 'scheduler' });
  let holding = false;
  const renewLease = async (): Promise<boolean> => {
    const held = lease ? await lease.hold() : true;
    if (held !== holding) log.info({ held }, held ? 'this worker runs the schedule' : 'another worker runs the schedule');
    holding = held;
    return held;
  };
  let stopped = false;
  let ticking: Promise<void> = Promise.resolve();
  const tick = async (): Promise<void> => {
    if (stopped || !(await renewLease())) return;
    const now = deps.clock.now();
    for (const task of tasks) {
      try {
        await task.tick(now);
      } catch (error) {
        log.error({ task: task.name, err: { message: (error as Error).message } }, 'scheduler task failed');
      }
    }
  };
  // A tick asked for outside the cron (at start, or when the demo person's photos are in) is waited for by
  // stop(), and none runs after it: a late tick would take the lease back from a worker that let it go.
  const runTick = (): Promise<void> => {
    const running = ticking.then(tick);
    ticking = running.catch(() => undefined);
    return running;
  };
  const cronTask = cron.createTask(deps.config.scheduler.tick, runTick, { name: 'scheduler', noOverlap: true });
  return {
    async start(): Promise<void> {
      void cronTask.start();
      // Catch up at once after a start: scans that fell due while the service was down are not left for the next tick.
      await runTick();
    },
    async stop(): Promise<void> {
      stopped = true;
      await ticking;
      await cronTask.stop();
      await cronTask.destroy();
      if (holding) await lease?.release();
    },
    runTick,
    renewLease,
  };
}
