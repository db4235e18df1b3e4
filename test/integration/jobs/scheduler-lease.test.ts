import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { createScheduler, type SchedulerTask } from '../../../workers/scheduler.ts';
import { createTestApp, makeTempDir } from '../../helpers/test-app.ts';
import { createSharedTestDatabase, type SharedTestDatabase } from '../../helpers/shared-database.ts';

// Two workers on one database: two apps with their own connections to one database (a SQLite file, or one
// PostgreSQL database) and one shared clock.
describe('with several workers on one database, the schedule runs in exactly one of them', () => {
  const clock = createFixedClock('2026-12-01T08:00:00Z');
  let dir: string;
  let shared: SharedTestDatabase;
  let apps: Awaited<ReturnType<typeof createTestApp>>[];
  const ticks: string[] = [];
  const taskOf = (worker: string): SchedulerTask => ({ name: 'count', tick: () => {
    ticks.push(worker);
  } });
  const schedulerOf = (i: number, holder: string) =>
    createScheduler({
      deps: apps[i]!,
      tasks: [taskOf(holder)],
      lease: { hold: async () => await apps[i]!.leases.tryHold('scheduler', holder, 30_000), release: async () => await apps[i]!.leases.release('scheduler', holder) },
    });

  beforeAll(async () => {
    dir = makeTempDir('es-lease-');
    shared = await createSharedTestDatabase(dir);
    // One after the other: the first migrates the empty database, the second finds it current.
    apps = [];
    for (let i = 0; i < 2; i++) apps.push(await createTestApp({ db: await shared.open(), clock, env: { DATA_DIR: dir } }));
  });
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await shared?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ticks in the worker holding the lease only, hands over when the holder stops renewing, and at once on a clean stop', async () => {
    const a = schedulerOf(0, 'worker-a');
    const b = schedulerOf(1, 'worker-b');
    for (let i = 0; i < 3; i++) {
      await a.runTick();
      await b.runTick();
      clock.advance(10_000);
    }
    expect(ticks).toEqual(['worker-a', 'worker-a', 'worker-a']);
    expect(await apps[1]!.leases.holderOf('scheduler')).toBe('worker-a');

    // worker-a is killed: it renews no more. Until its lease runs out, worker-b still does nothing.
    ticks.length = 0;
    clock.advance(15_000);
    await b.runTick();
    expect(ticks).toEqual([]);
    clock.advance(20_000);
    await b.runTick();
    await b.runTick();
    expect(ticks).toEqual(['worker-b', 'worker-b']);

    // A worker that comes back finds the schedule taken; a clean stop of the holder hands it over at once.
    await a.runTick();
    expect(ticks).toEqual(['worker-b', 'worker-b']);
    await b.stop();
    await a.runTick();
    expect(ticks.at(-1)).toBe('worker-a');
    await a.stop();
  });

  it('runs no tick once stopped, so a late tick never takes the lease back, and waits for the tick in flight', async () => {
    ticks.length = 0;
    let release = () => {};
    const slowTask: SchedulerTask = { name: 'slow', tick: async () => {
      ticks.push('slow started');
      await new Promise<void>((resolve) => (release = resolve));
      ticks.push('slow ended');
    } };
    const c = createScheduler({
      deps: apps[0]!,
      tasks: [slowTask],
      lease: { hold: async () => await apps[0]!.leases.tryHold('scheduler', 'worker-c', 30_000), release: async () => await apps[0]!.leases.release('scheduler', 'worker-c') },
    });
    const inFlight = c.runTick();
    await vi.waitFor(() => expect(ticks).toEqual(['slow started']));
    let stopped = false;
    const stopping = c.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release();
    await inFlight;
    await stopping;
    expect(ticks).toEqual(['slow started', 'slow ended']);
    expect(await apps[0]!.leases.holderOf('scheduler')).toBeNull();

    // Asked for after the stop (the demo's photos finishing late, say): nothing runs and the lease stays free.
    await c.runTick();
    expect(ticks).toEqual(['slow started', 'slow ended']);
    expect(await apps[0]!.leases.holderOf('scheduler')).toBeNull();
  });
});
