import type { VisitedPage } from '../../browser/page-visit.ts';
import { hostOf } from '../../shared/url.models.ts';
import type { Hit } from '../hits/hits.repository.ts';
import type { NormalisedProfile } from '../profiles/profile-file.models.ts';
import { matchSnippets } from '../hits/snippet-match.models.ts';
import { classifyVisitedPage, planRetry, reasonForVisitError, type UncheckedReason } from './page-check.models.ts';
import type { Candidate, ScanRun } from './scans.repository.ts';
import type { ScanPipelineDeps } from './scan-pipeline.usecases.ts';

export type UncheckedDeps = Pick<ScanPipelineDeps, 'clock' | 'random' | 'jobs' | 'hits' | 'scans' | 'uncheckedPages'>;

/** What became of a candidate page whose own text did not match: read, or not readable and why. */
export type PageReadOutcome =
  | { kind: 'read'; visit: VisitedPage }
  | { kind: 'unreadable'; reason: UncheckedReason; httpStatus: number | null };

/** A loaded page that matched nothing, or a visit that threw: checked, or could-not-check with its reason. */
export function readOutcome(input: { visit: VisitedPage } | { errorCode: string }): PageReadOutcome {
  if ('errorCode' in input) return { kind: 'unreadable', reason: reasonForVisitError(input.errorCode), httpStatus: null };
  const check = classifyVisitedPage(input.visit);
  return check.checked ? { kind: 'read', visit: input.visit } : { kind: 'unreadable', reason: check.reason, httpStatus: input.visit.status };
}

export const retryJobKey = (uncheckedId: string, retriesDone: number) => `page.retry:${uncheckedId}:${retriesDone}`;

/** Enqueues the next retry of an unchecked page at its planned time (inside the caller's transaction). */
export async function enqueueRetry(deps: Pick<UncheckedDeps, 'jobs'>, row: { id: string; retriesDone: number; nextRetryAt: Date | null }): Promise<void> {
  if (!row.nextRetryAt) return;
  await deps.jobs.enqueue({ kind: 'page.retry', payload: { uncheckedPageId: row.id }, idempotencyKey: retryJobKey(row.id, row.retriesDone), runAfter: row.nextRetryAt });
}

/**
 * Settles a candidate page whose own text showed nothing of the person, inside the job's transaction:
 * - a page that could not be read is recorded as "could not check" with its reason and a retry;
 * - either way, what the engines showed for it (titles, snippets) is matched, and an exposure seen only
 *   there becomes a hit marked as seen in search results, with those results kept as its evidence.
 * A page hit found earlier is never replaced by a weaker snippet hit; it only gains the results as evidence.
 * Answers the hit stored, if any, and the run this settle ended (it was the run's last open part), if any.
 */
export async function settleWithoutPageMatch(
  deps: UncheckedDeps,
  /** `visitError`: the visit threw; the candidate keeps the error code as before (status `failed`). */
  args: { run: ScanRun; candidate: Candidate; profile: NormalisedProfile; outcome: PageReadOutcome; visitError?: { code: string } },
): Promise<{ stored: { hit: Hit; isNew: boolean } | null; finished: ScanRun | null }> {
  const { run, candidate, outcome } = args;
  const snippets = await deps.uncheckedPages.snippetsForCandidate(candidate.id);
  const finalUrl = outcome.kind === 'read' ? outcome.visit.finalUrl : candidate.url;
  const seen = matchSnippets(snippets, args.profile, finalUrl, outcome.kind === 'read' ? 'not_on_page' : outcome.reason);
  let stored: { hit: Hit; isNew: boolean } | null = null;

  if (outcome.kind === 'unreadable') {
    const plan = planRetry({ retriesDone: 0, reason: outcome.reason, lastPath: 'browser', now: deps.clock.now(), random: deps.random });
    const row = await deps.uncheckedPages.record({
      personId: run.personId, url: candidate.url, normalizedUrl: candidate.normalizedUrl, host: hostOf(candidate.url),
      reason: outcome.reason, httpStatus: outcome.httpStatus, path: 'browser', scanRunId: run.id, nextRetryAt: plan?.at ?? null,
    });
    await enqueueRetry(deps, row);
  } else {
    await deps.uncheckedPages.resolveChecked(run.personId, candidate.normalizedUrl, 'browser');
  }

  if (seen) {
    const existing = await deps.hits.findByUrl(run.personId, candidate.normalizedUrl);
    if (existing && existing.source === 'page') {
      await deps.uncheckedPages.addHitSnippets(existing.id, run.id, seen.evidence);
    } else {
      stored = await deps.hits.upsert({
        personId: run.personId,
        url: candidate.url,
        normalizedUrl: candidate.normalizedUrl,
        finalUrl: outcome.kind === 'read' ? outcome.visit.finalUrl : null,
        host: hostOf(finalUrl) || hostOf(candidate.url),
        title: candidate.title,
        pageLanguage: outcome.kind === 'read' ? outcome.visit.lang || null : null,
        severity: seen.classification.severity,
        categories: seen.classification.categories,
        linkage: seen.classification.linkage,
        reasons: seen.classification.reasons,
        scanRunId: run.id,
        source: 'snippet',
        matches: seen.textMatches.map((m) => ({ kind: m.kind, value: m.value, found: m.found, reason: m.reason })),
      });
      await deps.uncheckedPages.addHitSnippets(stored.hit.id, run.id, seen.evidence);
    }
  }

  const hit = stored ? (stored.isNew ? 'new' : 'seen') : undefined;
  const end = args.visitError
    ? { status: 'failed' as const, skipReason: args.visitError.code }
    : outcome.kind === 'unreadable' ? { status: 'unchecked' as const, skipReason: outcome.reason } : { status: 'visited' as const };
  const finished = await deps.scans.settleCandidate({ candidateId: candidate.id, runId: run.id, ...end, hit });
  return { stored, finished };
}

/** Runs the after-hit hook (alerts, takedown case); its failures are logged and never undo the stored hit. */
export async function afterStoredHit(deps: Pick<ScanPipelineDeps, 'hooks' | 'logger'>, args: { stored: { hit: Hit; isNew: boolean } | null; visit: VisitedPage | null; run: ScanRun }): Promise<void> {
  if (!args.stored) return;
  try {
    await deps.hooks?.onHit?.({ hit: args.stored.hit, isNew: args.stored.isNew, visit: args.visit, run: args.run });
  } catch (error) {
    deps.logger.error({ hitId: args.stored.hit.id, err: { message: (error as Error).message } }, 'after-hit step failed');
  }
}
