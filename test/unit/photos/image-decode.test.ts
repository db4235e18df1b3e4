import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../../../src/modules/photos/hamming.models.ts';
import { decodeImage, findContentBox } from '../../../src/modules/photos/image-decode.ts';
import { pdqHash, type PixelImage } from '../../../src/modules/photos/pdq.models.ts';
import { readFixture } from './photo-fixtures.ts';

const bridge = readFixture('dih/bridge-1-original.jpg');

/** A real PNG whose IHDR is patched to declare 100000 x 100000 pixels (CRC fixed so the header parses). */
async function pngBomb(): Promise<Buffer> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } }).png().toBuffer();
  const out = Buffer.from(png);
  expect(out.subarray(12, 16).toString('latin1')).toBe('IHDR');
  out.writeUInt32BE(100_000, 16);
  out.writeUInt32BE(100_000, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)) >>> 0, 29);
  return out;
}

const pixel = (img: PixelImage, x: number, y: number) => {
  const i = (y * img.width + x) * 3;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
};

describe('decoding untrusted images', () => {
  it('refuses a text file as not an image', async () => {
    await expect(decodeImage(Buffer.from('<html>hello</html>'))).rejects.toMatchObject({ code: 'photos.not_an_image' });
  });

  it('refuses an SVG, which is a document rather than a photo', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    await expect(decodeImage(svg)).rejects.toMatchObject({ code: 'photos.not_an_image' });
  });

  it('refuses a truncated JPEG', async () => {
    await expect(decodeImage(bridge.subarray(0, Math.floor(bridge.length / 2)))).rejects.toMatchObject({ code: 'photos.truncated' });
  });

  it('refuses a decompression bomb from its header, before decoding pixels', async () => {
    const bomb = await pngBomb();
    expect(bomb.length).toBeLessThan(1000);
    await expect(decodeImage(bomb)).rejects.toMatchObject({ code: 'photos.too_many_pixels', statusCode: 413 });
  });

  it('applies the pixel limit it is given', async () => {
    await expect(decodeImage(bridge, { maxPixels: 1600 * 1004 - 1 })).rejects.toMatchObject({ code: 'photos.too_many_pixels' });
    await expect(decodeImage(bridge, { maxPixels: 1600 * 1004 })).resolves.toMatchObject({ width: 1600, height: 1004 });
  });

  it('refuses a file above the byte limit without reading it', async () => {
    await expect(decodeImage(bridge, { maxBytes: bridge.length - 1 })).rejects.toMatchObject({ code: 'photos.file_too_large' });
  });

  it('returns 8-bit RGB for a 16-bit grey PNG', async () => {
    const grey16 = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#808080' } })
      .greyscale()
      .toColourspace('grey16')
      .png()
      .toBuffer();
    expect((await sharp(grey16).metadata()).depth).toBe('ushort');
    const img = await decodeImage(grey16, { trim: false });
    expect(img.channels).toBe(3);
    expect(img.data.length).toBe(20 * 20 * 3);
    expect(pixel(img, 10, 10)[0]).toBeGreaterThan(120);
    expect(pixel(img, 10, 10)[0]).toBeLessThan(136);
  });
});

describe('normalising images before hashing', () => {
  it('applies the EXIF orientation', async () => {
    const raw = Buffer.alloc(40 * 20 * 3);
    for (let y = 0; y < 20; y++) for (let x = 0; x < 40; x++) raw.set(x < 20 ? [255, 0, 0] : [0, 0, 255], (y * 40 + x) * 3);
    const jpeg = await sharp(raw, { raw: { width: 40, height: 20, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const img = await decodeImage(jpeg, { trim: false });
    // Orientation 6 = rotate 90 degrees clockwise to display: the left (red) half ends up on top.
    expect([img.width, img.height]).toEqual([20, 40]);
    expect(pixel(img, 10, 5)[0]).toBeGreaterThan(200);
    expect(pixel(img, 10, 35)[2]).toBeGreaterThan(200);
  });

  it('flattens transparency onto white', async () => {
    const rgba = Buffer.alloc(30 * 30 * 4);
    for (let p = 0; p < 30 * 30; p++) rgba.set(p % 30 < 10 ? [0, 0, 0, 0] : p % 30 < 20 ? [0, 0, 0, 128] : [0, 0, 0, 255], p * 4);
    const png = await sharp(rgba, { raw: { width: 30, height: 30, channels: 4 } }).png().toBuffer();
    const img = await decodeImage(png, { trim: false });
    expect(pixel(img, 5, 5)).toEqual([255, 255, 255]);
    expect(pixel(img, 15, 5)[0]).toBeGreaterThan(110);
    expect(pixel(img, 15, 5)[0]).toBeLessThan(145);
    expect(pixel(img, 25, 5)).toEqual([0, 0, 0]);
  });

  it('leaves a uniform image whole instead of trimming it away', async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#336699' } }).png().toBuffer();
    const img = await decodeImage(png);
    expect([img.width, img.height]).toEqual([200, 100]);
    expect(img.trimmed).toEqual({ left: 0, top: 0, right: 0, bottom: 0 });
  });

  it('does not shrink an image to a speck', async () => {
    const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 4, height: 4, channels: 3, background: '#000000' } }, left: 90, top: 90 }])
      .png()
      .toBuffer();
    expect((await decodeImage(png)).width).toBe(200);
  });

  it('restores the match for a copy with added borders', async () => {
    const bordered = await sharp(bridge)
      .extend({ top: 100, bottom: 100, left: 160, right: 160, background: '#000000' })
      .jpeg({ quality: 90 })
      .toBuffer();
    const original = pdqHash(await decodeImage(bridge)).hash;
    const trimmed = await decodeImage(bordered);
    expect(trimmed.trimmed.left).toBeGreaterThanOrEqual(158);
    expect(trimmed.trimmed.top).toBeGreaterThanOrEqual(98);
    expect(hammingDistance(pdqHash(trimmed).hash, original)).toBeLessThanOrEqual(8);
    const untrimmed = await decodeImage(bordered, { trim: false });
    expect(hammingDistance(pdqHash(untrimmed).hash, original)).toBeGreaterThan(31);
  });

  it('treats a few off-colour pixels in a border line as border', () => {
    const width = 100;
    const height = 60;
    const data = new Uint8Array(width * height * 3);
    for (let y = 10; y < 50; y++) for (let x = 20; x < 80; x++) data.fill(200, (y * width + x) * 3, (y * width + x) * 3 + 3);
    data.fill(255, (2 * width + 3) * 3, (2 * width + 3) * 3 + 3);
    expect(findContentBox({ width, height, channels: 3, data }, 30)).toEqual({ left: 20, top: 10, width: 60, height: 40 });
  });
});
