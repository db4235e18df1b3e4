import type { Db } from '../../db/client.ts';
import { createDataVersion, createStatements } from '../../db/prepared-statements.ts';
import { gated } from '../../db/transaction.ts';

// The overview's reads. Every query is answered from an index (migration dashboard_indexes) so that an
// organisation's hundred thousand exposures cost about what one person's do; statements are prepared once
// per repository and the people in scope travel as one JSON array (`json_each(?)`).

const IN_SCOPE = 'in (select value from json_each(?))';
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

const ACTIVE_SCAN = `(select r.id from scan_runs r where r.person_id = p.id and r.status in ('queued','running') order by r.created_at desc limit 1)`;

export type OverviewReads = ReturnType<typeof createOverviewReads>;

export function createOverviewReads(db: Db) {
  const statement = createStatements(db);
  return gated(db, {
    /** Moves whenever the database may have changed (src/db/prepared-statements.ts). */
    dataVersion: createDataVersion(statement),

    newBySeverity: (ids: string) =>
      statement(`select severity, count(*) n from hits where status = 'new' and person_id ${IN_SCOPE} group by severity`).all(ids) as { severity: string; n: number }[],

    openCount: (ids: string) => (statement(`select count(*) n from hits where status in ('new','seen') and person_id ${IN_SCOPE}`).get(ids) as { n: number }).n,

    /** Hits first seen since `start`, counted per day after it (day 0 is the day of `start`). */
    perDaySince: (ids: string, start: number) =>
      statement(
        `select cast((first_seen_at - ?) / 86400000 as integer) day, count(*) n from hits where person_id ${IN_SCOPE} and status in ('new','seen','resolved') and first_seen_at >= ? group by day`,
      ).all(start, ids, start) as { day: number; n: number }[],

    unreadAlerts: (ids: string) => (statement(`select count(*) n from alerts where read_at is null and person_id ${IN_SCOPE}`).get(ids) as { n: number }).n,

    /** The eight newest worst new hits of `people` people, with their person's sealed label. */
    newestNewHits(ids: string, people: number): NewHitRecord[] {
      const walk = people > WALK_FROM_PEOPLE ? '+' : '';
      return statement(
        // Read in list order from hits_rank_seen_idx (the unary + keeps SQLite from sorting every new hit of the organisation).
        `select h.id, h.person_id personId, p.label personLabel, h.title, h.host, h.severity, h.categories, h.first_seen_at firstSeenAt
         from (select * from hits where ${walk}status = 'new' and ${walk}person_id ${IN_SCOPE}
               order by (case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end), first_seen_at desc, id desc limit 8) h
         join people p on p.id = h.person_id`,
      ).all(ids) as NewHitRecord[];
    },

    /** The eight nearest deadlines of open takedown cases. */
    nearestDeadlines(ids: string, people: number): DeadlineRecord[] {
      const walk = people > WALK_FROM_PEOPLE ? '+' : '';
      return statement(
        `select c.id caseId, c.hit_id hitId, p.label personLabel, h.host, c.status, c.deadline_at deadlineAt
         from takedown_cases c join hits h on h.id = c.hit_id join people p on p.id = h.person_id
         where c.deadline_at is not null and c.closed_at is null and ${walk}h.person_id ${IN_SCOPE} order by c.deadline_at limit 8`,
      ).all(ids) as DeadlineRecord[];
    },

    /** Everyone in scope, and how many have had no successful scan since `staleBefore` and none running. */
    peopleFigures: (ids: string, staleBefore: number) =>
      statement(
        `select count(*) total, coalesce(sum(case when coalesce(p.last_success_at, p.created_at) < ? then ${ACTIVE_SCAN} is null else 0 end), 0) staleIdle from people p where p.id ${IN_SCOPE}`,
      ).get(staleBefore, ids) as { total: number; staleIdle: number },

    /** Up to `limit` people: the overdue first, then the never scanned, then the first added. */
    peopleNeedingAttention: (ids: string, staleBefore: number, limit: number) =>
      statement(
        `select p.id, p.label, p.is_demo isDemo, p.created_at createdAt, p.last_success_at lastSuccessAt, p.last_scan_at lastScanAt, p.next_scan_at nextScanAt, ${ACTIVE_SCAN} activeScanId
         from (select * from people where id ${IN_SCOPE}
               order by coalesce(last_success_at, created_at) < ? desc, last_scan_at is null desc, created_at, id limit ?) p
         order by coalesce(p.last_success_at, p.created_at) < ? desc, p.last_scan_at is null desc, p.created_at, p.id`,
      ).all(ids, staleBefore, limit, staleBefore) as OverviewPersonRecord[],
  });
}
