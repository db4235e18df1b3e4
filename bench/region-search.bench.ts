/**
 * Cost of looking for photos inside larger pictures: region proposals and their hashes per page image (layouts
 * of posts, chats, collages, memes and forum threads from test/helpers/photo-layouts.ts) and per full-page
 * screenshot (a 1280 x 6000 page of such layouts), and the in-memory person index: building it for 1,000 people
 * x 20 photos (8 dihedral hashes each, random hashes) and rebuilding one person after a photo is added.
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { createPersonHashIndex } from '../src/modules/photos/person-hash-index.ts';
import type { StoredPhotoHash } from '../src/modules/photos/photos.repository.ts';
import { searchImageRegions } from '../src/modules/photos/region-search.ts';
import { drawLayout, LAYOUT_KINDS } from '../test/helpers/photo-layouts.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

const layouts = [];
let seed = 1;
for (const share of [0.25, 0.4, 0.6]) for (const kind of LAYOUT_KINDS) layouts.push(await drawLayout(kind, 'bridge', ['coaster', 'pen-and-coaster'], share, seed++));
await searchImageRegions(layouts[0]!.bytes);
const total: number[] = [];
const propose: number[] = [];
const hash: number[] = [];
for (const l of layouts) {
  const t = performance.now();
  const r = await searchImageRegions(l.bytes);
  total.push(performance.now() - t);
  propose.push(r.proposeMs);
  hash.push(r.hashMs);
}
console.log(`page image (${layouts.length} layouts, 1000-1900 px wide): total median ${median(total).toFixed(0)} ms, p95 ${p95(total).toFixed(0)} ms; proposals median ${median(propose).toFixed(0)} ms; hashing regions median ${median(hash).toFixed(0)} ms`);

const tiles = await Promise.all(layouts.slice(0, 6).map(async (l) => sharp(l.bytes).resize({ width: 1240 }).png().toBuffer()));
const composites = [];
let y = 0;
for (const input of tiles) {
  const { height = 0 } = await sharp(input).metadata();
  if (y + height > 6000) break;
  composites.push({ input, left: 20, top: y });
  y += height + 40;
}
const page = await sharp({ create: { width: 1280, height: 6000, channels: 3, background: '#ffffff' } }).composite(composites).png().toBuffer();
const shots: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await searchImageRegions(page);
  shots.push(performance.now() - t);
}
console.log(`full-page screenshot 1280 x 6000 PNG: median ${median(shots).toFixed(0)} ms (decode, proposals and hashes)`);

const people = 1000;
const photosEach = 20;
const store = new Map<string, StoredPhotoHash[]>();
for (let p = 0; p < people; p++) {
  const rows: StoredPhotoHash[] = [];
  for (let ph = 0; ph < photosEach; ph++) for (let v = 0; v < 8; v++) rows.push({ photoId: `p${p}-${ph}`, label: 'x', variant: String(v), pdq: randomBytes(32).toString('hex') });
  store.set(`person${p}`, rows);
}
const index = createPersonHashIndex({ load: async (id) => store.get(id) ?? [], signature: async (id) => String(store.get(id)?.length ?? 0) });
let t = performance.now();
for (let p = 0; p < people; p++) await index.get(`person${p}`);
const buildAll = performance.now() - t;
store.get('person7')!.push({ photoId: 'new', label: 'x', variant: '0', pdq: randomBytes(32).toString('hex') });
t = performance.now();
await index.get('person7');
const update = performance.now() - t;
t = performance.now();
for (let p = 0; p < people; p++) await index.get(`person${p}`);
const lookups = (performance.now() - t) / people;
console.log(`person index, ${people} people x ${photosEach} photos x 8 variants: build all ${buildAll.toFixed(0)} ms; one person updated after a photo is added ${update.toFixed(2)} ms; unchanged lookup ${lookups.toFixed(3)} ms`);
