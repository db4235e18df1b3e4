import type { Db } from '../../db/client.ts';
import { createStatements } from '../../db/prepared-statements.ts';
import { gated } from '../../db/transaction.ts';

// The people list's and the person page's reads, prepared once per repository; the people of a list travel
// as one JSON array (`json_each(?)`), so one statement serves any number of them.

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
  const statement = createStatements(db);
  return gated(db, {
    /** The given people in the order they were added, with their new and open hits counted; labels sealed. */
    list: (idsJson: string) =>
      statement(
        `select p.id, p.label, p.is_demo isDemo, p.last_success_at lastSuccessAt, p.next_scan_at nextScanAt,
           (select count(*) from hits h where h.person_id = p.id and h.status = 'new') newHits,
           (select count(*) from hits h where h.person_id = p.id and h.status in ('new','seen')) openHits
         from people p where p.id in (select value from json_each(?)) order by p.created_at`,
      ).all(idsJson) as PersonListRecord[],

    photos: (personId: string) =>
      statement('select id, label, sha256, pdq, quality, width, height, original_ref originalRef, exif_findings exifFindings from photos where person_id = ? order by created_at').all(personId) as PhotoRecord[],

    /** Reverse-image consents (given and withdrawn) of the given photos. */
    consents: (photoIdsJson: string) =>
      statement('select photo_id photoId, engine, granted_at grantedAt, revoked_at revokedAt from reverse_image_consents where photo_id in (select value from json_each(?))').all(photoIdsJson) as ConsentRecord[],

    hitCounts: (personId: string) =>
      statement(`select sum(status = 'new') newHits, sum(status in ('new','seen')) openHits from hits where person_id = ?`).get(personId) as { newHits: number | null; openHits: number | null },
  });
}
