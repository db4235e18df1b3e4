import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../../src/db/raw-sql.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

const script = path.resolve(import.meta.dirname, '../../helpers/scan-worker-process.ts');

/** `harnessEnv`: the harness's DATA_DIR and, on PostgreSQL, its DATABASE_URL. */
function startWorkerProcess(harnessEnv: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...harnessEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

const started: ChildProcess[] = [];

describe('a worker killed in the middle of a scan', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  afterAll(async () => {
    // A failed or timed-out run must not leave a worker (and its Chromium) scanning after the test.
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await harness?.close();
  });

  it('completes the scan after a restart, with no duplicate searches or hits', async () => {
    const dataDir = makeTempDir();
    harness = await startScanHarness({ dataDir });
    const run = await harness.startScan();
    const first = await startWorkerProcess(harness.env);
    const until = Date.now() + 60_000;
    while (((await harness.app.scans.getRun(run.id))!.queriesDone < 10) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = (await harness.app.scans.getRun(run.id))!;
    expect(atKill.finishedAt).toBeNull();
    expect(atKill.queriesDone).toBeLessThan(atKill.queriesPlanned);

    const second = await startWorkerProcess(harness.env);
    const finished = await harness.waitForRun(run.id);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));

    expect(finished.status).toBe('succeeded');
    expect(finished.queriesDone).toBe(finished.queriesPlanned);
    const db = harness.app.db;
    const duplicateSearches = await sqlRows(db, sql`select engine, query, count(*) c from search_outcomes where scan_run_id = ${run.id} group by engine, query having count(*) > 1`);
    expect(duplicateSearches).toEqual([]);
    const duplicateHits = await sqlRows(db, sql`select normalized_url, count(*) c from hits group by person_id, normalized_url having count(*) > 1`);
    expect(duplicateHits).toEqual([]);
    const hits = await harness.app.hits.listForPerson(harness.personId);
    expect(hits.map((h) => harness.path(h.url))).toEqual(expect.arrayContaining(['/site/dox-paste/p/8fk2a', '/site/forum-fr/thread/4412', '/site/paste-de/raw/77q']));
    expect(finished.hitsNew).toBe(hits.length);
  }, 240_000);
});
