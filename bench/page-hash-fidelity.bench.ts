/**
 * How far the page-image fast path (reduced-size decode) lands from the canonical PDQ hash of the same file.
 * Real photos: every photo of the PDQ vectors (bridge and its edits, the colour-mode copies, c.png, pen and coaster,
 * small.jpg), the demo and simulated-web photos; noise images (LA.png, rgb.jpeg, I16.png) are left out because
 * they have no structure a reduced decode could keep. Each photo is hashed as is and after 9 transforms (resize
 * to 75/50/25 %, recompress at q90/q75/q50, mirror, crop 5 % from every side, crop 5 % from the left), giving a
 * few hundred files. Trimming is off on both sides, so the figure is only about decoding size.
 *
 * Run: node --import tsx bench/page-hash-fidelity.bench.ts [--side 256]
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import { decodeCanonical } from '../src/modules/photos/canonical-decode.ts';
import { hammingDistance } from '../src/modules/photos/hamming.models.ts';
import { hashPageImage, PAGE_DECODE_SIDE } from '../src/modules/photos/page-image-hash.ts';
import { pdqHash } from '../src/modules/photos/pdq.models.ts';

sharp.cache(false);
const root = fileURLToPath(new URL('..', import.meta.url));
const sideArg = process.argv.indexOf('--side');
const side = sideArg > 0 ? Number(process.argv[sideArg + 1]) : PAGE_DECODE_SIDE;
const vectors = '/work/shared/pdq-vectors/pdq/data/';
const NOISE = /(LA|rgb|I16)\.(png|jpeg)$|wee\.jpg$/;

async function listImages(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listImages(path)));
    else if (/\.(jpe?g|png|webp)$/i.test(entry.name) && !NOISE.test(path)) out.push(path);
  }
  return out;
}

const sources = [
  ...(await listImages(vectors)),
  ...(await listImages(root + 'test/fixtures/pdq')),
  ...(await listImages(root + 'src/simweb/assets')),
];
type Transform = (s: Sharp, w: number, h: number) => Sharp;
const TRANSFORMS: Record<string, Transform | null> = {
  original: null,
  'resize 75%': (s, w) => s.resize(Math.round(w * 0.75)).jpeg({ quality: 90 }),
  'resize 50%': (s, w) => s.resize(Math.round(w * 0.5)).jpeg({ quality: 90 }),
  'resize 25%': (s, w) => s.resize(Math.round(w * 0.25)).jpeg({ quality: 90 }),
  'recompress q90': (s) => s.jpeg({ quality: 90 }),
  'recompress q75': (s) => s.jpeg({ quality: 75 }),
  'recompress q50': (s) => s.jpeg({ quality: 50 }),
  mirror: (s) => s.flop().jpeg({ quality: 90 }),
  'crop 5% all sides': (s, w, h) =>
    s.extract({ left: Math.round(w * 0.05), top: Math.round(h * 0.05), width: Math.round(w * 0.9), height: Math.round(h * 0.9) }).jpeg({ quality: 90 }),
  'crop 5% left': (s, w, h) => s.extract({ left: Math.round(w * 0.05), top: 0, width: w - Math.round(w * 0.05), height: h }).jpeg({ quality: 90 }),
};

const all: number[] = [];
const byTransform = new Map<string, number[]>();
for (const file of sources) {
  const bytes = await readFile(file);
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  for (const [name, transform] of Object.entries(TRANSFORMS)) {
    const input = transform ? await transform(sharp(bytes), width, height).toBuffer() : bytes;
    const canonical = pdqHash(await decodeCanonical(input));
    const fast = await hashPageImage(input, { trim: false, decodeSide: side });
    if (canonical.quality < 50) continue;
    const d = hammingDistance(canonical.hash, fast.pdq);
    all.push(d);
    byTransform.set(name, [...(byTransform.get(name) ?? []), d]);
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, mean: +(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2), p95: s[Math.floor(0.95 * (s.length - 1))]!, max: s[s.length - 1]! };
};
console.log(`${sources.length} photos, decode side ${side}`);
for (const [name, xs] of byTransform) console.log(name.padEnd(20), JSON.stringify(stats(xs)));
console.log(JSON.stringify({ bench: 'page-hash-fidelity', photos: sources.length, decodeSide: side, bitsFromCanonical: stats(all) }));
