import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlRow, sqlRows } from '../../../src/db/raw-sql.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { createSimulatedWeb } from '../../../src/simweb/server.ts';

const script = path.resolve(import.meta.dirname, '../../helpers/scan-worker-process.ts');

/** Every worker process a test started, killed in afterAll if still running. */
const started: ChildProcess[] = [];

/** `harnessEnv`: the harness's DATA_DIR and, on PostgreSQL, its DATABASE_URL. */
function startWorkerProcess(harnessEnv: Record<string, string>, allowHost: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...harnessEnv, ALLOW_PRIVATE_HOSTS: allowHost, SEARCH_RESULT_PAGES: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

const kill = async (child: ChildProcess) => {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
};

describe('a hit, its alert and its takedown case commit together', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  afterAll(() => harness?.close());
  afterAll(() => {
    // A failed run must not leave a worker running after the test.
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });


  it('leaves every hit with exactly one alert and one case after 20 SIGKILLs at random moments', async () => {
    const dataDir = makeTempDir();
    // A small scan (two engines, a few queries) so twenty restarts fit in a test run; its pages still
    // span page hits, snippet hits and pages that could not be checked.
    // The hostile pages that hang until their timeout are left out of the index: they test the browser, not this.
    const web = await createSimulatedWeb({ port: 0, indexHostile: false });
    harness = await startScanHarness({ dataDir, web, env: { SCAN_QUERY_CAP: '6', SEARCH_RESULT_PAGES: '1' } });
    const engines = harness.engines.filter((e) => e.startsWith('duckduckgo=') || e.startsWith('bing='));
    const allowHost = harness.allowHosts[0]!;
    const db = harness.app.db;
    // A seeded sequence of moments, so a failure can be replayed.
    let seed = 20261204;
    const nextMoment = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 300 + (seed % 3500);
    };
    let kills = 0;
    let runs = [(await harness.startScan(engines)).id];
    while (kills < Number(process.env.CRASH_KILLS ?? 20)) {
      const worker = await startWorkerProcess(harness.env, allowHost);
      await new Promise((r) => setTimeout(r, nextMoment()));
      await kill(worker);
      kills++;
      // Keep scans going: when one finishes, the next demo scan starts, so kills keep landing mid-scan.
      if ((await harness.app.scans.getRun(runs.at(-1)!))!.finishedAt) runs = [...runs, (await harness.startScan(engines)).id];
    }
    const last = await startWorkerProcess(harness.env, allowHost);
    try {
      for (const id of runs) {
        await harness.waitForRun(id, 240_000).catch(async (error: Error) => {
          // What the queue looked like when the scan stalled, to tell a stuck job from a slow one.
          throw new Error(`${error.message}\njobs: ${JSON.stringify(await sqlRows(db, sql`select kind, status, attempts, last_error from jobs where status != 'done'`))}`);
        });
      }
      // The cases are opened by jobs the runs left behind. Only jobs that are due count: a page that could not
      // be checked gets a retry an hour or more later, which this wait must not sit out.
      const until = Date.now() + 120_000;
      const pending = async () => {
        const open = await sqlRows<{ run_after: number | string | Date }>(db, sql`select run_after from jobs where status in ('queued', 'running') and kind in ('takedowns.open_case', 'page.visit', 'page.retry')`);
        // A time that does not parse counts as due, so a misread can only make this wait longer, never skip it.
        return open.filter((job) => !(new Date(job.run_after).getTime() > Date.now())).length;
      };
      while ((await pending()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(await pending()).toBe(0);
    } finally {
      last.kill('SIGTERM');
      await new Promise((r) => last.once('exit', r));
    }

    const hits = await sqlRows<{ id: string }>(db, sql`select id from hits`);
    expect(hits.length).toBeGreaterThan(0);
    const alertsPerHit = await sqlRows<{ id: string; n: number }>(db, sql`select h.id, (select count(*) from alerts a where a.hit_id = h.id and a.kind = 'exposure') n from hits h`);
    expect(alertsPerHit.filter((r) => Number(r.n) !== 1)).toEqual([]);
    const casesPerHit = await sqlRows<{ id: string; n: number }>(db, sql`select h.id, (select count(*) from takedown_cases c where c.hit_id = h.id) n from hits h`);
    expect(casesPerHit.filter((r) => Number(r.n) !== 1)).toEqual([]);
    const count = async (query: ReturnType<typeof sql>) => Number((await sqlRow<{ n: number }>(db, query))!.n);
    expect(await count(sql`select count(*) n from alerts where kind = 'exposure' and (hit_id is null or hit_id not in (select id from hits))`)).toBe(0);
    expect(await count(sql`select count(*) n from takedown_cases where hit_id not in (select id from hits)`)).toBe(0);
  }, 600_000);
});
