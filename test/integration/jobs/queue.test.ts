import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp } from '../../helpers/test-app.ts';
import { createJobsRepository, INTERRUPTED_ATTEMPTS_CAP, LeaseLostError } from '../../../src/modules/jobs/jobs.repository.ts';
import { computeRetryDelayMs } from '../../../src/modules/jobs/jobs.models.ts';
import { createJobRegistry, defineJobHandler } from '../../../workers/job-registry.ts';
import { createJobRunner } from '../../../workers/job-runner.ts';
import { createLogger } from '../../../src/shared/logger.ts';

const kinds = {
  'test.echo': { schema: z.object({ n: z.number() }), timeoutMs: 10_000, concurrency: 2, maxAttempts: 3 },
  'test.slow': { schema: z.object({ ms: z.number() }), timeoutMs: 200, concurrency: 1, maxAttempts: 2 },
};

async function setup() {
  const app = await createTestApp({ jobKinds: kinds });
  const jobs = createJobsRepository({ db: app.db, clock: app.clock, kinds });
  return { app, jobs };
}

const waitFor = async (check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the durable job queue', () => {
  it('enqueues a job once per idempotency key', async () => {
    const { jobs } = await setup();
    expect(await jobs.enqueue({ kind: 'test.echo', payload: { n: 1 }, idempotencyKey: 'k1' })).toBeTypeOf('number');
    expect(await jobs.enqueue({ kind: 'test.echo', payload: { n: 2 }, idempotencyKey: 'k1' })).toBeNull();
    expect(await jobs.countByStatus()).toEqual({ queued: 1 });
  });

  it('refuses unknown kinds and invalid payloads at enqueue time', async () => {
    const { jobs } = await setup();
    // Both mistakes are compile errors in this code base; rows written by other code or older versions still meet the checks.
    // @ts-expect-error an undeclared kind does not compile
    await expect(jobs.enqueue({ kind: 'test.nope', payload: {} })).rejects.toThrow(expect.objectContaining({ code: 'jobs.unknown_kind' }));
    // @ts-expect-error a payload that does not fit the kind's schema does not compile
    await expect(jobs.enqueue({ kind: 'test.echo', payload: { n: 'x' } })).rejects.toThrow(expect.objectContaining({ code: 'jobs.invalid_payload' }));
  });

  it('hands a job to one worker only while its lease holds, then to another once it expires', async () => {
    const { app, jobs } = await setup();
    await jobs.enqueue({ kind: 'test.echo', payload: { n: 1 } });
    expect(await jobs.claim({ owner: 'a', kind: 'test.echo', limit: 5, leaseMs: 10_000 })).toHaveLength(1);
    expect(await jobs.claim({ owner: 'b', kind: 'test.echo', limit: 5, leaseMs: 10_000 })).toHaveLength(0);
    app.clock.advance(10_001);
    const [taken] = await jobs.claim({ owner: 'b', kind: 'test.echo', limit: 5, leaseMs: 10_000 });
    expect(taken?.leaseOwner).toBe('b');
    expect(taken?.attempts).toBe(2);
    // The first owner's late completion is fenced off.
    await expect(jobs.complete({ id: taken!.id, owner: 'a' })).rejects.toThrow(LeaseLostError);
    await jobs.complete({ id: taken!.id, owner: 'b' });
    expect((await jobs.get(taken!.id))?.status).toBe('done');
  });

  it('does not run a job before its run_after time', async () => {
    const { app, jobs } = await setup();
    await jobs.enqueue({ kind: 'test.echo', payload: { n: 1 }, runAfter: new Date(app.clock.now().getTime() + 60_000) });
    expect(await jobs.claim({ owner: 'a', kind: 'test.echo', limit: 1, leaseMs: 1000 })).toHaveLength(0);
    app.clock.advance(60_000);
    expect(await jobs.claim({ owner: 'a', kind: 'test.echo', limit: 1, leaseMs: 1000 })).toHaveLength(1);
  });

  it('retries failures with backoff and gives up after the last attempt', async () => {
    const { app, jobs } = await setup();
    const id = (await jobs.enqueue({ kind: 'test.echo', payload: { n: 1 } }))!;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [job] = await jobs.claim({ owner: 'a', kind: 'test.echo', limit: 1, leaseMs: 1000 });
      expect(job?.attempts).toBe(attempt);
      await jobs.fail({ id, owner: 'a', error: `boom ${attempt}`, retryDelayMs: 5000 });
      expect(await jobs.claim({ owner: 'a', kind: 'test.echo', limit: 1, leaseMs: 1000 })).toHaveLength(0);
      app.clock.advance(5000);
    }
    expect(await jobs.get(id)).toMatchObject({ status: 'dead', lastError: 'boom 3' });
  });

  it('gives a job interrupted on its last attempt another one, and buries it when workers keep dying under it', async () => {
    const { app, jobs } = await setup();
    const id = (await jobs.enqueue({ kind: 'test.slow', payload: { ms: 1 } }))!;
    let claims = 0;
    // Every claim's worker dies: the lease runs out each time. test.slow allows 2 attempts of its own.
    while ((await jobs.claim({ owner: `w${claims}`, kind: 'test.slow', limit: 1, leaseMs: 1000 })).length === 1) {
      claims++;
      app.clock.advance(1001);
      if (claims > 50) break;
    }
    expect(claims).toBe(INTERRUPTED_ATTEMPTS_CAP);
    expect((await jobs.get(id))?.status).toBe('dead');
    expect((await jobs.get(id))?.lastError).toMatch(/lease expired on the last attempt/);
  });

  it('does not extend a job that failed on its last attempt: only interruptions are forgiven', async () => {
    const { jobs } = await setup();
    const id = (await jobs.enqueue({ kind: 'test.slow', payload: { ms: 1 } }))!;
    for (let i = 0; i < 2; i++) {
      const [job] = await jobs.claim({ owner: 'a', kind: 'test.slow', limit: 1, leaseMs: 1000 });
      await jobs.fail({ id: job!.id, owner: 'a', error: 'boom', retryDelayMs: 0 });
    }
    expect((await jobs.get(id))?.status).toBe('dead');
  });

  it('revives, at start, a job whose worker died during its last attempt', async () => {
    const { app, jobs } = await setup();
    const id = (await jobs.enqueue({ kind: 'test.slow', payload: { ms: 1 } }))!;
    await jobs.claim({ owner: 'ghost', kind: 'test.slow', limit: 1, leaseMs: 600_000 });
    app.clock.advance(600_001);
    await jobs.claim({ owner: 'ghost2', kind: 'test.slow', limit: 1, leaseMs: 600_000 });
    expect(await jobs.recoverStale({ aliveSince: app.clock.now() })).toBe(1);
    expect(await jobs.get(id)).toMatchObject({ status: 'queued', maxAttempts: 3 });
  });

  it('recovers running jobs of workers with no recent heartbeat at start', async () => {
    const { app, jobs } = await setup();
    await jobs.enqueue({ kind: 'test.echo', payload: { n: 1 } });
    await jobs.claim({ owner: 'ghost', kind: 'test.echo', limit: 1, leaseMs: 600_000 });
    await app.heartbeats.register({ workerId: 'alive', isScheduler: false });
    expect(await jobs.recoverStale({ aliveSince: new Date(app.clock.now().getTime() - 15_000) })).toBe(1);
    expect(await jobs.claim({ owner: 'alive', kind: 'test.echo', limit: 1, leaseMs: 1000 })).toHaveLength(1);
  });

  it('keeps retry delays growing and bounded', () => {
    const delays = [1, 2, 3, 4, 20].map((a) => computeRetryDelayMs(a, () => 1));
    expect(delays).toEqual([5000, 10_000, 20_000, 40_000, 3_600_000]);
    expect(computeRetryDelayMs(3, () => 0)).toBe(10_000);
  });
});

describe('the job runner', () => {
  it('refuses to start when a declared kind has no handler', () => {
    expect(() => createJobRegistry(kinds, [defineJobHandler('test.echo', async () => undefined)])).toThrow(/test\.slow/);
  });

  it('runs jobs with per-kind concurrency and completes them', async () => {
    const { jobs } = await setup();
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const registry = createJobRegistry(kinds, [
      defineJobHandler<{ n: number }>('test.echo', async ({ n }) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 30));
        seen.push(n);
        running--;
      }),
      defineJobHandler('test.slow', async () => undefined),
    ]);
    for (let n = 0; n < 8; n++) await jobs.enqueue({ kind: 'test.echo', payload: { n } });
    const runner = createJobRunner({ jobs, registry, logger: createLogger({ level: 'silent' }), options: { workerId: 'w', concurrency: 4, leaseMs: 10_000, pollIntervalMs: 10 } });
    runner.start();
    await waitFor(async () => (await jobs.countByStatus()).done === 8);
    await runner.stop(1000);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(2);
  });

  it('fails a job that exceeds its timeout and records why', async () => {
    const { jobs } = await setup();
    const registry = createJobRegistry(kinds, [
      defineJobHandler('test.echo', async () => undefined),
      defineJobHandler('test.slow', (_p, ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => setTimeout(resolve, 5000)))),
    ]);
    const id = (await jobs.enqueue({ kind: 'test.slow', payload: { ms: 10_000 } }))!;
    const runner = createJobRunner({ jobs, registry, logger: createLogger({ level: 'silent' }), options: { workerId: 'w', concurrency: 1, leaseMs: 10_000, pollIntervalMs: 10 } });
    runner.start();
    await waitFor(async () => (await jobs.get(id))?.lastError !== null);
    await runner.stop(100);
    expect((await jobs.get(id))?.lastError).toMatch(/timed out after 200 ms/);
  });

  it('claims again at once when a slot frees while a poll is still claiming (the next regular poll is a minute away)', async () => {
    const { jobs } = await setup();
    const finish = new Map<number, () => void>();
    const registry = createJobRegistry(kinds, [
      defineJobHandler<{ n: number }>('test.echo', ({ n }) => new Promise<void>((resolve) => finish.set(n, resolve))),
      defineJobHandler('test.slow', async () => undefined),
    ]);
    // The real queue, with a gate the test can close on the next claim of test.echo: that poll is held while
    // the second job finishes, so the finish asks for a poll while one is running.
    let gate: { entered: boolean; open: () => void; opened: Promise<void> } | null = null;
    const gated: typeof jobs = Object.create(jobs);
    gated.claim = async (args) => {
      const claimed = await jobs.claim(args);
      const held = args.kind === 'test.echo' ? gate : null;
      if (held && !held.entered) {
        held.entered = true;
        await held.opened;
      }
      return claimed;
    };
    const closeGate = () => {
      let open = () => undefined as void;
      const opened = new Promise<void>((resolve) => { open = resolve; });
      gate = { entered: false, open, opened };
      return gate;
    };
    await jobs.enqueue({ kind: 'test.echo', payload: { n: 1 } });
    await jobs.enqueue({ kind: 'test.echo', payload: { n: 2 } });
    const runner = createJobRunner({ jobs: gated, registry, logger: createLogger({ level: 'silent' }), options: { workerId: 'w', concurrency: 2, leaseMs: 10_000, pollIntervalMs: 60_000 } });
    runner.start();
    try {
      await waitFor(() => finish.has(1) && finish.has(2));
      const held = closeGate();
      finish.get(1)!();
      await waitFor(() => held.entered);
      const third = (await jobs.enqueue({ kind: 'test.echo', payload: { n: 3 } }))!;
      finish.get(2)!();
      await waitFor(async () => (await jobs.countByStatus()).done === 2);
      // Let the finished job's request for a poll arrive while the held poll is still running.
      await new Promise((resolve) => setTimeout(resolve, 100));
      held.open();
      await waitFor(() => finish.has(3), 5_000);
      finish.get(3)!();
      await waitFor(async () => (await jobs.get(third))?.status === 'done');
    } finally {
      for (const resolve of finish.values()) resolve();
      await runner.stop(1000);
    }
  });

  it('releases unfinished jobs at shutdown without counting the attempt', async () => {
    const { jobs } = await setup();
    let started = false;
    const registry = createJobRegistry(kinds, [
      defineJobHandler('test.echo', async (_p, ctx) => {
        started = true;
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      }),
      defineJobHandler('test.slow', async () => undefined),
    ]);
    const id = (await jobs.enqueue({ kind: 'test.echo', payload: { n: 1 } }))!;
    const runner = createJobRunner({ jobs, registry, logger: createLogger({ level: 'silent' }), options: { workerId: 'w', concurrency: 1, leaseMs: 10_000, pollIntervalMs: 10 } });
    runner.start();
    await waitFor(() => started);
    await runner.stop(50);
    expect(await jobs.get(id)).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null });
  });
});
