import type { HitsRepository } from '../hits/hits.repository.ts';
import type { ScansRepository, ScanRun } from './scans.repository.ts';
import type { UncheckedPagesRepository } from './unchecked-pages.repository.ts';

/** The JSON shape of a scan for the API and the CLI: progress counters and per-engine outcomes. */
export async function describeScanRun(deps: { scans: ScansRepository }, run: ScanRun) {
  const engines: Record<string, Record<string, number>> = {};
  const signals: Record<string, string[]> = {};
  for (const row of await deps.scans.outcomesByEngine(run.id)) {
    engines[row.engine] = { ...(engines[row.engine] ?? {}), [row.outcome]: (engines[row.engine]?.[row.outcome] ?? 0) + row.n };
    if (row.signal && !signals[row.engine]?.includes(row.signal)) signals[row.engine] = [...(signals[row.engine] ?? []), row.signal];
  }
  return {
    scanRunId: run.id,
    personId: run.personId,
    trigger: run.trigger,
    status: run.status,
    progress: {
      queriesPlanned: run.queriesPlanned, queriesDone: run.queriesDone, candidatesFound: run.candidatesFound,
      pagesVisited: run.pagesVisited, pagesFailed: run.pagesFailed, hitsNew: run.hitsNew, hitsSeen: run.hitsSeen,
      // Every page that could not be checked (refused, walled, challenged, failed to load), never counted
      // as "no match"; pagesFailed are those among them that did not load at all.
      pagesUnchecked: run.pagesFailed + run.pagesUnchecked,
    },
    engines,
    signals,
    error: run.error,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

/** The pages of one run that could not be checked, and why (stable reason codes such as http_403, login_wall). */
export async function describeUnchecked(deps: { pipeline: { uncheckedPages: UncheckedPagesRepository } }, runId: string) {
  return await deps.pipeline.uncheckedPages.uncheckedOfRun(runId);
}

/** A hit seen only in search results carries the results that showed it (engine, title, snippet, when). */
export async function describeHits(deps: { hits: HitsRepository; pipeline?: { uncheckedPages: UncheckedPagesRepository } }, personId: string) {
  return await Promise.all((await deps.hits.listForPerson(personId)).map(async (hit) => ({
    id: hit.id,
    url: hit.url,
    finalUrl: hit.finalUrl,
    title: hit.title,
    status: hit.status,
    severity: hit.severity,
    categories: hit.categories,
    linkage: hit.linkage,
    reasons: hit.reasons,
    firstSeenAt: hit.firstSeenAt,
    lastSeenAt: hit.lastSeenAt,
    source: hit.source,
    ...(hit.source === 'snippet' && deps.pipeline
      ? { searchResults: (await deps.pipeline.uncheckedPages.snippetsOfHit(hit.id)).map((s) => ({ engine: s.engine, searchId: s.searchOutcomeId, title: s.title, snippet: s.snippet, seenAt: s.seenAt })) }
      : {}),
    matches: (await deps.hits.matchesOf(hit.id)).map((m) => (m.kind === 'photo' ? { kind: m.kind, imageUrl: m.imageUrl, photo: m.value, distance: m.distance } : { kind: m.kind, value: m.value })),
  })));
}
