import type { Db } from '../../db/client.ts';
import { createDataVersion, createStatements } from '../../db/prepared-statements.ts';
import type { Hit } from '../../modules/hits/hits.repository.ts';
import { gated } from '../../db/transaction.ts';

// The exposures list's and the exposure page's reads across hits, cases, captures, evidence files, custody and
// candidates. Each statement is prepared once per repository (the list's text depends only on which filters
// are set), and lists of ids travel as one JSON array (`json_each(?)`).

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
const RANK_SQL = "(case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end)";

export type ExposureReads = ReturnType<typeof createExposureReads>;

export function createExposureReads(db: Db) {
  const statement = createStatements(db);
  return gated(db, {
    /** Moves whenever the database may have changed (src/db/prepared-statements.ts). */
    dataVersion: createDataVersion(statement),

    /** Sealed labels of the given people, in the order they were added. */
    labels: (idsJson: string) =>
      statement('select id, label from people where id in (select value from json_each(?)) order by created_at, rowid').all(idsJson) as { id: string; label: string }[],

    /**
     * One page of the list, worst first and then newest, for an organisation's hundred thousand exposures:
     * the expression index hits_rank_seen_idx gives the rows in this order, so a page reads about its own
     * rows (keyset pagination; an offset would read every row before it).
     */
    hitsPage(query: HitsPageQuery): HitRecord[] {
      // For many people the rows are read in list order from hits_rank_seen_idx, skipping other people's
      // (the unary + keeps SQLite from choosing the per-person index and sorting a whole organisation);
      // for a few people their own rows are fewer than the ones the walk would skip.
      // The same for status and severity, whose other indexes start with the person; a severity seeks its
      // part of the index (`>=`: with `=` SQLite sorts again instead of reading the index in order).
      const walk = query.people > WALK_FROM_PEOPLE ? '+' : '';
      const where = [`${walk}person_id in (select value from json_each(?))`];
      const params: unknown[] = [query.scope];
      if (query.severity) (where.push(`${walk}severity = ? and ${RANK_SQL} >= ?`), params.push(query.severity.value, query.severity.rank));
      if (query.status) (where.push(`${walk}status = ?`), params.push(query.status));
      if (query.category) (where.push('exists (select 1 from json_each(categories) where value = ?)'), params.push(query.category));
      const after = query.after;
      if (after) {
        where.push(`${RANK_SQL} >= ? and (${RANK_SQL} > ? or first_seen_at < ? or (first_seen_at = ? and id < ?))`);
        params.push(after.rank, after.rank, after.firstSeenAt, after.firstSeenAt, after.id);
      }
      return statement(`select * from hits where ${where.join(' and ')} order by ${RANK_SQL}, first_seen_at desc, id desc limit ?`).all(...params, query.limit) as HitRecord[];
    },

    /** The takedown case status of each of the given hits that has one. */
    caseStatuses: (hitIdsJson: string) =>
      statement('select hit_id hitId, status from takedown_cases where hit_id in (select value from json_each(?))').all(hitIdsJson) as { hitId: string; status: string }[],

    /** The captures' artifact lists of the given hits, oldest first (so the newest screenshot is read last). */
    captureArtifacts: (hitIdsJson: string) =>
      statement('select hit_id hitId, artifacts from captures where hit_id in (select value from json_each(?)) order by captured_at').all(hitIdsJson) as { hitId: string; artifacts: string }[],

    /** One hit's captures, newest first, sealed as stored. */
    captures: (hitId: string) =>
      statement('select id, purpose, outcome, captured_at capturedAt, requested_url requestedUrl, final_url finalUrl, http_status httpStatus, server_ip serverIp, title, artifacts, timestamp_token timestampToken from captures where hit_id = ? order by captured_at desc').all(hitId) as CaptureRecord[],

    evidenceFile: (sha256: string) =>
      statement('select size_bytes sizeBytes, mime_type mimeType from evidence_files where sha256 = ?').get(sha256) as { sizeBytes: number; mimeType: string } | undefined,

    /** The custody entries about the given subjects, in the chain's order. */
    custody: (subjectIdsJson: string) =>
      statement('select at, actor, action, subject_type subjectType, subject_id subjectId from custody_log where subject_id in (select value from json_each(?)) order by seq').all(subjectIdsJson) as
        { at: number; actor: string; action: string; subjectType: string; subjectId: string }[],

    /** The newest search-engine candidate for a person's page, found by the page address's blind index. */
    latestCandidate: (personId: string, urlIndex: string) =>
      statement('select scan_run_id scanRunId, normalized_url normalizedUrl, title, snippet, engines from candidates where person_id = ? and normalized_url = ? order by id desc limit 1')
        .get(personId, urlIndex) as CandidateRecord | undefined,
  });
}
