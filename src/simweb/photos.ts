import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { checkoutPath } from '../shared/module-paths.ts';

// The images of the simulated web. Copies of the demo person's photos are made at start-up the way they
// appear on real sites (resized, recompressed, mirrored, cropped, watermarked), so that photo matching is
// tested on realistic transformations. Everything is kept in memory.

export const PHOTO_DIR = checkoutPath('./assets/photos/', import.meta.url);

export type PhotoSource = 'demo-1' | 'demo-2' | 'unrelated-1' | 'generated';

export interface PhotoAsset {
  /** URL path on the simulated web. */
  path: string;
  bytes: Buffer;
  mime: string;
  source: PhotoSource;
  /** What was done to the source, for people reading test failures. */
  transform: string;
  width: number;
  height: number;
  sha256: string;
}

export interface PhotoCatalogue {
  byPath: Map<string, PhotoAsset>;
  bySha256: Map<string, PhotoAsset>;
  /** Hostile files served as images: not real images, so not in `byPath`. */
  hostile: Map<string, { bytes: Buffer; mime: string }>;
}

interface VariantSpec {
  path: string;
  source: Exclude<PhotoSource, 'generated'>;
  transform: string;
  make: (input: Sharp, meta: { width: number; height: number }) => Sharp;
}

function centredCrop(fraction: number) {
  return (input: Sharp, meta: { width: number; height: number }) => {
    const left = Math.round(meta.width * fraction);
    const top = Math.round(meta.height * fraction);
    return input.extract({ left, top, width: meta.width - 2 * left, height: meta.height - 2 * top });
  };
}

function watermark(width: number, height: number): Buffer {
  const size = Math.max(14, Math.round(width / 18));
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><text x="${width - 12}" y="${height - 14}" font-family="sans-serif" font-size="${size}" font-weight="bold" fill="white" fill-opacity="0.55" stroke="black" stroke-opacity="0.35" text-anchor="end">roodlicht-advertenties.nl</text></svg>`,
  );
}

export const VARIANTS: VariantSpec[] = [
  { path: '/site/ads-nl/media/991-main.jpg', source: 'demo-1', transform: 'resized to 800 px wide, JPEG q78', make: (i) => i.resize({ width: 800 }).jpeg({ quality: 78 }) },
  { path: '/site/ads-nl/media/991-main@2x.jpg', source: 'demo-1', transform: 'resized to 1200 px wide, JPEG q85', make: (i) => i.resize({ width: 1200 }).jpeg({ quality: 85 }) },
  { path: '/site/ads-nl/media/991-mirror.jpg', source: 'demo-1', transform: 'mirrored, 640 px wide, JPEG q70', make: (i) => i.flop().resize({ width: 640 }).jpeg({ quality: 70 }) },
  {
    path: '/site/ads-nl/media/991-wm.jpg',
    source: 'demo-1',
    transform: 'watermark text bottom right, 900 px wide, JPEG q80',
    make: (i) => i.resize({ width: 900 }).jpeg({ quality: 95 }),
  },
  { path: '/site/ads-nl/media/991-crop.webp', source: 'demo-2', transform: 'centred crop 7.5 % per side, WebP q75', make: (i, m) => centredCrop(0.075)(i, m).webp({ quality: 75 }) },
  { path: '/site/ads-nl/media/991-crop.jpg', source: 'demo-2', transform: 'centred crop 7.5 % per side, JPEG q75', make: (i, m) => centredCrop(0.075)(i, m).jpeg({ quality: 75 }) },
  { path: '/site/ads-nl/media/991-og.jpg', source: 'demo-2', transform: 'resized to 512 px wide, JPEG q40 (recompressed)', make: (i) => i.resize({ width: 512 }).jpeg({ quality: 40 }) },
  { path: '/site/tube/thumbs/lola-velvet-leaked.jpg', source: 'demo-1', transform: 'centred crop 15 % per side, 640 px wide, JPEG q72', make: (i, m) => centredCrop(0.15)(i, m).resize({ width: 640 }).jpeg({ quality: 72 }) },
  { path: '/site/lola-official/img/portrait.jpg', source: 'demo-2', transform: 'original bytes', make: (i) => i },
  { path: '/site/lookalike/unrelated-photos/img/pen.png', source: 'unrelated-1', transform: 'original bytes', make: (i) => i },
  { path: '/site/lookalike/unrelated-photos/img/pen-small.jpg', source: 'unrelated-1', transform: 'resized to 400 px, JPEG q80', make: (i) => i.resize({ width: 400 }).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }) },
];

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A PNG that claims 60000×60000 RGBA pixels (14.4 GB decoded). Its IDAT holds only the first rows, so it
 * costs nothing to serve, but a decoder without a pixel limit would try to allocate the whole image.
 */
export function decompressionBombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(60_000, 0);
  ihdr.writeUInt32BE(60_000, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(6, 9);
  const rows = deflateSync(Buffer.alloc((60_000 * 4 + 1) * 4), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', rows), pngChunk('IEND', Buffer.alloc(0))]);
}

async function generatedImages(): Promise<Array<Omit<PhotoAsset, 'sha256'>>> {
  // Two images nothing like the demo photos: a colour gradient and a deterministic noise field.
  const width = 480;
  const height = 320;
  const gradient = Buffer.alloc(width * height * 3);
  const noise = Buffer.alloc(width * height * 3);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      gradient[i] = Math.round((255 * x) / width);
      gradient[i + 1] = Math.round((255 * y) / height);
      gradient[i + 2] = 160;
      for (let c = 0; c < 3; c++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        noise[i + c] = seed >>> 24;
      }
    }
  }
  const raw = { raw: { width, height, channels: 3 as const } };
  return [
    { path: '/site/lookalike/unrelated-photos/img/sunset.png', bytes: await sharp(gradient, raw).png().toBuffer(), mime: 'image/png', source: 'generated', transform: 'generated gradient', width, height },
    { path: '/site/lookalike/unrelated-photos/img/texture.jpg', bytes: await sharp(noise, raw).jpeg({ quality: 85 }).toBuffer(), mime: 'image/jpeg', source: 'generated', transform: 'generated noise', width, height },
  ];
}

const MIME: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export async function buildPhotoCatalogue(dir = PHOTO_DIR): Promise<PhotoCatalogue> {
  const originals = {
    'demo-1': await readFile(`${dir}demo-1.jpg`),
    'demo-2': await readFile(`${dir}demo-2.jpg`),
    'unrelated-1': await readFile(`${dir}unrelated-1.png`),
  };
  const made = await Promise.all(
    VARIANTS.map(async (spec): Promise<Omit<PhotoAsset, 'sha256'>> => {
      const input = originals[spec.source];
      if (spec.transform === 'original bytes') {
        const meta = await sharp(input).metadata();
        return { path: spec.path, bytes: input, mime: MIME[meta.format ?? ''] ?? 'application/octet-stream', source: spec.source, transform: spec.transform, width: meta.width ?? 0, height: meta.height ?? 0 };
      }
      const meta = await sharp(input).metadata();
      let pipeline = spec.make(sharp(input), { width: meta.width ?? 0, height: meta.height ?? 0 });
      if (spec.path.endsWith('-wm.jpg')) {
        const resized = await pipeline.toBuffer({ resolveWithObject: true });
        pipeline = sharp(resized.data).composite([{ input: watermark(resized.info.width, resized.info.height) }]).jpeg({ quality: 80 });
      }
      const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
      return { path: spec.path, bytes: data, mime: MIME[info.format] ?? 'application/octet-stream', source: spec.source, transform: spec.transform, width: info.width, height: info.height };
    }),
  );
  const assets = [...made, ...(await generatedImages())].map((a) => ({ ...a, sha256: createHash('sha256').update(a.bytes).digest('hex') }));
  const byPath = new Map(assets.map((a) => [a.path, a]));
  const bySha256 = new Map(assets.map((a) => [a.sha256, a]));
  // The untouched originals are what a person uploads; they must be recognised too.
  for (const [source, bytes] of Object.entries(originals) as Array<[Exclude<PhotoSource, 'generated'>, Buffer]>) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!bySha256.has(sha256)) bySha256.set(sha256, { path: `/__originals/${source}`, bytes, mime: source === 'unrelated-1' ? 'image/png' : 'image/jpeg', source, transform: 'original', width: 0, height: 0, sha256 });
  }
  const hostile = new Map([
    ['/site/hostile/media/not-an-image.jpg', { bytes: Buffer.from('<!DOCTYPE html><html><body><h1>This is not a JPEG</h1><script>alert(1)</script></body></html>'), mime: 'image/jpeg' }],
    ['/site/hostile/media/bomb.png', { bytes: decompressionBombPng(), mime: 'image/png' }],
  ]);
  return { byPath, bySha256, hostile };
}
