import { transaction } from '../../db/transaction.ts';
import type { PdfText } from '../documents/pdf-text.ts';
import { readDocumentInto } from '../documents/document-visit.ts';
import { captureDocument } from './document-capture.ts';
import type { BrowserPool } from '../../browser/browser-pool.ts';
import { visitPage, type VisitedPage } from '../../browser/page-visit.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import { createId } from '../../shared/ids.ts';
import { isAppError } from '../../shared/errors.ts';
import { createUrlGuard } from '../../shared/ssrf-guard.ts';
import type { EgressGateway } from '../../egress/egress-gateway.ts';
import { nextCronOccurrence } from '../../shared/cron.models.ts';
import type { JobsRepository } from '../jobs/jobs.repository.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import { loadProfile } from '../profiles/profiles.usecases.ts';
import { analysePage, type PhotoMatcher } from '../scans/scan-pipeline.usecases.ts';
import { captureEvidence, type CaptureEvidenceResult } from './capture.ts';
import { recordCapture } from './captures.repository.ts';
import { decideRecheckOutcome, type RecheckOutcome } from './recheck.models.ts';
import { createEvidenceNotFoundError } from './evidence.errors.ts';
import { createTimestampClient, type TimestampClient } from './timestamp-client.ts';
import type { EvidenceVault } from './vault.ts';
import { openHit } from '../hits/hits.repository.ts';
import { allowHostsOfRun, hitHasPhotoMatch, markHitResolved, storedHitRow } from './evidence-hits.repository.ts';

export interface RecheckDeps {
  vault: EvidenceVault;
  browserPool: BrowserPool;
  egress: EgressGateway;
  profiles: ProfilesRepository;
  photoMatcher?: PhotoMatcher;
  logger: Logger;
  settings: { navigationTimeoutMs: number; maxPageBytes: number; allowPrivateHosts: string[] };
  /** Reads the text of a PDF the address serves (pdf-text.ts), so that a document is re-checked by what it says. */
  readPdf: (bytes: Uint8Array) => Promise<PdfText>;
  /** Overrides the client built from TSA_URL. */
  timestamps?: TimestampClient | null;
}

export const RECHECK_JOB_KIND = 'evidence.recheck';

export interface RecheckResult {
  captureId: string;
  outcome: RecheckOutcome;
  reason: string;
}

export const timestampClientFor = (vault: EvidenceVault, override?: TimestampClient | null): TimestampClient | null =>
  override !== undefined ? override : vault.settings.tsaUrl ? createTimestampClient({ url: vault.settings.tsaUrl }) : null;

/**
 * Visits a hit's page again, matches it against the person's profile, keeps the visit as evidence (a capture
 * with purpose `recheck`) and decides what it proves: only positive proof is `removed`. Writes go through
 * `complete` when given (the job's completing transaction). What the outcome means for a takedown case is the
 * case's business: `onRecorded` runs in the same transaction (the job passes the takedowns' recordRecheck);
 * without it, a removal resolves the hit directly.
 */
export async function recheckHit(
  deps: RecheckDeps,
  args: { hitId: string; actor?: string; signal?: AbortSignal; complete?: (effects: () => Promise<void>) => Promise<void>; onRecorded?: (result: RecheckResult) => Promise<void> },
): Promise<RecheckResult> {
  const { db, clock } = deps.vault;
  const stored = await storedHitRow(db, args.hitId);
  if (!stored) throw createEvidenceNotFoundError();
  const hit = openHit(deps.vault.cipher, stored);
  const person = await deps.profiles.getPerson(hit.personId);
  const profile = await loadProfile(deps.profiles, hit.personId);
  const runHosts = hit.lastScanRunId ? await allowHostsOfRun(db, hit.lastScanRunId) : null;
  const guard = createUrlGuard({ allowHosts: [...deps.settings.allowPrivateHosts, ...(runHosts ?? [])], egress: deps.egress });
  const captureId = createId('cap');
  const capturedAt = clock.now();
  let captured: CaptureEvidenceResult | null = null;
  let matchCount = 0;
  let visit: VisitedPage | null = null;
  let errorCode: string | null = null;

  try {
    visit = await visitPage(deps.browserPool, guard, hit.url, { navigationTimeoutMs: deps.settings.navigationTimeoutMs, maxPageBytes: deps.settings.maxPageBytes, signal: args.signal }, {
      async onLoaded(page, v, { devtools }) {
        // A document (a PDF) shows nothing in the browser: read as the scan read it, and kept as it is now. Read
        // as a page it would look empty, and an empty page that loads counts as removed.
        if (v.document) {
          const { document, read } = await readDocumentInto(v, deps, { guard, maxBytes: deps.settings.maxPageBytes, signal: args.signal });
          matchCount = (await analysePage({ visit: v, profile, photoMatches: [] })).textMatches.length;
          captured = await captureDocument({ visit: v, document, read, captureId, capturedAt, timezone: person?.timezone ?? 'UTC', vault: deps.vault, signal: args.signal, timestamps: timestampClientFor(deps.vault, deps.timestamps) });
          return;
        }
        const photos = deps.photoMatcher ? await deps.photoMatcher.match({ personId: hit.personId, imageUrls: v.imageUrls, guard, signal: args.signal }) : { matches: [], unusable: [] };
        const analysis = await analysePage({ visit: v, profile, photoMatches: photos.matches, unusableImages: photos.unusable });
        matchCount = analysis.textMatches.length + photos.matches.length;
        captured = await captureEvidence({
          page, visit: v, captureId, capturedAt, timezone: person?.timezone ?? 'UTC', vault: deps.vault, signal: args.signal, devtools,
          matchedImages: photos.matches.length > 0 ? { urls: photos.matches.map((m) => m.imageUrl), guard, maxBytes: deps.settings.maxPageBytes, fetched: photos.fetchedImages } : undefined,
          timestamps: timestampClientFor(deps.vault, deps.timestamps),
        });
      },
    });
  } catch (error) {
    // A page that cannot be opened is still a result worth keeping (blocked or failed), never a removal.
    // No browser at all is the scanner's problem, not the page's: the job fails and is retried.
    if (!isAppError(error) || !(error.code.startsWith('fetch.') || error.code === 'document.unreadable' || error.code === 'browser.timeout')) throw error;
    errorCode = error.code;
  }

  // A hit found through a photo cannot be proven gone without the photo matcher.
  const photoHit = await hitHasPhotoMatch(db, hit.id);
  const decision = decideRecheckOutcome({
    errorCode, status: visit?.status ?? null, title: visit?.title ?? '', text: visit?.text ?? '', matchCount, canProveAbsence: !photoHit || Boolean(deps.photoMatcher),
  });
  const result = captured as CaptureEvidenceResult | null;
  const outcome: RecheckResult = { captureId, outcome: decision.outcome, reason: decision.reason };
  const effects = async () => {
    await recordCapture(deps.vault, {
      captureId, hitId: hit.id, purpose: 'recheck', outcome: decision.outcome, requestedUrl: hit.url, visit, artifacts: result?.artifacts ?? {}, capturedAt,
      timestampToken: result?.timestampToken ?? null, actor: args.actor ?? 'recheck', problems: [...(result?.problems ?? []), ...(errorCode ? [errorCode] : [])],
    });
    if (args.onRecorded) await args.onRecorded(outcome);
    else if (decision.outcome === 'removed') await markHitResolved(db, hit.id, clock.now());
  };
  if (args.complete) await args.complete(effects);
  else await transaction(db, effects);
  deps.logger.info({ hitId: hit.id, captureId, outcome: decision.outcome }, 'page re-checked');
  return outcome;
}

export interface DueRecheck {
  caseId: string;
  hitId: string;
  nextRecheckAt: Date | null;
}

/**
 * Scheduler step: enqueues a re-check job for each due case (which cases are due, and when the next one is,
 * is decided by the takedown case), to run at the next time RECHECK_SCHEDULE matches. The idempotency key
 * carries the case's due time, so ticks that repeat (or run after a restart) never double a re-check.
 */
export async function enqueueDueRechecks(deps: { jobs: JobsRepository; clock: Clock; schedule: string }, due: readonly DueRecheck[]): Promise<number> {
  const now = deps.clock.now();
  const runAfter = nextCronOccurrence(deps.schedule, now) ?? now;
  let enqueued = 0;
  for (const c of due) {
    const key = `${RECHECK_JOB_KIND}:${c.caseId}:${c.nextRecheckAt?.getTime() ?? 'now'}`;
    if (await deps.jobs.enqueue({ kind: RECHECK_JOB_KIND, payload: { hitId: c.hitId, caseId: c.caseId }, idempotencyKey: key, runAfter }) !== null) enqueued++;
  }
  return enqueued;
}
