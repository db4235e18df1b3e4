import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inJsonArray } from '../../db/json-lists.ts';
import { sqlRow, sqlRows } from '../../db/raw-sql.ts';
import { gated } from '../../db/transaction.ts';

// The people list's and the person page's reads, in SQL both dialects run (raw-sql.ts, each text prepared once
// on SQLite); the people of a list travel as one JSON array (json-lists.ts), so one statement serves any number
// of them.

export interface PersonListRecord {
  id: string; label: string; isDemo: number; lastSuccessAt: number | null; nextScanAt: number | null; newHits: number; openHits: number;
}

export interface PhotoRecord {
  id: string; label: string; sha256: string; pdq: string; quality: number; width: number; height: number; originalRef: string | null; exifFindings: string | null;
}

export interface ConsentRecord {
  photoId: string; engine: string; grantedAt: number; revokedAt: number | null;
}

export type PeopleReads = ReturnType<typeof createPeopleReads>;

export function createPeopleReads(db: Db) {
  return gated(db, {
    /** The given people in the order they were added, with their new and open hits counted; labels sealed. */
    list: (idsJson: string) =>
      sqlRows<PersonListRecord>(
        db,
        sql`select p.id, p.label, p.is_demo as "isDemo", p.last_success_at as "lastSuccessAt", p.next_scan_at as "nextScanAt",
              (select count(*) from hits h where h.person_id = p.id and h.status = 'new') as "newHits",
              (select count(*) from hits h where h.person_id = p.id and h.status in ('new','seen')) as "openHits"
            from people p where p.id ${inJsonArray(db, idsJson)} order by p.created_at`,
      ),

    photos: (personId: string) =>
      sqlRows<PhotoRecord>(
        db,
        sql`select id, label, sha256, pdq, quality, width, height, original_ref as "originalRef", exif_findings as "exifFindings" from photos where person_id = ${personId} order by created_at`,
      ),

    /** Reverse-image consents (given and withdrawn) of the given photos. */
    consents: (photoIdsJson: string) =>
      sqlRows<ConsentRecord>(
        db,
        sql`select photo_id as "photoId", engine, granted_at as "grantedAt", revoked_at as "revokedAt" from reverse_image_consents where photo_id ${inJsonArray(db, photoIdsJson)}`,
      ),

    /** Both sums are null for a person without hits. */
    hitCounts: async (personId: string) =>
      (await sqlRow<{ newHits: number | null; openHits: number | null }>(
        db,
        sql`select sum(case when status = 'new' then 1 else 0 end) as "newHits", sum(case when status in ('new','seen') then 1 else 0 end) as "openHits" from hits where person_id = ${personId}`,
      ))!,
  });
}
