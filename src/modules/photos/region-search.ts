/**
 * Hashes of the photos embedded in a larger picture: a page image that is a screenshot, a collage or a meme, or
 * the full-page screenshot of a visited page. The picture is decoded once at a bounded size (with the same byte
 * and pixel limits as every decode), region proposals are cut out of it (region-proposals.models.ts) and each is
 * hashed with PDQ, the same kernels as the fast path. Only the upright hash of a region is needed: the person's
 * stored hashes already hold the 8 dihedral variants of every photo, so a mirrored or rotated photo inside a
 * screenshot meets its own variant.
 */
import { cropPixels, decodeNormalised, type DecodeOptions, type Rect } from './image-decode.ts';
import { pdqHash, type PixelImage } from './pdq.models.ts';
import { proposeRegions, scaleRect, type RegionProposalOptions } from './region-proposals.models.ts';

/**
 * Widest side the picture is searched at. A photo at 25 % of a 1600 px screenshot is still 400 px wide here,
 * six pixels per PDQ cell; larger decodes only cost time.
 */
export const REGION_SEARCH_MAX_WIDTH = 1024;
/** Most pixels searched: a very tall full-page screenshot is reduced until it fits. */
export const REGION_SEARCH_MAX_PIXELS = 8_000_000;
const DEFAULT_TIMEOUT_SECONDS = 20;

export interface RegionSearchOptions extends DecodeOptions, RegionProposalOptions {
  maxWidth?: number;
  maxWorkPixels?: number;
}

export interface RegionHashFound {
  /** Where the region is, in pixels of the picture as published (after EXIF orientation). */
  box: Rect;
  kind: 'block' | 'cell';
  pdq: string;
  quality: number;
}

export interface RegionSearchResult {
  width: number;
  height: number;
  regions: RegionHashFound[];
  /** Milliseconds spent on proposals and on hashing them (decode excluded), for the bench and logs. */
  proposeMs: number;
  hashMs: number;
}

/** Proposals and their hashes for already-decoded pixels; `scale` maps them back to published pixels. */
export function hashRegionsOfPixels(
  image: PixelImage,
  published: { width: number; height: number },
  options: RegionProposalOptions = {},
): RegionSearchResult {
  const t0 = performance.now();
  const proposals = proposeRegions(image, options);
  const t1 = performance.now();
  const sx = published.width / image.width;
  const sy = published.height / image.height;
  const regions = proposals.map((p) => {
    const { hash, quality } = pdqHash(cropPixels(image, p));
    return { box: scaleRect(p, sx, sy, published), kind: p.kind, pdq: hash, quality };
  });
  return { ...published, regions, proposeMs: t1 - t0, hashMs: performance.now() - t1 };
}

export async function searchImageRegions(bytes: Uint8Array, options: RegionSearchOptions = {}): Promise<RegionSearchResult> {
  const decoded = await decodeNormalised(bytes, {
    ...options,
    trim: false,
    defaultTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    within: { maxWidth: options.maxWidth ?? REGION_SEARCH_MAX_WIDTH, maxWorkPixels: options.maxWorkPixels ?? REGION_SEARCH_MAX_PIXELS },
  });
  return hashRegionsOfPixels(decoded.untrimmed, { width: decoded.orientedWidth, height: decoded.orientedHeight }, options);
}
