/**
 * Crop recall of region hashes vs global hashes, and false positives against unrelated images.
 *
 * Originals: the demo photos (demo-1 = PDQ bridge-mods aaa-orig, demo-2 = python-threatexchange rgb.jpeg, a
 * random-noise test image) plus the two real photos of the PDQ vectors that are not the bridge (pen-and-coaster,
 * c.png). Every original is cropped by 5/10/15/20 % (one side, two sides, all sides, asymmetric on the 5 % grid)
 * and by off-grid asymmetric amounts (fixed and seeded random, up to 20 %/side), then re-encoded as JPEG q75, and
 * again downscaled to 70 % + q70. A crop counts as found when its global PDQ hash is within 31 bits of any stored
 * hash of its original (global + 8 dihedral, plus the region set under test). False positives: every crop of
 * every other image (and LA.png, wee.jpg noise/tiny vectors) tested against each original's stored hashes.
 *
 * Run: node --import tsx bench/crops.bench.ts
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { type CropFractions, type CropRegionSet } from '../src/modules/photos/crop-regions.models.ts';
import { hexToWords, distanceWords } from '../src/modules/photos/hamming.models.ts';
import { decodeImage } from '../src/modules/photos/image-decode.ts';
import { hashDecodedImage, hashPhotoFile } from '../src/modules/photos/photo-hash.ts';
import { PDQ_MATCH_THRESHOLD, PDQ_MIN_QUALITY } from '../src/modules/photos/pdq.models.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = [
  { name: 'demo-1 (bridge)', file: 'src/simweb/assets/photos/demo-1.jpg', original: true },
  { name: 'demo-2 (rgb noise)', file: 'src/simweb/assets/photos/demo-2.jpg', original: true },
  { name: 'pen-and-coaster', file: 'test/fixtures/pdq/misc/pen-and-coaster.png', original: true },
  { name: 'c.png', file: 'test/fixtures/pdq/misc/c.png', original: true },
  { name: 'LA.png (noise)', file: 'test/fixtures/pdq/pte/LA.png', original: false },
  { name: 'wee.jpg (34x42)', file: 'test/fixtures/pdq/misc/wee.jpg', original: false },
];
// pen-and-coaster and c.png show the same coaster in two different photos: reported apart, not as false positives.
const SAME_OBJECT = new Set(['pen-and-coaster|c.png', 'c.png|pen-and-coaster']);
const SETS: CropRegionSet[] = ['standard', 'fine'];

type Category = 'one side' | 'two sides' | 'all sides' | 'asym 5%-grid' | 'asym off-grid';
const crops: Array<{ category: Category; c: CropFractions }> = [];
const pct = (l: number, t: number, r: number, b: number): CropFractions => ({ left: l / 100, top: t / 100, right: r / 100, bottom: b / 100 });
for (const v of [5, 10, 15, 20]) {
  for (const c of [pct(v, 0, 0, 0), pct(0, v, 0, 0), pct(0, 0, v, 0), pct(0, 0, 0, v)]) crops.push({ category: 'one side', c });
  for (const c of [pct(v, v, 0, 0), pct(0, 0, v, v), pct(v, 0, v, 0), pct(0, v, 0, v)]) crops.push({ category: 'two sides', c });
  crops.push({ category: 'all sides', c: pct(v, v, v, v) });
}
for (const c of [pct(5, 10, 15, 20), pct(20, 15, 10, 5), pct(10, 5, 20, 0), pct(15, 0, 5, 10)]) crops.push({ category: 'asym 5%-grid', c });
let seed = 20240611;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
for (const c of [pct(8, 3, 12, 6), pct(17, 2, 4, 13), pct(1, 19, 7, 11)]) crops.push({ category: 'asym off-grid', c });
for (let i = 0; i < 12; i++) crops.push({ category: 'asym off-grid', c: pct(rnd() * 20, rnd() * 20, rnd() * 20, rnd() * 20) });

async function makeCrop(bytes: Buffer, c: CropFractions, variant: 'q75' | '70%+q70'): Promise<Buffer> {
  const meta = await sharp(bytes).rotate().metadata();
  const w = meta.autoOrient.width;
  const h = meta.autoOrient.height;
  const left = Math.round(c.left * w);
  const top = Math.round(c.top * h);
  const region = { left, top, width: w - Math.round(c.right * w) - left, height: h - Math.round(c.bottom * h) - top };
  let img = sharp(bytes).rotate().flatten({ background: '#ffffff' }).extract(region);
  if (variant === 'q75') return img.jpeg({ quality: 75 }).toBuffer();
  img = sharp(await img.png().toBuffer()).resize(Math.max(8, Math.round(region.width * 0.7)));
  return img.jpeg({ quality: 70 }).toBuffer();
}

function minDistance(q: Uint32Array, stored: Uint32Array, count: number): number {
  let best = 256;
  for (let i = 0; i < count; i++) best = Math.min(best, distanceWords(stored, i * 8, q, 0));
  return best;
}

function pack(hashes: string[]): Uint32Array {
  const out = new Uint32Array(hashes.length * 8);
  hashes.forEach((h, i) => hexToWords(h, out, i * 8));
  return out;
}

const results: Record<string, unknown>[] = [];
const stored = new Map<string, Record<string, { words: Uint32Array; count: number; ms: number }>>();
const queries: Array<{ source: string; category: Category; variant: string; hash: Uint32Array; quality: number }> = [];

for (const src of SOURCES) {
  const bytes = await readFile(root + src.file);
  if (src.original) {
    const decoded = await decodeImage(bytes);
    const base = hashDecodedImage(decoded);
    const globals = Object.values(base.dihedral);
    const perSet: Record<string, { words: Uint32Array; count: number; ms: number }> = {
      global: { words: pack(globals), count: globals.length, ms: 0 },
    };
    for (const set of SETS) {
      const t0 = performance.now();
      const withRegions = hashDecodedImage(decoded, { regions: set });
      const ms = performance.now() - t0;
      const all = [...globals, ...withRegions.regions!.map((r) => r.hash)];
      perSet[set] = { words: pack(all), count: all.length, ms };
    }
    stored.set(src.name, perSet);
  }
  for (const { category, c } of crops) {
    for (const variant of ['q75', '70%+q70'] as const) {
      const cand = await hashPhotoFile(await makeCrop(bytes, c, variant));
      queries.push({ source: src.name, category, variant, hash: hexToWords(cand.pdq), quality: cand.quality });
    }
  }
}

const categories: Category[] = ['one side', 'two sides', 'all sides', 'asym 5%-grid', 'asym off-grid'];
const strategies = ['global', ...SETS];
console.log('\nRecall: share of crops found (distance <= 31), per original and crop type');
console.log(['original', 'crop type', 'n', ...strategies.map((s) => `${s}`)].join('\t'));
for (const [name, perSet] of stored) {
  for (const category of [...categories, 'ALL q75', 'ALL 70%+q70', 'ALL'] as const) {
    const qs = queries.filter(
      (q) =>
        q.source === name &&
        (category === 'ALL' || q.category === category || (category.startsWith('ALL ') && q.variant === category.slice(4))),
    );
    const found = strategies.map((s) => qs.filter((q) => minDistance(q.hash, perSet[s]!.words, perSet[s]!.count) <= PDQ_MATCH_THRESHOLD).length);
    console.log([name, category, qs.length, ...found.map((f) => `${((100 * f) / qs.length).toFixed(0)}%`)].join('\t'));
    results.push({ kind: 'recall', original: name, category, n: qs.length, ...Object.fromEntries(strategies.map((s, i) => [s, found[i]! / qs.length])) });
  }
}

console.log('\nFalse positives: crops of other images (quality >= 50) within 31 bits of an original\'s stored hashes');
console.log(['strategy', 'hashes/photo', 'ms/photo', 'pairs', 'false pos.', 'min dist', 'same-object pairs', 'same-object hits', 'same-object min'].join('\t'));
for (const s of strategies) {
  let pairs = 0;
  let fp = 0;
  let minD = 256;
  let sameN = 0;
  let sameHits = 0;
  let sameMin = 256;
  for (const [name, perSet] of stored) {
    for (const q of queries) {
      if (q.source === name || q.quality < PDQ_MIN_QUALITY) continue;
      const d = minDistance(q.hash, perSet[s]!.words, perSet[s]!.count);
      if (SAME_OBJECT.has(`${name}|${q.source}`)) {
        sameN++;
        sameMin = Math.min(sameMin, d);
        if (d <= PDQ_MATCH_THRESHOLD) sameHits++;
        continue;
      }
      pairs++;
      minD = Math.min(minD, d);
      if (d <= PDQ_MATCH_THRESHOLD) fp++;
    }
  }
  const sizes = [...stored.values()].map((p) => p[s]!);
  const hashesPerPhoto = Math.round(sizes.reduce((a, p) => a + p.count, 0) / sizes.length);
  const msPerPhoto = Math.round(sizes.reduce((a, p) => a + p.ms, 0) / sizes.length);
  console.log([s, hashesPerPhoto, msPerPhoto, pairs, fp, minD, sameN, sameHits, sameMin].join('\t'));
  results.push({ kind: 'false_positives', strategy: s, hashesPerPhoto, msPerPhoto, pairs, falsePositives: fp, minDistance: minD, sameObjectPairs: sameN, sameObjectHits: sameHits, sameObjectMin: sameMin });
}
console.log(JSON.stringify({ bench: 'crops', threshold: PDQ_MATCH_THRESHOLD, results }));
