/**
 * Hashes per second on 1024x768 JPEGs: sharp decode alone (the ceiling), our pipeline (decode with limits,
 * orientation, alpha, border trim + PDQ with 8 dihedral hashes; and the full set incl. blockhash), imghash's own
 * `hash()` on the same bytes, and the worker pool. Images: the bridge photo fitted to 1024x768, 12 variants
 * (mirror, offset crops, q60..q95 re-encodes), held in memory. One warm-up pass, then 7 timed passes; median and
 * range of hashes/s. Single-threaded figures are per core.
 *
 * Run: node --import tsx bench/hashing.bench.ts
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import imghash from 'imghash';
import sharp from 'sharp';
import { createHashPool } from '../src/modules/photos/hash-pool.ts';
import { decodeImage } from '../src/modules/photos/image-decode.ts';
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
async function measure(name: string, run: () => Promise<void>): Promise<{ name: string; median: number; min: number; max: number }> {
  await run();
  const rates: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    const t0 = performance.now();
    await run();
    rates.push((images.length * 1000) / (performance.now() - t0));
  }
  rates.sort((a, b) => a - b);
  return { name, median: rates[PASSES >> 1]!, min: rates[0]!, max: rates[PASSES - 1]! };
}

const sequential = (fn: (b: Buffer) => Promise<unknown> | unknown) => async () => {
  for (const b of images) await fn(b);
};

const results = [];
results.push(await measure('sharp decode only (raw RGB)', sequential((b) => sharp(b).raw().toBuffer())));
results.push(await measure('decodeImage (limits, rotate, flatten, trim)', sequential((b) => decodeImage(b))));
results.push(await measure('our pipeline: decodeImage + PDQ (+8 dihedral)', sequential(async (b) => pdqHashWithDihedral(await decodeImage(b)))));
results.push(await measure('our pipeline + blockhash (hashDecodedImage)', sequential(async (b) => hashDecodedImage(await decodeImage(b)))));
results.push(await measure('imghash.hash(buf) 64-bit', sequential((b) => imghash.hash(b))));
const decoded = await Promise.all(images.map((b) => decodeImage(b)));
results.push(
  await measure('PDQ (+dihedral) on decoded pixels only', async () => {
    for (const d of decoded) pdqHashWithDihedral(d);
  }),
);
const poolSize = Math.max(1, availableParallelism() - 1);
for (const size of [...new Set([1, poolSize, availableParallelism()])]) {
  const pool = createHashPool({ size });
  results.push(await measure(`worker pool (${size} worker${size > 1 ? 's' : ''}), all files at once`, async () => {
    await Promise.all(images.map((b) => pool.hashFile(b)));
  }));
  await pool.close();
}

console.log(`${'method'.padEnd(52)} ${'hashes/s'.padStart(9)}  range`);
for (const r of results) {
  console.log(`${r.name.padEnd(52)} ${r.median.toFixed(1).padStart(9)}  ${r.min.toFixed(1)}-${r.max.toFixed(1)}`);
}
console.log(
  JSON.stringify({
    bench: 'hashing',
    images: images.length,
    size: '1024x768',
    passes: PASSES,
    cores: availableParallelism(),
    loadAverage1m: +loadavg()[0]!.toFixed(2),
    results: results.map((r) => ({ name: r.name, hashesPerSecond: +r.median.toFixed(1), min: +r.min.toFixed(1), max: +r.max.toFixed(1) })),
  }),
);
