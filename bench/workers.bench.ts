/**
 * Scan throughput with one and with two worker processes on one database: the organisation's way to scale out
 * (PROCESS_MODE=worker on several machines, one PostgreSQL). Each round gets a fresh database on one throw-away
 * PostgreSQL cluster (127.0.0.1), the same N people with the demo profile, and a full scan of each on the simulated
 * web; then K worker processes (test/helpers/scan-worker-process.ts: the production handlers, each its own
 * Chromium) are started and the clock runs until every scan has finished. Pages are the page visits the workers
 * settled; searches are paced per engine across all workers (the database holds the turns), as in production.
 * Chromium's start in each worker is inside the measured time, as it is for a worker that starts.
 *   node --import tsx bench/workers.bench.ts [--people 3] [--database postgres|sqlite] [--timeout 900]
 * `--database sqlite` runs the same rounds on one SQLite file shared by the processes, for comparison.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { sqlRow } from '../src/db/raw-sql.ts';
import { createLogger } from '../src/shared/logger.ts';
import { createSimulatedWeb, type SimulatedWeb } from '../src/simweb/server.ts';
import { parseProfile } from '../src/modules/profiles/profile-file.models.ts';
import { demoProfile } from '../src/demo/demo-person.ts';
import { startScan } from '../src/modules/scans/scans.usecases.ts';
import { startThrowAwayPostgres, type ThrowAwayPostgres } from '../test/helpers/postgres.ts';
import { harnessEngines } from '../test/helpers/scan-harness.ts';
import { sharedDatabaseAt, type SharedTestDatabase } from '../test/helpers/shared-database.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '3' }, database: { type: 'string', default: 'postgres' }, timeout: { type: 'string', default: '900' } } });
const people = Number(values.people);
const timeoutMs = Number(values.timeout) * 1000;
const onPostgres = values.database !== 'sqlite';
const workerScript = path.resolve(import.meta.dirname, '../test/helpers/scan-worker-process.ts');
// The same settings as the worker processes (scan-worker-process.ts), so the scans planned are the ones they run.
const scanEnv = { LOG_LEVEL: 'silent', ENGINE_MIN_INTERVAL_MS: '150', WORKER_CONCURRENCY: '4', JOB_LEASE_MS: '10000', SCAN_QUERY_CAP: '16', BROWSER_NAVIGATION_TIMEOUT_MS: '8000' };

let round = 0;
/** A fresh database for one round: its own PostgreSQL database on the cluster, or a SQLite file in the round's folder. */
async function freshDatabase(server: ThrowAwayPostgres | null, dataDir: string): Promise<SharedTestDatabase> {
  if (!server) return sharedDatabaseAt(dataDir);
  const name = `bench_workers_${process.pid}_${++round}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return sharedDatabaseAt(dataDir, { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) });
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** N people, each with a scan queued, in a coordinator app that runs no worker (the web process's part). */
async function queueScans(app: App, web: SimulatedWeb): Promise<string[]> {
  const parsed = parseProfile(demoProfile(web.url), { defaultCountry: 'BE' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const organisationId = await app.profiles.ensureDefaultOrganisation();
  const engines = harnessEngines.map((id) => `${id}=${web.engineEndpoints[id]}`);
  const runs: string[] = [];
  for (let i = 0; i < people; i++) {
    const personId = await app.profiles.createPerson({ organisationId, label: `bench-${i}`, language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
    runs.push((await startScan(app, { personId, trigger: 'manual', engines, allowHosts: [new URL(web.url).host] })).run.id);
  }
  return runs;
}

async function measure(workers: number, server: ThrowAwayPostgres | null, web: SimulatedWeb) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-bench-workers-'));
  const database = await freshDatabase(server, dataDir);
  const children: ChildProcess[] = [];
  try {
    const app = await createApp(loadConfig({ DATA_DIR: dataDir, ...scanEnv }), { db: await database.open(), logger: createLogger({ level: 'silent' }), browserLocation: { kind: 'missing', instruction: 'none', tried: [] } });
    try {
      const runs = await queueScans(app, web);
      const started = performance.now();
      for (let i = 0; i < workers; i++) children.push(await startWorker({ DATA_DIR: dataDir, ...database.env }));
      const until = Date.now() + timeoutMs;
      for (const id of runs) {
        while (!(await app.scans.getRun(id))!.finishedAt) {
          if (Date.now() > until) throw new Error(`scans did not finish within ${timeoutMs / 1000} s`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const count = async (query: ReturnType<typeof sql>) => Number((await sqlRow<{ n: number }>(app.db, query))!.n);
      const pages = await count(sql`select count(*) n from jobs where kind = 'page.visit' and status = 'done'`);
      const searches = await count(sql`select count(*) n from search_outcomes`);
      const hits = await count(sql`select count(*) n from hits`);
      const statuses = await Promise.all(runs.map(async (id) => (await app.scans.getRun(id))!.status));
      return { workers, seconds: Number(seconds.toFixed(1)), pages, searches, hits, pagesPerMinute: Math.round((pages / seconds) * 60), statuses };
    } finally {
      for (const child of children) await stopWorker(child);
      await app.close();
    }
  } finally {
    await database.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const server = onPostgres ? await startThrowAwayPostgres() : null;
const web = await createSimulatedWeb({ port: 0 });
try {
  const one = await measure(1, server, web);
  const two = await measure(2, server, web);
  console.table([one, two]);
  console.log(JSON.stringify({
    bench: 'workers', database: onPostgres ? 'postgres' : 'sqlite', people,
    pagesPerMinuteOne: one.pagesPerMinute, pagesPerMinuteTwo: two.pagesPerMinute, ratio: Number((two.pagesPerMinute / one.pagesPerMinute).toFixed(2)),
    one, two, node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg(),
  }));
} finally {
  await web.close();
  await server?.stop();
}
