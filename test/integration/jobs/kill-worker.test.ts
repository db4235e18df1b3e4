import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlRow, sqlRows } from '../../../src/db/raw-sql.ts';
import { createJobsRepository } from '../../../src/modules/jobs/jobs.repository.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { createSharedTestDatabase, type SharedTestDatabase } from '../../helpers/shared-database.ts';
import { crashTestKinds, createEffectsTable } from '../../helpers/job-worker-process.ts';

const workerScript = path.resolve(import.meta.dirname, '../../helpers/job-worker-process.ts');

/** Every worker process a test started, killed in afterAll if still running; every shared database, dropped. */
const started: ChildProcess[] = [];
const databases: SharedTestDatabase[] = [];

function startWorker(dataDir: string, shared: SharedTestDatabase): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], { env: { ...process.env, DATA_DIR: dataDir, ...shared.env }, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

/**
 * A shared database (the SQLite file in a fresh DATA_DIR, or a PostgreSQL database) and 200 jobs whose effect is a
 * row each, queued by `enqueueAll`; `effects` counts the rows, `start` starts a worker process on it.
 */
async function queueOf200Jobs() {
  const dataDir = makeTempDir();
  const shared = await createSharedTestDatabase(dataDir);
  databases.push(shared);
  const db = await shared.open();
  await createEffectsTable(db);
  const jobs = createJobsRepository({ db, clock: systemClock, kinds: crashTestKinds });
  const enqueueAll = async () => {
    for (let n = 0; n < 200; n++) await jobs.enqueue({ kind: 'test.effect', payload: { n }, idempotencyKey: `effect:${n}` });
  };
  const effects = async () => Number((await sqlRow<{ c: number }>(db, sql`select count(*) as c from job_effects`))!.c);
  // Counts are compared as numbers: PostgreSQL's bigint ids and counts come back as the driver parses them.
  const perJob = async () => (await sqlRows<{ job_id: number; c: number }>(db, sql`select job_id, count(*) as c from job_effects group by job_id`)).map((r) => Number(r.c));
  const start = () => startWorker(dataDir, shared);
  return { db, jobs, effects, perJob, start, enqueueAll };
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a worker killed with SIGKILL part-way', () => {
  afterAll(async () => {
    // A failed run must not leave a worker running after the test, nor a database on the server.
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const shared of databases) await shared.dispose();
  });
  it('loses nothing and, after a restart, completes every one of 200 jobs exactly once', async () => {
    const { db, jobs, effects, perJob, start, enqueueAll } = await queueOf200Jobs();
    await enqueueAll();

    const first = await start();
    await waitFor(async () => (await effects()) >= 50, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const afterKill = await effects();
    expect(afterKill).toBeLessThan(200);

    const second = await start();
    await waitFor(async () => (await jobs.countByStatus()).done === 200, 90_000);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));

    const counts = await perJob();
    expect(counts).toHaveLength(200);
    expect(counts.every((c) => c === 1)).toBe(true);
    expect(await effects()).toBe(200);
    expect(await jobs.countByStatus()).toEqual({ done: 200 });
    const ns = (await sqlRows<{ n: number }>(db, sql`select n from job_effects order by n`)).map((r) => r.n);
    expect(ns).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('two workers sharing one database run 200 jobs with every effect exactly once, one of them killed midway', async () => {
    const { db, jobs, effects, perJob, start, enqueueAll } = await queueOf200Jobs();

    // The jobs are queued once both workers are ready: one starting seconds after the other on a busy machine
    // would otherwise find the work done before it could take part.
    const [killed, survivor] = await Promise.all([start(), start()]);
    const queueing = enqueueAll();
    await waitFor(async () => (await effects()) >= 60, 60_000);
    killed.kill('SIGKILL');
    await new Promise((r) => killed.once('exit', r));
    expect(await effects()).toBeLessThan(200);
    await queueing;
    // The survivor alone takes over what the killed worker held, once its leases lapse.
    await waitFor(async () => (await jobs.countByStatus()).done === 200, 90_000);
    survivor.kill('SIGTERM');
    await new Promise((r) => survivor.once('exit', r));

    const counts = await perJob();
    expect(counts).toHaveLength(200);
    expect(counts.every((c) => c === 1)).toBe(true);
    expect(await jobs.countByStatus()).toEqual({ done: 200 });
    // Both took part: the jobs were shared out between the two, not run by one while the other idled.
    const byWorker = await sqlRows<{ pid: number }>(db, sql`select distinct pid from job_effects`);
    expect(byWorker.map((r) => r.pid).sort()).toEqual([killed.pid, survivor.pid].sort());
  });
});
