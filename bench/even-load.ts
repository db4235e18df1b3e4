/**
 * An open-loop load generator: requests leave at evenly spaced moments (200 requests/s = one every 5 ms),
 * whatever the server is doing, as k6's constant-arrival-rate executor sends them. Each latency is measured
 * from the moment the request was due, not from when it left, so a server that stalls is charged for every
 * request that waited behind the stall (no coordinated omission) and so is any lag of this generator.
 *
 * Why beside autocannon: autocannon's `overallRate` gives each of its connections a budget per second and
 * lets it spend the budget as fast as the server answers, so every second starts with a burst of up to the
 * whole second's requests, 20 in flight at once; and with a rate it records each latency L as L values
 * (coordinated-omission correction with a 1 ms interval), which weights slow responses by their duration.
 * Both figures are printed; they answer different questions (a burst every second, an even stream).
 */
import { Pool } from 'undici';

export interface EvenLoadResult {
  /** Latencies in ms from each request's due time to the end of its response, sorted ascending. */
  latencies: number[];
  errors: number;
  non2xx: number;
  /** Requests that were due during the run (answered or not). */
  due: number;
}

export interface EvenLoadOptions {
  url: string;
  headers: Record<string, string>;
  rate: number;
  durationSeconds: number;
  /** Connections the pool may open: enough that a slow second never makes requests wait for a socket. */
  connections?: number;
}

export async function runEvenLoad(options: EvenLoadOptions): Promise<EvenLoadResult> {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: options.connections ?? 64, pipelining: 1 });
  const path = target.pathname + target.search;
  const intervalMs = 1000 / options.rate;
  const total = Math.round(options.rate * options.durationSeconds);
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (dueAt: number): void => {
    const done = pool.request({ method: 'GET', path, headers: options.headers })
      .then(async (response) => {
        await response.body.dump();
        if (response.statusCode < 200 || response.statusCode > 299) non2xx++;
        else latencies.push(performance.now() - dueAt);
      }, () => { errors++; })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    // Every request whose moment has come leaves now, stamped with that moment.
    while (sent < total && start + sent * intervalMs <= now) send(start + sent++ * intervalMs);
    const nextDue = start + sent * intervalMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextDue - performance.now() - 1)));
  }
  await Promise.all(inFlight);
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { latencies, errors, non2xx, due: total };
}

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}
