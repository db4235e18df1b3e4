import { createHash } from 'node:crypto';
import imghash from 'imghash';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CROP_REGION_SETS, regionHashes, type CropFractions } from '../../../src/modules/photos/crop-regions.models.ts';
import { hammingDistance } from '../../../src/modules/photos/hamming.models.ts';
import { DIHEDRAL_NAMES, lumaFromPixels, pdqHash } from '../../../src/modules/photos/pdq.models.ts';
import { hashDecodedImage, hashPhotoFile } from '../../../src/modules/photos/photo-hash.ts';
import { decodeForReference, expectedRows, readFixture } from './photo-fixtures.ts';

const bridgeFile = 'dih/bridge-1-original.jpg';
const bridge = readFixture(bridgeFile);

async function cropJpeg(bytes: Buffer, c: CropFractions, quality = 80): Promise<Buffer> {
  const { width, height } = await sharp(bytes).metadata();
  const left = Math.round(c.left * width);
  const top = Math.round(c.top * height);
  const w = width - Math.round(c.right * width) - left;
  const h = height - Math.round(c.bottom * height) - top;
  return sharp(bytes).extract({ left, top, width: w, height: h }).jpeg({ quality }).toBuffer();
}

describe('hashing a photo file', () => {
  it('returns the SHA-256 of the bytes, the reference PDQ hash, its quality and size', async () => {
    const h = await hashPhotoFile(bridge);
    expect(h.sha256).toBe(createHash('sha256').update(bridge).digest('hex'));
    const java = expectedRows().find((r) => r.file === bridgeFile && r.producer.startsWith('java'))!;
    expect(h.pdq).toBe(java.hash);
    expect(h.quality).toBe(100);
    expect([h.width, h.height]).toEqual([1600, 1004]);
  });

  it('computes the same 64-bit blockhash as imghash does from the file', async () => {
    const h = await hashPhotoFile(bridge);
    expect(h.blockhash).toMatch(/^[0-9a-f]{16}$/);
    expect(h.blockhash).toBe(await imghash.hash(bridge));
  });

  it('includes the 8 dihedral hashes, the original being the PDQ hash', async () => {
    const h = await hashPhotoFile(readFixture('pte/rgb.jpeg'));
    expect(Object.keys(h.dihedral).sort()).toEqual([...DIHEDRAL_NAMES].sort());
    expect(h.dihedral.original).toBe(h.pdq);
    expect(new Set(Object.values(h.dihedral)).size).toBe(8);
  });

  it('computes region hashes only when asked to', async () => {
    expect((await hashPhotoFile(bridge)).regions).toBeUndefined();
    const withRegions = await hashPhotoFile(readFixture('pte/rgb.jpeg'), { regions: 'standard' });
    expect(withRegions.regions).toHaveLength(CROP_REGION_SETS.standard().length);
  });

  it('hashes decoded page images, grey or colour, the same way', async () => {
    const colour = await decodeForReference(bridgeFile);
    const grey = await decodeForReference(bridgeFile, (s) => s.greyscale());
    const a = hashDecodedImage(colour);
    const b = hashDecodedImage(grey);
    expect(a.pdq).toBe(pdqHash(colour).hash);
    expect(hammingDistance(a.pdq, b.pdq)).toBeLessThanOrEqual(8);
    expect(b.blockhash).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('finding crops with region hashes', () => {
  it('finds a 15 % per side crop through region hashes, which the global hash misses', async () => {
    const original = await hashPhotoFile(bridge, { regions: 'standard' });
    const candidate = await hashPhotoFile(await cropJpeg(bridge, { left: 0.15, top: 0.15, right: 0.15, bottom: 0.15 }));
    const globalBest = Math.min(...Object.values(original.dihedral).map((h) => hammingDistance(h, candidate.pdq)));
    const regionBest = Math.min(...original.regions!.map((r) => hammingDistance(r.hash, candidate.pdq)));
    expect(globalBest).toBeGreaterThan(31);
    expect(regionBest).toBeLessThanOrEqual(31);
  });

  it('finds an asymmetric off-grid crop with the fine set', async () => {
    const crop = { left: 0.08, top: 0.03, right: 0.12, bottom: 0.06 };
    const image = readFixture('misc/pen-and-coaster.png');
    const original = await hashPhotoFile(image, { regions: 'fine' });
    const candidate = await hashPhotoFile(await cropJpeg(image, crop));
    expect(Math.min(...original.regions!.map((r) => hammingDistance(r.hash, candidate.pdq)))).toBeLessThanOrEqual(31);
    expect(hammingDistance(original.pdq, candidate.pdq)).toBeGreaterThan(31);
  });

  it('gives each region the PDQ hash of the cropped pixels', async () => {
    const image = await decodeForReference('misc/pen-and-coaster.png');
    const regions: CropFractions[] = [
      { left: 0.2, top: 0, right: 0, bottom: 0.2 },
      { left: 0.05, top: 0.1, right: 0.15, bottom: 0.025 },
      { left: 0.2, top: 0.2, right: 0.2, bottom: 0.2 },
    ];
    const fast = regionHashes(lumaFromPixels(image), image.height, image.width, regions);
    for (const [i, region] of regions.entries()) {
      const left = Math.round(region.left * image.width);
      const top = Math.round(region.top * image.height);
      const width = image.width - Math.round(region.right * image.width) - left;
      const height = image.height - Math.round(region.bottom * image.height) - top;
      const { data } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
        .extract({ left, top, width, height })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const exact = pdqHash({ width, height, channels: 3, data });
      expect(fast[i]!.region).toBe(region);
      // Only double vs float rounding differs; measured 0 bits on every region tried.
      expect(hammingDistance(fast[i]!.hash, exact.hash)).toBeLessThanOrEqual(2);
      expect(Math.abs(fast[i]!.quality - exact.quality)).toBeLessThanOrEqual(1);
    }
  });

  it('builds region sets of the documented sizes without the uncropped rectangle', () => {
    const standard = CROP_REGION_SETS.standard();
    const fine = CROP_REGION_SETS.fine();
    expect(standard).toHaveLength(880);
    expect(fine).toHaveLength(6560);
    const isWhole = (r: CropFractions) => r.left === 0 && r.top === 0 && r.right === 0 && r.bottom === 0;
    expect([...standard, ...fine].some(isWhole)).toBe(false);
    expect(Math.max(...fine.map((r) => Math.max(r.left, r.top, r.right, r.bottom)))).toBeCloseTo(0.2);
  });
});
