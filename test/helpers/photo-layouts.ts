/**
 * Screenshots in which photos travel when they are re-posted: a social post, a chat, 2 x 2 and 3 x 3 collages,
 * a meme with a caption band, a forum thread. Drawn with sharp (an SVG for the page, the photos composited in),
 * so each layout is the same on every run for a given seed. The photos are real ones the project tests with.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp, { type OverlayOptions } from 'sharp';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The real photos: each stands for one person's photo, and for "someone else's photo" in the others' layouts. */
export const REAL_PHOTOS = [
  { name: 'bridge', file: 'src/simweb/assets/photos/demo-1.jpg' },
  { name: 'coaster', file: 'src/simweb/assets/photos/demo-2.jpg' },
  { name: 'pen-and-coaster', file: 'test/fixtures/pdq/misc/pen-and-coaster.png' },
] as const;
/** A real photo's name, or the name of a part of one (see `photoParts`). */
export type PhotoName = string;
export type PhotoLibrary = (name: PhotoName) => Buffer;

export const LAYOUT_KINDS = ['post', 'chat', 'collage2', 'collage3', 'meme', 'forum'] as const;
export type LayoutKind = (typeof LAYOUT_KINDS)[number];

export interface Placed {
  photo: PhotoName;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Layout {
  kind: LayoutKind;
  bytes: Buffer;
  width: number;
  height: number;
  placed: Placed[];
}

export function readPhoto(name: PhotoName): Buffer {
  const file = REAL_PHOTOS.find((p) => p.name === name)?.file;
  if (!file) throw new Error(`no photo named ${name}`);
  return readFileSync(file.startsWith('/') ? file : root + file);
}

/** Small deterministic generator (mulberry32), so a failing case can be drawn again from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'look at this who is she found it again posted yesterday someone shared the pic here lol omg no way check dm'.split(' ');
const sentence = (rnd: () => number, n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
const esc = (s: string) => s.replace(/[<&>]/g, (c) => ({ '<': '&lt;', '&': '&amp;', '>': '&gt;' })[c]!);
const text = (x: number, y: number, size: number, fill: string, s: string, weight = 'normal') =>
  `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${size}" font-weight="${weight}" fill="${fill}">${esc(s)}</text>`;

/**
 * Other people's photos for the false-match checks: the halves and quarters of each real photo are different
 * pictures of real scenes (a half is far outside the 20 % crops a photo is matched under).
 */
export async function photoParts(name: PhotoName): Promise<Map<PhotoName, Buffer>> {
  const bytes = readPhoto(name);
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const w2 = Math.floor(width / 2);
  const h2 = Math.floor(height / 2);
  const boxes: Record<string, [number, number, number, number]> = {
    left: [0, 0, w2, height], right: [w2, 0, w2, height],
    q1: [0, 0, w2, h2], q2: [w2, 0, w2, h2], q3: [0, h2, w2, h2], q4: [w2, h2, w2, h2],
  };
  const parts = new Map<PhotoName, Buffer>();
  for (const [part, [left, top, w, h]] of Object.entries(boxes)) {
    parts.set(`${name}#${part}`, await sharp(bytes).extract({ left, top, width: w, height: h }).jpeg({ quality: 92 }).toBuffer());
  }
  return parts;
}

/** The real photo a photo or a part of one comes from. */
export const sourceOf = (name: PhotoName) => name.split('#')[0]!;

async function fitted(library: PhotoLibrary, name: PhotoName, width: number, maxHeight?: number): Promise<{ input: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(library(name)).rotate().resize({ width, height: maxHeight, fit: maxHeight ? 'cover' : 'inside' }).png().toBuffer({ resolveWithObject: true });
  return { input: data, width: info.width, height: info.height };
}

interface Draft {
  width: number;
  height: number;
  svg: string[];
  photos: Array<{ photo: PhotoName; left: number; top: number; width: number; maxHeight?: number }>;
}

async function render(kind: LayoutKind, draft: Draft, rnd: () => number, library: PhotoLibrary): Promise<Layout> {
  const placed: Placed[] = [];
  const composites: OverlayOptions[] = [];
  for (const p of draft.photos) {
    const img = await fitted(library, p.photo, p.width, p.maxHeight);
    composites.push({ input: img.input, left: p.left, top: p.top });
    placed.push({ photo: p.photo, left: p.left, top: p.top, width: img.width, height: img.height });
  }
  const overlay = draft.svg.filter((s) => s.startsWith('<!--over-->'));
  const base = draft.svg.filter((s) => !s.startsWith('<!--over-->'));
  const svg = (parts: string[]) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${draft.width}" height="${draft.height}">${parts.join('')}</svg>`);
  if (overlay.length > 0) composites.push({ input: svg(overlay), left: 0, top: 0 });
  const img = sharp(svg(base)).composite(composites);
  // Half the screenshots are re-encoded as JPEG, as they are when they are posted again.
  const jpeg = rnd() < 0.5;
  const bytes = jpeg ? await img.jpeg({ quality: 70 + Math.floor(rnd() * 20) }).toBuffer() : await img.png().toBuffer();
  return { kind, bytes, width: draft.width, height: draft.height, placed };
}

/**
 * One layout with `target` shown at `share` of the screenshot's width (collages: each cell), the other slots
 * filled with `others`. Sizes, texts and colours vary with the seed.
 */
export async function drawLayout(kind: LayoutKind, target: PhotoName, others: PhotoName[], share: number, seed: number, library: PhotoLibrary = readPhoto): Promise<Layout> {
  const rnd = seeded(seed);
  const other = (i: number) => others[i % others.length]!;
  const W = 1000 + Math.floor(rnd() * 600);
  const pw = Math.round(W * share);
  const bg = ['#ffffff', '#f0f2f5', '#fafafa', '#15202b'][Math.floor(rnd() * 4)]!;
  const fg = bg === '#15202b' ? '#e7e9ea' : '#1c1e21';
  const d: Draft = { width: W, height: 0, svg: [], photos: [] };
  if (kind === 'post') {
    const x = Math.round((W - Math.max(pw, 500)) / 2);
    d.svg.push(`<rect width="100%" height="56" fill="#1877f2"/>`, text(20, 36, 22, '#fff', 'social', 'bold'));
    d.photos.push({ photo: other(0), left: x, top: 80, width: 40, maxHeight: 40 });
    d.svg.push(text(x + 52, 98, 16, fg, 'anon_' + Math.floor(rnd() * 999), 'bold'), text(x, 148, 17, fg, sentence(rnd, 7)));
    d.photos.push({ photo: target, left: x, top: 170, width: pw });
    d.height = 170 + Math.round(pw * 1.4) + 120;
    d.svg.push(`<!--over--><rect x="${x}" y="${d.height - 90}" width="${pw}" height="1" fill="#ccc"/>`, `<!--over-->${text(x, d.height - 55, 15, fg, '♥ 1.2k   comment   share')}`);
  } else if (kind === 'chat') {
    d.svg.push(`<rect width="100%" height="64" fill="#075e54"/>`, text(70, 40, 20, '#fff', 'group chat', 'bold'));
    let y = 90;
    for (let i = 0; i < 3; i++) {
      const right = i % 2 === 1;
      const bw = 260 + Math.floor(rnd() * 300);
      d.svg.push(`<rect x="${right ? W - bw - 20 : 20}" y="${y}" rx="12" width="${bw}" height="52" fill="${right ? '#dcf8c6' : '#e9e9eb'}"/>`, text((right ? W - bw - 20 : 20) + 14, y + 32, 16, '#111', sentence(rnd, 4)));
      y += 70;
    }
    d.svg.push(`<rect x="16" y="${y}" rx="14" width="${pw + 16}" height="${Math.round(pw * 1.4) + 16}" fill="#e9e9eb"/>`);
    d.photos.push({ photo: target, left: 24, top: y + 8, width: pw });
    d.height = y + Math.round(pw * 1.4) + 120;
    d.svg.push(`<!--over-->${text(20, d.height - 40, 16, fg, sentence(rnd, 5))}`);
  } else if (kind === 'collage2' || kind === 'collage3') {
    const n = kind === 'collage2' ? 2 : 3;
    const gutter = [0, 4, 8][Math.floor(rnd() * 3)]!;
    const cell = pw;
    const side = n * cell + (n - 1) * gutter;
    const sideY = n * Math.round(cell / 1.5) + (n - 1) * gutter;
    d.width = Math.max(side + 40, Math.round(cell / share));
    const x0 = Math.round((d.width - side) / 2);
    const slot = Math.floor(rnd() * n * n);
    for (let k = 0; k < n * n; k++) {
      d.photos.push({ photo: k === slot ? target : other(k), left: x0 + (k % n) * (cell + gutter), top: 70 + Math.floor(k / n) * (Math.round(cell / 1.5) + gutter), width: cell, maxHeight: Math.round(cell / 1.5) });
    }
    d.svg.push(text(x0, 45, 20, fg, sentence(rnd, 5), 'bold'));
    d.height = 70 + sideY + 60;
  } else if (kind === 'meme') {
    const x = Math.round((W - pw) / 2);
    d.svg.push(text(20, 40, 18, fg, sentence(rnd, 6)), `<rect x="${x}" y="70" width="${pw}" height="${Math.round(pw * 0.18)}" fill="#fff"/>`);
    d.svg.push(text(x + 12, 70 + Math.round(pw * 0.12), Math.max(14, Math.round(pw * 0.06)), '#000', 'when she thinks its deleted', 'bold'));
    const top = 70 + Math.round(pw * 0.18);
    d.photos.push({ photo: target, left: x, top, width: pw });
    const size = Math.max(14, Math.round(pw * 0.07));
    d.svg.push(`<!--over--><text x="${x + pw / 2}" y="${top + Math.round(pw * 0.55)}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="#fff" stroke="#000" stroke-width="2">LOL</text>`);
    d.height = top + Math.round(pw * 1.4) + 80;
  } else {
    const side = 180;
    d.svg.push(`<rect width="100%" height="48" fill="#2d3e50"/>`, text(16, 32, 18, '#fff', 'board » general', 'bold'), `<rect y="48" width="${side}" height="100%" fill="#e4e8ee"/>`);
    for (let i = 0; i < 8; i++) d.svg.push(text(16, 90 + i * 28, 14, '#345', sentence(rnd, 2)));
    const x = side + 30;
    d.svg.push(`<rect x="${x}" y="70" width="${W - x - 20}" height="28" fill="#c9d3df"/>`, text(x + 8, 90, 14, '#123', 'Re: ' + sentence(rnd, 3), 'bold'));
    d.svg.push(`<rect x="${x}" y="110" width="${W - x - 20}" height="${Math.round(pw * 1.4) + 170}" fill="#f7f7f7" stroke="#aab" stroke-width="1"/>`);
    d.svg.push(text(x + 12, 140, 15, '#222', sentence(rnd, 8)), `<rect x="${x + 12}" y="154" width="${W - x - 60}" height="40" fill="#eaeaea"/>`, text(x + 20, 180, 13, '#555', 'quote: ' + sentence(rnd, 6)));
    const px = Math.min(x + 12, W - pw - 12);
    d.svg.push(`<rect x="${px - 4}" y="206" width="${pw + 8}" height="${Math.round(pw * 1.4) + 8}" fill="#ffffff" stroke="#999" stroke-width="1"/>`);
    d.photos.push({ photo: target, left: px, top: 210, width: pw });
    d.height = 110 + Math.round(pw * 1.4) + 200;
  }
  d.svg.unshift(`<rect width="100%" height="100%" fill="${bg}"/>`);
  return render(kind, d, rnd, library);
}
