/**
 * Start-up: how long a person waits from starting the service until `/healthz` answers 200, and until
 * `exposure-scanner --help` has printed, for the compiled JavaScript (`npm start`, bin/exposure-scanner.js)
 * and for the former way of running the TypeScript sources through tsx, side by side. The variants take turns
 * in every round so that a busy machine slows them alike; each figure is the median of the rounds, with the
 * range, and the CPU time the process used (user + system, all threads), which contention disturbs less.
 *
 * The service runs on 127.0.0.1 on a free port with its own temporary DATA_DIR, migrated by one unmeasured
 * start, so each measured start is the everyday start on an existing database; one row starts on a new, empty
 * folder every round instead (a first start). DEMO_WEB=off leaves the
 * simulated web out (it is started only when the machine has no internet, and then its images are prepared
 * on top of this); `--demo` measures with the default (`auto`) instead.
 *
 * Run: npm run build && npm run bench -- startup   (or node --import tsx bench/startup.bench.ts --rounds 7 [--demo])
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/helpers/service-process.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 7;
const demo = args.includes('--demo');
if (!fs.existsSync(path.join(root, 'dist/src/main.js'))) throw new Error('dist/ is missing: run `npm run build` first.');

// What bin/exposure-scanner.js did before the build step: register tsx, then import the TypeScript CLI.
const formerBin = `import { register } from 'tsx/esm/api'; register();
const { runCli } = await import(${JSON.stringify(new URL('../src/cli/main.ts', import.meta.url).href)});
process.exitCode = await runCli(process.argv.slice(1));`;

// `npm start` is measured to the healthy answer only: its node child may outlive npm, so its CPU time is not
// counted for npm (the row below it is the same start without npm).
// `fresh`: every round starts on a new, empty data folder (the database is created and migrated, and with
// --demo the demo person is added and their photos hashed): what a newcomer's very first `npm start` does.
interface Variant { name: string; command: string[]; cpu?: false; fresh?: true }
const services: Variant[] = [
  { name: 'npm start (compiled)', command: ['npm', 'start', '--silent'], cpu: false },
  { name: 'npm start, first start (new data folder)', command: ['npm', 'start', '--silent'], cpu: false, fresh: true },
  { name: 'node dist/src/main.js', command: [process.execPath, 'dist/src/main.js'] },
  { name: 'node --import tsx src/main.ts (before)', command: [process.execPath, '--import', 'tsx', 'src/main.ts'] },
];
const clis: Variant[] = [
  { name: 'bin/exposure-scanner.js --help (compiled)', command: [process.execPath, 'bin/exposure-scanner.js', '--help'] },
  { name: 'tsx-registering bin --help (before)', command: [process.execPath, '--input-type=module', '-e', formerBin, '--', '--help'] },
];

/** CPU seconds used by this process's finished children (cutime + cstime, in clock ticks of 10 ms). */
function childCpuSeconds(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Resolves once no process of group `pgid` is left (after 30 s the rest is killed). */
async function groupGone(pgid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const until = performance.now() + 30_000;
  while (alive()) {
    if (performance.now() > until) process.kill(-pgid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function startUntilHealthy(variant: Variant, dataDir: string): Promise<number> {
  const port = await freePort();
  // The stop is not measured: no grace for the demo scan's jobs, so each service is gone before the next starts.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '0', ...(demo ? {} : { DEMO_WEB: 'off' }) };
  const started = performance.now();
  const child = spawn(variant.command[0]!, variant.command.slice(1), { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant.name} exited early: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) return (performance.now() - started) / 1000;
      if (performance.now() - started > 120_000) throw new Error(`${variant.name} not healthy after 120 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    // The whole process group: `npm start` runs node as its child, which outlives npm while it shuts down (and
    // closes its Chromium), so the group is waited for, not npm: the next start must not share the cores with it.
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await groupGone(child.pid!);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function runToEnd(variant: Variant): number {
  const started = performance.now();
  const result = spawnSync(variant.command[0]!, variant.command.slice(1), { cwd: root, env: process.env, encoding: 'utf8' });
  if (result.status !== 0 || !result.stdout.includes('Usage: exposure-scanner')) throw new Error(`${variant.name} failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

interface Sample { wall: number; cpu: number }
const samples = new Map<string, Sample[]>();
const record = (name: string, sample: Sample) => samples.set(name, [...(samples.get(name) ?? []), sample]);

const newDataDir = () => fs.mkdtempSync(path.join(tmpdir(), 'es-startup-'));
const dataDirs = new Map(services.filter((v) => !v.fresh).map((v) => [v.name, newDataDir()]));
for (const [name, dir] of dataDirs) await startUntilHealthy(services.find((v) => v.name === name)!, dir); // creates and migrates the database
for (const v of clis) runToEnd(v); // warms the file cache
const load = [loadavg()[0]!];

for (let round = 0; round < rounds; round++) {
  for (const v of services) {
    const cpuBefore = childCpuSeconds();
    const dataDir = dataDirs.get(v.name) ?? newDataDir();
    const wall = await startUntilHealthy(v, dataDir);
    record(v.name, { wall, cpu: v.cpu === false ? Number.NaN : childCpuSeconds() - cpuBefore });
    if (v.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  for (const v of clis) {
    const cpuBefore = childCpuSeconds();
    const wall = runToEnd(v);
    record(v.name, { wall, cpu: childCpuSeconds() - cpuBefore });
  }
  load.push(loadavg()[0]!);
}
for (const dir of dataDirs.values()) fs.rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const rows = [...samples].map(([name, xs]) => {
  const walls = xs.map((x) => x.wall);
  return { name, median: median(walls), min: Math.min(...walls), max: Math.max(...walls), cpu: median(xs.map((x) => x.cpu)) };
});
console.log(`${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${rounds} rounds, DEMO_WEB=${demo ? 'auto' : 'off'}, load average during the run ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`);
console.log('| what | median s | min s | max s | CPU s (median) |\n|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.median.toFixed(2)} | ${r.min.toFixed(2)} | ${r.max.toFixed(2)} | ${Number.isNaN(r.cpu) ? '–' : r.cpu.toFixed(2)} |`);
console.log(JSON.stringify({ bench: 'startup', node: process.version, rounds, demo, rows }));
