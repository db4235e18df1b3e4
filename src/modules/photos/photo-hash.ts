/**
 * Hashing of one photo: the person's own photos (with crop-region hashes) and images found on pages.
 *
 * PDQ (256 bits, with its 8 dihedral variants) is the fingerprint that matching relies on. The file's `pdq` is
 * the canonical hash: Meta's PDQ on the pixels the reference tools decode (canonical-decode.ts), so it equals
 * what python-threatexchange or the Java reference print for the same file and can be exchanged as is. The
 * 64-bit blockhash (imghash's algorithm) is a cheap companion computed from the same pixels. Region hashes,
 * which only matching uses, come from the normalised decode (EXIF orientation, transparency flattened, borders
 * trimmed) because reposts are usually upright, flattened and cropped; their unclipped region (0,0,0,0) is the
 * trimmed whole image, stored beside the canonical hash rather than instead of it.
 */
import { sha256Hex } from '../../shared/hashing.models.ts';
import imghash from 'imghash';
import { CROP_REGION_SETS, regionHashes, type CropRegionSet, type RegionHash } from './crop-regions.models.ts';
import { decodeCanonical } from './canonical-decode.ts';
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
  if (options.regions) result.regions = regionsOf(image, options.regions, options.regionMaxSide);
  return result;
}

function regionsOf(image: PixelImage, set: CropRegionSet, maxSide = DEFAULT_REGION_MAX_SIDE): RegionHash[] {
  const small = shrinkLuma(lumaFromPixels(image), image.height, image.width, maxSide);
  return regionHashes(small.luma, small.rows, small.cols, CROP_REGION_SETS[set]());
}

/**
 * Canonical hashes of one image file (decoded with limits, as the reference tools decode it), plus region
 * hashes of the normalised picture when asked for.
 */
export async function hashPhotoFile(bytes: Uint8Array, options: HashPhotoOptions = {}): Promise<PhotoFileHashes> {
  const canonical = await decodeCanonical(bytes, options);
  const result: PhotoFileHashes = { sha256: sha256Hex(bytes), ...hashDecodedImage(canonical) };
  if (options.regions) {
    result.regions = regionsOf(await decodeImage(bytes, options), options.regions, options.regionMaxSide);
  }
  return result;
}
