/**
 * `node --import tsx bench/even-load-check.ts`: shows that even-load.ts charges a stalled server. A server on
 * 127.0.0.1 (in a process of its own) answers at once but blocks its event loop for 100 ms every second; at 200
 * requests/s about 20 requests a second fall due during the stall, so a generator that measures from the due
 * moment reports a p99 near 90 ms, while one that measured from the moment it sent (after the stall) would not.
 */
import http from 'node:http';
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { percentile, runEvenLoad } from './even-load.ts';

if (process.argv[2] === 'server') {
  const server = http.createServer((_request, response) => response.end('ok')).listen(0, '127.0.0.1', () => {
    process.send?.((server.address() as AddressInfo).port);
  });
  setInterval(() => {
    for (const until = Date.now() + 100; Date.now() < until;) { /* the stall */ }
  }, 1000);
} else {
  const child = fork(new URL(import.meta.url).pathname, ['server'], { execArgv: ['--import', 'tsx'] });
  try {
    const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
    const result = await runEvenLoad({ url: `http://127.0.0.1:${port}/`, headers: {}, rate: 200, durationSeconds: 5 });
    const ms = (f: number) => Number(percentile(result.latencies, f).toFixed(1));
    process.stdout.write(`${JSON.stringify({ check: 'even-load', stallMsPerSecond: 100, requests: result.latencies.length, errors: result.errors, p50: ms(0.5), p90: ms(0.9), p99: ms(0.99), max: ms(1) })}\n`);
  } finally {
    child.kill();
  }
}
