/**
 * The fast path for images found on pages: only a PDQ hash to look up among the person's stored hashes, as
 * cheaply as the decoder allows.
 *
 * PDQ keeps nothing finer than a 64 x 64 grid after its tent filter, so decoding a 4000 x 3000 photo at full size
 * only to average it away is wasted work. JPEG and WebP can decode at 1/2, 1/4 or 1/8 scale directly (the DCT
 * is truncated, no full-size pixels exist); sharp's shrink-on-load does that, then a cheap reduce brings the
 * short side to `PAGE_DECODE_SIDE`. The picture is normalised like a repost is seen (EXIF orientation applied,
 * transparency flattened onto white, letterbox and frame borders trimmed), then hashed with the same PDQ kernels.
 * The result differs from the canonical hash by a few bits (bench/README.md gives the measured distribution),
 * far below the match threshold; the canonical hash stays the one that is stored and exported.
 */
import { decodeNormalised, type DecodeOptions } from './image-decode.ts';
import { pdqHash, type PixelImage } from './pdq.models.ts';

/**
 * Short side of the decoded picture (6 pixels per PDQ cell). Measured against the canonical hash over 550 real
 * photos and transforms (bench/page-hash-fidelity.bench.ts): 256 gives mean 8.8 / max 18 bits, 384 mean 2.3 /
 * max 8, 512 mean 3.6 / max 14 (the shrink-on-load and reduce steps line up worse with PDQ's grid there).
 */
export const PAGE_DECODE_SIDE = 384;
const DEFAULT_TIMEOUT_SECONDS = 15;

export interface PageImageHashOptions extends DecodeOptions {
  /** Short side to decode at (default PAGE_DECODE_SIDE); images already smaller are not enlarged. */
  decodeSide?: number;
}

export interface PageImageHash {
  pdq: string;
  quality: number;
  /** Size of the picture as published (after orientation), not of the reduced decode. */
  width: number;
  height: number;
}

/** Decodes at reduced size with the same byte and pixel limits as every decode, normalised for matching. */
export async function decodeForPage(bytes: Uint8Array, options: PageImageHashOptions = {}): Promise<PixelImage & { orientedWidth: number; orientedHeight: number }> {
  const { width, height, channels, data, orientedWidth, orientedHeight } = await decodeNormalised(bytes, {
    ...options,
    shortSide: options.decodeSide ?? PAGE_DECODE_SIDE,
    defaultTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
  });
  return { width, height, channels, data, orientedWidth, orientedHeight };
}

export async function hashPageImage(bytes: Uint8Array, options: PageImageHashOptions = {}): Promise<PageImageHash> {
  const image = await decodeForPage(bytes, options);
  const { hash, quality } = pdqHash(image);
  return { pdq: hash, quality, width: image.orientedWidth, height: image.orientedHeight };
}
