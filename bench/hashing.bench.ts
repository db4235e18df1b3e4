/**
 * Hashes per second on 1024x768 JPEGs: sharp decode alone (the ceiling), the canonical hash (reference decode +
 * PDQ with 8 dihedral hashes), the normalised decode, the page-image fast path (page-image-hash.ts), imghash's own
 * `hash()` on the same bytes, and the worker pool. Images: the bridge photo fitted to 1024x768, 12 variants
 * (mirror, offset crops, q60..q95 re-encodes), held in memory. One warm-up pass, then 7 timed passes; median and
 * range of hashes/s. Single-threaded figures are per core. Because the machine may be shared, each row also gives
 * hashes per CPU-second of this process (all its threads), which contention disturbs less than wall time.
 *
 * Run: node --import tsx bench/hashing.bench.ts
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import imghash from 'imghash';
import sharp from 'sharp';
import { createHashPool } from '../src/modules/photos/hash-pool.ts';
import { decodeCanonical } from '../src/modules/photos/canonical-decode.ts';
import { decodeImage } from '../src/modules/photos/image-decode.ts';
import { hashPageImage } from '../src/modules/photos/page-image-hash.ts';
import { pdqHashWithDihedral } from '../src/modules/photos/pdq.models.ts';
import { hashDecodedImage } from '../src/modules/photos/photo-hash.ts';

sharp.cache(false);
const root = fileURLToPath(new URL('..', import.meta.url));
const source = await readFile(root + 'test/fixtures/pdq/dih/bridge-1-original.jpg');
const images: Buffer[] = [];
for (const [i, quality] of [60, 70, 75, 80, 85, 90, 95, 85, 85, 85, 85, 85].entries()) {
  let img = sharp(source);
  if (i === 7) img = img.flop();
  if (i >= 8) img = img.extract({ left: 20 * (i - 7), top: 10 * (i - 7), width: 1500, height: 940 });
  images.push(await img.resize(1024, 768, { fit: 'fill' }).jpeg({ quality }).toBuffer());
}

const PASSES = 7;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
interface Result { name: string; median: number; min: number; max: number; perCpuSecond: number; coresBusy: number }
async function measure(name: string, run: () => Promise<void>): Promise<Result> {
  await run();
  const rates: number[] = [];
  const cpu0 = cpuMs();
  const wall0 = performance.now();
  for (let p = 0; p < PASSES; p++) {
    const t0 = performance.now();
    await run();
    rates.push((images.length * 1000) / (performance.now() - t0));
  }
  const cpu = cpuMs() - cpu0;
  const perCpuSecond = (PASSES * images.length * 1000) / cpu;
  // CPU time over wall time: how many cores the method kept busy (2.0 = both, when nothing else runs).
  const coresBusy = cpu / (performance.now() - wall0);
  rates.sort((a, b) => a - b);
  return { name, median: rates[PASSES >> 1]!, min: rates[0]!, max: rates[PASSES - 1]!, perCpuSecond, coresBusy };
}

const sequential = (fn: (b: Buffer) => Promise<unknown> | unknown) => async () => {
  for (const b of images) await fn(b);
};

// One libvips thread, so that every single-threaded row is per core, like the JavaScript around it.
sharp.concurrency(1);
const results: Result[] = [];
const decodeOnly = await measure('sharp decode only (raw RGB)', sequential((b) => sharp(b).raw().toBuffer()));
results.push(decodeOnly);
const canonical = await measure('canonical: reference decode + PDQ (+8 dihedral)', sequential(async (b) => pdqHashWithDihedral(await decodeCanonical(b))));
results.push(canonical);
results.push(await measure('decodeImage (limits, rotate, flatten, trim)', sequential((b) => decodeImage(b))));
results.push(await measure('canonical + blockhash (hashDecodedImage)', sequential(async (b) => hashDecodedImage(await decodeCanonical(b)))));
const pagePerCore = await measure('page fast path (hashPageImage)', sequential((b) => hashPageImage(b)));
results.push(pagePerCore);
const imghashRow = await measure('imghash.hash(buf) 64-bit', sequential((b) => imghash.hash(b)));
results.push(imghashRow);
const decoded = await Promise.all(images.map((b) => decodeCanonical(b)));
results.push(
  await measure('PDQ (+dihedral) on decoded pixels only', async () => {
    for (const d of decoded) pdqHashWithDihedral(d);
  }),
);
let pagePool: Result | null = null;
for (const size of [...new Set([1, availableParallelism()])]) {
  const pool = createHashPool({ size });
  const label = `${size} worker${size > 1 ? 's' : ''}`;
  // Workers live as long as the service, so they are measured warm: fresh ones compile their JavaScript and
  // WebAssembly during the first images (about 5 % more CPU over 7 passes after one warm-up pass).
  for (let pass = 0; pass < 4; pass++) {
    await Promise.all(images.map((b) => pool.hashFile(b)));
    await Promise.all(images.map((b) => pool.hashPageImage(b)));
  }
  results.push(await measure(`worker pool (${label}), hashPhotoFile (canonical + blockhash)`, async () => {
    await Promise.all(images.map((b) => pool.hashFile(b)));
  }));
  const page = await measure(`worker pool (${label}), page fast path, all at once`, async () => {
    await Promise.all(images.map((b) => pool.hashPageImage(b)));
  });
  results.push(page);
  if (size === availableParallelism()) pagePool = page;
  await pool.close();
}

console.log(`${'method'.padEnd(58)} ${'hashes/s'.padStart(9)}  ${'range'.padEnd(12)} per CPU-s  cores busy`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(58)} ${r.median.toFixed(1).padStart(9)}  ${`${r.min.toFixed(1)}-${r.max.toFixed(1)}`.padEnd(12)} ${r.perCpuSecond.toFixed(1).padStart(9)}  ${r.coresBusy.toFixed(2)}`,
  );
}
const pagePathPerSecond = (pagePool ?? pagePerCore).median;
console.log(
  JSON.stringify({
    bench: 'hashing',
    images: images.length,
    size: '1024x768',
    passes: PASSES,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model,
    pagePathPerSecond: +pagePathPerSecond.toFixed(1),
    imghashPerSecond: +imghashRow.median.toFixed(1),
    pageToImghashRatio: +(pagePathPerSecond / imghashRow.median).toFixed(2),
    pagePathPerCorePerSecond: +pagePerCore.median.toFixed(1),
    canonicalPerCorePerSecond: +canonical.median.toFixed(1),
    decodeOnlyPerCorePerSecond: +decodeOnly.median.toFixed(1),
    canonicalToDecodeRatio: +(canonical.median / decodeOnly.median).toFixed(2),
    canonicalToDecodeRatioCpuTime: +(canonical.perCpuSecond / decodeOnly.perCpuSecond).toFixed(2),
    pagePathCoresBusy: +(pagePool ?? pagePerCore).coresBusy.toFixed(2),
    // The hand-over's cost, which other work on the machine disturbs little: the pool's hashes per CPU-second
    // against one thread's (1.0 = handing images to workers costs nothing).
    poolCpuEfficiency: +((pagePool ?? pagePerCore).perCpuSecond / pagePerCore.perCpuSecond).toFixed(2),
    // What the ratio would be with every core free for the pool (per CPU-second figures times the cores); the
    // wall-clock ratio above is the target's figure, this one says how much of a miss is the machine's load.
    pageToImghashRatioCoresFree: +(((pagePool ?? pagePerCore).perCpuSecond * availableParallelism()) / imghashRow.perCpuSecond).toFixed(2),
    loadAverage1m: +loadavg()[0]!.toFixed(2),
    results: results.map((r) => ({ name: r.name, hashesPerSecond: +r.median.toFixed(1), min: +r.min.toFixed(1), max: +r.max.toFixed(1), perCpuSecond: +r.perCpuSecond.toFixed(1), coresBusy: +r.coresBusy.toFixed(2) })),
  }),
);
