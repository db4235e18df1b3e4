import type { AppDeps } from '../../app.ts';
import type { ReportCapture } from '../../modules/evidence/report-html.models.ts';
import type { Hit } from '../../modules/hits/hits.repository.ts';
import { describeCase, type CaseView } from '../../modules/takedowns/cases.view.ts';
import { mailtoForCase } from '../../modules/takedowns/cases.sending.usecases.ts';
import { CANDIDATE_FIELDS, CAPTURE_FIELDS, candidateRowKey, pageUrlIndex } from '../../modules/evidence/sealed-pages.models.ts';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

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

function screenshotsOf(deps: Pick<AppDeps, 'db'>, hitIds: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (hitIds.length === 0) return out;
  const rows = deps.db.$client.prepare(`select hit_id hitId, artifacts from captures where hit_id in (${placeholders(hitIds.length)}) order by captured_at`).all(...hitIds) as { hitId: string; artifacts: string }[];
  for (const row of rows) {
    const sha = (JSON.parse(row.artifacts) as Record<string, string>).screenshot;
    if (sha) out.set(row.hitId, sha);
  }
  return out;
}

export function listExposures(deps: Pick<AppDeps, 'db' | 'hits' | 'cipher'>, personIds: string[], filters: ExposureFilters): ExposureRow[] {
  const scope = filters.personId ? personIds.filter((id) => id === filters.personId) : personIds;
  const hits = deps.hits.listForPeople(scope, { severity: filters.severity, status: filters.status, category: filters.category, limit: 300 });
  if (hits.length === 0) return [];
  const sqlite = deps.db.$client;
  const labels = new Map((sqlite.prepare(`select id, label from people where id in (${placeholders(scope.length)})`).all(...scope) as { id: string; label: string }[]).map((r) => [r.id, deps.cipher.open(r.label)]));
  const ids = hits.map((h) => h.id);
  const cases = new Map((sqlite.prepare(`select hit_id hitId, status from takedown_cases where hit_id in (${placeholders(ids.length)})`).all(...ids) as { hitId: string; status: string }[]).map((r) => [r.hitId, r.status]));
  const shots = screenshotsOf(deps, ids);
  const rank: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
  // Worst first, then newest: the list is read top-down by someone deciding what to do first.
  return hits
    .map((hit) => ({ hit, personLabel: labels.get(hit.personId) ?? '', caseStatus: cases.get(hit.id) ?? null, screenshot: shots.get(hit.id) ?? null }))
    .sort((a, b) => (rank[a.hit.severity] ?? 9) - (rank[b.hit.severity] ?? 9) || b.hit.firstSeenAt.getTime() - a.hit.firstSeenAt.getTime());
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
  const hit = deps.hits.get(hitId);
  if (!hit) return null;
  const sqlite = deps.db.$client;
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
  const captureRows = sqlite.prepare('select id, purpose, outcome, captured_at capturedAt, requested_url requestedUrl, final_url finalUrl, http_status httpStatus, server_ip serverIp, title, artifacts, timestamp_token timestampToken from captures where hit_id = ? order by captured_at desc').all(hit.id) as
    { id: string; purpose: string; outcome: string; capturedAt: number; requestedUrl: string; finalUrl: string | null; httpStatus: number | null; serverIp: string | null; title: string | null; artifacts: string; timestampToken: string | null }[];
  const captures = captureRows.map((stored) => {
    const c = CAPTURE_FIELDS.open(deps.cipher, stored, stored.id);
    const artifacts = Object.entries(JSON.parse(c.artifacts) as Record<string, string>).map(([role, sha256]) => {
      const info = sqlite.prepare('select size_bytes sizeBytes, mime_type mimeType from evidence_files where sha256 = ?').get(sha256) as { sizeBytes: number; mimeType: string } | undefined;
      return { role, sha256, sizeBytes: info?.sizeBytes ?? null, mimeType: info?.mimeType ?? null };
    });
    return { id: c.id, purpose: c.purpose, outcome: c.outcome, capturedAt: new Date(c.capturedAt), requestedUrl: c.requestedUrl, finalUrl: c.finalUrl, httpStatus: c.httpStatus, serverIp: c.serverIp, title: c.title, timestamped: c.timestampToken !== null, artifacts };
  });
  const subjects = [hit.id, ...captures.map((c) => c.id), ...(row ? [row.id] : [])];
  const custody = (sqlite.prepare(`select at, actor, action, subject_type subjectType, subject_id subjectId from custody_log where subject_id in (${placeholders(subjects.length)}) order by seq`).all(...subjects) as { at: number; actor: string; action: string; subjectType: string; subjectId: string }[])
    .map((c) => ({ ...c, at: new Date(c.at) }));
  const candidateRow = sqlite.prepare('select scan_run_id scanRunId, normalized_url normalizedUrl, title, snippet, engines from candidates where person_id = ? and normalized_url = ? order by id desc limit 1')
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
