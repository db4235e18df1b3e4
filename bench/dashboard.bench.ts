/**
 * `npm run bench -- dashboard`: the dashboard under an organisation's load. Seeds a real SQLite file
 * (1,000 people, 100,000 hits with evidence rows, alerts and cases: dashboard-seed.ts), starts the real
 * service in web mode on 127.0.0.1 in its own process, logs in as the organisation's administrator through
 * the login form (session cookie), and drives the exposures list, the overview and one exposure page at a
 * fixed 200 requests/s each, twice: with autocannon (each second's requests sent in a burst over 20 connections)
 * and with an even stream (one request every 5 ms, latency from the moment it was due: even-load.ts). Prints a
 * table and one JSON line with p50/p99/errors per page for both.
 *
 * Options: --people N --hits N --duration S --rate R --data-dir DIR (reused when it already holds a seeded
 * file, so repeated runs skip the seeding) --dist (run dist/src/main.js instead of the sources through tsx)
 * --profile DIR (the server writes a V8 CPU profile there when it stops: open it in Chrome's DevTools)
 * --pages a,b (only these pages: exposures, overview, exposure) --sequential N (instead of the load shapes, one
 * client asks each page N times in a row after 300 untimed: the server's CPU per request with nothing contending,
 * the figure to compare two versions of the code by).
 *
 * The server runs at its default log level (`info`: one line per answered request, src/web/server.ts), its log
 * read by this process as a log shipper would; from it the bench takes fastify's `responseTime` of every request,
 * the time the server itself took, printed beside what the load generator saw.
 *
 * Processes: this one only orchestrates (seeds, starts the server, logs in, reads the server's CPU and log).
 * Each load shape of each page runs in a child process of its own (load-child.ts through load-process.ts): the
 * bursts child runs autocannon's 3 s warm-up and then the measured run, the even stream's child 1 s of the even
 * stream and then its measured run, so neither generator shares an event loop with this process's timers, log
 * reading or JSON. A child says when its warm-up is over; the server's CPU and log are counted from then on.
 * The children and the server are killed when the bench fails, exits or is interrupted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config/config.ts';
import { createApp } from '../src/app.ts';
import { createLogger } from '../src/shared/logger.ts';
import { BENCH_ADMIN, seedDashboard } from './dashboard-seed.ts';
import { percentile } from './even-load.ts';
import { killWithBench, runLoadInChild } from './load-process.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
};
const people = Number(arg('people', '1000'));
const hits = Number(arg('hits', '100000'));
const duration = Number(arg('duration', '20'));
const rate = Number(arg('rate', '200'));
const dataDir = arg('data-dir', path.join(os.tmpdir(), `es-dashboard-bench-${people}-${hits}`));
const useDist = process.argv.includes('--dist');
const profileDir = arg('profile', '');
const onlyPages = arg('pages', 'exposures,overview,exposure').split(',');
const sequential = Number(arg('sequential', '0'));

/** The server's own `responseTime` of each request (fastify's "request completed" line), while collecting. */
const serverSide = {
  collecting: null as number[] | null,
  start(): void {
    this.collecting = [];
  },
  stop(): { p99: number; max: number; count: number } | null {
    const times = this.collecting;
    this.collecting = null;
    if (!times || times.length === 0) return null;
    times.sort((a, b) => a - b);
    return { p99: Math.round(percentile(times, 0.99) * 10) / 10, max: Math.round(percentile(times, 1) * 10) / 10, count: times.length };
  },
};

async function ensureSeeded(): Promise<void> {
  const marker = path.join(dataDir, 'bench-seeded.json');
  if (fs.existsSync(marker)) return void process.stdout.write(`reusing seeded ${dataDir}\n`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO_WEB: 'off' });
  const app = await createApp(config, { logger: createLogger({ level: 'silent' }), browserLocation: { kind: 'missing', instruction: 'bench: no browser', tried: [] } });
  try {
    const summary = await seedDashboard(app, { people, hits });
    fs.writeFileSync(marker, JSON.stringify(summary));
    process.stdout.write(`seeded ${JSON.stringify(summary)}\n`);
  } finally {
    await app.close();
  }
}

/** The exposure page measured: a hit of the person with the most hits, with a sent takedown case (the fullest page). */
function exposureToMeasure(): string {
  const db = new Database(loadConfig({ DATA_DIR: dataDir }).databaseFile, { readonly: true });
  try {
    return db.prepare(`select h.id from hits h join takedown_cases c on c.hit_id = h.id
      where h.person_id = (select person_id from hits group by person_id order by count(*) desc limit 1) and c.status = 'takedown_sent' limit 1`).pluck().get() as string;
  } finally {
    db.close();
  }
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as import('node:net').AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const cookiesOf = (res: Response): string[] => res.headers.getSetCookie().map((line) => line.split(';')[0]!);

async function logIn(base: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const pre = cookiesOf(page);
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: pre.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: BENCH_ADMIN.email, password: BENCH_ADMIN.password, _csrf: csrf }).toString(),
  });
  const session = cookiesOf(res).find((c) => c.startsWith('es_session='));
  if (res.status !== 303 || !session) throw new Error(`login failed: ${res.status}`);
  return session;
}

type ServerSide = ReturnType<typeof serverSide.stop>;
interface EvenFigures { requests: number; p50: number; p90: number; p99: number; max: number; errors: number; cpuMsPerRequest: number; server: ServerSide }
interface PageFigures { page: string; path: string; bytes: number; requests: number; rps: number; p50: number; p90: number; p99: number; max: number; errors: number; non2xx: number; timeouts: number; cpuMsPerRequest: number; server: ServerSide; even: EvenFigures }

/**
 * CPU milliseconds the server process used (user + system, all threads), from /proc: on a machine shared with
 * other work the latencies measure the contention as much as the server, the CPU per request does not.
 */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function measure(page: string, url: string, cookie: string, serverPid: number): Promise<PageFigures> {
  const first = await fetch(url, { headers: { cookie } });
  const bytes = (await first.arrayBuffer()).byteLength;
  if (first.status !== 200) throw new Error(`${page}: ${first.status}`);
  const load = { url, headers: { cookie }, rate, durationSeconds: duration };
  let cpuBefore = 0;
  const startCounting = () => {
    cpuBefore = cpuMs(serverPid);
    serverSide.start();
  };
  // Each child first runs its shape untimed at the same rate (bursts 3 s, even stream 1 s), so the measured run
  // meets compiled code in the server (not the JIT's first minutes) and in the generator.
  const result = await runLoadInChild({ ...load, shape: 'bursts', warmupSeconds: 3 }, startCounting);
  const burstsServer = serverSide.stop();
  const cpuMsPerRequest = (cpuMs(serverPid) - cpuBefore) / Math.max(1, result.requests);
  const even = await runLoadInChild({ ...load, shape: 'even', warmupSeconds: 1 }, startCounting);
  const evenServer = serverSide.stop();
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    page, path: new URL(url).pathname + new URL(url).search, bytes, requests: result.requests, rps: result.rps,
    p50: result.p50, p90: result.p90, p99: result.p99, max: result.max,
    errors: result.errors, non2xx: result.non2xx, timeouts: result.timeouts, cpuMsPerRequest, server: burstsServer,
    even: {
      requests: even.requests, p50: round(even.p50), p90: round(even.p90), p99: round(even.p99), max: round(even.max),
      errors: even.errors + even.non2xx, cpuMsPerRequest: (cpuMs(serverPid) - cpuBefore) / Math.max(1, even.due), server: evenServer,
    },
  };
}

/** One client, one request after the other: the server's CPU and the wall time per request, after 300 untimed. */
async function askInARow(url: string, cookie: string, serverPid: number, count: number): Promise<{ cpuMsPerRequest: number; wallMsPerRequest: number }> {
  const ask = async () => {
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  };
  for (let i = 0; i < 300; i++) await ask();
  const cpuBefore = cpuMs(serverPid);
  const started = performance.now();
  for (let i = 0; i < count; i++) await ask();
  return { cpuMsPerRequest: (cpuMs(serverPid) - cpuBefore) / count, wallMsPerRequest: (performance.now() - started) / count };
}

async function main(): Promise<void> {
  await ensureSeeded();
  const hitId = exposureToMeasure();
  const port = await freePort();
  const entry = useDist ? [path.join(root, 'dist/src/main.js')] : ['--import', 'tsx', path.join(root, 'src/main.ts')];
  const profiling = profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : [];
  const child = killWithBench(spawn(process.execPath, [...profiling, ...entry, 'web'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', DEMO_WEB: 'off', PROCESS_MODE: 'web' },
    stdio: ['ignore', 'pipe', 'inherit'],
  }));
  // Every line is read (a log shipper's share of the work); the answered requests' times while collecting.
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!serverSide.collecting || !line.includes('"responseTime"')) return;
    const time = (JSON.parse(line) as { responseTime?: unknown }).responseTime;
    if (typeof time === 'number') serverSide.collecting.push(time);
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (const until = Date.now() + 60_000; ;) {
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > until) throw new Error('the service did not become healthy');
      await new Promise((r) => setTimeout(r, 200));
    }
    const cookie = await logIn(base);
    const pages = ([['exposures', 'exposures list', '/exposures'], ['overview', 'overview', '/overview'], ['exposure', 'exposure page', `/exposures/${hitId}`]] as const)
      .filter(([key]) => onlyPages.includes(key)).map(([, name, p]) => [name, p] as const);
    const figures: PageFigures[] = [];
    if (sequential > 0) {
      const rows = [];
      for (const [name, p] of pages) rows.push({ page: name, ...(await askInARow(`${base}${p}`, cookie, child.pid!, sequential)) });
      process.stdout.write(`\none client, ${sequential} requests in a row per page; ${os.cpus().length} cores, Node ${process.version}\n\n| page | requests | server CPU ms/request | wall ms/request |\n|---|---:|---:|---:|\n`);
      for (const r of rows) process.stdout.write(`| ${r.page} | ${sequential} | ${r.cpuMsPerRequest.toFixed(3)} | ${r.wallMsPerRequest.toFixed(3)} |\n`);
      process.stdout.write(`${JSON.stringify({ bench: 'dashboard-sequential', people, hits, requests: sequential, pages: rows })}\n`);
      return;
    }
    for (const [name, p] of pages) figures.push(await measure(name, `${base}${p}`, cookie, child.pid!));
    process.stdout.write(`\n${people} people, ${hits} hits; ${rate} requests/s for ${duration} s per page, 20 connections; ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n\n`);
    process.stdout.write('| page | load | bytes | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | non-2xx | server CPU ms/request |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n');
    for (const f of figures) {
      process.stdout.write(`| ${f.page} | bursts (autocannon) | ${f.bytes} | ${f.requests} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p90} | ${f.p99} | ${f.max} | ${f.errors + f.timeouts} | ${f.non2xx} | ${f.cpuMsPerRequest.toFixed(2)} |\n`);
      process.stdout.write(`| ${f.page} | even stream | ${f.bytes} | ${f.even.requests} | ${(f.even.requests / duration).toFixed(0)} | ${f.even.p50} | ${f.even.p90} | ${f.even.p99} | ${f.even.max} | ${f.even.errors} | – | ${f.even.cpuMsPerRequest.toFixed(2)} |\n`);
    }
    process.stdout.write('\nAs the server measured them (fastify\'s responseTime, from the request read to the response sent):\n\n| page | load | requests | p99 ms | max ms |\n|---|---|---:|---:|---:|\n');
    for (const f of figures) {
      for (const [load, server] of [['bursts (autocannon)', f.server], ['even stream', f.even.server]] as const) {
        if (server) process.stdout.write(`| ${f.page} | ${load} | ${server.count} | ${server.p99} | ${server.max} |\n`);
      }
    }
    const pageFigures = (f: PageFigures) => ({
      p50: f.p50, p99: f.p99, errors: f.errors + f.timeouts + f.non2xx, bytes: f.bytes, cpuMsPerRequest: Number(f.cpuMsPerRequest.toFixed(2)),
      even: { p50: f.even.p50, p99: f.even.p99, errors: f.even.errors, cpuMsPerRequest: Number(f.even.cpuMsPerRequest.toFixed(2)), ...(f.even.server ? { server: f.even.server } : {}) },
      ...(f.server ? { server: f.server } : {}),
    });
    process.stdout.write(`${JSON.stringify({ bench: 'dashboard', people, hits, rate, duration, loadavg: os.loadavg(), pages: Object.fromEntries(figures.map((f) => [f.page, pageFigures(f)])) })}\n`);
  } finally {
    // A server that already died would never emit 'exit' again.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

await main();
