import { describe, expect, it } from 'vitest';
import { createPersonHashIndex } from '../../../src/modules/photos/person-hash-index.ts';
import type { StoredPhotoHash } from '../../../src/modules/photos/photos.repository.ts';

const hash = (c: string) => c.repeat(64);

describe('person hash index', () => {
  it('keeps a person\'s hashes between page visits and rebuilds them only when the photo set changes', async () => {
    const photos = new Map<string, StoredPhotoHash[]>([['p1', [{ photoId: 'a', label: 'a.jpg', variant: 'original', pdq: hash('0') }]]]);
    let loads = 0;
    const index = createPersonHashIndex({
      load: async (id) => (loads++, photos.get(id) ?? []),
      signature: async (id) => (photos.get(id) ?? []).map((h) => h.photoId).join(','),
    });
    expect((await index.get('p1')).index.query(hash('0'), 0)).toHaveLength(1);
    await index.get('p1');
    expect(loads).toBe(1);
    photos.set('p1', [...photos.get('p1')!, { photoId: 'b', label: 'b.jpg', variant: 'original', pdq: hash('f') }]);
    expect((await index.get('p1')).index.query(hash('f'), 0)[0]).toMatchObject({ distance: 0 });
    expect(loads).toBe(2);
    index.invalidate('p1');
    await index.get('p1');
    expect(loads).toBe(3);
  });

  it('drops the least recently used people beyond its bound', async () => {
    const index = createPersonHashIndex({ load: async () => [], signature: async () => '', maxPeople: 2 });
    await index.get('a');
    await index.get('b');
    await index.get('a');
    await index.get('c');
    expect(index.size).toBe(2);
  });
});
