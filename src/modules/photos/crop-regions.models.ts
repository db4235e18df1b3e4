/**
 * Region hashes: the second stage that finds crops.
 *
 * A global PDQ hash stops matching once about 2 % is cropped from a side (bench/crops.bench.ts). For each of the
 * person's own photos we therefore also store the PDQ hashes of many sub-rectangles ("regions"). A picture on the
 * web that is a crop of the photo is hashed normally (globally) and lands within the usual threshold (31) of the
 * region whose rectangle is within about 1 % per side of the crop. Because every side must be that close, the
 * regions form a 4-D grid of crop fractions; the step of that grid is the recall/size trade-off.
 *
 * Computing thousands of region hashes with the full pipeline would take many seconds, so this file uses that
 * PDQ's blur and DCT are separable and linear and that only 64 x 64 samples are kept: per vertical interval, the
 * column blur is evaluated once at the 64 sample rows across the full width and the vertical DCT is applied to
 * it; each horizontal interval then needs only the row blur at 64 points per DCT row, which second-order prefix
 * sums give in four lookups. The kernels are the exact weights of PDQ's two box passes with shrinking windows at
 * the region's edges, so a region hash equals the PDQ hash of the cropped pixels (tests check this; only double
 * vs float rounding differs).
 */
import { dctToHex } from './pdq.models.ts';

export interface CropFractions {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface RegionHash {
  region: CropFractions;
  hash: string;
  quality: number;
}

const stepsOf = (step: number, max = 0.2): number[] =>
  Array.from({ length: Math.round(max / step) + 1 }, (_, i) => Math.round(i * step * 1e4) / 1e4);

/**
 * Named region sets (per-side crop fractions, every combination). Measured in bench/crops.bench.ts on three real
 * photos, crops up to 20 %/side re-encoded (and downscaled), threshold 31, no false positive in 1 980 pairs:
 * - `fine`: 2.5 % steps, 6 560 regions, ~1-1.5 s per 1600 px photo: 98-100 % of all crops, 93-100 % of off-grid ones.
 * - `standard`: 5 % steps plus the 2.5 %-shifted copy (a body-centred grid), 880 regions, ~0.4 s: every crop on
 *   the 5 % grid, 13-43 % of off-grid ones.
 */
export const CROP_REGION_SETS = {
  fine: () => cropGrid(stepsOf(0.025)),
  standard: () => [...cropGrid(stepsOf(0.05)), ...cropGrid(stepsOf(0.05, 0.2).slice(0, 4).map((s) => s + 0.025))],
} as const;
export type CropRegionSet = keyof typeof CROP_REGION_SETS;

/** Every combination of the given per-side crop fractions, except the uncropped image (that is the global hash). */
export function cropGrid(steps: readonly number[]): CropFractions[] {
  const out: CropFractions[] = [];
  for (const top of steps) {
    for (const bottom of steps) {
      for (const left of steps) {
        for (const right of steps) {
          if (left === 0 && top === 0 && right === 0 && bottom === 0) continue;
          if (left + right >= 0.9 || top + bottom >= 0.9) continue;
          out.push({ left, top, right, bottom });
        }
      }
    }
  }
  return out;
}

interface Kernel {
  start: number;
  weights: Float64Array;
}

/**
 * Weights of PDQ's blur along one axis of a segment of length n (two box passes of `window` with the
 * reference's shrinking windows at both ends) for output position `at`: first input index and weights.
 */
export function tentKernel(n: number, window: number, at: number): Kernel {
  const half = Math.floor((window + 2) / 2);
  // Box output o averages inputs [o - (window - half), o + (half - 1)] clipped to the segment.
  const lo = (o: number) => Math.max(0, o - (window - half));
  const hi = (o: number) => Math.min(n - 1, o + (half - 1));
  const start = lo(lo(at));
  const weights = new Float64Array(hi(hi(at)) - start + 1);
  const outerLo = lo(at);
  const outerHi = hi(at);
  const outerW = 1 / (outerHi - outerLo + 1);
  for (let k = outerLo; k <= outerHi; k++) {
    const a = lo(k);
    const b = hi(k);
    const w = outerW / (b - a + 1);
    for (let i = a; i <= b; i++) weights[i - start]! += w;
  }
  return { start, weights };
}

const windowFor = (length: number): number => Math.floor((length + 127) / 128);
const sampleAt = (i: number, length: number): number => Math.floor(((i + 0.5) * length) / 64);

function pixelBounds(fromStart: number, fromEnd: number, size: number): [number, number] {
  const a = Math.round(fromStart * size);
  return [a, Math.max(a + 1, size - Math.round(fromEnd * size))];
}

/** DCT basis rows 1..16 in double precision: region hashes need not be bit-exact. */
const DCT64: Float64Array = (() => {
  const m = new Float64Array(16 * 64);
  const scale = Math.sqrt(2 / 64);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) m[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
  return m;
})();

function kernelsFor(cache: Map<number, Kernel[]>, length: number): Kernel[] {
  let ks = cache.get(length);
  if (!ks) {
    const w = windowFor(length);
    ks = Array.from({ length: 64 }, (_, i) => tentKernel(length, w, sampleAt(i, length)));
    cache.set(length, ks);
  }
  return ks;
}

/** Per row: P2[k] = sum of P1[0..k-1], P1[k] = sum of row[0..k-1]; stride cols + 2. */
function secondOrderPrefix(src: Float64Array, nRows: number, cols: number): Float64Array {
  const stride = cols + 2;
  const out = new Float64Array(nRows * stride);
  for (let r = 0; r < nRows; r++) {
    let p1 = 0;
    let p2 = 0;
    for (let k = 0; k <= cols; k++) {
      p2 += p1;
      out[r * stride + k + 1] = p2;
      if (k < cols) p1 += src[r * cols + k]!;
    }
  }
  return out;
}

/**
 * Row blur of `nRows` rows at the 64 horizontal sample points of [x0, x0 + width): interior samples from the
 * prefix sums (4 lookups), the few samples whose tent is clipped by the region's edge from explicit kernels.
 */
function blurRowsAtSamples(
  raw: Float64Array,
  prefix: Float64Array,
  nRows: number,
  cols: number,
  x0: number,
  width: number,
  kernels: Kernel[],
  out: Float64Array,
): void {
  const window = windowFor(width);
  const half = Math.floor((window + 2) / 2);
  const a = window - half;
  const b = half - 1;
  const norm = 1 / (window * window);
  const stride = cols + 2;
  for (let j = 0; j < 64; j++) {
    const p = sampleAt(j, width);
    if (p - 2 * a >= 0 && p + 2 * b <= width - 1) {
      const c = x0 + p;
      const o1 = c + 2 * b + 2;
      const o2 = c - a + b + 1;
      const o4 = c - 2 * a;
      for (let r = 0; r < nRows; r++) {
        const base = r * stride;
        out[r * 64 + j] = (prefix[base + o1]! - 2 * prefix[base + o2]! + prefix[base + o4]!) * norm;
      }
    } else {
      const { start, weights } = kernels[j]!;
      for (let r = 0; r < nRows; r++) {
        let sum = 0;
        const base = r * cols + x0 + start;
        for (let k = 0; k < weights.length; k++) sum += weights[k]! * raw[base + k]!;
        out[r * 64 + j] = sum;
      }
    }
  }
}

/** PDQ's quality score (gradient count) on a 64 x 64 image, in double precision. */
function quality64(a: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) {
      const v = a[i * 64 + j]!;
      if (i < 63) sum += Math.abs(Math.trunc(((v - a[(i + 1) * 64 + j]!) * 100) / 255));
      if (j < 63) sum += Math.abs(Math.trunc(((v - a[i * 64 + j + 1]!) * 100) / 255));
    }
  }
  return Math.min(100, Math.floor(sum / 90));
}

/**
 * PDQ hashes of the given regions of a luma image (as produced by `lumaFromPixels`). Regions narrower than
 * PDQ's 5-pixel minimum are skipped; the others come back in the given order. Cost grows with width x number of distinct vertical intervals, so callers
 * should pass a luma image of moderate size (photo-hash.ts shrinks to at most 1024 px).
 */
export function regionHashes(
  luma: Float32Array,
  rows: number,
  cols: number,
  regions: readonly CropFractions[],
): RegionHash[] {
  const byVertical = new Map<number, { y0: number; y1: number; items: CropFractions[] }>();
  const order = new Map<CropFractions, number>();
  for (const region of regions) {
    order.set(region, order.size);
    const [y0, y1] = pixelBounds(region.top, region.bottom, rows);
    const key = y0 * (rows + 1) + y1;
    let group = byVertical.get(key);
    if (!group) byVertical.set(key, (group = { y0, y1, items: [] }));
    group.items.push(region);
  }
  const out: RegionHash[] = [];
  const stripe = new Float64Array(64 * cols);
  const projected = new Float64Array(16 * cols);
  const image64 = new Float64Array(64 * 64);
  const t = new Float64Array(16 * 64);
  const dct = new Float32Array(256);
  const kernelCache = new Map<number, Kernel[]>();
  for (const { y0, y1, items } of byVertical.values()) {
    const h = y1 - y0;
    if (h < 5) continue;
    const vertical = kernelsFor(kernelCache, h);
    stripe.fill(0);
    for (let i = 0; i < 64; i++) {
      const { start, weights } = vertical[i]!;
      const dst = i * cols;
      for (let k = 0; k < weights.length; k++) {
        const w = weights[k]!;
        const src = (y0 + start + k) * cols;
        for (let x = 0; x < cols; x++) stripe[dst + x]! += w * luma[src + x]!;
      }
    }
    // The vertical DCT does not depend on the horizontal extent, so it is applied once per interval.
    projected.fill(0);
    for (let u = 0; u < 16; u++) {
      for (let i = 0; i < 64; i++) {
        const d = DCT64[u * 64 + i]!;
        const src = i * cols;
        const dst = u * cols;
        for (let x = 0; x < cols; x++) projected[dst + x]! += d * stripe[src + x]!;
      }
    }
    const stripePrefix = secondOrderPrefix(stripe, 64, cols);
    const projectedPrefix = secondOrderPrefix(projected, 16, cols);
    for (const region of items) {
      const [x0, x1] = pixelBounds(region.left, region.right, cols);
      const width = x1 - x0;
      if (width < 5) continue;
      const kernels = kernelsFor(kernelCache, width);
      blurRowsAtSamples(stripe, stripePrefix, 64, cols, x0, width, kernels, image64);
      blurRowsAtSamples(projected, projectedPrefix, 16, cols, x0, width, kernels, t);
      for (let u = 0; u < 16; u++) {
        for (let v = 0; v < 16; v++) {
          let sum = 0;
          for (let k = 0; k < 64; k++) sum += t[u * 64 + k]! * DCT64[v * 64 + k]!;
          dct[u * 16 + v] = sum;
        }
      }
      out.push({ region, hash: dctToHex(dct), quality: quality64(image64) });
    }
  }
  return out.sort((p, q) => order.get(p.region)! - order.get(q.region)!);
}
