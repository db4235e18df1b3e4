/**
 * `npm run bench -- load-shapes`: what the dashboard bench's two load shapes report for a stand-in server whose
 * every request costs a fixed CPU time and nothing else (no database, no rendering, no garbage to speak of),
 * so that the dashboard's figures can be read against it. The stand-in is a plain Node HTTP server in a process
 * of its own that burns `--burn-ms` of CPU per request and answers 11,116 bytes (the exposure page's size);
 * each shape runs in a child process of its own, as in dashboard.bench.ts (load-process.ts), at `--rate`
 * requests/s for `--duration` s after its warm-up.
 *
 * Options: --burn-ms 0,0.5,1 (one row per cost) --duration 20 --rate 200. Prints a table and one JSON line.
 */
import os from 'node:os';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { killWithBench, runLoadInChild, type LoadFigures } from './load-process.ts';

const { values } = parseArgs({ options: { 'burn-ms': { type: 'string', default: '0,0.5,1' }, duration: { type: 'string', default: '20' }, rate: { type: 'string', default: '200' } } });
const burns = values['burn-ms'].split(',').map(Number);
const duration = Number(values.duration);
const rate = Number(values.rate);

// The stand-in: CommonJS source for `node -e`, reading its cost from the environment.
const standIn = `
  const body = Buffer.alloc(11116, 'x');
  const burnMs = Number(process.env.BURN_MS);
  require('node:http').createServer((req, res) => {
    const until = performance.now() + burnMs;
    while (performance.now() < until);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(body);
  }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
`;

async function startStandIn(burnMs: number) {
  const child = killWithBench(spawn(process.execPath, ['-e', standIn], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BURN_MS: String(burnMs) } }));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (data) => resolve(Number(String(data).trim())));
    child.once('exit', (code) => reject(new Error(`the stand-in server ended with code ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

const rows: { burnMs: number; shape: string; figures: LoadFigures }[] = [];
for (const burnMs of burns) {
  const server = await startStandIn(burnMs);
  try {
    for (const shape of ['bursts', 'even'] as const) {
      const figures = await runLoadInChild({ shape, url: server.url, headers: {}, rate, warmupSeconds: shape === 'bursts' ? 3 : 1, durationSeconds: duration }, () => {});
      rows.push({ burnMs, shape, figures });
    }
  } finally {
    server.stop();
  }
}

const ms = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : '–');
console.log('\n| CPU per request (ms) | load | requests | p50 ms | p90 ms | p99 ms | max ms | errors |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
for (const { burnMs, shape, figures: f } of rows) {
  console.log(`| ${burnMs} | ${shape === 'bursts' ? 'bursts (autocannon)' : 'even stream'} | ${f.requests} | ${ms(f.p50)} | ${ms(f.p90)} | ${ms(f.p99)} | ${ms(f.max)} | ${f.errors} |`);
}
console.log(JSON.stringify({ bench: 'load-shapes', rate, duration, loadavg: os.loadavg(), rows: rows.map(({ burnMs, shape, figures: f }) => ({ burnMs, shape, p50: f.p50, p99: f.p99, max: f.max, errors: f.errors, requests: f.requests })) }));
