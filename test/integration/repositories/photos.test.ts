import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPhotosRepository, type PhotosRepository } from '../../../src/modules/photos/photos.repository.ts';
import { DIHEDRAL_NAMES, type DihedralHashes } from '../../../src/modules/photos/pdq.models.ts';
import type { PhotoFileHashes } from '../../../src/modules/photos/photo-hash.ts';
import { openRepositoryWorld, type RepositoryWorld } from './repository-world.ts';

let world: RepositoryWorld;
let photos: PhotosRepository;
beforeEach(async () => {
  world = await openRepositoryWorld();
  photos = createPhotosRepository({ db: world.db, clock: world.clock });
});
afterEach(async () => await world.dispose());

/** Hashes of a made-up file: `n` tells files apart; the variants get their own recognisable hashes. */
function hashesOf(n: number, quality = 90): PhotoFileHashes {
  const dihedral = Object.fromEntries(DIHEDRAL_NAMES.map((name, i) => [name, `${n}${i}`.padEnd(64, '0')])) as DihedralHashes;
  return {
    sha256: `${n}`.padEnd(64, 'a'), pdq: dihedral[DIHEDRAL_NAMES[0]], quality, blockhash: 'f'.repeat(16), width: 640, height: 480, dihedral,
    regions: [{ region: { left: 0, top: 0, right: 0.5, bottom: 0.5 }, hash: `${n}r`.padEnd(64, '0'), quality: 40 }],
  };
}

const add = (personId: string, n: number, args: { label?: string; originalRef?: string | null; quality?: number } = {}) =>
  photos.add({ personId, label: args.label ?? `photo ${n}`, hashes: hashesOf(n, args.quality), originalRef: args.originalRef ?? null, exifFindings: null });

describe('photos repository', () => {
  it('stores a file once: adding the same file again hands back the first photo', async () => {
    const person = await world.addPerson();
    const first = await add(person, 1, { label: 'profile picture' });
    const again = await add(person, 1, { label: 'another name' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ photo: first.photo, created: false });
    expect(first.photo).toMatchObject({ personId: person, label: 'profile picture', width: 640, originalRef: null });
    expect(await photos.list(person)).toEqual([first.photo]);
    expect(await photos.get(first.photo.id)).toEqual(first.photo);
  });

  it('compares every variant of usable quality: the photo, its mirrors and rotations, not a low-quality crop', async () => {
    const person = await world.addPerson();
    const { photo } = await add(person, 1, { label: 'beach' });
    await add(person, 2, { quality: 30 });
    const hashes = await photos.hashesFor(person);
    expect(hashes.map((h) => h.variant).toSorted()).toEqual([...DIHEDRAL_NAMES].toSorted());
    expect(hashes.every((h) => h.photoId === photo.id && h.label === 'beach')).toBe(true);
    expect(hashes.find((h) => h.variant === DIHEDRAL_NAMES[0])?.pdq).toBe(photo.pdq);
  });

  it('changes the photo-set signature when a photo comes or goes, and only for that person', async () => {
    const person = await world.addPerson('A');
    const other = await world.addPerson('B');
    expect(await photos.photoSetSignature(person)).toBe('0:');
    const { photo: one } = await add(person, 1);
    const { photo: two } = await add(person, 2);
    await add(other, 3);
    expect(await photos.photoSetSignature(person)).toBe(`2:${[one.id, two.id].toSorted().join(',')}`);
    await photos.remove(one.id);
    expect(await photos.photoSetSignature(person)).toBe(`1:${two.id}`);
    expect(await photos.hashesFor(person)).toHaveLength(DIHEDRAL_NAMES.length);
  });

  it('offers a photo to an engine only while consent stands and the original is kept', async () => {
    const person = await world.addPerson();
    const { photo: kept } = await add(person, 1, { originalRef: 'vault/original-1' });
    const { photo: hashedOnly } = await add(person, 2);
    await photos.setConsent({ photoId: kept.id, engine: 'lens', granted: true, by: 'person' });
    await photos.setConsent({ photoId: hashedOnly.id, engine: 'lens', granted: true, by: 'person' });
    expect((await photos.consentedFor(person, 'lens')).map((p) => p.id)).toEqual([kept.id]);
    expect(await photos.consentedFor(person, 'other')).toEqual([]);
    await photos.setConsent({ photoId: kept.id, engine: 'lens', granted: false, by: 'person' });
    expect(await photos.consentedFor(person, 'lens')).toEqual([]);
    world.clock.advance(1000);
    // Granting again revives the one consent row rather than adding a second.
    await photos.setConsent({ photoId: kept.id, engine: 'lens', granted: true, by: 'caseworker' });
    const consents = await photos.consents(kept.id);
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ engine: 'lens', grantedBy: 'caseworker', revokedAt: null, grantedAt: world.clock.now() });
    expect((await photos.consentedFor(person, 'lens')).map((p) => p.id)).toEqual([kept.id]);
  });
});
