import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { createDataVersion } from '../../db/data-version.ts';
import { forDialect } from '../../db/dialect.ts';
import { inJsonArray } from '../../db/json-lists.ts';
import { sqlRow, sqlRows } from '../../db/raw-sql.ts';
import { gated } from '../../db/transaction.ts';

// The overview's reads. Every query is answered from an index (migration dashboard_indexes) so that an
// organisation's hundred thousand exposures cost about what one person's do; the SQL runs on both dialects
// (raw-sql.ts, each text prepared once on SQLite) and the people in scope travel as one JSON array (json-lists.ts).

/** Above this many people, hits and cases are read in the order shown, skipping other people's rows. */
const WALK_FROM_PEOPLE = 50;

export interface NewHitRecord {
  id: string; personId: string; personLabel: string; title: string | null; host: string; severity: string; categories: string; firstSeenAt: number;
}

export interface DeadlineRecord {
  caseId: string; hitId: string; personLabel: string; host: string; status: string; deadlineAt: number;
}

export interface OverviewPersonRecord {
  id: string; label: string; isDemo: number; createdAt: number; lastSuccessAt: number | null; lastScanAt: number | null; nextScanAt: number | null; activeScanId: string | null;
}

const ACTIVE_SCAN = sql.raw(`(select r.id from scan_runs r where r.person_id = p.id and r.status in ('queued','running') order by r.created_at desc limit 1)`);

export type OverviewReads = ReturnType<typeof createOverviewReads>;

export function createOverviewReads(db: Db) {
  const inScope = (ids: string) => inJsonArray(db, ids);
  // SQLite's planner hint (see newestNewHits); PostgreSQL has no unary + on text and needs none.
  const walkOf = (people: number) => sql.raw(people > WALK_FROM_PEOPLE ? forDialect(db, { sqlite: '+', postgres: '' }) : '');
  const count = async (query: ReturnType<typeof sql>) => (await sqlRow<{ n: number }>(db, query))!.n;
  return gated(db, {
    /** Moves whenever the database may have changed (src/db/data-version.ts). */
    dataVersion: createDataVersion(db),

    newBySeverity: (ids: string) =>
      sqlRows<{ severity: string; n: number }>(db, sql`select severity, count(*) as n from hits where status = 'new' and person_id ${inScope(ids)} group by severity`),

    openCount: (ids: string) => count(sql`select count(*) as n from hits where status in ('new','seen') and person_id ${inScope(ids)}`),

    /** Hits first seen since `start`, counted per day after it (day 0 is the day of `start`). */
    perDaySince: (ids: string, start: number) =>
      sqlRows<{ day: number; n: number }>(
        db,
        sql`select cast((first_seen_at - ${start}) / 86400000 as integer) as day, count(*) as n from hits
            where person_id ${inScope(ids)} and status in ('new','seen','resolved') and first_seen_at >= ${start} group by 1`,
      ),

    unreadAlerts: (ids: string) => count(sql`select count(*) as n from alerts where read_at is null and person_id ${inScope(ids)}`),

    /** The eight newest worst new hits of `people` people, with their person's sealed label. */
    newestNewHits(ids: string, people: number): Promise<NewHitRecord[]> {
      const walk = walkOf(people);
      // Read in list order from hits_rank_seen_idx (the unary + keeps SQLite from sorting every new hit of the organisation).
      return sqlRows<NewHitRecord>(
        db,
        sql`select h.id, h.person_id as "personId", p.label as "personLabel", h.title, h.host, h.severity, h.categories, h.first_seen_at as "firstSeenAt"
            from (select * from hits where ${walk}status = 'new' and ${walk}person_id ${inScope(ids)}
                  order by (case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end), first_seen_at desc, id desc limit 8) h
            join people p on p.id = h.person_id`,
      );
    },

    /** The eight nearest deadlines of open takedown cases. */
    nearestDeadlines(ids: string, people: number): Promise<DeadlineRecord[]> {
      const walk = walkOf(people);
      return sqlRows<DeadlineRecord>(
        db,
        sql`select c.id as "caseId", c.hit_id as "hitId", p.label as "personLabel", h.host, c.status, c.deadline_at as "deadlineAt"
            from takedown_cases c join hits h on h.id = c.hit_id join people p on p.id = h.person_id
            where c.deadline_at is not null and c.closed_at is null and ${walk}h.person_id ${inScope(ids)} order by c.deadline_at limit 8`,
      );
    },

    /** Everyone in scope, and how many have had no successful scan since `staleBefore` and none running. */
    peopleFigures: async (ids: string, staleBefore: number) =>
      (await sqlRow<{ total: number; staleIdle: number }>(
        db,
        sql`select count(*) as total, coalesce(sum(case when coalesce(p.last_success_at, p.created_at) < ${staleBefore} and ${ACTIVE_SCAN} is null then 1 else 0 end), 0) as "staleIdle"
            from people p where p.id ${inScope(ids)}`,
      ))!,

    /** Up to `limit` people: the overdue first, then the never scanned, then the first added. */
    peopleNeedingAttention: (ids: string, staleBefore: number, limit: number) =>
      sqlRows<OverviewPersonRecord>(
        db,
        sql`select p.id, p.label, p.is_demo as "isDemo", p.created_at as "createdAt", p.last_success_at as "lastSuccessAt", p.last_scan_at as "lastScanAt", p.next_scan_at as "nextScanAt", ${ACTIVE_SCAN} as "activeScanId"
            from (select * from people where id ${inScope(ids)}
                  order by coalesce(last_success_at, created_at) < ${staleBefore} desc, last_scan_at is null desc, created_at, id limit ${limit}) p
            order by coalesce(p.last_success_at, p.created_at) < ${staleBefore} desc, p.last_scan_at is null desc, p.created_at, p.id`,
      ),
  });
}
