import PQueue from 'p-queue';
import type { Logger } from '../src/shared/logger.ts';
import type { JobKindMap, JobsRepository } from '../src/modules/jobs/jobs.repository.ts';
import { LeaseLostError } from '../src/modules/jobs/jobs.repository.ts';
import { computeRetryDelayMs, describeJobError, type JobRow } from '../src/modules/jobs/jobs.models.ts';
import type { JobRegistry } from './job-registry.ts';

interface RunnerOptions {
  workerId: string;
  concurrency: number;
  leaseMs: number;
  pollIntervalMs?: number;
  /** After this long a handler that ignores its abort signal is reported in the log (it still holds its slot). */
  abortGraceMs?: number;
}

interface InFlight {
  job: JobRow;
  controller: AbortController;
  released: boolean;
}

/**
 * Pulls jobs from the durable queue and runs them with bounded concurrency: one p-queue for the worker
 * as a whole and one per kind. Jobs are claimed only when both have a free slot, so a claimed job never
 * waits in memory holding a lease it cannot use.
 */
export function createJobRunner({ jobs, registry, logger, options, random = Math.random }: {
  /** The runner only consumes jobs, of whatever kinds the registry declares; it never enqueues. */
  jobs: Pick<JobsRepository<JobKindMap>, 'claim' | 'complete' | 'fail' | 'release' | 'extendLease'>;
  registry: JobRegistry;
  logger: Logger;
  options: RunnerOptions;
  random?: () => number;
}) {
  const globalQueue = new PQueue({ concurrency: options.concurrency });
  const kindQueues = new Map(Object.entries(registry.kinds).map(([kind, spec]) => [kind, new PQueue({ concurrency: spec.concurrency })]));
  const inFlight = new Map<number, InFlight>();
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const abortGraceMs = options.abortGraceMs ?? 10_000;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  // A slot freed while a poll runs asks for another poll at once; without this the request was dropped (the
  // running poll's end scheduled the regular interval) and the free slot waited up to a whole interval.
  let pollAgain = false;

  const inFlightOfKind = (kind: string) => [...inFlight.values()].filter((f) => f.job.kind === kind).length;

  async function execute(flight: InFlight): Promise<void> {
    const { job, controller } = flight;
    const spec = registry.kinds[job.kind]!;
    const handler = registry.handlers.get(job.kind)!;
    const log = logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    let completedByHandler = false;
    const extendLease = async () => {
      if (!(await jobs.extendLease({ id: job.id, owner: options.workerId, leaseMs: options.leaseMs }))) controller.abort(new LeaseLostError(job.id));
    };
    const leaseTimer = setInterval(() => void extendLease(), Math.max(1000, Math.floor(options.leaseMs / 3)));
    const timeout = setTimeout(() => controller.abort(new Error(`timed out after ${spec.timeoutMs} ms`)), spec.timeoutMs);
    let handling: Promise<void> | null = null;
    try {
      const payload = spec.schema.parse(job.payload);
      const aborted = new Promise<never>((_, reject) => {
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
      });
      handling = handler.handle(payload as never, {
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        signal: controller.signal,
        logger: log,
        complete: async (effects) => {
          if (controller.signal.aborted) throw controller.signal.reason;
          await jobs.complete({ id: job.id, owner: options.workerId, effects });
          completedByHandler = true;
        },
      });
      handling.catch(() => undefined);
      await Promise.race([handling, aborted]);
      if (!completedByHandler) await jobs.complete({ id: job.id, owner: options.workerId });
      log.debug('job done');
    } catch (error) {
      if (flight.released) {
        log.info('job released at shutdown');
      } else if (error instanceof LeaseLostError) {
        log.warn('job lease lost; another worker owns it now');
      } else {
        const delay = computeRetryDelayMs(job.attempts, random);
        log.warn({ err: { message: describeJobError(error) }, retryInMs: delay }, 'job failed');
        await jobs.fail({ id: job.id, owner: options.workerId, error: describeJobError(error), retryDelayMs: delay });
      }
    } finally {
      clearInterval(leaseTimer);
      clearTimeout(timeout);
      // A timed-out or cancelled job keeps its slot until its handler has really stopped (its browser
      // context closed on the abort signal), so the per-kind and global limits hold while handlers wind down.
      if (handling && controller.signal.aborted) {
        const slow = setTimeout(() => log.warn('job handler still running after its abort'), abortGraceMs);
        await handling.catch(() => undefined);
        clearTimeout(slow);
      }
      inFlight.delete(job.id);
      if (running) schedulePoll(0);
    }
  }

  async function poll(): Promise<void> {
    if (!running) return;
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    pollAgain = false;
    try {
      for (const [kind, spec] of Object.entries(registry.kinds)) {
        const free = Math.min(spec.concurrency - inFlightOfKind(kind), options.concurrency - inFlight.size);
        if (free <= 0) continue;
        for (const job of await jobs.claim({ owner: options.workerId, kind, limit: free, leaseMs: options.leaseMs })) {
          const flight: InFlight = { job, controller: new AbortController(), released: false };
          inFlight.set(job.id, flight);
          void globalQueue.add(() => kindQueues.get(kind)!.add(() => execute(flight)));
        }
      }
    } catch (error) {
      logger.error({ err: { message: describeJobError(error) } }, 'claiming jobs failed');
    } finally {
      polling = false;
    }
    schedulePoll(pollAgain ? 0 : pollIntervalMs);
  }

  function schedulePoll(delay: number): void {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => void poll(), delay);
  }

  return {
    start(): void {
      running = true;
      schedulePoll(0);
    },
    /** Stops claiming, lets running jobs finish within the grace period, then releases the rest. */
    async stop(graceMs: number): Promise<void> {
      running = false;
      clearTimeout(timer);
      const idle = globalQueue.onIdle();
      await Promise.race([idle, new Promise((r) => setTimeout(r, graceMs).unref())]);
      for (const flight of inFlight.values()) {
        flight.released = true;
        await jobs.release({ id: flight.job.id, owner: options.workerId });
        flight.controller.abort(new Error('worker shutting down'));
      }
      await Promise.race([idle, new Promise((r) => setTimeout(r, 2000).unref())]);
    },
    inFlightCount: () => inFlight.size,
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
