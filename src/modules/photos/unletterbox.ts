/**
 * A trimmed hash beside the canonical one, compatible with python-threatexchange's unletterbox preprocessing:
 * black borders found on the reference decode are cut off and the rest is saved again in the file's format
 * before hashing, as upstream does with PIL (JPEG at PIL's default quality 75), so the hash equals what
 * `threatexchange hash --photo-preprocess=unletterbox photo` prints. Never replaces the canonical hash.
 */
import sharp from 'sharp';
import { decodeCanonical } from './canonical-decode.ts';
import type { DecodeOptions, Rect } from './image-decode.ts';
import { findBlackBorders, UNLETTERBOX_DEFAULT_THRESHOLD } from './letterbox.models.ts';
import { pdqHash, type PdqResult } from './pdq.models.ts';

const PIL_DEFAULT_JPEG_QUALITY = 75;

export async function pdqUnletterboxed(
  bytes: Uint8Array,
  options: Omit<DecodeOptions, 'trim'> & { blackThreshold?: number } = {},
): Promise<PdqResult & { box: Rect }> {
  const image = await decodeCanonical(bytes, options);
  const box = findBlackBorders(image, options.blackThreshold ?? UNLETTERBOX_DEFAULT_THRESHOLD);
  if (box.width === 0 || box.height === 0) return { ...pdqHash(image), box };
  const cropped = sharp(bytes, { ignoreIcc: true }).extract(box);
  const resaved = image.format === 'jpeg' ? await cropped.jpeg({ quality: PIL_DEFAULT_JPEG_QUALITY }).toBuffer() : await cropped.png().toBuffer();
  return { ...pdqHash(await decodeCanonical(resaved, options)), box };
}
