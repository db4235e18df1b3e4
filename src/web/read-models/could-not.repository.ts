import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { createDataVersion } from '../../db/data-version.ts';
import { inJsonArray } from '../../db/json-lists.ts';
import { sqlRows } from '../../db/raw-sql.ts';
import { gated } from '../../db/transaction.ts';

// The reads of the two "could not" sections: pages the people's scans could not check, and profile lookups
// that could not tell. One statement each for any number of people (the ids as one JSON array, json-lists.ts) on
// both dialects, and only the columns the sections show.

export interface UncheckedRecord {
  id: string; host: string; reason: string; label: string; lastTriedAt: number; resolution: string | null; nextRetryAt: number | null;
}

export interface UnclearLookupRecord {
  id: string; url: string; handle: string; identifier: string; source: string; reason: string | null; checkedAt: number | null; label: string;
}

export type CouldNotReads = ReturnType<typeof createCouldNotReads>;

export function createCouldNotReads(db: Db) {
  return gated(db, {
    /** Moves whenever the database may have changed (src/db/data-version.ts). */
    dataVersion: createDataVersion(db),

    /** Pages still waiting for a retry or given up, newest try first; the host only, never the sealed address. */
    uncheckedPages: (idsJson: string, limit: number) =>
      sqlRows<UncheckedRecord>(
        db,
        sql`select u.id, u.host, u.reason, p.label, u.last_tried_at as "lastTriedAt", u.resolution, u.next_retry_at as "nextRetryAt"
            from unchecked_pages u join people p on p.id = u.person_id
            where u.person_id ${inJsonArray(db, idsJson)} and (u.resolution is null or u.resolution = 'gave_up') order by u.last_tried_at desc limit ${limit}`,
      ),

    /**
     * The lookups of each person's latest finished scan that answered 'unknown': the latest finished run of
     * each person is found through scan_runs_person_idx, its checks through impersonation_checks_run_status_idx.
     * Lookups not yet checked come last, as SQLite sorts nulls in descending order (PostgreSQL would put them first).
     */
    unclearLookups: (idsJson: string, limit: number) =>
      sqlRows<UnclearLookupRecord>(
        db,
        sql`select c.id, c.url, c.handle, c.identifier, c.source, c.reason, c.checked_at as "checkedAt", p.label
            from people p
            join impersonation_checks c on c.scan_run_id = (select r.id from scan_runs r where r.person_id = p.id and r.finished_at is not null order by r.created_at desc limit 1)
              and c.status = 'unknown'
            where p.id ${inJsonArray(db, idsJson)}
            order by c.checked_at desc nulls last, c.id limit ${limit}`,
      ),
  });
}
