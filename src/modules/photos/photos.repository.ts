import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import type { photos } from '../../db/schema/index.ts';
import { forDialect } from '../../db/dialect.ts';
import { sqlRow, sqlRows } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import type { PhotoFileHashes } from './photo-hash.ts';
import { gated, transaction } from '../../db/transaction.ts';

export type PhotoRow = typeof photos.$inferSelect;

export interface StoredPhotoHash {
  photoId: string;
  label: string;
  variant: string;
  pdq: string;
}

export function createPhotosRepository({ db, clock }: { db: Db; clock: Clock }) {
  const { photos, photoHashes, reverseImageConsents } = tablesOf(db);
  return gated(db, {
    /**
     * Stores a photo's hashes (never its pixels, unless `originalRef` points at the encrypted original the
     * person chose to keep). The same file added twice returns the existing photo.
     */
    async add(args: { personId: string; label: string; hashes: PhotoFileHashes; originalRef: string | null; exifFindings: Record<string, unknown> | null }): Promise<{ photo: PhotoRow; created: boolean }> {
      return transaction(db, async () => {
        const [existing] = await db.select().from(photos).where(and(eq(photos.personId, args.personId), eq(photos.sha256, args.hashes.sha256))).limit(1);
        if (existing) return { photo: existing, created: false };
        const id = createId('photo');
        const h = args.hashes;
        await db.insert(photos).values({
          id, personId: args.personId, label: args.label, sha256: h.sha256, pdq: h.pdq, quality: h.quality, blockhash: h.blockhash,
          width: h.width, height: h.height, originalRef: args.originalRef, exifFindings: args.exifFindings, createdAt: clock.now(),
        });
        const variants = [
          ...Object.entries(h.dihedral).map(([variant, pdq]) => ({ photoId: id, variant, pdq, quality: h.quality })),
          ...(h.regions ?? []).map((r) => ({ photoId: id, variant: `region:${r.region.left},${r.region.top},${r.region.right},${r.region.bottom}`, pdq: r.hash, quality: r.quality })),
        ];
        for (const row of variants) await db.insert(photoHashes).values(row);
        const [stored] = await db.select().from(photos).where(eq(photos.id, id)).limit(1);
        return { photo: stored!, created: true };
      });
    },
    async get(id: string): Promise<PhotoRow | null> {
      return (await db.select().from(photos).where(eq(photos.id, id)).limit(1))[0] ?? null;
    },
    async list(personId: string): Promise<PhotoRow[]> {
      return db.select().from(photos).where(eq(photos.personId, personId)).orderBy(asc(photos.createdAt));
    },
    async remove(id: string): Promise<void> {
      await db.delete(photos).where(eq(photos.id, id));
    },
    /** Every hash compared with page images: the photo itself, its mirror/rotations and its crop regions. */
    async hashesFor(personId: string): Promise<StoredPhotoHash[]> {
      return sqlRows<StoredPhotoHash>(db, sql`select h.photo_id as "photoId", p.label as label, h.variant as variant, h.pdq as pdq
        from photo_hashes h join photos p on p.id = h.photo_id where p.person_id = ${personId} and h.quality >= 50 order by h.id`);
    },
    /** Changes whenever the person's photo set changes: the in-memory index compares it on every page visit. */
    async photoSetSignature(personId: string): Promise<string> {
      // The ids joined in id order: SQLite's group_concat keeps the subquery's order, PostgreSQL's string_agg is told it.
      const row = await sqlRow<{ n: number; ids: string }>(db, forDialect(db, {
        sqlite: sql`select count(*) as n, coalesce(group_concat(id), '') as ids from (select id from photos where person_id = ${personId} order by id)`,
        postgres: sql`select count(*) as n, coalesce(string_agg(id, ',' order by id), '') as ids from photos where person_id = ${personId}`,
      }));
      return `${Number(row!.n)}:${row!.ids}`;
    },
    async setConsent(args: { photoId: string; engine: string; granted: boolean; by: string | null }): Promise<void> {
      const now = clock.now();
      if (args.granted) {
        await db.insert(reverseImageConsents).values({ id: createId('consent'), photoId: args.photoId, engine: args.engine, grantedAt: now, grantedBy: args.by })
          .onConflictDoUpdate({ target: [reverseImageConsents.photoId, reverseImageConsents.engine], set: { grantedAt: now, grantedBy: args.by, revokedAt: null } });
      } else {
        await db.update(reverseImageConsents).set({ revokedAt: now }).where(and(eq(reverseImageConsents.photoId, args.photoId), eq(reverseImageConsents.engine, args.engine)));
      }
    },
    async consents(photoId: string) {
      return db.select().from(reverseImageConsents).where(eq(reverseImageConsents.photoId, photoId));
    },
    /** Photos the person allowed to be uploaded to this engine, and which we still have the original of. */
    async consentedFor(personId: string, engine: string): Promise<PhotoRow[]> {
      const rows = await db.select({ photo: photos }).from(photos)
        .innerJoin(reverseImageConsents, eq(reverseImageConsents.photoId, photos.id))
        .where(and(eq(photos.personId, personId), eq(reverseImageConsents.engine, engine), isNull(reverseImageConsents.revokedAt)));
      return rows.map((r) => r.photo).filter((p) => p.originalRef !== null);
    },
  });
}

export type PhotosRepository = ReturnType<typeof createPhotosRepository>;
