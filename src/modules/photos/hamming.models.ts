/**
 * 256-bit hashes as 8 packed 32-bit words. Hex strings and BigInt are ~70x slower in hot loops, so everything
 * that compares many hashes works on Uint32Arrays with a SWAR popcount.
 *
 * Packing: word w holds hex characters 8w..8w+7 (the first hex character is the most significant nibble of
 * word 0). For PDQ hex (16-bit word 15 printed first) word 0 therefore holds PDQ words 15 and 14.
 */
import { createErrorFactory } from '../../shared/errors.ts';

export const HASH_BITS = 256;
export const HASH_WORDS = 8;
const HEX_RE = /^[0-9a-fA-F]{64}$/;

export const createInvalidHashError = createErrorFactory({
  code: 'photos.invalid_hash',
  message: 'A perceptual hash must be 64 hexadecimal characters.',
  statusCode: 400,
});

export function isHash256Hex(value: unknown): value is string {
  return typeof value === 'string' && HEX_RE.test(value);
}

/** Writes the hash into `out` at word offset `offset` (so many hashes can share one big array). */
export function hexToWords(hex: string, out: Uint32Array = new Uint32Array(HASH_WORDS), offset = 0): Uint32Array {
  if (!isHash256Hex(hex)) throw createInvalidHashError();
  for (let w = 0; w < HASH_WORDS; w++) out[offset + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16) >>> 0;
  return out;
}

export function wordsToHex(words: Uint32Array, offset = 0): string {
  let hex = '';
  for (let w = 0; w < HASH_WORDS; w++) hex += (words[offset + w]! >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/** Population count of a 32-bit integer (SWAR: pairs, nibbles, then a multiply to sum the bytes). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between hash `i` of `a` (word offset ai) and hash of `b` at word offset bi. */
export function distanceWords(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  return (
    popcount32(a[ai]! ^ b[bi]!) +
    popcount32(a[ai + 1]! ^ b[bi + 1]!) +
    popcount32(a[ai + 2]! ^ b[bi + 2]!) +
    popcount32(a[ai + 3]! ^ b[bi + 3]!) +
    popcount32(a[ai + 4]! ^ b[bi + 4]!) +
    popcount32(a[ai + 5]! ^ b[bi + 5]!) +
    popcount32(a[ai + 6]! ^ b[bi + 6]!) +
    popcount32(a[ai + 7]! ^ b[bi + 7]!)
  );
}

/**
 * Distance if it is <= maxDistance, otherwise any value > maxDistance. Stops after the first half when that half
 * alone already exceeds the limit, which is the common case for unrelated hashes (about 64 bits per half).
 */
export function distanceWithin(a: Uint32Array, ai: number, b: Uint32Array, bi: number, maxDistance: number): number {
  const firstHalf =
    popcount32(a[ai]! ^ b[bi]!) +
    popcount32(a[ai + 1]! ^ b[bi + 1]!) +
    popcount32(a[ai + 2]! ^ b[bi + 2]!) +
    popcount32(a[ai + 3]! ^ b[bi + 3]!);
  if (firstHalf > maxDistance) return firstHalf;
  return (
    firstHalf +
    popcount32(a[ai + 4]! ^ b[bi + 4]!) +
    popcount32(a[ai + 5]! ^ b[bi + 5]!) +
    popcount32(a[ai + 6]! ^ b[bi + 6]!) +
    popcount32(a[ai + 7]! ^ b[bi + 7]!)
  );
}

export function hammingDistance(a: string | Uint32Array, b: string | Uint32Array): number {
  const wa = typeof a === 'string' ? hexToWords(a) : a;
  const wb = typeof b === 'string' ? hexToWords(b) : b;
  return distanceWords(wa, 0, wb, 0);
}

/** 16-bit chunk c (0..15) of the hash at word offset `offset`; chunk 0 is the top half of word 0. */
export function chunk16(words: Uint32Array, offset: number, c: number): number {
  const w = words[offset + (c >>> 1)]!;
  return c & 1 ? w & 0xffff : w >>> 16;
}

/** Hamming distance between two hex strings of equal length (e.g. 16-hex blockhash values). */
export function hexDistance(a: string, b: string): number {
  if (a.length !== b.length || !/^[0-9a-fA-F]*$/.test(a) || !/^[0-9a-fA-F]*$/.test(b)) {
    throw createInvalidHashError({ message: 'Hashes must be hexadecimal strings of equal length.' });
  }
  let d = 0;
  for (let i = 0; i < a.length; i += 8) {
    const x = Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16);
    d += popcount32(x);
  }
  return d;
}
