/**
 * Region proposals: rectangles of a large picture (a screenshot of a post or a chat, a collage, a meme, a forum
 * page) that may hold an embedded photo, so each can be hashed on its own. A photo shown at 40 % of a screenshot
 * hashes nothing like the photo, but the same photo cut back out hashes within a few bits of it.
 *
 * Layouts put photos on uniform backgrounds (page, card, bubble, caption band, collage gutter), so the picture is
 * cut recursively along rows and columns that are uniform over the part being cut (an XY-cut, as document layout
 * analysis does). What remains are blocks with content on every row and column: text lines (thin, dropped by the
 * minimum size), icons (small, dropped) and photos. Collages without gutters are one block; there the seams where
 * one photo meets the next (a column or row whose step in brightness is large along most of its length) split
 * the block into its cells. A box that ends a few pixels inside a photo (a bright sky on a white page) is still
 * found, because the person's photos are stored with crop-region hashes for up to 20 % per side.
 */
import type { Rect } from './image-decode.ts';
import type { PixelImage } from './pdq.models.ts';

export interface RegionProposalOptions {
  /** Smallest side of a proposal, in pixels of the given image (default 64: PDQ needs detail to be reliable). */
  minSide?: number;
  /** Most proposals returned (default 24); the largest come first. */
  maxRegions?: number;
  /** Per-channel tolerance for a pixel to count as the background of its row or column (default 12). */
  tolerance?: number;
  /** Widest ratio of long to short side accepted (default 3.2: panoramas and banners beyond are not photos). */
  maxAspect?: number;
  /** A proposal covering at least this share of the image is the whole image, hashed already (default 0.9). */
  wholeImageShare?: number;
}

export interface RegionProposal extends Rect {
  /** How it was found: a block between uniform gutters, or a cell of a collage split at seams. */
  kind: 'block' | 'cell';
}

export const DEFAULT_MAX_REGIONS = 24;
export const DEFAULT_MIN_SIDE = 64;
const DEFAULT_TOLERANCE = 12;
// A row is still background when up to this share of its pixels is off (JPEG ringing beside text, stray dots).
const NOISE_SHARE = 0.01;
// A uniform run must be this long to separate two blocks: a single flat row inside a photo is not a gutter.
const MIN_GUTTER = 2;
// Edge lines of a block may be this much off-colour and still be peeled as frame (rounded corners, shadows).
const FRAME_NOISE_SHARE = 0.12;
const MAX_DEPTH = 16;
// A seam: neighbouring pixels differ by this much in luma along at least SEAM_SHARE of the line.
const SEAM_STEP = 24;
const SEAM_SHARE = 0.4;
// Seams closer than this share of the block to its edge make slivers, not cells.
const SEAM_MARGIN = 0.15;

interface Ctx {
  image: PixelImage;
  tolerance: number;
  minSide: number;
}

/**
 * Is the line from (x0, y0) in steps of (dx, dy), `length` pixels long, one colour? The reference colour is
 * tried at the start and in the middle, so one stray pixel at the start does not hide a gutter.
 */
function uniformLine(ctx: Ctx, x0: number, y0: number, dx: number, dy: number, length: number, noiseShare = NOISE_SHARE): boolean {
  const { image, tolerance } = ctx;
  const { data, channels, width } = image;
  const allowed = Math.floor(length * noiseShare) + 1;
  const step = (dy * width + dx) * channels;
  const first = (y0 * width + x0) * channels;
  for (const start of [0, length >> 1]) {
    const r = first + start * step;
    const r0 = data[r]!;
    const r1 = data[channels === 3 ? r + 1 : r]!;
    const r2 = data[channels === 3 ? r + 2 : r]!;
    let off = 0;
    for (let k = 0, i = first; k < length; k++, i += step) {
      const far = channels === 3
        ? Math.abs(data[i]! - r0) > tolerance || Math.abs(data[i + 1]! - r1) > tolerance || Math.abs(data[i + 2]! - r2) > tolerance
        : Math.abs(data[i]! - r0) > tolerance;
      if (far && ++off > allowed) break;
    }
    if (off <= allowed) return true;
  }
  return false;
}

/** Runs of content lines between gutters of at least MIN_GUTTER uniform lines, as [start, end) offsets. */
function contentRuns(flags: boolean[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  let gap = 0;
  for (let i = 0; i <= flags.length; i++) {
    const content = i < flags.length && flags[i]!;
    if (content) {
      if (start < 0) start = i;
      gap = 0;
    } else if (start >= 0) {
      gap++;
      if (gap >= MIN_GUTTER || i === flags.length) {
        runs.push([start, i - gap + 1]);
        start = -1;
        gap = 0;
      }
    }
  }
  return runs;
}

function rowFlags(ctx: Ctx, box: Rect): boolean[] {
  return Array.from({ length: box.height }, (_, k) => !uniformLine(ctx, box.left, box.top + k, 1, 0, box.width));
}

function colFlags(ctx: Ctx, box: Rect): boolean[] {
  return Array.from({ length: box.width }, (_, k) => !uniformLine(ctx, box.left + k, box.top, 0, 1, box.height));
}

/** Recursive XY-cut: leaves are blocks with no uniform gutter left in either direction. */
function xyCut(ctx: Ctx, box: Rect, depth: number, out: Rect[]): void {
  if (box.width < ctx.minSide || box.height < ctx.minSide) return;
  const pieces: Rect[] = [];
  for (const [y0, y1] of contentRuns(rowFlags(ctx, box))) {
    const band = { left: box.left, top: box.top + y0, width: box.width, height: y1 - y0 };
    if (band.height < ctx.minSide) continue;
    for (const [x0, x1] of contentRuns(colFlags(ctx, band))) {
      if (x1 - x0 >= ctx.minSide) pieces.push(trimFrame(ctx, { left: band.left + x0, top: band.top, width: x1 - x0, height: band.height }));
    }
  }
  const unchanged = pieces.length === 1 && sameRect(pieces[0]!, box);
  if (unchanged || depth >= MAX_DEPTH) {
    out.push(...pieces);
    return;
  }
  for (const piece of pieces) xyCut(ctx, piece, depth + 1, out);
}

/**
 * Peels uniform edges off a block more leniently than the cut does: a bubble or card with rounded corners, or a
 * frame with a shadow, has edge lines that are uniform except near their ends.
 */
function trimFrame(ctx: Ctx, box: Rect): Rect {
  let { left, top } = box;
  let right = box.left + box.width;
  let bottom = box.top + box.height;
  const limit = ctx.minSide;
  while (bottom - top > limit && uniformLine(ctx, left, top, 1, 0, right - left, FRAME_NOISE_SHARE)) top++;
  while (bottom - top > limit && uniformLine(ctx, left, bottom - 1, 1, 0, right - left, FRAME_NOISE_SHARE)) bottom--;
  while (right - left > limit && uniformLine(ctx, left, top, 0, 1, bottom - top, FRAME_NOISE_SHARE)) left++;
  while (right - left > limit && uniformLine(ctx, right - 1, top, 0, 1, bottom - top, FRAME_NOISE_SHARE)) right--;
  return { left, top, width: right - left, height: bottom - top };
}

const sameRect = (a: Rect, b: Rect) => a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;

/** Luma of every pixel, rounded to 8 bits (seams need steps of 24 levels, not PDQ's float precision). */
export function lumaPlane(image: PixelImage): Uint8Array {
  const { width, height, channels, data } = image;
  const n = width * height;
  if (channels === 1) return data.subarray(0, n);
  const out = new Uint8Array(n);
  for (let p = 0, i = 0; p < n; p++, i += 3) out[p] = (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]!) >> 8;
  return out;
}

/**
 * Offsets (from the block's start along the axis) of seams: lines where the picture steps sharply along most of
 * their length and more than on both neighbouring lines. Natural photos rarely have such a line from edge to edge.
 */
export function findSeams(luma: Uint8Array, imageWidth: number, box: Rect, axis: 'x' | 'y', minCell: number): number[] {
  const along = axis === 'x' ? box.width : box.height;
  const across = axis === 'x' ? box.height : box.width;
  const share = new Float32Array(along + 1);
  // Sample every other line across: halves the cost, a seam runs the whole length anyway.
  const stride = across > 200 ? 2 : 1;
  const samples = Math.ceil(across / stride);
  const stepAlong = axis === 'x' ? 1 : imageWidth;
  const stepAcross = (axis === 'x' ? imageWidth : 1) * stride;
  const origin = box.top * imageWidth + box.left;
  for (let a = 1; a < along; a++) {
    let strong = 0;
    for (let c = 0, i = origin + a * stepAlong; c < across; c += stride, i += stepAcross) {
      const d = luma[i]! - luma[i - stepAlong]!;
      if (d >= SEAM_STEP || d <= -SEAM_STEP) strong++;
    }
    share[a] = strong / samples;
  }
  const seams: number[] = [];
  const lo = Math.max(minCell, Math.round(along * SEAM_MARGIN));
  for (let a = lo; a <= along - lo; a++) {
    const s = share[a]!;
    if (s < SEAM_SHARE || s < share[a - 1]! || s < share[a + 1]!) continue;
    if (seams.length > 0 && a - seams[seams.length - 1]! < minCell) continue;
    seams.push(a);
  }
  return seams;
}

const cutsOf = (seams: number[], size: number) => [0, ...seams, size];

/** Seams that cut a length into n equal parts (within 3 %): the sign of an n x n collage. */
function equalParts(seams: number[], size: number): number {
  const n = seams.length + 1;
  if (n < 2 || n > 3) return 0;
  return seams.every((s, i) => Math.abs(s - ((i + 1) * size) / n) <= 0.03 * size) ? n : 0;
}

/**
 * The cells of a block split at its seams, the pieces split again along the other axis (a seam between two
 * similar photos may be faint in one band and plain in the next). When the seams on one axis cut the block into
 * 2 or 3 equal parts, the equal n x n grid is proposed too: the tell-tale of a collage.
 */
function gridCells(luma: Uint8Array, imageWidth: number, block: Rect, minSide: number, depth = 0): Rect[] {
  if (depth > 2 || (block.width < 2 * minSide && block.height < 2 * minSide)) return [];
  const xs = findSeams(luma, imageWidth, block, 'x', minSide);
  const ys = findSeams(luma, imageWidth, block, 'y', minSide);
  if (xs.length === 0 && ys.length === 0) return [];
  const cx = cutsOf(xs, block.width);
  const cy = cutsOf(ys, block.height);
  const cells: Rect[] = [];
  for (let j = 0; j + 1 < cy.length; j++) {
    for (let i = 0; i + 1 < cx.length; i++) {
      const cell = { left: block.left + cx[i]!, top: block.top + cy[j]!, width: cx[i + 1]! - cx[i]!, height: cy[j + 1]! - cy[j]! };
      cells.push(cell);
      if (!sameRect(cell, block)) cells.push(...gridCells(luma, imageWidth, cell, minSide, depth + 1));
    }
  }
  const n = Math.max(equalParts(xs, block.width), equalParts(ys, block.height));
  if (n > 0 && (xs.length + 1 !== n || ys.length + 1 !== n)) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const l = Math.round((i * block.width) / n);
        const t = Math.round((j * block.height) / n);
        cells.push({ left: block.left + l, top: block.top + t, width: Math.round(((i + 1) * block.width) / n) - l, height: Math.round(((j + 1) * block.height) / n) - t });
      }
    }
  }
  return cells;
}

function acceptable(rect: Rect, minSide: number, maxAspect: number): boolean {
  if (rect.width < minSide || rect.height < minSide) return false;
  return Math.max(rect.width, rect.height) / Math.min(rect.width, rect.height) <= maxAspect;
}

/**
 * Rectangles of `image` that may be embedded photos, largest first, at most `maxRegions`, none covering
 * (nearly) the whole image. Pure: pixels in, rectangles in the same pixel coordinates out.
 */
export function proposeRegions(image: PixelImage, options: RegionProposalOptions = {}): RegionProposal[] {
  const minSide = options.minSide ?? DEFAULT_MIN_SIDE;
  const maxRegions = options.maxRegions ?? DEFAULT_MAX_REGIONS;
  const maxAspect = options.maxAspect ?? 3.2;
  const wholeShare = options.wholeImageShare ?? 0.9;
  if (image.width < minSide || image.height < minSide || maxRegions <= 0) return [];
  const ctx: Ctx = { image, tolerance: options.tolerance ?? DEFAULT_TOLERANCE, minSide };
  const blocks: Rect[] = [];
  xyCut(ctx, { left: 0, top: 0, width: image.width, height: image.height }, 0, blocks);
  const imageArea = image.width * image.height;
  const seen = new Set<string>();
  const out: RegionProposal[] = [];
  const add = (rect: Rect, kind: RegionProposal['kind']) => {
    const key = `${rect.left},${rect.top},${rect.width},${rect.height}`;
    if (seen.has(key) || !acceptable(rect, minSide, maxAspect)) return;
    // Nearly the same box again (a block and the cell of the page around it) would be hashed for nothing.
    if (out.some((o) => overlapShare(o, rect) >= 0.9)) return;
    if (rect.width * rect.height >= wholeShare * imageArea) return;
    seen.add(key);
    out.push({ ...rect, kind });
  };
  const byArea = (a: Rect, b: Rect) => b.width * b.height - a.width * a.height || a.top - b.top || a.left - b.left;
  blocks.sort(byArea);
  // Blocks first (each is a photo, a card or a text column); then the cells of blocks that are grids. The
  // whole image itself counts as a block for the split: a collage posted as one file has no gutter around it.
  for (const block of blocks) add(block, 'block');
  const cells: Rect[] = [];
  const luma = lumaPlane(image);
  const splittable = [{ left: 0, top: 0, width: image.width, height: image.height }, ...blocks];
  for (const block of splittable) {
    cells.push(...gridCells(luma, image.width, block, minSide));
  }
  cells.sort(byArea);
  for (const cell of cells) add(cell, 'cell');
  // Largest first within each kind, blocks before cells: when the budget is short, whole blocks are the likelier photos.
  return out.slice(0, maxRegions);
}

/** Intersection over union of two rectangles. */
export function overlapShare(a: Rect, b: Rect): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** Maps a rectangle from a reduced decode back to the published image's pixels. */
export function scaleRect(rect: Rect, sx: number, sy: number, bounds: { width: number; height: number }): Rect {
  const left = Math.max(0, Math.round(rect.left * sx));
  const top = Math.max(0, Math.round(rect.top * sy));
  const right = Math.min(bounds.width, Math.round((rect.left + rect.width) * sx));
  const bottom = Math.min(bounds.height, Math.round((rect.top + rect.height) * sy));
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}
