/**
 * One query against 1,000,000 stored random 256-bit hashes at distance <= 31: multi-index hashing vs linear scan.
 * Half of the queries are stored hashes with 0-40 random bit flips (so there are true matches), half are random.
 * MIH results are checked against the linear scan for every query timed with both.
 *
 * Run: node --import tsx bench/index.bench.ts [count]
 */
import { loadavg } from 'node:os';
import { HashIndex } from '../src/modules/photos/hash-index.models.ts';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const DISTANCE = 31;
let seed = 12345;
const next32 = () => {
  // xorshift32: fast, seeded, good enough for uniform random bits.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const stored = new Uint32Array(COUNT * 8);
for (let i = 0; i < stored.length; i++) stored[i] = next32();
const index = new HashIndex<number>();
let t0 = performance.now();
for (let i = 0; i < COUNT; i++) index.add(i, stored.subarray(i * 8, i * 8 + 8));
const addMs = performance.now() - t0;
t0 = performance.now();
index.build();
const buildMs = performance.now() - t0;

function makeQuery(i: number): Uint32Array {
  const q = new Uint32Array(8);
  if (i % 2 === 0) {
    const src = next32() % COUNT;
    q.set(stored.subarray(src * 8, src * 8 + 8));
    const flips = next32() % 41;
    for (let f = 0; f < flips; f++) {
      const bit = next32() % 256;
      q[bit >>> 5]! ^= 1 << (bit & 31);
    }
  } else for (let w = 0; w < 8; w++) q[w] = next32();
  return q;
}

const queries = Array.from({ length: 400 }, (_, i) => makeQuery(i));
const mihMs: number[] = [];
const linearMs: number[] = [];
let mihMatches = 0;
let mismatches = 0;
for (const [i, q] of queries.entries()) {
  let t = performance.now();
  const m = index.query(q, DISTANCE, 'mih');
  mihMs.push(performance.now() - t);
  mihMatches += m.length;
  if (i < 40) {
    t = performance.now();
    const l = index.query(q, DISTANCE, 'linear');
    linearMs.push(performance.now() - t);
    if (JSON.stringify(l) !== JSON.stringify(m)) mismatches++;
  }
}

const rows = [
  ['stored hashes', COUNT.toLocaleString('en')],
  ['add (pack) time', `${addMs.toFixed(0)} ms`],
  ['MIH build time', `${buildMs.toFixed(0)} ms`],
  [`MIH query d<=${DISTANCE} (median of ${mihMs.length})`, `${median(mihMs).toFixed(3)} ms`],
  [`linear query d<=${DISTANCE} (median of ${linearMs.length})`, `${median(linearMs).toFixed(3)} ms`],
  ['speed-up', `${(median(linearMs) / median(mihMs)).toFixed(1)}x`],
  ['MIH == linear', `${linearMs.length - mismatches}/${linearMs.length}`],
  ['strategy chosen automatically', index.strategyFor(DISTANCE)],
];
for (const [k, v] of rows) console.log(`${k!.padEnd(40)} ${v}`);
console.log(
  JSON.stringify({
    bench: 'index',
    count: COUNT,
    distance: DISTANCE,
    addMs: Math.round(addMs),
    buildMs: Math.round(buildMs),
    mihMedianMs: +median(mihMs).toFixed(4),
    linearMedianMs: +median(linearMs).toFixed(4),
    mihQueries: mihMs.length,
    linearQueries: linearMs.length,
    mismatches,
    mihMatches,
    loadAverage1m: +loadavg()[0]!.toFixed(2),
    heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    arrayBuffersMiB: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
  }),
);
