import type { AppDeps } from '../../deps.types.ts';
import type { ReportCapture } from '../../modules/evidence/report-html.models.ts';
import { openHit, type Hit } from '../../modules/hits/hits.repository.ts';
import { createDataVersion, createIdsKey, createLabelOpener, createOpeningCipher, createStatements, createVersionedCache } from './statements.ts';
import { describeCase, type CaseView } from '../../modules/takedowns/cases.view.ts';
import { mailtoForCase } from '../../modules/takedowns/cases.sending.usecases.ts';
import { CANDIDATE_FIELDS, CAPTURE_FIELDS, candidateRowKey, pageUrlIndex } from '../../modules/evidence/sealed-pages.models.ts';


export interface ExposureFilters {
  personId?: string;
  severity?: Hit['severity'];
  status?: Hit['status'];
  category?: string;
}

export interface ExposureRow {
  hit: Hit;
  personLabel: string;
  caseStatus: string | null;
  /** SHA-256 of the newest screenshot, for a blurred thumbnail. */
  screenshot: string | null;
}

/** Where a list page starts: after this row, in the list's order (worst first, then newest). */
export interface ExposureCursor {
  rank: number;
  firstSeenAt: number;
  id: string;
}

export const EXPOSURES_PAGE_SIZE = 50;
const WALK_FROM_PEOPLE = 50;
const RANK_SQL = "(case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end)";

/** The cursor as it travels in the page's "next" link: opaque to the reader, checked when it comes back. */
export const encodeCursor = (c: ExposureCursor): string => `${c.rank}.${c.firstSeenAt}.${c.id}`;
export function decodeCursor(text: string | undefined): ExposureCursor | null {
  const match = /^([0-3])\.(\d{1,15})\.([\w-]{1,64})$/.exec(text ?? '');
  return match ? { rank: Number(match[1]), firstSeenAt: Number(match[2]), id: match[3]! } : null;
}

interface HitRecord {
  id: string; person_id: string; url: string; normalized_url: string; final_url: string | null; host: string; title: string | null; page_language: string | null;
  status: Hit['status']; severity: Hit['severity']; categories: string; linkage: number; reasons: string; source: Hit['source'];
  first_seen_at: number; last_seen_at: number; last_scan_run_id: string | null; created_at: number; updated_at: number;
}

const hitOf = (r: HitRecord): Hit => ({
  id: r.id, personId: r.person_id, url: r.url, normalizedUrl: r.normalized_url, finalUrl: r.final_url, host: r.host, title: r.title, pageLanguage: r.page_language,
  status: r.status, severity: r.severity, categories: JSON.parse(r.categories) as string[], linkage: r.linkage === 1, reasons: JSON.parse(r.reasons) as string[], source: r.source,
  firstSeenAt: new Date(r.first_seen_at), lastSeenAt: new Date(r.last_seen_at), lastScanRunId: r.last_scan_run_id, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
});

export interface ExposurePage {
  rows: ExposureRow[];
  /** Where the next page starts, or null on the last page. */
  next: string | null;
}

export type ExposuresReadModel = ReturnType<typeof createExposuresReadModel>;

/**
 * The dashboard's exposure reads, with their statements prepared once and people's labels opened once
 * (statements.ts). Built once per server; the functions below build a throw-away one for other callers.
 */
export function createExposuresReadModel(deps: Pick<AppDeps, 'db' | 'hits' | 'profiles' | 'takedowns' | 'cipher'>) {
  const statement = createStatements(deps.db);
  const openLabel = createLabelOpener(deps.cipher);
  const listCipher = createOpeningCipher(deps.cipher);
  const dataVersion = createDataVersion(statement);
  const keptOptions = createVersionedCache<{ id: string; label: string }[]>(dataVersion, 50);
  const keptPages = createVersionedCache<ExposurePage>(dataVersion, 50);
  const keptDetails = createVersionedCache<ExposureDetail | null>(dataVersion, 200);
  const idsKey = createIdsKey();

  function labelsOf(personIds: string[]): Map<string, string> {
    const rows = statement('select id, label from people where id in (select value from json_each(?)) order by created_at, rowid').all(JSON.stringify(personIds)) as { id: string; label: string }[];
    return new Map(rows.map((r) => [r.id, openLabel(r.label)]));
  }

  /**
   * One page of the list, worst first and then newest, for an organisation's hundred thousand exposures:
   * the expression index hits_rank_seen_idx gives the rows in this order, so a page reads about its own
   * rows (keyset pagination; an offset would read every row before it).
   */
  function listPage(personIds: string[], filters: ExposureFilters, options: { after?: ExposureCursor | null; limit?: number } = {}): ExposurePage {
    // A page is the same for everyone who sees the same people until the database changes (a worker storing
    // a hit, a status changed here), and reading it for a thousand people is most of the list's cost.
    const key = JSON.stringify([filters.personId, filters.severity, filters.status, filters.category, options.after ? encodeCursor(options.after) : null, options.limit ?? null]);
    return keptPages(`${key}:${idsKey(personIds)}`, () => readPage(personIds, filters, options));
  }

  function readPage(personIds: string[], filters: ExposureFilters, options: { after?: ExposureCursor | null; limit?: number }): ExposurePage {
    const scope = filters.personId ? personIds.filter((id) => id === filters.personId) : personIds;
    if (scope.length === 0) return { rows: [], next: null };
    const limit = options.limit ?? EXPOSURES_PAGE_SIZE;
    // For many people the rows are read in list order from hits_rank_seen_idx, skipping other people's
    // (the unary + keeps SQLite from choosing the per-person index and sorting a whole organisation);
    // for a few people their own rows are fewer than the ones the walk would skip.
    // The same for status and severity, whose other indexes start with the person; a severity seeks its
    // part of the index (`>=`: with `=` SQLite sorts again instead of reading the index in order).
    const walk = scope.length > WALK_FROM_PEOPLE ? '+' : '';
    const where = [`${walk}person_id in (select value from json_each(?))`];
    const params: unknown[] = [scope === personIds ? idsKey(personIds) : JSON.stringify(scope)];
    if (filters.severity) (where.push(`${walk}severity = ? and ${RANK_SQL} >= ?`), params.push(filters.severity, rankOf(filters.severity)));
    if (filters.status) (where.push(`${walk}status = ?`), params.push(filters.status));
    if (filters.category) (where.push('exists (select 1 from json_each(categories) where value = ?)'), params.push(filters.category));
    const after = options.after;
    if (after) {
      where.push(`${RANK_SQL} >= ? and (${RANK_SQL} > ? or first_seen_at < ? or (first_seen_at = ? and id < ?))`);
      params.push(after.rank, after.rank, after.firstSeenAt, after.firstSeenAt, after.id);
    }
    const records = statement(`select * from hits where ${where.join(' and ')} order by ${RANK_SQL}, first_seen_at desc, id desc limit ?`).all(...params, limit + 1) as HitRecord[];
    const hits = records.slice(0, limit).map((r) => openHit(listCipher, hitOf(r)));
    if (hits.length === 0) return { rows: [], next: null };
    const ids = JSON.stringify(hits.map((h) => h.id));
    const labels = labelsOf([...new Set(hits.map((h) => h.personId))]);
    const cases = new Map((statement('select hit_id hitId, status from takedown_cases where hit_id in (select value from json_each(?))').all(ids) as { hitId: string; status: string }[]).map((r) => [r.hitId, r.status]));
    const shots = new Map<string, string>();
    for (const row of statement('select hit_id hitId, artifacts from captures where hit_id in (select value from json_each(?)) order by captured_at').all(ids) as { hitId: string; artifacts: string }[]) {
      const sha = (JSON.parse(row.artifacts) as Record<string, string>).screenshot;
      if (sha) shots.set(row.hitId, sha);
    }
    const last = records.length > limit ? hits[hits.length - 1]! : null;
    return {
      rows: hits.map((hit) => ({ hit, personLabel: labels.get(hit.personId) ?? '', caseStatus: cases.get(hit.id) ?? null, screenshot: shots.get(hit.id) ?? null })),
      next: last ? encodeCursor({ rank: rankOf(last.severity), firstSeenAt: last.firstSeenAt.getTime(), id: last.id }) : null,
    };
  }

  return {
    listPage,
    /**
     * The people of the filter, in the order they were added, with one query and the labels opened once.
     * The same array until the database changes, so a page may keep what it renders from it.
     */
    peopleOptions: (personIds: string[]) => {
      const key = idsKey(personIds);
      return keptOptions(key, () => [...labelsOf(personIds)].map(([id, label]) => ({ id, label })));
    },
    /**
     * One exposure with its evidence, matches and case, kept until the database changes (a dozen lookups
     * through the repositories were most of the page's cost). The sender address fills the drafted notice
     * and can change with the settings, so it is part of the key.
     */
    load: (hitId: string) => keptDetails(`${hitId}\u0000${deps.takedowns.settings.sender.email ?? ''}`, () => loadExposureWith(deps, statement, hitId)),
  };
}

const rankOf = (severity: string): number => ({ critical: 0, high: 1, medium: 2 })[severity] ?? 3;

/** The first page (up to `limit` rows) for callers outside the dashboard. */
export function listExposures(deps: Pick<AppDeps, 'db' | 'hits' | 'profiles' | 'takedowns' | 'cipher'>, personIds: string[], filters: ExposureFilters, limit = 300): ExposureRow[] {
  return createExposuresReadModel(deps).listPage(personIds, filters, { limit }).rows;
}

/** The same facts about a capture as the evidence report shows, plus what the page needs to list its files. */
export interface CaptureView extends Omit<ReportCapture, 'files' | 'problems' | 'screenshot' | 'images' | 'timestamp'> {
  timestamped: boolean;
  artifacts: { role: string; sha256: string; sizeBytes: number | null; mimeType: string | null }[];
}

export interface ExposureDetail {
  hit: Hit;
  personLabel: string;
  matches: ReturnType<AppDeps['hits']['matchesOf']>;
  caseView: CaseView | null;
  mailto: { href: string; truncated: boolean } | null;
  captures: CaptureView[];
  custody: { at: Date; actor: string; action: string; subjectType: string; subjectId: string }[];
  /** What the search engine showed for the page (title and snippet from the result list). */
  searchResult: { title: string | null; snippet: string | null; engines: string[] } | null;
}

export function loadExposure(deps: Pick<AppDeps, 'db' | 'hits' | 'profiles' | 'takedowns' | 'cipher'>, hitId: string): ExposureDetail | null {
  return loadExposureWith(deps, createStatements(deps.db), hitId);
}

function loadExposureWith(deps: Pick<AppDeps, 'db' | 'hits' | 'profiles' | 'takedowns' | 'cipher'>, statement: ReturnType<typeof createStatements>, hitId: string): ExposureDetail | null {
  const hit = deps.hits.get(hitId);
  if (!hit) return null;
  const row = deps.takedowns.cases.getByHit(hit.id);
  let mailto: ExposureDetail['mailto'] = null;
  if (row) {
    try {
      const link = mailtoForCase(deps.takedowns, row.id);
      mailto = { href: link.href, truncated: link.truncated };
    } catch {
      mailto = null;
    }
  }
  const captureRows = statement('select id, purpose, outcome, captured_at capturedAt, requested_url requestedUrl, final_url finalUrl, http_status httpStatus, server_ip serverIp, title, artifacts, timestamp_token timestampToken from captures where hit_id = ? order by captured_at desc').all(hit.id) as
    { id: string; purpose: string; outcome: string; capturedAt: number; requestedUrl: string; finalUrl: string | null; httpStatus: number | null; serverIp: string | null; title: string | null; artifacts: string; timestampToken: string | null }[];
  const captures = captureRows.map((stored) => {
    const c = CAPTURE_FIELDS.open(deps.cipher, stored, stored.id);
    const artifacts = Object.entries(JSON.parse(c.artifacts) as Record<string, string>).map(([role, sha256]) => {
      const info = statement('select size_bytes sizeBytes, mime_type mimeType from evidence_files where sha256 = ?').get(sha256) as { sizeBytes: number; mimeType: string } | undefined;
      return { role, sha256, sizeBytes: info?.sizeBytes ?? null, mimeType: info?.mimeType ?? null };
    });
    return { id: c.id, purpose: c.purpose, outcome: c.outcome, capturedAt: new Date(c.capturedAt), requestedUrl: c.requestedUrl, finalUrl: c.finalUrl, httpStatus: c.httpStatus, serverIp: c.serverIp, title: c.title, timestamped: c.timestampToken !== null, artifacts };
  });
  const subjects = [hit.id, ...captures.map((c) => c.id), ...(row ? [row.id] : [])];
  const custody = (statement('select at, actor, action, subject_type subjectType, subject_id subjectId from custody_log where subject_id in (select value from json_each(?)) order by seq').all(JSON.stringify(subjects)) as { at: number; actor: string; action: string; subjectType: string; subjectId: string }[])
    .map((c) => ({ ...c, at: new Date(c.at) }));
  const candidateRow = statement('select scan_run_id scanRunId, normalized_url normalizedUrl, title, snippet, engines from candidates where person_id = ? and normalized_url = ? order by id desc limit 1')
    .get(hit.personId, pageUrlIndex(deps.cipher, hit.personId, hit.normalizedUrl)) as { scanRunId: string; normalizedUrl: string; title: string | null; snippet: string | null; engines: string } | undefined;
  const candidate = candidateRow ? CANDIDATE_FIELDS.open(deps.cipher, candidateRow, candidateRowKey(candidateRow.scanRunId, candidateRow.normalizedUrl)) : null;
  return {
    hit,
    searchResult: candidate ? { title: candidate.title, snippet: candidate.snippet, engines: JSON.parse(candidate.engines) as string[] } : null,
    personLabel: deps.profiles.getPerson(hit.personId)?.label ?? '',
    matches: deps.hits.matchesOf(hit.id),
    caseView: row ? describeCase(deps.takedowns, row) : null,
    mailto,
    captures,
    custody,
  };
}
