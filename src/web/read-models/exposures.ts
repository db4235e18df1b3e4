import type { AppDeps } from '../../deps.types.ts';
import { EMBEDDED_SOURCE } from '../../modules/scans/scans.repository.ts';
import type { ReportCapture } from '../../modules/evidence/report-html.models.ts';
import { openHit, type Hit } from '../../modules/hits/hits.repository.ts';
import { createIdsKey, createLabelOpener, createOpeningCipher, createVersionedCache } from './kept-reads.ts';
import { createExposureReads, type ExposureReads, type HitRecord } from './exposures.repository.ts';
import { describeCase, type CaseView } from '../../modules/takedowns/cases.view.ts';
import { mailtoForCase } from '../../modules/takedowns/cases.sending.usecases.ts';
import { CANDIDATE_FIELDS, CAPTURE_FIELDS, candidateRowKey, pageUrlIndex } from '../../modules/evidence/sealed-pages.models.ts';
import { openCaseJobKey } from '../../modules/takedowns/takedowns.job-kinds.ts';


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
  /** No case, and the job that drafts one gave up. */
  draftFailed: boolean;
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

/** The cursor as it travels in the page's "next" link: opaque to the reader, checked when it comes back. */
export const encodeCursor = (c: ExposureCursor): string => `${c.rank}.${c.firstSeenAt}.${c.id}`;
export function decodeCursor(text: string | undefined): ExposureCursor | null {
  const match = /^([0-3])\.(\d{1,15})\.([\w-]{1,64})$/.exec(text ?? '');
  return match ? { rank: Number(match[1]), firstSeenAt: Number(match[2]), id: match[3]! } : null;
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
 * The dashboard's exposure reads, with their statements prepared once (exposures.repository.ts) and people's
 * labels opened once (kept-reads.ts). Built once per server; the functions below build a throw-away one for other callers.
 */
export function createExposuresReadModel(deps: Pick<AppDeps, 'db' | 'hits' | 'profiles' | 'takedowns' | 'cipher'>) {
  const reads = createExposureReads(deps.db);
  const openLabel = createLabelOpener(deps.cipher);
  const listCipher = createOpeningCipher(deps.cipher);
  const dataVersion = reads.dataVersion;
  const keptOptions = createVersionedCache<{ id: string; label: string }[]>(dataVersion, 50);
  const keptPages = createVersionedCache<ExposurePage>(dataVersion, 50);
  const keptDetails = createVersionedCache<ExposureDetail | null>(dataVersion, 200);
  const idsKey = createIdsKey();

  async function labelsOf(personIds: string[]): Promise<Map<string, string>> {
    const rows = await reads.labels(JSON.stringify(personIds));
    return new Map(rows.map((r) => [r.id, openLabel(r.label)]));
  }

  /** One page of the list, worst first and then newest (keyset paging: exposures.repository.ts). */
  async function listPage(personIds: string[], filters: ExposureFilters, options: { after?: ExposureCursor | null; limit?: number } = {}): Promise<ExposurePage> {
    // A page is the same for everyone who sees the same people until the database changes (a worker storing
    // a hit, a status changed here), and reading it for a thousand people is most of the list's cost.
    const key = JSON.stringify([filters.personId, filters.severity, filters.status, filters.category, options.after ? encodeCursor(options.after) : null, options.limit ?? null]);
    return keptPages(`${key}:${idsKey(personIds)}`, () => readPage(personIds, filters, options));
  }

  async function readPage(personIds: string[], filters: ExposureFilters, options: { after?: ExposureCursor | null; limit?: number }): Promise<ExposurePage> {
    const scope = filters.personId ? personIds.filter((id) => id === filters.personId) : personIds;
    if (scope.length === 0) return { rows: [], next: null };
    const limit = options.limit ?? EXPOSURES_PAGE_SIZE;
    const records = await reads.hitsPage({
      scope: scope === personIds ? idsKey(personIds) : JSON.stringify(scope),
      people: scope.length,
      ...(filters.severity ? { severity: { value: filters.severity, rank: rankOf(filters.severity) } } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.category ? { category: filters.category } : {}),
      after: options.after ?? null,
      limit: limit + 1,
    });
    const hits = records.slice(0, limit).map((r) => openHit(listCipher, hitOf(r)));
    if (hits.length === 0) return { rows: [], next: null };
    const ids = JSON.stringify(hits.map((h) => h.id));
    const labels = await labelsOf([...new Set(hits.map((h) => h.personId))]);
    const cases = new Map((await reads.caseStatuses(ids)).map((r) => [r.hitId, r.status]));
    // Without a case, whether the job that drafts it gave up: the list says so, not just the exposure's page.
    const uncased = hits.filter((h) => !cases.has(h.id));
    const caseJobs = await caseJobsOf(reads, uncased.map((h) => h.id));
    const shots = new Map<string, string>();
    for (const row of await reads.captureArtifacts(ids)) {
      const sha = (JSON.parse(row.artifacts) as Record<string, string>).screenshot;
      if (sha) shots.set(row.hitId, sha);
    }
    const last = records.length > limit ? hits[hits.length - 1]! : null;
    return {
      rows: hits.map((hit) => ({ hit, personLabel: labels.get(hit.personId) ?? '', caseStatus: cases.get(hit.id) ?? null, draftFailed: caseJobs.get(hit.id)?.status === 'dead', screenshot: shots.get(hit.id) ?? null })),
      next: last ? encodeCursor({ rank: rankOf(last.severity), firstSeenAt: last.firstSeenAt.getTime(), id: last.id }) : null,
    };
  }

  return {
    listPage,
    /**
     * The people of the filter, in the order they were added, with one query and the labels opened once.
     * The same array until the database changes, so a page may keep what it renders from it.
     */
    peopleOptions: async (personIds: string[]) => {
      const key = idsKey(personIds);
      return keptOptions(key, async () => [...await labelsOf(personIds)].map(([id, label]) => ({ id, label })));
    },
    /**
     * One exposure with its evidence, matches and case, kept until the database changes (a dozen lookups
     * through the repositories were most of the page's cost). The sender address fills the drafted notice
     * and can change with the settings, so it is part of the key.
     */
    load: async (hitId: string) => keptDetails(`${hitId}\u0000${deps.takedowns.settings.sender.email ?? ''}`, () => loadExposureWith(deps, reads, hitId)),
  };
}

const rankOf = (severity: string): number => ({ critical: 0, high: 1, medium: 2 })[severity] ?? 3;

/** The first page (up to `limit` rows) for callers outside the dashboard. */
export async function listExposures(deps: Pick<AppDeps, 'db' | 'hits' | 'profiles' | 'takedowns' | 'cipher'>, personIds: string[], filters: ExposureFilters, limit = 300): Promise<ExposureRow[]> {
  return (await createExposuresReadModel(deps).listPage(personIds, filters, { limit })).rows;
}

/** The same facts about a capture as the evidence report shows, plus what the page needs to list its files. */
export interface CaptureView extends Omit<ReportCapture, 'files' | 'problems' | 'screenshot' | 'images' | 'timestamp'> {
  timestamped: boolean;
  artifacts: { role: string; sha256: string; sizeBytes: number | null; mimeType: string | null }[];
}

export interface ExposureDetail {
  hit: Hit;
  personLabel: string;
  matches: Awaited<ReturnType<AppDeps['hits']['matchesOf']>>;
  caseView: CaseView | null;
  /** Without a case: where the job that drafts it stands (queued or running, dead after its last try), or null. */
  caseJob: { status: 'pending' | 'dead'; lastError: string | null } | null;
  mailto: { href: string; truncated: boolean } | null;
  captures: CaptureView[];
  custody: { at: Date; actor: string; action: string; subjectType: string; subjectId: string }[];
  /** What the search engine showed for the page (title and snippet from the result list). */
  searchResult: { title: string | null; snippet: string | null; engines: string[] } | null;
  /** Found inside another page (a frame of another site on a page that exposed the person), not by an engine. */
  foundInFrame: boolean;
}

function caseJobOf(job: { status: string; lastError: string | null } | undefined): ExposureDetail['caseJob'] {
  if (job?.status === 'queued' || job?.status === 'running') return { status: 'pending', lastError: null };
  return job?.status === 'dead' ? { status: 'dead', lastError: job.lastError } : null;
}

/** For hits without a case, where the job that drafts each one's takedown stands (those that have one). */
async function caseJobsOf(reads: ExposureReads, hitIds: string[]): Promise<Map<string, NonNullable<ExposureDetail['caseJob']>>> {
  if (hitIds.length === 0) return new Map();
  const byKey = new Map((await reads.jobsByKey(JSON.stringify(hitIds.map(openCaseJobKey)))).map((job) => [job.key, job]));
  return new Map(hitIds.flatMap((id) => {
    const job = caseJobOf(byKey.get(openCaseJobKey(id)));
    return job ? [[id, job] as const] : [];
  }));
}

export async function loadExposure(deps: Pick<AppDeps, 'db' | 'hits' | 'profiles' | 'takedowns' | 'cipher'>, hitId: string): Promise<ExposureDetail | null> {
  return await loadExposureWith(deps, createExposureReads(deps.db), hitId);
}

async function loadExposureWith(deps: Pick<AppDeps, 'db' | 'hits' | 'profiles' | 'takedowns' | 'cipher'>, reads: ExposureReads, hitId: string): Promise<ExposureDetail | null> {
  const hit = await deps.hits.get(hitId);
  if (!hit) return null;
  const row = await deps.takedowns.cases.getByHit(hit.id);
  let mailto: ExposureDetail['mailto'] = null;
  if (row) {
    try {
      const link = await mailtoForCase(deps.takedowns, row.id);
      mailto = { href: link.href, truncated: link.truncated };
    } catch {
      mailto = null;
    }
  }
  const captureRows = await reads.captures(hit.id);
  const captures = await Promise.all(captureRows.map(async (stored) => {
    const c = CAPTURE_FIELDS.open(deps.cipher, stored, stored.id);
    const artifacts = await Promise.all(Object.entries(JSON.parse(c.artifacts) as Record<string, string>).map(async ([role, sha256]) => {
      const info = await reads.evidenceFile(sha256);
      return { role, sha256, sizeBytes: info?.sizeBytes ?? null, mimeType: info?.mimeType ?? null };
    }));
    return { id: c.id, purpose: c.purpose, outcome: c.outcome, capturedAt: new Date(c.capturedAt), requestedUrl: c.requestedUrl, finalUrl: c.finalUrl, httpStatus: c.httpStatus, serverIp: c.serverIp, title: c.title, timestamped: c.timestampToken !== null, artifacts };
  }));
  const subjects = [hit.id, ...captures.map((c) => c.id), ...(row ? [row.id] : [])];
  const custody = (await reads.custody(JSON.stringify(subjects))).map((c) => ({ ...c, at: new Date(c.at) }));
  const candidateRow = await reads.latestCandidate(hit.personId, pageUrlIndex(deps.cipher, hit.personId, hit.normalizedUrl));
  const candidate = candidateRow ? CANDIDATE_FIELDS.open(deps.cipher, candidateRow, candidateRowKey(candidateRow.scanRunId, candidateRow.normalizedUrl)) : null;
  const engines = candidate ? (JSON.parse(candidate.engines) as string[]) : [];
  const foundInFrame = engines.length > 0 && engines.every((engine) => engine === EMBEDDED_SOURCE);
  return {
    hit,
    searchResult: candidate && !foundInFrame ? { title: candidate.title, snippet: candidate.snippet, engines: engines.filter((engine) => engine !== EMBEDDED_SOURCE) } : null,
    foundInFrame,
    personLabel: (await deps.profiles.getPerson(hit.personId))?.label ?? '',
    matches: await deps.hits.matchesOf(hit.id),
    caseView: row ? await describeCase(deps.takedowns, row) : null,
    caseJob: row ? null : (await caseJobsOf(reads, [hit.id])).get(hit.id) ?? null,
    mailto,
    captures,
    custody,
  };
}
