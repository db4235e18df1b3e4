/**
 * Hashing of one photo: the person's own photos (with crop-region hashes) and images found on pages.
 *
 * PDQ (256 bits, with its 8 dihedral variants) is the fingerprint that matching relies on. The 64-bit blockhash
 * (imghash's algorithm) is kept as a cheap companion; it is computed from the pixels already decoded here, so
 * EXIF orientation, alpha and border handling are the same for both hashes and the file is decoded once.
 */
import { createHash } from 'node:crypto';
import imghash from 'imghash';
import { CROP_REGION_SETS, regionHashes, type CropRegionSet, type RegionHash } from './crop-regions.models.ts';
import { decodeImage, type DecodeOptions } from './image-decode.ts';
import { lumaFromPixels, pdqHashWithDihedral, type DihedralHashes, type PixelImage } from './pdq.models.ts';

export const BLOCKHASH_BITS_PER_SIDE = 8;
/** Region hashes are computed on a copy at most this large: cost grows with width x height, accuracy does not. */
export const DEFAULT_REGION_MAX_SIDE = 2048;

export interface ImageHashes {
  pdq: string;
  quality: number;
  /** imghash-compatible blockhash, 64 bits as 16 hex characters. */
  blockhash: string;
  dihedral: DihedralHashes;
  width: number;
  height: number;
  /** Only when asked for (the person's own photos): PDQ hashes of cropped sub-rectangles. */
  regions?: RegionHash[];
}

export interface PhotoFileHashes extends ImageHashes {
  /** SHA-256 of the file bytes as given (identifies the exact file, unlike the perceptual hashes). */
  sha256: string;
}

export interface HashImageOptions {
  /** Compute crop-region hashes with this named set (default: none). */
  regions?: CropRegionSet | false;
  regionMaxSide?: number;
}

export type HashPhotoOptions = DecodeOptions & HashImageOptions;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** blockhash as imghash computes it, fed with our decoded pixels (it expects RGBA). */
export function blockhashOf(image: PixelImage, bitsPerSide = BLOCKHASH_BITS_PER_SIDE): string {
  const n = image.width * image.height;
  const rgba = new Uint8Array(n * 4);
  for (let p = 0; p < n; p++) {
    const s = p * image.channels;
    const g = image.data[s]!;
    rgba[p * 4] = g;
    rgba[p * 4 + 1] = image.channels === 3 ? image.data[s + 1]! : g;
    rgba[p * 4 + 2] = image.channels === 3 ? image.data[s + 2]! : g;
    rgba[p * 4 + 3] = 255;
  }
  return imghash.hashRaw({ width: image.width, height: image.height, data: rgba }, bitsPerSide);
}

/** Averages k x k blocks so that region hashing works on a moderate size (crop fractions are relative). */
export function shrinkLuma(
  luma: Float32Array,
  rows: number,
  cols: number,
  maxSide: number,
): { luma: Float32Array; rows: number; cols: number } {
  const k = Math.ceil(Math.max(rows, cols) / maxSide);
  if (k <= 1) return { luma, rows, cols };
  const r2 = Math.floor(rows / k);
  const c2 = Math.floor(cols / k);
  const out = new Float32Array(r2 * c2);
  const inv = 1 / (k * k);
  for (let y = 0; y < r2; y++) {
    for (let x = 0; x < c2; x++) {
      let sum = 0;
      for (let dy = 0; dy < k; dy++) {
        const row = (y * k + dy) * cols + x * k;
        for (let dx = 0; dx < k; dx++) sum += luma[row + dx]!;
      }
      out[y * c2 + x] = sum * inv;
    }
  }
  return { luma: out, rows: r2, cols: c2 };
}

/** All hashes of already-decoded pixels (page images arrive decoded from the capture step). CPU only. */
export function hashDecodedImage(image: PixelImage, options: HashImageOptions = {}): ImageHashes {
  const { hash, quality, dihedral } = pdqHashWithDihedral(image);
  const result: ImageHashes = {
    pdq: hash,
    quality,
    blockhash: blockhashOf(image),
    dihedral,
    width: image.width,
    height: image.height,
  };
  if (options.regions) {
    const small = shrinkLuma(lumaFromPixels(image), image.height, image.width, options.regionMaxSide ?? DEFAULT_REGION_MAX_SIDE);
    result.regions = regionHashes(small.luma, small.rows, small.cols, CROP_REGION_SETS[options.regions]());
  }
  return result;
}

/** Decodes (with limits, orientation, alpha and border normalisation) and hashes one image file. */
export async function hashPhotoFile(bytes: Uint8Array, options: HashPhotoOptions = {}): Promise<PhotoFileHashes> {
  const image = await decodeImage(bytes, options);
  return { sha256: sha256Hex(bytes), ...hashDecodedImage(image, options) };
}
