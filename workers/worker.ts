import os from 'node:os';
import type { AppDeps } from '../src/deps.types.ts';
import { createId } from '../src/shared/ids.ts';
import { isPidAlive } from '../src/modules/jobs/heartbeats.repository.ts';
import { createJobRegistry, type JobHandler } from './job-registry.ts';
import { createJobRunner } from './job-runner.ts';
import { createScheduler, type SchedulerDeps, type SchedulerTask } from './scheduler.ts';

const HEARTBEAT_MS = 5_000;
/** How long the schedule stays with a worker that stopped renewing (killed, machine gone) before another takes it. */
const SCHEDULER_LEASE_MS = 6 * HEARTBEAT_MS;

/** The queue, the heartbeats and the settings a worker refreshes; its handlers were built with what they need. */
export type WorkerDeps = SchedulerDeps & Pick<AppDeps, 'jobKinds' | 'jobs' | 'heartbeats' | 'leases' | 'settings' | 'random'>;

/**
 * A worker: claims and runs jobs, beats its heartbeat, and (when `runScheduler`) offers to run the scheduler:
 * with several workers on one database, the one holding the `scheduler` lease runs it, renewing it every beat.
 * Start-up order matters: the registry is checked first (refuse to run half-configured), then jobs left
 * by dead workers are recovered, then claiming starts.
 */
export function createWorker({ deps, handlers, schedulerTasks, runScheduler }: {
  deps: WorkerDeps;
  handlers: JobHandler[];
  schedulerTasks: SchedulerTask[];
  runScheduler: boolean;
}) {
  const registry = createJobRegistry(deps.jobKinds, handlers);
  const workerId = `${os.hostname()}-${process.pid}-${createId('w').slice(2, 8)}`;
  const log = deps.logger.child({ component: 'worker', workerId });
  const runner = createJobRunner({
    jobs: deps.jobs,
    registry,
    logger: log,
    random: deps.random,
    options: { workerId, concurrency: deps.config.jobs.concurrency, leaseMs: deps.config.jobs.leaseMs },
  });
  const lease = { hold: () => deps.leases.tryHold('scheduler', workerId, SCHEDULER_LEASE_MS), release: () => deps.leases.release('scheduler', workerId) };
  const scheduler = runScheduler ? createScheduler({ deps, tasks: schedulerTasks, lease }) : null;
  let heartbeat: NodeJS.Timeout | undefined;

  return {
    workerId,
    async start(): Promise<void> {
      await deps.heartbeats.register({ workerId, isScheduler: runScheduler });
      const dead = await deps.heartbeats.markDeadLocalWorkers(isPidAlive);
      const recovered = await deps.jobs.recoverStale({ aliveSince: new Date(deps.clock.now().getTime() - 3 * HEARTBEAT_MS) });
      log.info({ deadWorkers: dead, recoveredJobs: recovered }, 'worker started');
      const beat = async () => {
        try {
          await deps.heartbeats.beat(workerId, { inFlight: runner.inFlightCount() });
          // Renewed between ticks too, so a tick interval longer than the lease never hands the schedule around.
          await scheduler?.renewLease();
          // Settings saved on the dashboard by a separate web process reach this worker within a beat.
          if (await deps.settings.refresh()) log.info('settings changed on the settings page; applied');
        } catch (error) {
          log.error({ err: { message: (error as Error).message } }, 'heartbeat failed');
        }
      };
      heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
      runner.start();
      await scheduler?.start();
    },
    async stop(): Promise<void> {
      clearInterval(heartbeat);
      await scheduler?.stop();
      await runner.stop(deps.config.jobs.shutdownGraceMs);
      await deps.heartbeats.stop(workerId);
      log.info('worker stopped');
    },
    runner,
    scheduler,
  };
}

export type Worker = ReturnType<typeof createWorker>;
