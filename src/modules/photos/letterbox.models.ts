/**
 * python-threatexchange's `--photo-preprocess=unletterbox`: rows and columns whose every pixel has all channels
 * at or below a threshold are black borders; each side is scanned inward independently, the top and bottom over
 * the full width, the left and right over the full height (upstream's order and rules, so the hashes agree).
 */
import type { PixelImage } from './pdq.models.ts';
import type { Rect } from './image-decode.ts';

/** python-threatexchange's CLI default. */
export const UNLETTERBOX_DEFAULT_THRESHOLD = 15;

export function findBlackBorders(image: PixelImage, threshold = UNLETTERBOX_DEFAULT_THRESHOLD): Rect {
  const { width, height, channels, data } = image;
  const black = (x: number, y: number): boolean => {
    const i = (y * width + x) * channels;
    for (let c = 0; c < channels; c++) if (data[i + c]! > threshold) return false;
    return true;
  };
  const rowBlack = (y: number) => {
    for (let x = 0; x < width; x++) if (!black(x, y)) return false;
    return true;
  };
  const colBlack = (x: number) => {
    for (let y = 0; y < height; y++) if (!black(x, y)) return false;
    return true;
  };
  let top = 0;
  while (top < height && rowBlack(top)) top++;
  let bottom = 0;
  while (bottom < height && rowBlack(height - 1 - bottom)) bottom++;
  let left = 0;
  while (left < width && colBlack(left)) left++;
  let right = 0;
  while (right < width && colBlack(width - 1 - right)) right++;
  return { left, top, width: Math.max(0, width - left - right), height: Math.max(0, height - top - bottom) };
}
