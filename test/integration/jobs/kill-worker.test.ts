import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, closeDatabase } from '../../../src/db/client.ts';
import { createJobsRepository } from '../../../src/modules/jobs/jobs.repository.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { crashTestKinds, effectsTableSql } from '../../helpers/job-worker-process.ts';

const workerScript = path.resolve(import.meta.dirname, '../../helpers/job-worker-process.ts');

/** Every worker process a test started, killed in afterAll if still running. */
const started: ChildProcess[] = [];

function startWorker(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

/** A database in a fresh DATA_DIR with 200 queued jobs whose effect is a row each; `effects` counts the rows. */
async function queueOf200Jobs() {
  const dataDir = makeTempDir();
  const db = openDatabase(path.join(dataDir, 'exposure-scanner.sqlite'));
  runMigrations(db);
  db.$client.exec(effectsTableSql);
  const jobs = createJobsRepository({ db, clock: systemClock, kinds: crashTestKinds });
  for (let n = 0; n < 200; n++) await jobs.enqueue({ kind: 'test.effect', payload: { n }, idempotencyKey: `effect:${n}` });
  const effects = () => (db.$client.prepare('select count(*) as c from job_effects').get() as { c: number }).c;
  return { dataDir, db, jobs, effects };
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a worker killed with SIGKILL part-way', () => {
  afterAll(() => {
    // A failed run must not leave a worker running after the test.
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  it('loses nothing and, after a restart, completes every one of 200 jobs exactly once', async () => {
    const { dataDir, db, jobs, effects } = await queueOf200Jobs();

    const first = await startWorker(dataDir);
    await waitFor(() => effects() >= 50, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const afterKill = effects();
    expect(afterKill).toBeLessThan(200);

    const second = await startWorker(dataDir);
    await waitFor(async () => (await jobs.countByStatus()).done === 200, 90_000);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));

    const rows = db.$client.prepare('select job_id, count(*) as c from job_effects group by job_id').all() as { job_id: number; c: number }[];
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.c === 1)).toBe(true);
    expect(effects()).toBe(200);
    expect(await jobs.countByStatus()).toEqual({ done: 200 });
    const ns = (db.$client.prepare('select n from job_effects order by n').all() as { n: number }[]).map((r) => r.n);
    expect(ns).toEqual(Array.from({ length: 200 }, (_, i) => i));
    closeDatabase(db);
  });

  it('two workers sharing one database run 200 jobs with every effect exactly once, one of them killed midway', async () => {
    const { dataDir, db, jobs, effects } = await queueOf200Jobs();

    const [killed, survivor] = await Promise.all([startWorker(dataDir), startWorker(dataDir)]);
    await waitFor(() => effects() >= 60, 60_000);
    killed.kill('SIGKILL');
    await new Promise((r) => killed.once('exit', r));
    // The survivor alone takes over what the killed worker held, once its leases lapse.
    await waitFor(async () => (await jobs.countByStatus()).done === 200, 90_000);
    survivor.kill('SIGTERM');
    await new Promise((r) => survivor.once('exit', r));

    const rows = db.$client.prepare('select job_id, count(*) as c from job_effects group by job_id').all() as { job_id: number; c: number }[];
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.c === 1)).toBe(true);
    expect(await jobs.countByStatus()).toEqual({ done: 200 });
    // Both took part: the jobs were shared out between the two, not run by one while the other idled.
    const byWorker = db.$client.prepare('select pid, count(*) as c from job_effects group by pid').all() as { pid: number; c: number }[];
    expect(byWorker.map((r) => r.pid).sort()).toEqual([killed.pid, survivor.pid].sort());
    closeDatabase(db);
  });
});
