/**
 * PDQ perceptual hash (Meta ThreatExchange), written from the published reference algorithm.
 *
 * Every floating-point step mirrors the reference's single-precision arithmetic (Math.fround, or a store into a
 * Float32Array, after each operation; the SIMD kernels of pdq-simd.models.ts compute in float32 natively), because PDQ thresholds the DCT at its median: a coefficient that sits next
 * to the median flips a bit when rounding differs. Fed with the same RGB bytes, this produces the same hashes as
 * the Java reference (`PDQHasher`) and python-threatexchange, which the conformance tests pin.
 */
import { createErrorFactory } from '../../shared/errors.ts';
import { jaroszDownsample64, lumaRowOf } from './pdq-downsample.models.ts';
import { createJaroszKernels, dctAndQualitySimd, jaroszDownsample64Simd, SIMD_SCRATCH_LIMIT_BYTES, simdScratchBytes } from './pdq-simd-downsample.models.ts';
import type { JaroszKernels } from './pdq-simd.models.ts';

export interface PixelImage {
  width: number;
  height: number;
  channels: 1 | 3;
  /** Row-major, interleaved, 8 bits per channel, no padding between rows. */
  data: Uint8Array;
}

export interface PdqResult {
  /** 64 hex characters, 16-bit word 15 first (the reference's text format). */
  hash: string;
  /** 0..100; upstream discards hashes with quality below 50. */
  quality: number;
}

export const DIHEDRAL_NAMES = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipX',
  'flipY',
  'flipPlus1',
  'flipMinus1',
] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];
export type DihedralHashes = Record<DihedralName, string>;

export const PDQ_MIN_DIMENSION = 5;
export const PDQ_MATCH_THRESHOLD = 31;
export const PDQ_MIN_QUALITY = 50;
const ZERO_HASH = '0'.repeat(64);

const createInvalidPixelsError = createErrorFactory({
  code: 'photos.invalid_pixels',
  message: 'The pixel buffer does not match the declared image size.',
  statusCode: 400,
});

const f = Math.fround;

/** 16 x 64 DCT-II basis rows for frequencies 1..16 (the DC row is skipped), rounded to float as upstream. */
const DCT_MATRIX: Float32Array = (() => {
  const m = new Float32Array(16 * 64);
  const scale = f(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) m[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
  return m;
})();

function checkPixels(image: PixelImage): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0 || data.length < width * height * channels) {
    throw createInvalidPixelsError();
  }
}

export function lumaFromPixels(image: PixelImage): Float32Array {
  checkPixels(image);
  const { width, height, channels, data } = image;
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) lumaRowOf(data, width, channels, y, luma.subarray(y * width, (y + 1) * width));
  return luma;
}

/** Jarosz tent filter (2 x rows+cols box passes) then point-decimation to 64 x 64. */
export function downsampleTo64(luma: Float32Array, rows: number, cols: number): Float32Array {
  return jaroszDownsample64({ width: cols, height: rows, row: (y, out) => out.set(luma.subarray(y * cols, (y + 1) * cols)) });
}

/** The same, reading luma straight from the pixels one row at a time (no image-sized float buffer). */
export function downsamplePixelsTo64Scalar(image: PixelImage): Float32Array {
  checkPixels(image);
  const { width, height, channels, data } = image;
  return jaroszDownsample64({ width, height, row: (y, out) => lumaRowOf(data, width, channels, y, out) });
}

/*
 * The SIMD kernels' instance is scratch memory, not state: every call is synchronous and resets what it uses, and
 * each worker thread loads this module, so each thread gets its own. Built on first use.
 */
let kernels: JaroszKernels | undefined;
const simdKernels = (): JaroszKernels => (kernels ??= createJaroszKernels());

/** Luma + Jarosz + decimation with the SIMD kernels (bit-identical to the scalar version, several times faster). */
export function downsamplePixelsTo64(image: PixelImage): Float32Array {
  checkPixels(image);
  if (simdScratchBytes(image.width, image.height, image.channels) > SIMD_SCRATCH_LIMIT_BYTES) return downsamplePixelsTo64Scalar(image);
  return jaroszDownsample64Simd(image, simdKernels());
}

/**
 * Counts significant neighbour gradients in the 64 x 64 image; the constants are upstream's heuristics. The hash
 * uses the kernel version (dctAndQualitySimd); this one is its reference in tests.
 */
export function qualityOf64x64(buf: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      const d = Math.trunc(f(f(f(buf[i * 64 + j]! - buf[(i + 1) * 64 + j]!) * 100) / 255));
      gradientSum += Math.abs(d);
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      const d = Math.trunc(f(f(f(buf[i * 64 + j]! - buf[i * 64 + j + 1]!) * 100) / 255));
      gradientSum += Math.abs(d);
    }
  }
  return Math.min(100, Math.floor(gradientSum / 90));
}

/** B = D A D^T restricted to frequencies 1..16 in each direction; returns 16 x 16 row-major. */
export function dct64To16(a: Float32Array): Float32Array {
  return dctAndQualitySimd(a, DCT_MATRIX, simdKernels()).dct;
}

/** The same in plain JavaScript (the SIMD kernel's reference in tests). */
export function dct64To16Scalar(a: Float32Array): Float32Array {
  const t = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = f(sum + f(DCT_MATRIX[i * 64 + k]! * a[k * 64 + j]!));
      t[i * 64 + j] = sum;
    }
  }
  const b = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = f(sum + f(t[i * 64 + k]! * DCT_MATRIX[j * 64 + k]!));
      b[i * 16 + j] = sum;
    }
  }
  return b;
}

/** Torben Mogensen's median (the reference's choice; it returns an element, or the midpoint guess on ties). */
export function torbenMedian(values: Float32Array): number {
  const n = values.length;
  const mid = Math.floor((n + 1) / 2);
  let min = values[0]!;
  let max = values[0]!;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let less = 0;
  let greater = 0;
  let equal = 0;
  let guess = 0;
  let maxBelow = 0;
  let minAbove = 0;
  for (;;) {
    guess = f(f(min + max) / 2);
    less = 0;
    greater = 0;
    equal = 0;
    maxBelow = min;
    minAbove = max;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v < guess) {
        less++;
        if (v > maxBelow) maxBelow = v;
      } else if (v > guess) {
        greater++;
        if (v < minAbove) minAbove = v;
      } else equal++;
    }
    if (less <= mid && greater <= mid) break;
    if (less > greater) max = maxBelow;
    else min = minAbove;
  }
  if (less >= mid) return maxBelow;
  if (less + equal >= mid) return guess;
  return minAbove;
}

/** Bit k = i*16+j is set iff coefficient (i,j) exceeds the median; word i holds row i; printed word 15 first. */
export function dctToHex(dct: Float32Array): string {
  const median = torbenMedian(dct);
  let hex = '';
  for (let word = 15; word >= 0; word--) {
    let w = 0;
    for (let bit = 0; bit < 16; bit++) if (dct[word * 16 + bit]! > median) w |= 1 << bit;
    hex += w.toString(16).padStart(4, '0');
  }
  return hex;
}

/** Sign flips / transposes of the 16 x 16 DCT that equal hashing the rotated or mirrored image (up to resampling). */
function transformDct(a: Float32Array, name: DihedralName): Float32Array {
  if (name === 'original') return a;
  const b = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const v = a[i * 16 + j]!;
      const odd = ((i + j) & 1) === 1;
      switch (name) {
        case 'rotate90':
          b[j * 16 + i] = j & 1 ? v : -v;
          break;
        case 'rotate180':
          b[i * 16 + j] = odd ? -v : v;
          break;
        case 'rotate270':
          b[j * 16 + i] = i & 1 ? v : -v;
          break;
        case 'flipX':
          b[i * 16 + j] = i & 1 ? v : -v;
          break;
        case 'flipY':
          b[i * 16 + j] = j & 1 ? v : -v;
          break;
        case 'flipPlus1':
          b[j * 16 + i] = v;
          break;
        case 'flipMinus1':
          b[j * 16 + i] = odd ? -v : v;
          break;
      }
    }
  }
  return b;
}

/** Hash and quality of an already downsampled 64 x 64 luma image (used for region hashes too). */
export function pdqFrom64x64(buf: Float32Array): { dct: Float32Array; quality: number } {
  return dctAndQualitySimd(buf, DCT_MATRIX, simdKernels());
}

function pdqDct(image: PixelImage): { dct: Float32Array; quality: number } | null {
  checkPixels(image);
  if (image.width < PDQ_MIN_DIMENSION || image.height < PDQ_MIN_DIMENSION) return null;
  return pdqFrom64x64(downsamplePixelsTo64(image));
}

export function pdqHash(image: PixelImage): PdqResult {
  const r = pdqDct(image);
  if (!r) return { hash: ZERO_HASH, quality: 0 };
  return { hash: dctToHex(r.dct), quality: r.quality };
}

/** The 8 dihedral variants from one DCT, so mirrored or 90-degree-rotated reposts still match. */
export function pdqDihedral(image: PixelImage): { hashes: DihedralHashes; quality: number } {
  const r = pdqDct(image);
  const hashes = {} as DihedralHashes;
  for (const name of DIHEDRAL_NAMES) hashes[name] = r ? dctToHex(transformDct(r.dct, name)) : ZERO_HASH;
  return { hashes, quality: r ? r.quality : 0 };
}

/** Both at once: the original hash plus its dihedral variants, computed from a single DCT. */
export function pdqHashWithDihedral(image: PixelImage): PdqResult & { dihedral: DihedralHashes } {
  const { hashes, quality } = pdqDihedral(image);
  return { hash: hashes.original, quality, dihedral: hashes };
}
