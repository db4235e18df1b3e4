import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../../../src/modules/photos/hamming.models.ts';
import {
  DIHEDRAL_NAMES,
  pdqDihedral,
  pdqHash,
  torbenMedian,
  type DihedralName,
  type PixelImage,
} from '../../../src/modules/photos/pdq.models.ts';
import { hashPhotoFile } from '../../../src/modules/photos/photo-hash.ts';
import { pdqUnletterboxed } from '../../../src/modules/photos/unletterbox.ts';
import { decodeForReference, expectedRows, readFixture, type ExpectedRow } from './photo-fixtures.ts';

const rows = expectedRows();
const referenceRows = rows.filter((r) => r.producer.startsWith('java-PDQHasher') || r.producer.startsWith('python-threatexchange'));
const isUnletterbox = (r: ExpectedRow) => r.producer.includes('unletterbox');
const exactRows = referenceRows.filter((r) => !r.file.includes('#') && !isUnletterbox(r));
const cppRows = rows.filter((r) => r.inFixtures && r.producer.startsWith('cpp-reference'));

// python-threatexchange rotates LA.png with PIL before hashing; these are the same pixel operations in sharp
// (PIL's ROTATE_90 is counter-clockwise; its FLIPX mirrors top-bottom, matching PDQ's own flipX naming).
const LA_TRANSFORMS: Record<string, (s: Sharp) => Sharp> = {
  rot90: (s) => s.rotate(270),
  rot180: (s) => s.rotate(180),
  rot270: (s) => s.rotate(90),
  flipx: (s) => s.flip(),
  flipy: (s) => s.flop(),
  flipplus1: (s) => s.rotate(90).flip(),
  flipminus1: (s) => s.rotate(90).flop(),
};

describe('PDQ conformance with the reference vectors', () => {
  it('covers every Java-reference and python-threatexchange row with a vendored image', () => {
    // All 28 such rows of the shared expected-hashes.csv (2 Java asserts, 26 python-threatexchange).
    expect(referenceRows.length).toBe(28);
    expect(referenceRows.filter((r) => !r.inFixtures).map((r) => r.file)).toEqual([]);
    expect(cppRows.length).toBeGreaterThanOrEqual(3);
  });

  // The product path (the CLI's hash, the stored and exported hash), straight from the file's bytes.
  it.each(exactRows.map((r) => [r.file, r.producer, r] as const))(
    'prints the reference hash of %s bit for bit (%s)',
    async (_file, _producer, row) => {
      const { pdq, quality } = await hashPhotoFile(readFixture(row.file));
      expect(hammingDistance(pdq, row.hash)).toBe(0);
      if (row.quality !== null) expect(quality).toBe(row.quality);
    },
  );

  it.each(referenceRows.filter(isUnletterbox).map((r) => [r.file, r] as const))(
    'reproduces python-threatexchange\'s unletterboxed hash of %s beside the canonical one',
    async (_file, row) => {
      const bytes = readFixture(row.file);
      const trimmed = await pdqUnletterboxed(bytes);
      expect(hammingDistance(trimmed.hash, row.hash)).toBe(0);
      expect(trimmed.box).toEqual({ left: 197, top: 192, width: 1604, height: 1012 });
      // The canonical hash is of the whole letterboxed picture, far from the trimmed one.
      expect(hammingDistance((await hashPhotoFile(bytes)).pdq, row.hash)).toBeGreaterThan(100);
    },
  );

  it.each(cppRows.map((r) => [r.file, r] as const))('stays within 10 bits of the C++ reference for %s', async (_file, row) => {
    const { hash, quality } = pdqHash(await decodeForReference(row.file));
    expect(quality).toBeGreaterThanOrEqual(80);
    expect(hammingDistance(hash, row.hash)).toBeLessThanOrEqual(10);
  });

  it('has a pixel transform for every rotated LA.png row', () => {
    const names = referenceRows.filter((r) => r.file.includes('#')).map((r) => r.file.split('#')[1]);
    expect(names.sort()).toEqual(Object.keys(LA_TRANSFORMS).sort());
  });

  it.each(Object.keys(LA_TRANSFORMS))('reproduces the python-threatexchange hash of LA.png rotated by %s', async (name) => {
    const row = rows.find((r) => r.file === `pte/LA.png#${name}`)!;
    // Rotated and saved as PNG, as upstream does with PIL before hashing the new file.
    const rotated = await LA_TRANSFORMS[name]!(sharp(readFixture('pte/LA.png'))).png().toBuffer();
    expect(hammingDistance((await hashPhotoFile(rotated)).pdq, row.hash)).toBe(0);
    expect(hammingDistance(pdqHash(await decodeForReference('pte/LA.png', LA_TRANSFORMS[name])).hash, row.hash)).toBe(0);
  });

  it('stays within 10 bits of the published hash of small.jpg and rates it unusable (quality 0)', async () => {
    const row = rows.find((r) => r.file === 'misc/small.jpg')!;
    const { hash, quality } = pdqHash(await decodeForReference(row.file));
    expect(hammingDistance(hash, row.hash)).toBeLessThanOrEqual(10);
    expect(quality).toBe(0);
  });

  it('rates the real photos at quality 100', async () => {
    for (const file of ['dih/bridge-1-original.jpg', 'misc/c.png', 'misc/pen-and-coaster.png']) {
      expect(pdqHash(await decodeForReference(file)).quality).toBe(100);
    }
  });
});

describe('PDQ dihedral variants', () => {
  // Published C++ hashes of the physically rotated/mirrored bridge files (bridge-3..8 are not vendored).
  const files: Record<Exclude<DihedralName, 'original'>, string> = {
    rotate90: 'dih/bridge-2-rotate-90.jpg',
    rotate180: 'dih/bridge-3-rotate-180.jpg',
    rotate270: 'dih/bridge-4-rotate-270.jpg',
    flipX: 'dih/bridge-5-flipx.jpg',
    flipY: 'dih/bridge-6-flipy.jpg',
    flipPlus1: 'dih/bridge-7-flip-plus-1.jpg',
    flipMinus1: 'dih/bridge-8-flip-minus-1.jpg',
  };

  it('matches each rotated or mirrored copy of the bridge with the right variant and no other', async () => {
    const { hashes } = pdqDihedral(await decodeForReference('dih/bridge-1-original.jpg'));
    for (const [name, file] of Object.entries(files)) {
      const published = rows.find((r) => r.file === file && r.producer.startsWith('cpp-reference'))!.hash;
      // Measured: 8 bits for every variant. The sign-flip trick is not exactly a pixel rotation (the decimation
      // grid shifts by a pixel) and the C++ hashes come from another JPEG decoder (bridge-1 itself is 8 bits off).
      expect(hammingDistance(hashes[name as DihedralName], published)).toBeLessThanOrEqual(12);
      for (const other of DIHEDRAL_NAMES.filter((n) => n !== name)) {
        // Measured minimum over the wrong variants: 102 bits.
        expect(hammingDistance(hashes[other], published)).toBeGreaterThan(90);
      }
    }
  });

  it('returns the plain hash as the original variant', async () => {
    const image = await decodeForReference('pte/rgb.jpeg');
    expect(pdqDihedral(image).hashes.original).toBe(pdqHash(image).hash);
  });
});

describe('PDQ edge cases', () => {
  const solid = (width: number, height: number, value = 128): PixelImage => ({
    width,
    height,
    channels: 3,
    data: new Uint8Array(width * height * 3).fill(value),
  });

  it('returns the all-zero hash with quality 0 for images smaller than 5 pixels', () => {
    expect(pdqHash(solid(4, 100))).toEqual({ hash: '0'.repeat(64), quality: 0 });
    const dih = pdqDihedral(solid(100, 3));
    expect(Object.values(dih.hashes).every((h) => h === '0'.repeat(64))).toBe(true);
    expect(dih.quality).toBe(0);
  });

  it('gives a flat image quality 0', () => {
    expect(pdqHash(solid(300, 200)).quality).toBe(0);
  });

  it('hashes a grey image like the same image in RGB', async () => {
    const grey = await decodeForReference('dih/bridge-1-original.jpg', (s) => s.greyscale());
    expect(grey.channels).toBe(1);
    const rgb: PixelImage = { width: grey.width, height: grey.height, channels: 3, data: new Uint8Array(grey.data.length * 3) };
    for (let p = 0; p < grey.data.length; p++) rgb.data.fill(grey.data[p]!, p * 3, p * 3 + 3);
    expect(hammingDistance(pdqHash(grey).hash, pdqHash(rgb).hash)).toBeLessThanOrEqual(2);
  });

  it('pins the hash of a synthetic pattern so that decoder changes can be told apart from algorithm changes', () => {
    const width = 300;
    const height = 200;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        data[i] = (x * 7 + y * 3) & 255;
        data[i + 1] = Math.round(127.5 + 127.5 * Math.sin(x / 17) * Math.cos(y / 11));
        data[i + 2] = (x ^ y) & 255;
      }
    }
    expect(pdqHash({ width, height, channels: 3, data })).toEqual(PINNED_SYNTHETIC);
  });

  it('rejects a pixel buffer shorter than the declared size', () => {
    expect(() => pdqHash({ width: 10, height: 10, channels: 3, data: new Uint8Array(10) })).toThrow(
      expect.objectContaining({ code: 'photos.invalid_pixels' }),
    );
  });

  it('takes the median as the reference does, including ties', () => {
    expect(torbenMedian(Float32Array.from([3, 1, 2]))).toBe(2);
    expect(torbenMedian(Float32Array.from([4, 1, 3, 2]))).toBe(2);
    expect(torbenMedian(Float32Array.from([5, 5, 5, 5]))).toBe(5);
  });
});

// Computed by this implementation (bit-exact on all reference vectors above) when the test was written.
const PINNED_SYNTHETIC = { hash: 'ba9ceee3b19ebbe4b41bafe2b81e05e0aa1f09e0a01f021f5564f61745635a94', quality: 100 };
