import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { createDataVersion } from '../../db/data-version.ts';
import { forDialect } from '../../db/dialect.ts';
import { inJsonArray, jsonArrayElements } from '../../db/json-lists.ts';
import { sqlRow, sqlRows } from '../../db/raw-sql.ts';
import type { Hit } from '../../modules/hits/hits.repository.ts';
import type { JobRow } from '../../modules/jobs/jobs.models.ts';
import { gated } from '../../db/transaction.ts';

// The exposures list's and the exposure page's reads across hits, cases, captures, evidence files, custody and
// candidates, in SQL both dialects run (raw-sql.ts; on SQLite each text is prepared once, and the list's text
// depends only on which filters are set). Lists of ids travel as one JSON array (json-lists.ts).

export interface HitRecord {
  id: string; person_id: string; url: string; normalized_url: string; final_url: string | null; host: string; title: string | null; page_language: string | null;
  status: Hit['status']; severity: Hit['severity']; categories: string; linkage: number; reasons: string; source: Hit['source'];
  first_seen_at: number; last_seen_at: number; last_scan_run_id: string | null; created_at: number; updated_at: number;
}

export interface HitsPageQuery {
  /** JSON array of the people whose hits are listed. */
  scope: string;
  /** How many people that is: for many, the list's own index is walked instead of each person's. */
  people: number;
  severity?: { value: string; rank: number };
  status?: string;
  category?: string;
  /** Start after this row of the list's order (worst first, then newest). */
  after?: { rank: number; firstSeenAt: number; id: string } | null;
  /** Rows to read (the caller asks one more than it shows, to know whether a next page exists). */
  limit: number;
}

export interface CaptureRecord {
  id: string; purpose: string; outcome: string; capturedAt: number; requestedUrl: string; finalUrl: string | null; httpStatus: number | null; serverIp: string | null; title: string | null; artifacts: string; timestampToken: string | null;
}

export interface CandidateRecord {
  scanRunId: string; normalizedUrl: string; title: string | null; snippet: string | null; engines: string;
}

const WALK_FROM_PEOPLE = 50;
const RANK_SQL = sql.raw("(case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end)");

export type ExposureReads = ReturnType<typeof createExposureReads>;

export function createExposureReads(db: Db) {
  const inList = (json: string) => inJsonArray(db, json);
  // PostgreSQL has no rowid: people added in the same millisecond are ordered by id there.
  const addedOrder = forDialect(db, { sqlite: sql`created_at, rowid`, postgres: sql`created_at, id` });
  return gated(db, {
    /** Moves whenever the database may have changed (src/db/data-version.ts). */
    dataVersion: createDataVersion(db),

    /** Sealed labels of the given people, in the order they were added. */
    labels: (idsJson: string) =>
      sqlRows<{ id: string; label: string }>(db, sql`select id, label from people where id ${inList(idsJson)} order by ${addedOrder}`),

    /**
     * One page of the list, worst first and then newest, for an organisation's hundred thousand exposures:
     * the expression index hits_rank_seen_idx gives the rows in this order, so a page reads about its own
     * rows (keyset pagination; an offset would read every row before it).
     */
    hitsPage(query: HitsPageQuery): Promise<HitRecord[]> {
      // For many people the rows are read in list order from hits_rank_seen_idx, skipping other people's
      // (SQLite's unary + keeps its planner from choosing the per-person index and sorting a whole organisation;
      // PostgreSQL has no such hint, nor a unary + on text, and plans from its own statistics);
      // for a few people their own rows are fewer than the ones the walk would skip.
      // The same for status and severity, whose other indexes start with the person; a severity seeks its
      // part of the index (`>=`: with `=` SQLite sorts again instead of reading the index in order).
      const walk = sql.raw(query.people > WALK_FROM_PEOPLE ? forDialect(db, { sqlite: '+', postgres: '' }) : '');
      const where: SQL[] = [sql`${walk}person_id ${inList(query.scope)}`];
      if (query.severity) where.push(sql`${walk}severity = ${query.severity.value} and ${RANK_SQL} >= ${query.severity.rank}`);
      if (query.status) where.push(sql`${walk}status = ${query.status}`);
      if (query.category) where.push(sql`exists (select 1 from ${jsonArrayElements(db, sql`categories`)} where value = ${query.category})`);
      const after = query.after;
      if (after) {
        where.push(sql`${RANK_SQL} >= ${after.rank} and (${RANK_SQL} > ${after.rank} or first_seen_at < ${after.firstSeenAt} or (first_seen_at = ${after.firstSeenAt} and id < ${after.id}))`);
      }
      return sqlRows<HitRecord>(db, sql`select * from hits where ${sql.join(where, sql` and `)} order by ${RANK_SQL}, first_seen_at desc, id desc limit ${query.limit}`);
    },

    /** The takedown case status of each of the given hits that has one. */
    caseStatuses: (hitIdsJson: string) =>
      sqlRows<{ hitId: string; status: string }>(db, sql`select hit_id as "hitId", status from takedown_cases where hit_id ${inList(hitIdsJson)}`),

    /** Where the jobs with the given keys stand (`openCaseJobKey`: the job that drafts a hit's takedown). */
    jobsByKey: (keysJson: string) =>
      sqlRows<{ key: string; status: JobRow['status']; lastError: string | null }>(db, sql`select idempotency_key as "key", status, last_error as "lastError" from jobs where idempotency_key ${inList(keysJson)}`),

    /** The captures' artifact lists of the given hits, oldest first (so the newest screenshot is read last). */
    captureArtifacts: (hitIdsJson: string) =>
      sqlRows<{ hitId: string; artifacts: string }>(db, sql`select hit_id as "hitId", artifacts from captures where hit_id ${inList(hitIdsJson)} order by captured_at`),

    /** One hit's captures, newest first, sealed as stored. */
    captures: (hitId: string) =>
      sqlRows<CaptureRecord>(
        db,
        sql`select id, purpose, outcome, captured_at as "capturedAt", requested_url as "requestedUrl", final_url as "finalUrl", http_status as "httpStatus", server_ip as "serverIp", title, artifacts, timestamp_token as "timestampToken"
            from captures where hit_id = ${hitId} order by captured_at desc`,
      ),

    evidenceFile: (sha256: string) =>
      sqlRow<{ sizeBytes: number; mimeType: string }>(db, sql`select size_bytes as "sizeBytes", mime_type as "mimeType" from evidence_files where sha256 = ${sha256}`),

    /** The custody entries about the given subjects, in the chain's order. */
    custody: (subjectIdsJson: string) =>
      sqlRows<{ at: number; actor: string; action: string; subjectType: string; subjectId: string }>(
        db,
        sql`select at, actor, action, subject_type as "subjectType", subject_id as "subjectId" from custody_log where subject_id ${inList(subjectIdsJson)} order by seq`,
      ),

    /** The newest search-engine candidate for a person's page, found by the page address's blind index. */
    latestCandidate: (personId: string, urlIndex: string) =>
      sqlRow<CandidateRecord>(
        db,
        sql`select scan_run_id as "scanRunId", normalized_url as "normalizedUrl", title, snippet, engines from candidates where person_id = ${personId} and normalized_url = ${urlIndex} order by id desc limit 1`,
      ),
  });
}
