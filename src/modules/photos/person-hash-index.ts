/**
 * The person hashes of one organisation, kept in memory between page visits: one HashIndex per person (photos,
 * their dihedral variants and crop regions), built when first needed and rebuilt only when that person's photos
 * change. Loading thousands of region hashes from the database and building tables for every page visit costs
 * more than comparing the page's images with them.
 *
 * A change is noticed two ways: `invalidate` from this process (a photo added or removed), and a cheap signature
 * of the person's photo set read on every lookup, so a photo added through the web process is seen by a separate
 * worker process at its next page visit.
 */
import { HashIndex } from './hash-index.models.ts';
import { PDQ_MATCH_THRESHOLD } from './pdq.models.ts';
import type { StoredPhotoHash } from './photos.repository.ts';

export interface PersonHashes {
  index: HashIndex<number>;
  stored: StoredPhotoHash[];
}

export interface PersonHashIndexDeps {
  load: (personId: string) => Promise<StoredPhotoHash[]>;
  /** Changes whenever the person's photo set changes (ids of their photos, say); cheap to read. */
  signature: (personId: string) => Promise<string>;
  /** Most people kept at once; the least recently used are dropped first (default 10 000). */
  maxPeople?: number;
}

export interface PersonHashIndex {
  get(personId: string): Promise<PersonHashes>;
  invalidate(personId: string): void;
  readonly size: number;
}

export function buildPersonHashes(stored: StoredPhotoHash[]): PersonHashes {
  const index = new HashIndex<number>();
  stored.forEach((h, i) => index.add(i, h.pdq));
  // Multi-index tables (16 x 64 Ki buckets) pay off only for large sets; a small one is scanned linearly and
  // building them anyway would cost 4 MiB per person.
  if (index.strategyFor(PDQ_MATCH_THRESHOLD) === 'mih') index.build();
  return { index, stored };
}

export function createPersonHashIndex(deps: PersonHashIndexDeps): PersonHashIndex {
  const maxPeople = deps.maxPeople ?? 10_000;
  // A Map keeps insertion order: re-inserting on use makes its first key the least recently used.
  const cache = new Map<string, { signature: string; hashes: PersonHashes }>();
  return {
    async get(personId) {
      const signature = await deps.signature(personId);
      const cached = cache.get(personId);
      if (cached && cached.signature === signature) {
        cache.delete(personId);
        cache.set(personId, cached);
        return cached.hashes;
      }
      const hashes = buildPersonHashes(await deps.load(personId));
      cache.delete(personId);
      cache.set(personId, { signature, hashes });
      while (cache.size > maxPeople) cache.delete(cache.keys().next().value!);
      return hashes;
    },
    invalidate(personId) {
      cache.delete(personId);
    },
    get size() {
      return cache.size;
    },
  };
}
