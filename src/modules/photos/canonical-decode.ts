/**
 * The pixels that Meta's reference PDQ tools hash, decoded from untrusted bytes with the same limits as every
 * other decode. The canonical hash (the CLI's, the one stored for the person's photos, the one exported) must be
 * the hash other organisations get from the same file, so this decode does what the reference tools do and
 * nothing more:
 * - no EXIF orientation (neither PIL's Image.open nor Java's ImageIO applies it); rotated copies still match
 *   through the dihedral hashes;
 * - transparency is dropped, not flattened: the colour stored under the alpha is hashed (PIL's convert('RGB')
 *   and python-threatexchange's first-three-channels, Java's getRGB without the alpha byte);
 * - no border trimming, no ICC transform (PIL and ImageIO hash the stored values);
 * - grey images stay one channel (luma = value, as python-threatexchange's replicated channels give);
 * - 16-bit grey is clipped at 255, as PIL converts I;16 for python-threatexchange.
 * Normalised decodes (orientation, flattening, trimming) are image-decode.ts's job and feed the extra hashes.
 */
import sharp from 'sharp';
import { isAppError } from '../../shared/errors.ts';
import { classifySharpError, createTruncatedImageError, DEFAULT_MAX_PIXELS, readImageHeader, type DecodeOptions } from './image-decode.ts';
import type { PixelImage } from './pdq.models.ts';

const DEFAULT_TIMEOUT_SECONDS = 30;

export interface CanonicalImage extends PixelImage {
  format: string;
}

export async function decodeCanonical(bytes: Uint8Array, options: Omit<DecodeOptions, 'trim'> = {}): Promise<CanonicalImage> {
  const meta = await readImageHeader(bytes, options);
  const grey = (meta.channels ?? 3) <= 2;
  const sixteenBitGrey = grey && meta.channels === 1 && (meta.depth === 'ushort' || meta.space === 'grey16');
  const base = sharp(bytes, { failOn: 'truncated', limitInputPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS, ignoreIcc: true })
    .timeout({ seconds: options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS })
    .removeAlpha();
  try {
    if (sixteenBitGrey) {
      const { data, info } = await base.toColourspace('grey16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
      const n = info.width * info.height;
      if (info.channels !== 1 || data.length !== n * 2) throw createTruncatedImageError();
      const values = new Uint16Array(data.buffer, data.byteOffset, n);
      const out = new Uint8Array(n);
      for (let p = 0; p < n; p++) out[p] = Math.min(255, values[p]!);
      return { width: info.width, height: info.height, channels: 1, data: out, format: meta.format };
    }
    const { data, info } = await base.toColourspace(grey ? 'b-w' : 'srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const channels = grey ? 1 : 3;
    if (info.channels !== channels || data.length !== info.width * info.height * channels) throw createTruncatedImageError();
    return { width: info.width, height: info.height, channels, data, format: meta.format };
  } catch (error) {
    if (isAppError(error)) throw error;
    throw classifySharpError(error);
  }
}
