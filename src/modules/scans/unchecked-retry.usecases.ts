import { visitPage, type VisitedPage } from '../../browser/page-visit.ts';
import { isAppError } from '../../shared/errors.ts';
import { hostOf } from '../../shared/url.models.ts';
import type { Hit } from '../hits/hits.repository.ts';
import { loadProfile } from '../profiles/profiles.usecases.ts';
import { planRetry, type VisitPath } from './page-check.models.ts';
import { plainVisit } from './plain-visit.ts';
import { analysePage, guardForRun, matchDocument, photoReason, type PageAnalysis, type ScanPipelineDeps } from './scan-pipeline.usecases.ts';
import { afterStoredHit, enqueueRetry, readOutcome } from './unchecked-pages.usecases.ts';

/**
 * Tries a page that could not be checked again, on the other path than last time. A page that can now be
 * read and shows the person becomes a hit found on the page (it replaces a hit seen only in search
 * results); one that can be read and shows nothing leaves the "could not check" list; one that still
 * refuses is tried again later, until the retries run out, and stays listed.
 */
export async function retryUncheckedPage(deps: ScanPipelineDeps, args: { uncheckedPageId: string; signal?: AbortSignal; complete: (effects: () => Promise<void>) => Promise<void> }): Promise<void> {
  const row = await deps.uncheckedPages.get(args.uncheckedPageId);
  if (!row || row.resolution !== null) return;
  const run = row.lastScanRunId ? await deps.scans.getRun(row.lastScanRunId) : null;
  const guard = guardForRun(deps, { allowHosts: run?.allowHosts ?? [] });
  const profile = await loadProfile(deps.profiles, row.personId);
  const path: VisitPath = row.lastPath === 'browser' ? 'plain' : 'browser';
  let analysis: PageAnalysis | null = null;
  let recordEvidence: ((hitId: string) => Promise<void>) | null = null;
  let visit: VisitedPage | null = null;
  let errorCode: string | null = null;
  // A document (a PDF) on either path: read, matched and kept as the scan does.
  const readDocument = async (found: VisitedPage) => {
    ({ analysis, recordEvidence } = await matchDocument(deps, { visit: found, profile, guard, run, normalizedUrl: row.normalizedUrl, signal: args.signal }));
  };
  try {
    if (path === 'plain') {
      visit = await plainVisit(guard, row.url, { timeoutMs: deps.settings.navigationTimeoutMs, maxPageBytes: deps.settings.maxPageBytes, signal: args.signal });
      if (visit.document) await readDocument(visit);
      else analysis = await analysePage({ visit, profile, photoMatches: [] });
    } else {
      visit = await visitPage(deps.browserPool, guard, row.url, { navigationTimeoutMs: deps.settings.navigationTimeoutMs, maxPageBytes: deps.settings.maxPageBytes }, {
        async onLoaded(page, loaded, { devtools }) {
          if (loaded.document) return await readDocument(loaded);
          const photos = deps.photoMatcher ? await deps.photoMatcher.match({ personId: row.personId, imageUrls: loaded.imageUrls, guard, signal: args.signal }) : { matches: [], unusable: [] };
          analysis = await analysePage({ visit: loaded, profile, photoMatches: photos.matches, unusableImages: photos.unusable });
          if ((analysis.textMatches.length > 0 || photos.matches.length > 0) && run && deps.hooks?.captureMatchedPage) {
            recordEvidence = await deps.hooks.captureMatchedPage({ page, visit: loaded, run, normalizedUrl: row.normalizedUrl, photoMatches: photos.matches, guard, devtools, fetchedImages: photos.fetchedImages });
          }
        },
      });
    }
  } catch (error) {
    errorCode = isAppError(error) ? error.code : 'fetch.failed';
  }

  const found = analysis as PageAnalysis | null;
  const matched = found !== null && (found.textMatches.length > 0 || found.photoMatches.length > 0);
  if (visit && found && matched) {
    const page = visit;
    const evidenceStep = recordEvidence as ((hitId: string) => Promise<void>) | null;
    let stored: { hit: Hit; isNew: boolean } | null = null;
    await args.complete(async () => {
      stored = await deps.hits.upsert({
        personId: row.personId, url: row.url, normalizedUrl: row.normalizedUrl, finalUrl: page.finalUrl,
        host: hostOf(page.finalUrl) || row.host, title: page.title || null, pageLanguage: page.lang || null,
        severity: found.classification.severity, categories: found.classification.categories, linkage: found.classification.linkage,
        reasons: found.classification.reasons, scanRunId: row.lastScanRunId ?? '', source: 'page',
        matches: [
          ...found.textMatches.map((m) => ({ kind: m.kind, value: m.value, found: m.found, reason: m.reason })),
          ...found.photoMatches.map((m) => ({ kind: 'photo' as const, value: m.photo, imageUrl: m.imageUrl, photoId: m.photoId, distance: m.distance, quality: m.quality, region: m.region ?? null, reason: photoReason(m) })),
        ],
      });
      await evidenceStep?.(stored.hit.id);
      await deps.uncheckedPages.resolveChecked(row.personId, row.normalizedUrl, path);
    });
    if (run) await afterStoredHit(deps, { stored, visit: page, run });
    return;
  }
  const outcome = errorCode !== null ? readOutcome({ errorCode }) : readOutcome({ visit: visit! });
  await args.complete(async () => {
    if (outcome.kind === 'read') {
      await deps.uncheckedPages.resolveChecked(row.personId, row.normalizedUrl, path);
      return;
    }
    const plan = planRetry({ retriesDone: row.retriesDone + 1, reason: outcome.reason, lastPath: path, now: deps.clock.now(), random: deps.random });
    await deps.uncheckedPages.recordRetry(row.id, { reason: outcome.reason, httpStatus: outcome.httpStatus, path, nextRetryAt: plan?.at ?? null });
    await enqueueRetry(deps, { id: row.id, retriesDone: row.retriesDone + 1, nextRetryAt: plan?.at ?? null });
  });
  deps.logger.info({ uncheckedPageId: row.id, path, outcome: outcome.kind === 'read' ? 'checked' : outcome.reason }, 'unchecked page retried');
}
