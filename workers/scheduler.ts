import cron from 'node-cron';
import type { AppDeps } from '../src/deps.types.ts';

export interface SchedulerTask {
  name: string;
  /** Enqueues work; must be idempotent for the same tick (it may run again after a restart). */
  tick(now: Date): void;
}

/**
 * node-cron only decides *when* to look; every tick just enqueues durable jobs with idempotency keys.
 * Nothing runs inside the cron callback, so a slow scan can never delay or overlap the schedule.
 */
export type SchedulerDeps = Pick<AppDeps, 'config' | 'logger' | 'clock'>;

export function createScheduler({ deps, tasks }: { deps: SchedulerDeps; tasks: SchedulerTask[] }) {
  const log = deps.logger.child({ component: 'scheduler' });
  const runTick = () => {
    const now = deps.clock.now();
    for (const task of tasks) {
      try {
        task.tick(now);
      } catch (error) {
        log.error({ task: task.name, err: { message: (error as Error).message } }, 'scheduler task failed');
      }
    }
  };
  const cronTask = cron.createTask(deps.config.scheduler.tick, runTick, { name: 'scheduler', noOverlap: true });
  return {
    start(): void {
      void cronTask.start();
      // Catch up at once after a start: scans that fell due while the service was down are not left for the next tick.
      runTick();
    },
    async stop(): Promise<void> {
      await cronTask.stop();
      await cronTask.destroy();
    },
    runTick,
  };
}
