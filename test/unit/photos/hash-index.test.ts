import { describe, expect, it } from 'vitest';
import {
  chunk16,
  distanceWithin,
  hammingDistance,
  hexDistance,
  hexToWords,
  popcount32,
  wordsToHex,
} from '../../../src/modules/photos/hamming.models.ts';
import { HashIndex } from '../../../src/modules/photos/hash-index.models.ts';

/** Seeded xorshift32, so failures are reproducible. */
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

function randomHash(next: () => number): Uint32Array {
  return Uint32Array.from({ length: 8 }, () => next());
}

function flipBits(hash: Uint32Array, count: number, next: () => number): Uint32Array {
  const out = hash.slice();
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(next() % 256);
  for (const bit of chosen) out[bit >>> 5]! ^= 1 << (bit & 31);
  return out;
}

const naiveDistance = (a: string, b: string) =>
  [...a].reduce((d, ch, i) => d + [...(parseInt(ch, 16) ^ parseInt(b[i]!, 16)).toString(2)].filter((c) => c === '1').length, 0);

describe('hamming', () => {
  it('round-trips hex through packed words, keeping the printed order', () => {
    const hex = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
    const words = hexToWords(hex);
    expect(words[0]).toBe(0xf8f8f0ce);
    expect(words[7]).toBe(0x4e9c9b22);
    expect(wordsToHex(words)).toBe(hex);
    expect(chunk16(words, 0, 0)).toBe(0xf8f8);
    expect(chunk16(words, 0, 15)).toBe(0x9b22);
  });

  it('counts bits like a naive count', () => {
    const next = prng(7);
    for (let i = 0; i < 200; i++) {
      const x = next();
      expect(popcount32(x)).toBe([...x.toString(2)].filter((c) => c === '1').length);
    }
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0)).toBe(0);
  });

  it('measures the distance between hex hashes like a naive count', () => {
    const next = prng(9);
    for (let i = 0; i < 50; i++) {
      const a = wordsToHex(randomHash(next));
      const b = wordsToHex(randomHash(next));
      expect(hammingDistance(a, b)).toBe(naiveDistance(a, b));
    }
    expect(hexDistance('43d3e32383f1fa28', '43d3e32383f1fa29')).toBe(1);
  });

  it('reports any value above the limit when stopping early', () => {
    const next = prng(11);
    const a = randomHash(next);
    const b = flipBits(a, 100, next);
    expect(distanceWithin(a, 0, b, 0, 31)).toBeGreaterThan(31);
    expect(distanceWithin(a, 0, flipBits(a, 20, next), 0, 31)).toBe(20);
  });

  it('rejects malformed hashes with a coded error', () => {
    expect(() => hexToWords('xyz')).toThrow(expect.objectContaining({ code: 'photos.invalid_hash' }));
    expect(() => hexDistance('ab', 'abc')).toThrow(expect.objectContaining({ code: 'photos.invalid_hash' }));
  });
});

describe('hash index', () => {
  function buildSet(seed: number, size: number, clustered: boolean) {
    const next = prng(seed);
    const index = new HashIndex<number>({ mihMinSize: 1 });
    const centres = Array.from({ length: 20 }, () => randomHash(next));
    const stored: Uint32Array[] = [];
    for (let i = 0; i < size; i++) {
      // Clustered sets mimic real photo hashes (many near-duplicates), the hard case for bucket sizes.
      const h = clustered ? flipBits(centres[i % centres.length]!, next() % 40, next) : randomHash(next);
      index.add(i, h);
      stored.push(h);
    }
    return { index, next, stored };
  }

  it.each([
    [0, false],
    [15, false],
    [16, true],
    [31, false],
    [31, true],
    [47, true],
    [63, true],
  ])('finds exactly what a linear scan finds at distance %i (clustered: %s)', (distance, clustered) => {
    const { index, next, stored } = buildSet(1000 + distance, 3000, clustered);
    let total = 0;
    for (let q = 0; q < 60; q++) {
      const query = q % 2 === 0 ? flipBits(stored[next() % stored.length]!, next() % (distance + 8), next) : randomHash(next);
      const viaMih = index.query(query, distance, 'mih');
      const viaScan = index.query(query, distance, 'linear');
      expect(viaMih).toEqual(viaScan);
      total += viaScan.length;
    }
    expect(total).toBeGreaterThan(0);
  });

  it('returns ids with distances, nearest first', () => {
    const index = new HashIndex<string>();
    const base = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
    const words = hexToWords(base);
    const near = words.slice();
    near[0]! ^= 0b111;
    index.add('far', wordsToHex(words.map((w) => ~w >>> 0)));
    index.add('near', near);
    index.add('same', base);
    expect(index.query(base, 31)).toEqual([
      { id: 'same', distance: 0 },
      { id: 'near', distance: 3 },
    ]);
  });

  it('scans small sets linearly and switches to multi-index hashing for large ones', () => {
    const next = prng(3);
    const index = new HashIndex<number>({ mihMinSize: 100 });
    for (let i = 0; i < 99; i++) index.add(i, randomHash(next));
    expect(index.strategyFor(31)).toBe('linear');
    index.add(99, randomHash(next));
    expect(index.strategyFor(31)).toBe('mih');
    // Beyond a chunk radius of 3 the probes cost more than the scan.
    expect(index.strategyFor(64)).toBe('linear');
  });

  it('sees hashes added after a query (tables are rebuilt)', () => {
    const next = prng(5);
    const index = new HashIndex<number>({ mihMinSize: 1 });
    for (let i = 0; i < 50; i++) index.add(i, randomHash(next));
    const h = randomHash(next);
    expect(index.query(h, 31)).toEqual([]);
    index.add(50, h);
    expect(index.query(h, 31)).toEqual([{ id: 50, distance: 0 }]);
  });

  it('rejects an impossible distance', () => {
    const index = new HashIndex<number>();
    expect(() => index.query('0'.repeat(64), 257)).toThrow(expect.objectContaining({ code: 'photos.invalid_distance' }));
    expect(() => index.query('0'.repeat(64), -1)).toThrow(expect.objectContaining({ code: 'photos.invalid_distance' }));
  });
});
