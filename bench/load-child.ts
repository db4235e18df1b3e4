/**
 * One load shape in a process of its own, started by load-process.ts: the bench's own work (its timers, the
 * server log it reads, its JSON) then cannot delay the generator's sockets. Lines of JSON both ways:
 * stdin brings the request (not argv, so the session cookie stays out of the process list), stdout says
 * `ready` once the generator's own warm-up is done, stdin answers `go` (the bench takes its baseline of the
 * server's CPU in between), and stdout's last line is the result. The process ends when stdin closes, so a
 * bench killed even with SIGKILL leaves no generator behind.
 */
import readline from 'node:readline';
import autocannon from 'autocannon';
import { percentile, runEvenLoad } from './even-load.ts';
import type { LoadFigures, LoadRequest } from './load-process.ts';

// tsx turns source maps on; the generator runs as compiled code would, without them.
process.setSourceMapsEnabled(false);

const BURST_CONNECTIONS = 20;

async function bursts(request: LoadRequest, durationSeconds: number): Promise<LoadFigures> {
  const result = await autocannon({ url: request.url, connections: BURST_CONNECTIONS, overallRate: request.rate, duration: durationSeconds, headers: request.headers });
  return {
    requests: result.requests.total, rps: result.requests.average,
    p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max,
    errors: result.errors, non2xx: result.non2xx, timeouts: result.timeouts, due: result.requests.total,
  };
}

async function even(request: LoadRequest, durationSeconds: number): Promise<LoadFigures> {
  const result = await runEvenLoad({ url: request.url, headers: request.headers, rate: request.rate, durationSeconds });
  const { latencies } = result;
  return {
    requests: latencies.length, rps: latencies.length / durationSeconds,
    p50: percentile(latencies, 0.5), p90: percentile(latencies, 0.9), p99: percentile(latencies, 0.99), max: percentile(latencies, 1),
    errors: result.errors, non2xx: result.non2xx, timeouts: 0, due: result.due,
  };
}

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
let finished = false;
process.stdin.once('end', () => {
  if (!finished) process.exit(1);
});

const nextLine = async (): Promise<string> => {
  const next = await lines.next();
  if (next.done) process.exit(1);
  return next.value;
};

const request = JSON.parse(await nextLine()) as LoadRequest;
const run = request.shape === 'bursts' ? bursts : even;
// The generator's own code is compiled before the measured run, as the server's is by the same warm-up.
if (request.warmupSeconds > 0) await run(request, request.warmupSeconds);
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
if ((await nextLine()) !== 'go') throw new Error('load child: expected "go"');
const figures = await run(request, request.durationSeconds);
finished = true;
process.stdout.write(`${JSON.stringify({ result: figures })}\n`, () => process.exit(0));
