import { describe, expect, it } from 'vitest';
import { createJaroszKernels, jaroszDownsample64Simd, simdScratchBytes, SIMD_SCRATCH_LIMIT_BYTES } from '../../../src/modules/photos/pdq-simd-downsample.models.ts';
import { dct64To16, dct64To16Scalar, downsamplePixelsTo64, downsamplePixelsTo64Scalar, pdqFrom64x64, qualityOf64x64, type PixelImage } from '../../../src/modules/photos/pdq.models.ts';
import { readFixture, decodeForReference } from './photo-fixtures.ts';

function noiseImage(width: number, height: number, channels: 1 | 3, seed: number): PixelImage {
  const data = new Uint8Array(width * height * channels);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    // Noise plus a gradient, so sums carry both large and small values through the float rounding.
    data[i] = ((s >>> 16) + (i % 251)) & 255;
  }
  return { width, height, channels, data };
}

const differingCells = (a: Float32Array, b: Float32Array) => a.reduce((n, v, i) => (Object.is(v, b[i]) ? n : n + 1), 0);

describe('PDQ downsampling with SIMD kernels', () => {
  const sizes: Array<[number, number]> = [
    [5, 5], [7, 9], [63, 65], [64, 64], [130, 257], [333, 1001], [513, 129], [1, 200], [2000, 3], [1024, 768], [1601, 1003],
    // Rows arrive 16 at a time: a height just past a block, and one whose column window (36) needs rows from two
    // blocks before its first output.
    [17, 33], [31, 4500],
  ];

  it('gives bit-identical 64 x 64 cells to the scalar reference version on odd, tiny, thin and large sizes', () => {
    const kernels = createJaroszKernels();
    for (const [width, height] of sizes) {
      for (const channels of [1, 3] as const) {
        const image = noiseImage(width, height, channels, width * 7919 + height + channels);
        const diff = differingCells(jaroszDownsample64Simd(image, kernels), downsamplePixelsTo64Scalar(image));
        expect({ width, height, channels, diff }).toEqual({ width, height, channels, diff: 0 });
      }
    }
  });

  it('reuses one instance across images of different sizes without carrying anything over', () => {
    const kernels = createJaroszKernels();
    const small = noiseImage(200, 150, 3, 1);
    const first = jaroszDownsample64Simd(small, kernels);
    jaroszDownsample64Simd(noiseImage(1500, 900, 3, 2), kernels);
    jaroszDownsample64Simd(noiseImage(31, 47, 1, 3), kernels);
    expect(differingCells(jaroszDownsample64Simd(small, kernels), first)).toBe(0);
  });

  it('matches the scalar version on a real photo decoded as the reference tools decode it', async () => {
    const image = await decodeForReference(readFixture('dih/bridge-1-original.jpg'));
    expect(differingCells(downsamplePixelsTo64(image), downsamplePixelsTo64Scalar(image))).toBe(0);
  });

  it('leaves very wide images to the scalar path instead of keeping their scratch memory for good', () => {
    expect(simdScratchBytes(4000, 3000, 3)).toBeLessThan(SIMD_SCRATCH_LIMIT_BYTES);
    expect(simdScratchBytes(10_000_000, 5, 3)).toBeGreaterThan(SIMD_SCRATCH_LIMIT_BYTES);
    const wide = noiseImage(500_000, 5, 1, 9);
    expect(simdScratchBytes(wide.width, wide.height, 1)).toBeGreaterThan(SIMD_SCRATCH_LIMIT_BYTES);
    expect(differingCells(downsamplePixelsTo64(wide), downsamplePixelsTo64Scalar(wide))).toBe(0);
  });
});

describe('PDQ DCT with SIMD kernels', () => {
  it('gives bit-identical coefficients to the scalar DCT on downsampled photos and noise', async () => {
    const photo = downsamplePixelsTo64(await decodeForReference(readFixture('dih/bridge-1-original.jpg')));
    const noise = downsamplePixelsTo64Scalar(noiseImage(97, 131, 3, 5));
    for (const block of [photo, noise]) expect(differingCells(dct64To16(block), dct64To16Scalar(block))).toBe(0);
  });

  it('gives the same quality as the scalar heuristic, whose last column has no right neighbour', async () => {
    const photo = downsamplePixelsTo64(await decodeForReference(readFixture('dih/bridge-1-original.jpg')));
    const noise = downsamplePixelsTo64Scalar(noiseImage(97, 131, 3, 5));
    // A bright last column: 64 steps of 100 (quality 71); also counting each row's last cell against the next
    // row's first would add 63 more and give 100.
    const edges = Float32Array.from({ length: 4096 }, (_, i) => (i % 64 === 63 ? 255 : 0));
    const flat = new Float32Array(4096).fill(17);
    for (const block of [photo, noise, edges, flat]) expect(pdqFrom64x64(block).quality).toBe(qualityOf64x64(block));
    expect(pdqFrom64x64(edges).quality).toBe(71);
  });
});
