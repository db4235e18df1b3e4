/**
 * In-memory index of 256-bit hashes for "which stored hashes are within d bits of this one?".
 *
 * Small sets: linear SWAR scan (~13 ns per comparison). Large sets: multi-index hashing (Norouzi et al.): the
 * 256 bits are cut into 16 chunks of 16 bits; if two hashes differ in at most d bits, at least one chunk differs
 * in at most floor(d / 16) bits (pigeonhole), so probing every chunk's table with all values within that radius
 * finds every true match, and each candidate is then verified on the full 256 bits. Results are exact.
 */
import { createErrorFactory } from '../../shared/errors.ts';
import { HASH_BITS, HASH_WORDS, chunk16, createInvalidHashError, distanceWithin, hexToWords } from './hamming.models.ts';

export type IndexStrategy = 'linear' | 'mih';

export interface HashIndexOptions {
  /** Below this many hashes the linear scan is used (building tables would not pay off). */
  mihMinSize?: number;
  /** MIH is used only while probes stay cheap: chunk radius floor(d/16) up to this value. */
  mihMaxChunkRadius?: number;
}

export interface IndexMatch<Id> {
  id: Id;
  distance: number;
}

const CHUNKS = 16;
const BUCKETS = 1 << 16;

const createInvalidDistanceError = createErrorFactory({
  code: 'photos.invalid_distance',
  message: 'The maximum distance must be an integer between 0 and 256.',
  statusCode: 400,
});

/** All 16-bit values within Hamming radius r of 0, grouped by radius (XOR with a chunk value to probe). */
function masksUpTo(radius: number): Uint16Array {
  const masks: number[] = [];
  for (let v = 0; v < BUCKETS; v++) {
    let bits = 0;
    for (let x = v; x; x &= x - 1) bits++;
    if (bits <= radius) masks.push(v);
  }
  return Uint16Array.from(masks);
}

interface MihTables {
  /** Per chunk, CSR: entries of bucket b are ids[chunk][offsets[chunk][b] .. offsets[chunk][b+1]). */
  offsets: Uint32Array[];
  entries: Uint32Array[];
  size: number;
}

export class HashIndex<Id> {
  private words = new Uint32Array(HASH_WORDS * 64);
  private readonly ids: Id[] = [];
  private tables: MihTables | null = null;
  private seen = new Uint32Array(0);
  private stamp = 0;
  private readonly masks = new Map<number, Uint16Array>();
  private readonly mihMinSize: number;
  private readonly mihMaxChunkRadius: number;

  constructor(options: HashIndexOptions = {}) {
    this.mihMinSize = options.mihMinSize ?? 4096;
    this.mihMaxChunkRadius = options.mihMaxChunkRadius ?? 3;
  }

  get size(): number {
    return this.ids.length;
  }

  add(id: Id, hash: string | Uint32Array): void {
    const n = this.ids.length;
    if ((n + 1) * HASH_WORDS > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    if (typeof hash === 'string') hexToWords(hash, this.words, n * HASH_WORDS);
    else {
      if (hash.length !== HASH_WORDS) throw createInvalidHashError({ message: 'A packed hash must be 8 words.' });
      this.words.set(hash, n * HASH_WORDS);
    }
    this.ids.push(id);
    this.tables = null;
  }

  strategyFor(maxDistance: number): IndexStrategy {
    const radius = Math.floor(maxDistance / CHUNKS);
    return this.size >= this.mihMinSize && radius <= this.mihMaxChunkRadius ? 'mih' : 'linear';
  }

  /** Matches sorted by distance (then by insertion order). `strategy` forces one path, for tests and benches. */
  query(hash: string | Uint32Array, maxDistance: number, strategy?: IndexStrategy): IndexMatch<Id>[] {
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > HASH_BITS) throw createInvalidDistanceError();
    const q = typeof hash === 'string' ? hexToWords(hash) : hash;
    const found = (strategy ?? this.strategyFor(maxDistance)) === 'mih' ? this.mih(q, maxDistance) : this.linear(q, maxDistance);
    found.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    return found.map(([i, distance]) => ({ id: this.ids[i]!, distance }));
  }

  /** Builds the MIH tables now (otherwise the first MIH query after an add does it). */
  build(): void {
    if (this.tables && this.tables.size === this.size) return;
    const n = this.size;
    const offsets: Uint32Array[] = [];
    const entries: Uint32Array[] = [];
    for (let c = 0; c < CHUNKS; c++) {
      const off = new Uint32Array(BUCKETS + 1);
      for (let i = 0; i < n; i++) off[chunk16(this.words, i * HASH_WORDS, c) + 1]!++;
      for (let b = 0; b < BUCKETS; b++) off[b + 1]! += off[b]!;
      const fill = off.slice(0, BUCKETS);
      const ent = new Uint32Array(n);
      for (let i = 0; i < n; i++) ent[fill[chunk16(this.words, i * HASH_WORDS, c)]!++] = i;
      offsets.push(off);
      entries.push(ent);
    }
    this.tables = { offsets, entries, size: n };
    this.seen = new Uint32Array(n);
    this.stamp = 0;
  }

  private linear(q: Uint32Array, maxDistance: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const words = this.words;
    for (let i = 0, n = this.size; i < n; i++) {
      const d = distanceWithin(words, i * HASH_WORDS, q, 0, maxDistance);
      if (d <= maxDistance) out.push([i, d]);
    }
    return out;
  }

  private masksFor(radius: number): Uint16Array {
    let m = this.masks.get(radius);
    if (!m) {
      m = masksUpTo(radius);
      this.masks.set(radius, m);
    }
    return m;
  }

  private mih(q: Uint32Array, maxDistance: number): Array<[number, number]> {
    this.build();
    const { offsets, entries } = this.tables!;
    const masks = this.masksFor(Math.floor(maxDistance / CHUNKS));
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const seen = this.seen;
    const words = this.words;
    const out: Array<[number, number]> = [];
    for (let c = 0; c < CHUNKS; c++) {
      const off = offsets[c]!;
      const ent = entries[c]!;
      const value = chunk16(q, 0, c);
      for (let m = 0; m < masks.length; m++) {
        const bucket = value ^ masks[m]!;
        for (let p = off[bucket]!, end = off[bucket + 1]!; p < end; p++) {
          const i = ent[p]!;
          if (seen[i] === stamp) continue;
          seen[i] = stamp;
          const d = distanceWithin(words, i * HASH_WORDS, q, 0, maxDistance);
          if (d <= maxDistance) out.push([i, d]);
        }
      }
    }
    return out;
  }
}
