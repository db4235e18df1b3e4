import os from 'node:os';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlRun } from '../../../src/db/raw-sql.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { createLeasesRepository } from '../../../src/modules/jobs/leases.repository.ts';
import { createHeartbeatsRepository } from '../../../src/modules/jobs/heartbeats.repository.ts';
import { createEnginePacingRepository } from '../../../src/modules/scans/engine-pacing.repository.ts';
import { createEngineStatusRepository } from '../../../src/modules/scans/engine-status.repository.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';

// What several worker processes share through the database: the scheduler's lease, their heartbeats, each
// engine's turn and its block status. Run on SQLite and, in the postgres project, on PostgreSQL.

let database: TestDatabase;
let clock: ReturnType<typeof createFixedClock>;
beforeEach(async () => {
  database = await openTestDatabase();
  clock = createFixedClock('2026-11-22T10:00:00Z');
});
afterEach(async () => await database.dispose());

describe('service leases', () => {
  it('gives a free lease to the first holder only, lets it renew, and hands it over once it has expired', async () => {
    const leases = createLeasesRepository({ db: database.db, clock });
    expect(await leases.tryHold('scheduler', 'worker-a', 30_000)).toBe(true);
    expect(await leases.tryHold('scheduler', 'worker-b', 30_000)).toBe(false);
    expect(await leases.holderOf('scheduler')).toBe('worker-a');

    clock.advance(20_000);
    expect(await leases.tryHold('scheduler', 'worker-a', 30_000)).toBe(true);
    clock.advance(20_000);
    // Renewed 20 s ago for 30 s: still worker-a's.
    expect(await leases.tryHold('scheduler', 'worker-b', 30_000)).toBe(false);

    clock.advance(11_000);
    expect(await leases.holderOf('scheduler')).toBeNull();
    expect(await leases.tryHold('scheduler', 'worker-b', 30_000)).toBe(true);
    expect(await leases.holderOf('scheduler')).toBe('worker-b');
    expect(await leases.tryHold('scheduler', 'worker-a', 30_000)).toBe(false);
  });

  it('frees a lease at once when its holder releases it, and ignores a release by anyone else', async () => {
    const leases = createLeasesRepository({ db: database.db, clock });
    await leases.tryHold('scheduler', 'worker-a', 30_000);
    await leases.release('scheduler', 'worker-b');
    expect(await leases.holderOf('scheduler')).toBe('worker-a');
    await leases.release('scheduler', 'worker-a');
    expect(await leases.holderOf('scheduler')).toBeNull();
    expect(await leases.tryHold('scheduler', 'worker-b', 30_000)).toBe(true);
  });

  it('keeps leases of different names apart', async () => {
    const leases = createLeasesRepository({ db: database.db, clock });
    expect(await leases.tryHold('scheduler', 'worker-a', 30_000)).toBe(true);
    expect(await leases.tryHold('retention', 'worker-b', 30_000)).toBe(true);
    expect([await leases.holderOf('scheduler'), await leases.holderOf('retention')]).toEqual(['worker-a', 'worker-b']);
  });
});

describe('worker heartbeats', () => {
  it('reports the worker that beat last, whether it runs the scheduler, and forgets a stopped one', async () => {
    const heartbeats = createHeartbeatsRepository({ db: database.db, clock });
    expect(await heartbeats.latest()).toBeNull();
    await heartbeats.register({ workerId: 'worker-a', isScheduler: true });
    clock.advance(1_000);
    await heartbeats.register({ workerId: 'worker-b', isScheduler: false });
    expect(await heartbeats.latest()).toEqual({ workerId: 'worker-b', beatAt: clock.now(), isScheduler: false });

    clock.advance(5_000);
    await heartbeats.beat('worker-a', { jobs: 2 });
    expect(await heartbeats.latest()).toEqual({ workerId: 'worker-a', beatAt: clock.now(), isScheduler: true });

    await heartbeats.stop('worker-a');
    expect((await heartbeats.latest())?.workerId).toBe('worker-b');
    // Registering again (a restart under the same id) brings it back.
    clock.advance(1_000);
    await heartbeats.register({ workerId: 'worker-a', isScheduler: true });
    expect((await heartbeats.latest())?.workerId).toBe('worker-a');
  });

  it('marks as stopped the workers of this machine whose process is gone, never its own process', async () => {
    const heartbeats = createHeartbeatsRepository({ db: database.db, clock });
    await heartbeats.register({ workerId: 'self', isScheduler: false });
    await heartbeats.register({ workerId: 'killed', isScheduler: true });
    await heartbeats.register({ workerId: 'elsewhere', isScheduler: false });
    // Worker processes of their own: a pid of a process that is gone, and one on another machine.
    await sqlRun(database.db, sql`update worker_heartbeats set pid = ${999_999_001} where worker_id in ('killed', 'elsewhere')`);
    await sqlRun(database.db, sql`update worker_heartbeats set hostname = ${`${os.hostname()}-other`} where worker_id = 'elsewhere'`);
    clock.advance(1_000);
    await heartbeats.beat('killed');

    const asked: number[] = [];
    expect(await heartbeats.markDeadLocalWorkers((pid) => (asked.push(pid), false))).toBe(1);
    expect(asked).toEqual([999_999_001]);
    // The killed worker beat last, yet it no longer counts.
    expect((await heartbeats.latest())?.workerId).not.toBe('killed');
    expect(await heartbeats.markDeadLocalWorkers(() => false)).toBe(0);
  });
});

describe('engine turns', () => {
  it('lets one holder at a time query an engine, and the next only after the gap that follows the request', async () => {
    const pacing = createEnginePacingRepository({ db: database.db, holderGone: () => false });
    expect(await pacing.take('bing', 'a', 1_000, 5_000)).toEqual({ go: true });
    const waiting = await pacing.take('bing', 'b', 1_100, 5_000);
    expect(waiting.go).toBe(false);

    await pacing.finished('bing', 'a', 2_000, 3_000);
    expect(await pacing.take('bing', 'b', 4_000, 5_000)).toEqual({ go: false, askAgainAt: 5_000 });
    expect(await pacing.take('bing', 'b', 5_000, 5_000)).toEqual({ go: true });
    // Another engine is not held up by this one.
    expect(await pacing.take('mojeek', 'a', 5_000, 5_000)).toEqual({ go: true });
  });

  it('ignores the end of a turn reported by someone who no longer holds it, and frees the turn of a holder known to be gone', async () => {
    const gone = new Set<string>();
    const pacing = createEnginePacingRepository({ db: database.db, holderGone: (holder) => gone.has(holder) });
    await pacing.take('bing', 'a', 1_000, 5_000);
    await pacing.finished('bing', 'b', 1_500, 60_000);
    expect((await pacing.take('bing', 'c', 1_600, 5_000)).go).toBe(false);
    gone.add('a');
    expect(await pacing.take('bing', 'c', 1_700, 5_000)).toEqual({ go: true });
  });
});

describe('engine turns with a jittered gap', () => {
  it('keeps whole milliseconds when the gap after a request is a fraction, never letting the next turn start early', async () => {
    const pacing = createEnginePacingRepository({ db: database.db, holderGone: () => false });
    await pacing.take('bing', 'a', 1_000, 5_000.5);
    await pacing.finished('bing', 'a', 2_000, 1_234.25);
    expect(await pacing.take('bing', 'b', 3_234, 5_000)).toEqual({ go: false, askAgainAt: 3_235 });
    expect(await pacing.take('bing', 'b', 3_235, 5_000)).toEqual({ go: true });
  });
});

describe('engine status', () => {
  it('rests an engine after a refusal, doubles the rest when it refuses again, and one success ends the block', async () => {
    const status = createEngineStatusRepository({ db: database.db, clock, maxBackoffSeconds: 24 * 3600 });
    expect(await status.get('bing')).toBeNull();
    const first = await status.record('bing', 'captcha', 'cloudflare_challenge');
    expect(first).toMatchObject({ state: 'suspended', lastSignal: 'cloudflare_challenge', consecutiveFailures: 1, blockedSince: clock.now() });
    expect(await status.suspendedUntil('bing')).toEqual(first.suspendedUntil);
    const firstPause = first.suspendedUntil!.getTime() - clock.now().getTime();
    expect(firstPause).toBeGreaterThan(0);

    clock.advance(firstPause + 1);
    expect(await status.suspendedUntil('bing')).toBeNull();
    const second = await status.record('bing', 'captcha', 'cloudflare_challenge');
    expect(second.consecutiveFailures).toBe(2);
    expect(second.blockedSince).toEqual(first.blockedSince);
    expect(second.suspendedUntil!.getTime() - clock.now().getTime()).toBe(2 * firstPause);
    expect(await status.get('bing')).toEqual(second);

    const ok = await status.record('bing', 'ok', undefined);
    expect(ok).toMatchObject({ state: 'ok', consecutiveFailures: 0, suspendedUntil: null, blockedSince: null, lastOkAt: clock.now() });
    expect(await status.suspendedUntil('bing')).toBeNull();
  });

  it('lifts a pause by hand, keeps the signal visible, and lists and clears engines', async () => {
    const status = createEngineStatusRepository({ db: database.db, clock });
    expect(await status.resume('bing')).toBeNull();
    await status.record('bing', 'blocked', 'http_403');
    await status.record('mojeek', 'ok', undefined);
    const lifted = await status.resume('bing');
    expect(lifted).toMatchObject({ state: 'suspended', lastSignal: 'http_403', consecutiveFailures: 0, suspendedUntil: clock.now() });
    expect(await status.suspendedUntil('bing')).toBeNull();
    expect((await status.list()).map((row) => row.engine).sort()).toEqual(['bing', 'mojeek']);
    await status.clear('bing');
    expect((await status.list()).map((row) => row.engine)).toEqual(['mojeek']);
  });
});
