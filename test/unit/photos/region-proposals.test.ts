import { describe, expect, it } from 'vitest';
import type { PixelImage } from '../../../src/modules/photos/pdq.models.ts';
import { overlapShare, proposeRegions } from '../../../src/modules/photos/region-proposals.models.ts';
import { seeded } from '../../helpers/photo-layouts.ts';

/** A page of one colour with rectangles of smooth texture and mild noise painted on it (stand-ins for photos). */
function page(width: number, height: number, boxes: Array<{ left: number; top: number; width: number; height: number; seed: number; base?: number }>, bg = 255): PixelImage {
  const data = new Uint8Array(width * height * 3).fill(bg);
  for (const b of boxes) {
    const rnd = seeded(b.seed);
    const base = b.base ?? 40;
    for (let y = b.top; y < b.top + b.height; y++) {
      for (let x = b.left; x < b.left + b.width; x++) {
        const v = Math.round(base + 50 + 40 * Math.sin(x / 17 + b.seed) + 30 * Math.cos(y / 23 + b.seed) + rnd() * 10);
        data.fill(v, (y * width + x) * 3, (y * width + x) * 3 + 3);
      }
    }
  }
  return { width, height, channels: 3, data };
}

const found = (regions: ReturnType<typeof proposeRegions>, box: { left: number; top: number; width: number; height: number }) => regions.some((r) => overlapShare(r, box) >= 0.95);

describe('region proposals', () => {
  it('proposes a photo placed on a uniform page, exactly where it is', () => {
    const photo = { left: 120, top: 80, width: 300, height: 200, seed: 1 };
    const regions = proposeRegions(page(800, 600, [photo]));
    expect(regions[0]).toMatchObject({ left: 120, top: 80, width: 300, height: 200, kind: 'block' });
  });

  it('separates photos laid out side by side with gutters, and drops thin text-like lines and small icons', () => {
    const a = { left: 40, top: 40, width: 200, height: 150, seed: 2 };
    const b = { left: 260, top: 40, width: 200, height: 150, seed: 3 };
    const line = { left: 40, top: 220, width: 600, height: 12, seed: 4 };
    const icon = { left: 600, top: 40, width: 30, height: 30, seed: 5 };
    const regions = proposeRegions(page(700, 300, [a, b, line, icon]));
    expect(found(regions, a) && found(regions, b)).toBe(true);
    expect(regions.every((r) => r.height >= 64 && r.width >= 64)).toBe(true);
  });

  it('splits a collage whose photos touch at the seams between them', () => {
    const cells = [0, 1, 2, 3].map((k) => ({ left: 50 + (k % 2) * 240, top: 30 + Math.floor(k / 2) * 160, width: 240, height: 160, seed: 10 + k, base: k % 2 === 0 ? 10 : 100 }));
    const regions = proposeRegions(page(600, 400, cells));
    for (const cell of cells) expect(found(regions, cell)).toBe(true);
  });

  it('never proposes more regions than the bound, nor the whole image again', () => {
    const boxes = Array.from({ length: 40 }, (_, k) => ({ left: 10 + (k % 8) * 110, top: 10 + Math.floor(k / 8) * 110, width: 100, height: 100, seed: 100 + k }));
    const image = page(900, 560, boxes);
    expect(proposeRegions(image, { maxRegions: 24 })).toHaveLength(24);
    expect(proposeRegions(page(400, 300, [{ left: 0, top: 0, width: 400, height: 300, seed: 9 }]))).toEqual([]);
  });
});
