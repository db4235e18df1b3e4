import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import { photos, reverseImageConsents } from '../../db/schema/index.ts';
import type { PhotoFileHashes } from './photo-hash.ts';
import { gated } from '../../db/transaction.ts';

export type PhotoRow = typeof photos.$inferSelect;

export interface StoredPhotoHash {
  photoId: string;
  label: string;
  variant: string;
  pdq: string;
}

export function createPhotosRepository({ db, clock }: { db: Db; clock: Clock }) {
  return gated(db, {
    /**
     * Stores a photo's hashes (never its pixels, unless `originalRef` points at the encrypted original the
     * person chose to keep). The same file added twice returns the existing photo.
     */
    add(args: { personId: string; label: string; hashes: PhotoFileHashes; originalRef: string | null; exifFindings: Record<string, unknown> | null }): { photo: PhotoRow; created: boolean } {
      return db.transaction(() => {
        const existing = db.select().from(photos).where(and(eq(photos.personId, args.personId), eq(photos.sha256, args.hashes.sha256))).get();
        if (existing) return { photo: existing, created: false };
        const id = createId('photo');
        const h = args.hashes;
        db.insert(photos).values({
          id, personId: args.personId, label: args.label, sha256: h.sha256, pdq: h.pdq, quality: h.quality, blockhash: h.blockhash,
          width: h.width, height: h.height, originalRef: args.originalRef, exifFindings: args.exifFindings, createdAt: clock.now(),
        }).run();
        const insert = db.$client.prepare('insert into photo_hashes (photo_id, variant, pdq, quality) values (?, ?, ?, ?)');
        for (const [variant, pdq] of Object.entries(h.dihedral)) insert.run(id, variant, pdq, h.quality);
        for (const r of h.regions ?? []) insert.run(id, `region:${r.region.left},${r.region.top},${r.region.right},${r.region.bottom}`, r.hash, r.quality);
        return { photo: db.select().from(photos).where(eq(photos.id, id)).get()!, created: true };
      });
    },
    get(id: string): PhotoRow | null {
      return db.select().from(photos).where(eq(photos.id, id)).get() ?? null;
    },
    list(personId: string): PhotoRow[] {
      return db.select().from(photos).where(eq(photos.personId, personId)).orderBy(asc(photos.createdAt)).all();
    },
    remove(id: string): void {
      db.delete(photos).where(eq(photos.id, id)).run();
    },
    /** Every hash compared with page images: the photo itself, its mirror/rotations and its crop regions. */
    hashesFor(personId: string): StoredPhotoHash[] {
      return db.$client
        .prepare(`select h.photo_id as photoId, p.label as label, h.variant as variant, h.pdq as pdq
          from photo_hashes h join photos p on p.id = h.photo_id where p.person_id = ? and h.quality >= 50`)
        .all(personId) as StoredPhotoHash[];
    },
    /** Changes whenever the person's photo set changes: the in-memory index compares it on every page visit. */
    photoSetSignature(personId: string): string {
      const row = db.$client.prepare('select count(*) as n, coalesce(group_concat(id), \'\') as ids from (select id from photos where person_id = ? order by id)').get(personId) as { n: number; ids: string };
      return `${row.n}:${row.ids}`;
    },
    setConsent(args: { photoId: string; engine: string; granted: boolean; by: string | null }): void {
      const now = clock.now();
      if (args.granted) {
        db.insert(reverseImageConsents).values({ id: createId('consent'), photoId: args.photoId, engine: args.engine, grantedAt: now, grantedBy: args.by })
          .onConflictDoUpdate({ target: [reverseImageConsents.photoId, reverseImageConsents.engine], set: { grantedAt: now, grantedBy: args.by, revokedAt: null } }).run();
      } else {
        db.update(reverseImageConsents).set({ revokedAt: now }).where(and(eq(reverseImageConsents.photoId, args.photoId), eq(reverseImageConsents.engine, args.engine))).run();
      }
    },
    consents(photoId: string) {
      return db.select().from(reverseImageConsents).where(eq(reverseImageConsents.photoId, photoId)).all();
    },
    /** Photos the person allowed to be uploaded to this engine, and which we still have the original of. */
    consentedFor(personId: string, engine: string): PhotoRow[] {
      return db.select({ photo: photos }).from(photos)
        .innerJoin(reverseImageConsents, eq(reverseImageConsents.photoId, photos.id))
        .where(and(eq(photos.personId, personId), eq(reverseImageConsents.engine, engine), isNull(reverseImageConsents.revokedAt)))
        .all().map((r) => r.photo).filter((p) => p.originalRef !== null);
    },
  });
}

export type PhotosRepository = ReturnType<typeof createPhotosRepository>;
