/**
 * Turns untrusted image bytes into 8-bit RGB pixels, normalised so that the same picture hashes the same however
 * it was published: EXIF orientation applied, transparency flattened onto white, uniform borders (letterbox,
 * frames) removed. Every image from the web is hostile, so the byte size and the declared pixel count are checked
 * before any pixel is decoded, and decoding stops on truncated data.
 */
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { AppError, createErrorFactory, isAppError } from '../../shared/errors.ts';
import type { PixelImage } from './pdq.models.ts';

export const DEFAULT_MAX_BYTES = 40 * 1024 * 1024;
export const DEFAULT_MAX_PIXELS = 50_000_000;
// 20 trims letterbox and frame borders (even from q40 JPEGs) but not the near-uniform table or wall that a crop
// can leave at an edge (30 did, which turned a crop into a different crop).
export const DEFAULT_TRIM_THRESHOLD = 20;
const DEFAULT_TIMEOUT_SECONDS = 30;
export const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);

export const createNotAnImageError = createErrorFactory({
  code: 'photos.not_an_image',
  message: 'The file is not an image in a supported format.',
  statusCode: 415,
});
export const createTruncatedImageError = createErrorFactory({
  code: 'photos.truncated',
  message: 'The image data is truncated or damaged.',
  statusCode: 422,
});
export const createTooManyPixelsError = createErrorFactory({
  code: 'photos.too_many_pixels',
  message: 'The image declares more pixels than allowed.',
  statusCode: 413,
});
export const createFileTooLargeError = createErrorFactory({
  code: 'photos.file_too_large',
  message: 'The image file is larger than allowed.',
  statusCode: 413,
});

export const createDecodeTimeoutError = createErrorFactory({
  code: 'photos.decode_timeout',
  message: 'Decoding the image took too long.',
  statusCode: 422,
});

export interface DecodeOptions {
  maxBytes?: number;
  maxPixels?: number;
  /** Remove uniform borders (default true); a number sets the per-channel tolerance (default 20). */
  trim?: boolean | number;
  timeoutSeconds?: number;
}

export interface DecodedImage extends PixelImage {
  channels: 3;
  format: string;
  /** Size after orientation, before border trimming. */
  orientedWidth: number;
  orientedHeight: number;
  /** Pixels removed on each side by border trimming (all 0 when nothing was trimmed). */
  trimmed: { left: number; top: number; right: number; bottom: number };
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Same sizing rules for every caller, so a limit can't be forgotten on one path. */
export function checkDeclaredSize(
  declared: { bytes: number; width?: number | undefined; height?: number | undefined },
  options: Pick<DecodeOptions, 'maxBytes' | 'maxPixels'> = {},
): void {
  if (declared.bytes > (options.maxBytes ?? DEFAULT_MAX_BYTES)) throw createFileTooLargeError();
  if (declared.width === undefined || declared.height === undefined || declared.width < 1 || declared.height < 1) {
    throw createNotAnImageError();
  }
  if (declared.width * declared.height > (options.maxPixels ?? DEFAULT_MAX_PIXELS)) throw createTooManyPixelsError();
}

export function classifySharpError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return createTooManyPixelsError({ cause: error });
  if (/timeout/i.test(message)) return createDecodeTimeoutError({ cause: error });
  if (/unsupported image format|bad seek|not a known file format|improper image header/i.test(message)) {
    return createNotAnImageError({ cause: error });
  }
  return createTruncatedImageError({ cause: error });
}

/** Reads the header only: format, declared size. Throws the same coded errors as decoding. */
export async function readImageHeader(bytes: Uint8Array, options: DecodeOptions = {}): Promise<Metadata> {
  if (bytes.length > (options.maxBytes ?? DEFAULT_MAX_BYTES)) throw createFileTooLargeError();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    // No readable header at all (unknown format, or a known signature followed by garbage).
    throw createNotAnImageError({ cause: error });
  }
  if (!ACCEPTED_FORMATS.has(meta.format)) throw createNotAnImageError();
  checkDeclaredSize({ bytes: bytes.length, width: meta.width, height: meta.height }, options);
  return meta;
}

export interface NormalisedDecodeOptions extends DecodeOptions {
  /**
   * Decode so that the short side is about this many pixels (never enlarged): JPEG and WebP shrink on load, so
   * a large photo is never decoded at full size. Absent: full size.
   */
  shortSide?: number;
  /**
   * Decode no wider than `maxWidth` and with no more than `maxWorkPixels` pixels, keeping the aspect ratio
   * (never enlarged): region search reads a tall screenshot at a width where its photos are still recognisable.
   */
  within?: { maxWidth: number; maxWorkPixels: number };
  /** Time limit when `timeoutSeconds` is not given. */
  defaultTimeoutSeconds?: number;
}

export interface NormalisedImage extends DecodedImage {
  /** The oriented pixels before trimming (the decoded size, which is reduced when `shortSide` is set). */
  untrimmed: PixelImage;
}

/** The picture's size as it is shown: EXIF orientations 5-8 swap the stored width and height. */
function orientedSize(meta: { width?: number; height?: number; orientation?: number }): { width: number; height: number } {
  const swapped = (meta.orientation ?? 1) >= 5;
  return { width: swapped ? meta.height! : meta.width!, height: swapped ? meta.width! : meta.height! };
}

/**
 * The one normalising decode (the full-size decode below and the page fast path share it, so that their limits,
 * errors and normalisation cannot drift apart): EXIF orientation, alpha flattened onto white, sRGB, 8-bit RGB,
 * uniform borders trimmed. `orientedWidth`/`orientedHeight` are the picture's size as published (from the
 * header), which differ from the decoded size when it was reduced.
 */
export async function decodeNormalised(bytes: Uint8Array, options: NormalisedDecodeOptions = {}): Promise<NormalisedImage> {
  const meta = await readImageHeader(bytes, options);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  let data: Buffer;
  let info: OutputInfo;
  try {
    let pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels })
      .timeout({ seconds: options.timeoutSeconds ?? options.defaultTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS })
      .rotate();
    if (options.shortSide !== undefined) {
      const side = options.shortSide;
      pipeline = pipeline.resize({ width: side, height: side, fit: 'outside', withoutEnlargement: true, fastShrinkOnLoad: true });
    } else if (options.within) {
      const { width, height } = orientedSize(meta);
      const scale = Math.min(1, options.within.maxWidth / width, Math.sqrt(options.within.maxWorkPixels / (width * height)));
      pipeline = pipeline.resize({ width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), fit: 'fill', withoutEnlargement: true });
    }
    ({ data, info } = await pipeline
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true }));
  } catch (error) {
    throw isAppError(error) ? error : classifySharpError(error);
  }
  if (info.channels !== 3 || data.length !== info.width * info.height * 3) throw createTruncatedImageError();
  // A reduced decode gives the published size from the header; a full decode is that size itself.
  const reduced = options.shortSide !== undefined || options.within !== undefined;
  const published = orientedSize(meta);
  const orientedWidth = reduced ? published.width : info.width;
  const orientedHeight = reduced ? published.height : info.height;
  const oriented: PixelImage = { width: info.width, height: info.height, channels: 3, data };
  const threshold = options.trim === false ? null : typeof options.trim === 'number' ? options.trim : DEFAULT_TRIM_THRESHOLD;
  const box = threshold === null ? null : findContentBox(oriented, threshold);
  const image = box ? cropPixels(oriented, box) : oriented;
  return {
    width: image.width,
    height: image.height,
    channels: 3,
    data: image.data,
    format: meta.format,
    orientedWidth,
    orientedHeight,
    untrimmed: oriented,
    trimmed: box
      ? { left: box.left, top: box.top, right: info.width - box.left - box.width, bottom: info.height - box.top - box.height }
      : { left: 0, top: 0, right: 0, bottom: 0 },
  };
}

/** Full-size normalised decode (the person's photos, region hashes). */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  const { untrimmed: _untrimmed, ...decoded } = await decodeNormalised(bytes, options);
  return decoded;
}

const MIN_TRIMMED_SIDE = 16;
// A line still counts as border when this share of its pixels is off-colour (JPEG ringing, stray noise).
const BORDER_NOISE_SHARE = 0.01;

/**
 * The box left after removing uniform borders (colour of the top-left pixel, per-channel tolerance), or null
 * when there is nothing to trim. Never empties an image: a uniform image, or one that would shrink below
 * 16 px, is left whole. Scans inward from each edge only as far as the border goes.
 */
export function findContentBox(image: PixelImage, threshold: number): Rect | null {
  const { width, height, channels, data } = image;
  if (width < MIN_TRIMMED_SIDE || height < MIN_TRIMMED_SIDE) return null;
  const bg = [data[0]!, data[channels > 1 ? 1 : 0]!, data[channels > 2 ? 2 : 0]!];
  const off = (x: number, y: number): boolean => {
    const i = (y * width + x) * channels;
    for (let c = 0; c < channels; c++) if (Math.abs(data[i + c]! - bg[channels === 1 ? 0 : c]!) > threshold) return true;
    return false;
  };
  const rowIsBorder = (y: number, x0: number, x1: number): boolean => {
    const allowed = Math.floor((x1 - x0) * BORDER_NOISE_SHARE);
    let count = 0;
    for (let x = x0; x < x1; x++) if (off(x, y) && ++count > allowed) return false;
    return true;
  };
  const colIsBorder = (x: number, y0: number, y1: number): boolean => {
    const allowed = Math.floor((y1 - y0) * BORDER_NOISE_SHARE);
    let count = 0;
    for (let y = y0; y < y1; y++) if (off(x, y) && ++count > allowed) return false;
    return true;
  };
  let top = 0;
  while (top < height && rowIsBorder(top, 0, width)) top++;
  if (top === height) return null;
  let bottom = height;
  while (bottom > top && rowIsBorder(bottom - 1, 0, width)) bottom--;
  let left = 0;
  while (left < width && colIsBorder(left, top, bottom)) left++;
  let right = width;
  while (right > left && colIsBorder(right - 1, top, bottom)) right--;
  const box = { left, top, width: right - left, height: bottom - top };
  if (box.width === width && box.height === height) return null;
  if (box.width < MIN_TRIMMED_SIDE || box.height < MIN_TRIMMED_SIDE) return null;
  return box;
}

/** Copies a rectangle out of an interleaved pixel buffer. */
export function cropPixels<T extends PixelImage>(image: T, box: Rect): PixelImage {
  const { width, channels, data } = image;
  const out = new Uint8Array(box.width * box.height * channels);
  const rowBytes = box.width * channels;
  for (let y = 0; y < box.height; y++) {
    const start = ((box.top + y) * width + box.left) * channels;
    out.set(data.subarray(start, start + rowBytes), y * rowBytes);
  }
  return { width: box.width, height: box.height, channels, data: out };
}
