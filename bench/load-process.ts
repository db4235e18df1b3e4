/**
 * The bench's side of load-child.ts: runs one load shape in a child process and returns its figures, and
 * makes sure no child (a load generator or the server) outlives the bench, whether it fails, exits or is
 * interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface LoadRequest {
  /** `bursts`: autocannon, 20 connections, `overallRate`; `even`: even-load.ts, one request every 1/rate s. */
  shape: 'bursts' | 'even';
  url: string;
  headers: Record<string, string>;
  rate: number;
  /** Untimed run of the same shape first, in the same process, so the measured run meets compiled code. */
  warmupSeconds: number;
  durationSeconds: number;
}

/** Latencies in ms; a percentile of no answered request is NaN. */
export interface LoadFigures {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  /** Requests that were due during the measured run (answered or not). */
  due: number;
}

const childScript = path.join(path.dirname(new URL(import.meta.url).pathname), 'load-child.ts');
const living = new Set<ChildProcess>();
let guarding = false;

/** Kills `child` when the bench process exits or is interrupted, if it is still running then. */
export function killWithBench(child: ChildProcess): ChildProcess {
  if (!guarding) {
    guarding = true;
    process.once('exit', () => {
      for (const c of living) c.kill('SIGTERM');
    });
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
      process.once(signal, () => process.exit(code));
    }
  }
  living.add(child);
  child.once('exit', () => living.delete(child));
  return child;
}

/**
 * Runs `request` in a new child process. `onReady` is called once the child's warm-up is over and before its
 * measured run starts, so a caller's baseline (the server's CPU, its log) covers the measured run only.
 */
export async function runLoadInChild(request: LoadRequest, onReady: () => void): Promise<LoadFigures> {
  const child = killWithBench(spawn(process.execPath, ['--import', 'tsx', childScript], { stdio: ['pipe', 'pipe', 'inherit'] }));
  // 'close' comes after the child's stdout has ended, so its last line has been read by then.
  const closed = new Promise<string>((resolve) => child.once('close', (code, signal) => resolve(signal ?? `code ${code}`)));
  // A child that died before reading its stdin is reported by its exit code below, not by a write error.
  child.stdin!.on('error', () => {});
  let figures: LoadFigures | undefined;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    // JSON has no NaN: a percentile of no samples arrives as null.
    const message = JSON.parse(line, (_key, value: unknown) => (value === null ? Number.NaN : value)) as { ready?: true; result?: LoadFigures };
    if (message.ready) {
      onReady();
      child.stdin!.write('go\n');
    } else if (message.result) {
      figures = message.result;
    }
  });
  child.stdin!.write(`${JSON.stringify(request)}\n`);
  const ending = await closed;
  if (ending !== 'code 0' || !figures) throw new Error(`the ${request.shape} load process ended with ${ending} and ${figures ? 'figures' : 'no figures'}`);
  return figures;
}
