/** Shared access to the vendored PDQ vectors (test/fixtures/pdq, Meta ThreatExchange, BSD). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import type { PixelImage } from '../../../src/modules/photos/pdq.models.ts';

export const PDQ_FIXTURES = fileURLToPath(new URL('../../fixtures/pdq/', import.meta.url));

export interface ExpectedRow {
  file: string;
  hash: string;
  quality: number | null;
  producer: string;
  inFixtures: boolean;
}

export function expectedRows(): ExpectedRow[] {
  const lines = readFileSync(PDQ_FIXTURES + 'expected-hashes.csv', 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [file, hash, quality, producer, inFixtures] = line.split(',');
    return { file: file!, hash: hash!, quality: quality ? Number(quality) : null, producer: producer!, inFixtures: inFixtures === 'yes' };
  });
}

export function readFixture(file: string): Buffer {
  return readFileSync(PDQ_FIXTURES + file);
}

/**
 * Plain sharp decode to RGB, dropping any alpha channel as the reference tools do (PIL's convert('RGB')):
 * the conformance tests check the PDQ algorithm on the same pixels the reference hashed.
 */
export async function decodeForReference(input: Buffer | string, transform?: (s: Sharp) => Sharp): Promise<PixelImage> {
  let img = sharp(typeof input === 'string' ? PDQ_FIXTURES + input : input).removeAlpha().toColourspace('srgb');
  if (transform) img = transform(img);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 && info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
  return { width: info.width, height: info.height, channels: info.channels, data };
}
