import { transaction } from '../../db/transaction.ts';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import { isAppError } from '../../shared/errors.ts';
import { createUrlGuard, type UrlGuard } from '../../shared/ssrf-guard.ts';
import type { EgressGateway } from '../../egress/egress-gateway.ts';
import { hostOf, isUnderOwnUrl, tryNormalizeUrl } from '../../shared/url.models.ts';
import type { BrowserPool } from '../../browser/browser-pool.ts';
import type { CDPSession, Page } from 'playwright';
import { visitPage, type LoadedPageTools, type VisitedPage } from '../../browser/page-visit.ts';
import { timed, type VisitTimingSink } from '../../browser/visit-timing.ts';
import type { IsolatedEvaluate } from '../../browser/isolated-world.ts';
import { fastPngScreenshot } from '../../browser/page-screenshot.ts';
import type { JobsRepository } from '../jobs/jobs.repository.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import { loadProfile } from '../profiles/profiles.usecases.ts';
import type { NormalisedProfile } from '../profiles/profile-file.models.ts';
import type { HitsRepository, Hit } from '../hits/hits.repository.ts';
import { KIND_LABEL, matchText, type TextMatch } from '../matching/text-match.models.ts';
import { classifyPage } from '../matching/classify.models.ts';
import { rightToLeftOverrideReadings } from '../matching/text-normalise.models.ts';
import type { PdfText } from '../documents/pdf-text.ts';
import type { FetchedDocument } from '../documents/document-fetch.ts';
import { readDocumentInto } from '../documents/document-visit.ts';
import { getEngine } from '../../providers/engine-registry.ts';
import { parseEngineInstance, simulatedWebStatusKey } from './engine-selection.models.ts';
import { planQueries, type Source } from './query-plan.models.ts';
import type { ScansRepository, ScanRun } from './scans.repository.ts';
import type { EngineStatusRepository } from './engine-status.repository.ts';
import type { UncheckedPagesRepository } from './unchecked-pages.repository.ts';
import { afterStoredHit, readOutcome, settleWithoutPageMatch, type PageReadOutcome } from './unchecked-pages.usecases.ts';
import type { SearchRuntime } from './search-runtime.ts';
import { laterRefusal } from './search-pages.repository.ts';
import { personSearchRegion } from './search-region.models.ts';
import type { MatchRegion } from '../evidence/match-box.models.ts';
import { englishReason } from '../matching/hit-reasons.models.ts';
import { englishMatchReason, surenessOf } from '../matching/match-reasons.models.ts';

export interface PhotoMatch {
  kind: 'photo';
  imageUrl: string;
  photo: string;
  photoId: string;
  distance: number;
  quality: number;
  /** Found inside a larger picture: where, in that picture's pixels (a page image, or the page's screenshot). */
  region?: PhotoMatchRegion;
}

/** Where a photo was found inside a larger picture; defined once beside the geometry that draws it. */
export type PhotoMatchRegion = MatchRegion;

/** A page image that could not be compared: reported as such, never counted as "not your photo". */
export interface UnusableImage {
  imageUrl: string;
  reason: 'low_quality' | 'not_an_image' | 'too_large' | 'unreachable';
}

/** A page image as fetched for matching, kept for the evidence of a page it matched on (fetched once). */
export interface FetchedImage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface PhotoMatcher {
  match(args: {
    personId: string;
    imageUrls: string[];
    guard: ReturnType<typeof createUrlGuard>;
    signal?: AbortSignal;
    /** The rendered page as one picture (its top `maxHeight` px), searched for photos that are not image files of their own. */
    screenshot?: (limits: { maxHeight: number }) => Promise<{ bytes: Uint8Array; url: string; pageHeight: number } | null>;
  }): Promise<{ matches: PhotoMatch[]; unusable: UnusableImage[]; screenshotSearch?: ScreenshotSearchNote; fetchedImages?: ReadonlyMap<string, FetchedImage> }>;
}

/**
 * How much of the page's screenshot was searched for photos, kept with the evidence: a page searched only
 * down to a height, or not at all (turned off, every photo already found, the screenshot failed), is never
 * "no photo found" below that point.
 */
export type ScreenshotSearchNote =
  | { status: 'searched'; searchedHeight: number; pageHeight: number; cut: boolean }
  | { status: 'off' }
  | { status: 'skipped'; reason: 'all_photos_found' }
  | { status: 'failed' };

export interface ScanHooks {
  /**
   * Called while a page that matched is still open in the browser (evidence capture). May return a step
   * that is run with the new hit's id inside the transaction that stores the hit: database writes only.
   */
  captureMatchedPage?: (args: {
    page: Page; visit: VisitedPage; run: ScanRun; normalizedUrl: string; photoMatches: PhotoMatch[]; guard: UrlGuard; photoSearch?: ScreenshotSearchNote;
    /** The page's one DevTools session (page-visit.ts). */
    devtools?: () => Promise<CDPSession>;
    /** The isolated world the visit read the page in (page-visit.ts), reused for the evidence's banner. */
    isolated?: IsolatedEvaluate;
    /** The matched images as the photo matcher fetched them, kept as evidence instead of being fetched again. */
    fetchedImages?: ReadonlyMap<string, FetchedImage>;
  }) => Promise<((hitId: string) => Promise<void>) | null>;
  /**
   * Evidence for a document that matched (a PDF): its bytes as served, kept as they are, with what the visit
   * recorded. Like `captureMatchedPage`, returns the step that writes the capture with the hit.
   */
  captureMatchedDocument?: (args: { visit: VisitedPage; document: FetchedDocument; run: ScanRun; normalizedUrl: string; read: PdfText }) => Promise<((hitId: string) => Promise<void>) | null>;
  /**
   * Inside the transaction that stores a hit: the rows that must exist with it (its alert, the job that
   * opens its takedown case). Database writes only (the transaction holds the database while they run):
   * a crash leaves all of them or none.
   */
  recordWithHit?: (args: { hit: Hit; isNew: boolean }) => Promise<void>;
  /** After a hit is stored (alerts, evidence bookkeeping); failures here never undo the hit. */
  onHit?: (args: { hit: Hit; isNew: boolean; visit: VisitedPage | null; run: ScanRun }) => Promise<void> | void;
  onScanFinished?: (run: ScanRun) => Promise<void> | void;
}

export interface ScanPipelineDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  jobs: JobsRepository;
  scans: ScansRepository;
  hits: HitsRepository;
  profiles: ProfilesRepository;
  engineStatus: EngineStatusRepository;
  /** Pages that could not be checked, their retries, and what the engines showed for each page. */
  uncheckedPages: UncheckedPagesRepository;
  random: () => number;
  searchRuntime: SearchRuntime;
  browserPool: BrowserPool;
  /** Every byte fetched for a page, its images or an engine leaves through this gateway. */
  egress: EgressGateway;
  sources: readonly Source[];
  photoMatcher?: PhotoMatcher;
  /** Reads the text of a PDF a candidate address served (pdf-text.ts: in a thread of its own, bounded). */
  readPdf: (bytes: Uint8Array) => Promise<PdfText>;
  /** The person's photos allowed for reverse-image search on an engine, with their kept originals. */
  reverseImage?: {
    consentedPhotos(personId: string, engine: string): Promise<{ id: string; originalRef: string | null }[]>;
    loadOriginal(ref: string): Promise<{ bytes: Uint8Array; mime: string }>;
  };
  hooks?: ScanHooks;
  /** Plans the run's lookups of the person's handles on other sites (impersonation watch); the run waits for them. */
  impersonation?: { plan(run: ScanRun, profile: NormalisedProfile): Promise<void> };
  settings: { queryCap: number; maxPageBytes: number; navigationTimeoutMs: number; allowPrivateHosts: string[]; maxCandidatesPerScan: number };
  /** Receives each page visit's phases (the pipeline bench); the service leaves it out. */
  timing?: VisitTimingSink;
}

export const guardForRun = (deps: Pick<ScanPipelineDeps, 'settings' | 'egress'>, run: Pick<ScanRun, 'allowHosts'>) =>
  createUrlGuard({ allowHosts: [...deps.settings.allowPrivateHosts, ...run.allowHosts], egress: deps.egress });

async function enqueueVisits(deps: ScanPipelineDeps, runId: string, candidateIds: number[]): Promise<void> {
  for (const candidateId of candidateIds) {
    await deps.jobs.enqueue({ kind: 'page.visit', payload: { scanRunId: runId, candidateId }, idempotencyKey: `page.visit:${runId}:${candidateId}` });
  }
}

/**
 * Plans and runs every search of one scan. Safe to run again after a crash: searches that already have an
 * outcome are skipped, so a resumed scan continues where it stopped and never doubles a query.
 */
export async function runScanSearches(deps: ScanPipelineDeps, runId: string, signal?: AbortSignal): Promise<ScanRun | null> {
  const run = await deps.scans.getRun(runId);
  if (!run || run.finishedAt) return run;
  const profile = await loadProfile(deps.profiles, run.personId);
  const plan = planQueries(profile, { sources: deps.sources, cap: deps.settings.queryCap, rotationCursor: run.rotationCursor });
  if (run.status === 'queued') await deps.profiles.setQueryCursor(run.personId, plan.nextCursor);
  const person = await deps.profiles.getPerson(run.personId);
  // Every engine is asked in the person's language and for their country, in its own parameters.
  const region = personSearchRegion({ language: person?.language, phones: profile.phones, addresses: profile.addresses, defaultCountry: person?.defaultCountry });
  const asked = (endpoint: string | undefined) => ({ endpoint, signal, allowHosts: run.allowHosts, language: region.language, country: region.country });
  // Outcomes and block status are kept per engine instance (`searxng#2`), so one instance's refusal is its own;
  // the demo person's engines are the simulated web's, whose status is kept apart from the real engines'.
  const statusKey = (engineKey: string) => (person?.isDemo ? simulatedWebStatusKey(engineKey) : engineKey);
  const engines = run.engines.map((flag) => {
    const { key, id, endpoint } = parseEngineInstance(flag);
    return { key, definition: getEngine(id), endpoint };
  });
  // A search is one query on a web engine, or one consented photo on a reverse-image engine.
  const searches = await Promise.all(engines.map(async ({ key, definition, endpoint }) => ({
    key,
    definition,
    endpoint,
    items:
      definition.kind === 'web'
        ? plan.queries.map((q) => ({ key: q.text, kind: q.identifierKind as string, run: () => deps.searchRuntime.search(definition, q.text, asked(endpoint)) }))
        : ((await deps.reverseImage?.consentedPhotos(run.personId, definition.id)) ?? []).map((photo) => ({
            key: `photo:${photo.id}`,
            kind: 'photo',
            run: async () => deps.searchRuntime.searchImage(definition, await deps.reverseImage!.loadOriginal(photo.originalRef!), asked(endpoint)),
          })),
  })));
  await deps.scans.markRunning(runId, searches.reduce((n, s) => n + s.items.length, 0));
  await deps.impersonation?.plan(run, profile);
  const ownUrls = profile.ownUrls.map((u) => u.original);

  await Promise.all(
    searches.map(async ({ key: engineKey, items }) => {
      for (const item of items) {
        signal?.throwIfAborted();
        if (await deps.scans.hasOutcome(runId, engineKey, item.key)) continue;
        const suspended = await deps.engineStatus.suspendedUntil(statusKey(engineKey));
        if (suspended) {
          const status = await deps.engineStatus.get(statusKey(engineKey));
          await deps.scans.recordSearch({ runId, personId: run.personId, engine: engineKey, query: item.key, queryKind: item.kind, outcome: 'skipped', signal: status?.lastSignal ?? null, durationMs: 0, results: [] });
          continue;
        }
        const attempt = await item.run();
        // A search cut short by this job's own end (the worker shutting down, the job's time running out) says
        // nothing about the engine: recorded, it would mark the engine as failing and, as this query's outcome,
        // keep the resumed scan from ever asking it. It is asked again when the scan resumes.
        signal?.throwIfAborted();
        await deps.engineStatus.record(statusKey(engineKey), attempt.outcome, attempt.signal);
        const current = (await deps.scans.getRun(runId))!;
        const room = Math.max(0, deps.settings.maxCandidatesPerScan - current.candidatesFound);
        const results = attempt.results
          .map((r) => ({ ...r, normalizedUrl: tryNormalizeUrl(r.url) }))
          .filter((r): r is typeof r & { normalizedUrl: string } => r.normalizedUrl !== null && !isUnderOwnUrl(r.url, ownUrls))
          .slice(0, room);
        const created = await transaction(deps.db, async () => {
          const ids = await deps.scans.recordSearch({
            runId, personId: run.personId, engine: engineKey, query: item.key, queryKind: item.kind,
            outcome: attempt.outcome, signal: attempt.outcome === 'ok' ? null : (attempt.signal ?? null), durationMs: attempt.durationMs, results,
          });
          await deps.scans.recordPageOutcomes({ runId, engine: engineKey, query: item.key, pages: attempt.pages });
          return ids;
        });
        if (attempt.outcome !== 'ok') deps.logger.warn({ engine: engineKey, outcome: attempt.outcome, signal: attempt.signal }, 'search did not succeed');
        // Page 1's results stand, but an engine that refused page 2 is refusing: it is paused like any other refusal.
        const refused = laterRefusal(attempt.pages);
        if (refused) {
          await deps.engineStatus.record(statusKey(engineKey), refused.outcome, refused.signal);
          deps.logger.warn({ engine: engineKey, page: refused.page, outcome: refused.outcome, signal: refused.signal }, 'a later result page was refused');
        }
        await enqueueVisits(deps, runId, created);
      }
    }),
  );
  // Covers candidates recorded just before a crash whose visit was never enqueued (keys make this idempotent).
  await enqueueVisits(deps, runId, await deps.scans.pendingCandidateIds(runId));
  await deps.scans.markSearchesFinished(runId);
  return finishScanIfComplete(deps, runId);
}

export async function finishScanIfComplete(deps: ScanPipelineDeps, runId: string): Promise<ScanRun | null> {
  const finished = await deps.scans.finishIfComplete(runId);
  await announceFinished(deps, finished);
  return finished ?? await deps.scans.getRun(runId);
}

/** Says that a run finished (after the transaction that finished it has committed). */
export async function announceFinished(deps: ScanPipelineDeps, finished: ScanRun | null): Promise<void> {
  if (!finished) return;
  deps.logger.info({ scanRunId: finished.id, status: finished.status, hitsNew: finished.hitsNew }, 'scan finished');
  await deps.hooks?.onScanFinished?.(finished);
}

/** A frame of another site that shows something of the person, and what. */
export interface FrameShowingMatch {
  url: string;
  host: string;
  shows: string[];
}

/**
 * Which frames of other sites show what matched: the page embeds them, but the site each comes from holds
 * that content and is the one that can remove it at the source. Each frame's text is matched on its own, and
 * a frame shows a matched photo when the photo's image is one of the frame's.
 */
function framesShowingMatches(visit: VisitedPage, profile: NormalisedProfile, photoMatches: readonly PhotoMatch[]): FrameShowingMatch[] {
  const found: FrameShowingMatch[] = [];
  const ownUrls = profile.ownUrls.map((u) => u.original);
  for (const frame of visit.otherSiteFrameContent ?? []) {
    const host = hostOf(frame.url);
    // The person's own site shown in a frame is theirs to show: not a source to take anything down from.
    if (!host || !/^https?:/i.test(frame.url) || isUnderOwnUrl(frame.url, ownUrls)) continue;
    const kinds = new Set<string>(matchText(frame.text, profile).map((m) => KIND_LABEL[m.kind].toLowerCase()));
    if (photoMatches.some((m) => frame.imageUrls.includes(m.imageUrl))) kinds.add('photo');
    if (kinds.size > 0) found.push({ url: frame.url, host, shows: [...kinds] });
  }
  return found;
}

/** The frames' addresses as pages to check (web addresses, never the person's own: framesShowingMatches). */
function embeddedPages(frames: readonly FrameShowingMatch[]): { url: string; normalizedUrl: string }[] {
  return frames
    .map((frame) => ({ url: frame.url, normalizedUrl: tryNormalizeUrl(frame.url) }))
    .filter((page): page is { url: string; normalizedUrl: string } => page.normalizedUrl !== null);
}

/** One line per host; the host only, since a hit's reasons are kept unsealed like its host (the frames' addresses are in the evidence). */
function frameReasons(frames: readonly FrameShowingMatch[]): string[] {
  const byHost = new Map<string, Set<string>>();
  for (const frame of frames) byHost.set(frame.host, new Set([...(byHost.get(frame.host) ?? []), ...frame.shows]));
  return [...byHost].map(([host, shows]) => englishReason({ kind: 'frame', host, shows: [...shows] }));
}

export interface PageAnalysis {
  textMatches: TextMatch[];
  photoMatches: PhotoMatch[];
  classification: ReturnType<typeof classifyPage>;
  /** Frames of other sites that show what matched: each is checked as a page of its own in the same scan. */
  framesShowingMatches: FrameShowingMatch[];
}

/** Matching and classification of one rendered page; shared by scans and `match-page`. */
export async function analysePage(args: { visit: VisitedPage; profile: NormalisedProfile; photoMatches: PhotoMatch[]; unusableImages?: UnusableImage[] }): Promise<PageAnalysis> {
  // What right-to-left overrides show reversed is matched as shown, after the page's own text.
  const pageText = [args.visit.title, args.visit.text, args.visit.attributeText, ...rightToLeftOverrideReadings(args.visit.text)].filter(Boolean).join('\n');
  const textMatches = matchText(pageText, args.profile);
  const classification = classifyPage({ textMatches, photoMatches: args.photoMatches, pageText, url: args.visit.finalUrl, pageLanguage: args.visit.lang || undefined });
  const matched = textMatches.length > 0 || args.photoMatches.length > 0;
  const frames = matched ? framesShowingMatches(args.visit, args.profile, args.photoMatches) : [];
  classification.reasons.push(...frameReasons(frames));
  const unusable = args.unusableImages?.length ?? 0;
  if (unusable > 0 && matched) {
    classification.reasons.push(englishReason({ kind: 'unusableImages', count: unusable }));
  }
  return { textMatches, photoMatches: args.photoMatches, classification, framesShowingMatches: frames };
}

/**
 * The rendered page as a PNG (without the evidence banner, which is added later), its top `maxHeight` px
 * (PHOTO_SCREENSHOT_MAX_HEIGHT: taller pages are searched from the top), with the page's full height so the
 * part left out is recorded; null when it fails.
 */
async function pageScreenshot(page: Page, tools: LoadedPageTools, url: string, maxHeight: number): Promise<{ bytes: Uint8Array; url: string; pageHeight: number } | null> {
  const { devtools, isolated } = tools;
  try {
    const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
    // Read where the page's scripts cannot redefine it: a page that claimed a short height would keep its lower part out of the search.
    const height = await isolated('document.documentElement.scrollHeight').catch(() => viewport.height);
    const pageHeight = Math.max(1, Number.isFinite(height) ? Number(height) : viewport.height);
    const clipHeight = Math.max(1, Math.min(pageHeight, maxHeight));
    const bytes = await fastPngScreenshot(await devtools(), { width: viewport.width, height: clipHeight }, viewport, 15_000);
    return { bytes, url, pageHeight };
  } catch {
    return null;
  }
}

/** Which photo, how close (distance in bits of 256) and, inside a larger picture, where. */
export function photoReason(m: PhotoMatch): string {
  if (!m.region) return englishMatchReason({ kind: 'photo', photo: m.photo, distance: m.distance });
  const { source, left, top, width, height, imageWidth, imageHeight } = m.region;
  return englishMatchReason({ kind: 'photoRegion', photo: m.photo, distance: m.distance, sure: surenessOf(m.distance), region: { source, left, top, width, height, imageWidth, imageHeight } });
}

/**
 * A visit that found a document (a PDF) instead of a page: its text read into the visit (document-visit.ts),
 * matched as a page's text is, and when it matched and the run is known, the evidence step that keeps the file.
 * A PDF that cannot be read throws, and the page is "could not check". Shared by the scan and the retries.
 */
export async function matchDocument(
  deps: Pick<ScanPipelineDeps, 'readPdf' | 'hooks' | 'settings' | 'timing'>,
  args: { visit: VisitedPage; profile: NormalisedProfile; guard: UrlGuard; run: ScanRun | null; normalizedUrl: string; signal?: AbortSignal },
): Promise<{ analysis: PageAnalysis; recordEvidence: ((hitId: string) => Promise<void>) | null }> {
  const { visit, run } = args;
  const { document, read } = await timed(deps.timing, 'extraction', () => readDocumentInto(visit, deps, { guard: args.guard, maxBytes: deps.settings.maxPageBytes, signal: args.signal }));
  const analysis = await timed(deps.timing, 'matching', () => analysePage({ visit, profile: args.profile, photoMatches: [] }));
  const captureDocument = deps.hooks?.captureMatchedDocument;
  if (analysis.textMatches.length === 0 || !run || !captureDocument) return { analysis, recordEvidence: null };
  const recordEvidence = await timed(deps.timing, 'evidence', () => captureDocument({ visit, document, run, normalizedUrl: args.normalizedUrl, read }));
  return { analysis, recordEvidence };
}

// Settled on the first try: a refused address or an oversized page will not change, and a page that hung
// until the timeout is more usefully tried again later on the other path (the retry job) than at once.
const permanentVisitErrors = new Set(['fetch.url_refused', 'fetch.too_large', 'fetch.timeout', 'document.unreadable']);

/**
 * Visits one candidate page, and if it exposes the person stores the hit, its matches, the candidate's
 * end and the run's counters in the transaction that completes the job.
 */
export async function visitCandidate(
  deps: ScanPipelineDeps,
  args: { scanRunId: string; candidateId: number; attempt: number; maxAttempts: number; signal?: AbortSignal; complete: (effects: () => Promise<void>) => Promise<void> },
): Promise<void> {
  const run = await deps.scans.getRun(args.scanRunId);
  const candidate = await deps.scans.getCandidate(args.candidateId);
  if (!run || !candidate || candidate.status !== 'pending') return;
  const profile = await loadProfile(deps.profiles, run.personId);
  const ownUrls = profile.ownUrls.map((u) => u.original);
  const sink = deps.timing;
  // Settling the run's last page ends the run in the job's transaction; it is announced after the commit.
  let finished: ScanRun | null = null;
  // A page that ends without a hit: settle the candidate with the job.
  const settle = async (status: 'visited' | 'skipped' | 'failed', skipReason?: string) => {
    await timed(sink, 'commit', () => args.complete(async () => {
      finished = await deps.scans.settleCandidate({ candidateId: candidate.id, runId: run.id, status, skipReason });
    }));
    await timed(sink, 'after', () => announceFinished(deps, finished));
  };
  // Nothing matched on the page itself: a page that could not be read is recorded as such (never as "no
  // match") and retried later, and what the engines showed for it is matched instead.
  const settleUnread = async (outcome: PageReadOutcome, visitError?: { code: string }) => {
    let stored: { hit: Hit; isNew: boolean } | null = null;
    await timed(sink, 'commit', () =>
      args.complete(async () => {
        ({ stored, finished } = await settleWithoutPageMatch(deps, { run, candidate, profile, outcome, visitError }));
        if (stored) await deps.hooks?.recordWithHit?.(stored);
      }),
    );
    await timed(sink, 'after', async () => {
      await afterStoredHit(deps, { stored, visit: outcome.kind === 'read' ? outcome.visit : null, run });
      await announceFinished(deps, finished);
    });
  };

  if (isUnderOwnUrl(candidate.url, ownUrls)) {
    return settle('skipped', 'own_url');
  }
  const guard = guardForRun(deps, run);
  // Matching happens while the page is still open, so that evidence of a matching page can be taken
  // from the very rendering that matched.
  let analysis: PageAnalysis | null = null;
  let recordEvidence: ((hitId: string) => Promise<void>) | null = null;
  let ownPage = false;
  let visit: VisitedPage;
  try {
    visit = await visitPage(deps.browserPool, guard, candidate.url, { navigationTimeoutMs: deps.settings.navigationTimeoutMs, maxPageBytes: deps.settings.maxPageBytes, signal: args.signal, timing: sink }, {
      async onLoaded(page, loaded, tools) {
        if (isUnderOwnUrl(loaded.finalUrl, ownUrls)) {
          ownPage = true;
          return;
        }
        if (loaded.document) {
          ({ analysis, recordEvidence } = await matchDocument(deps, { visit: loaded, profile, guard, run, normalizedUrl: candidate.normalizedUrl, signal: args.signal }));
          return;
        }
        const screenshot = ({ maxHeight }: { maxHeight: number }) => pageScreenshot(page, tools, loaded.finalUrl, maxHeight);
        const photos = deps.photoMatcher
          ? await timed(sink, 'photos', () => deps.photoMatcher!.match({ personId: run.personId, imageUrls: loaded.imageUrls, guard, signal: args.signal, screenshot }))
          : { matches: [], unusable: [] };
        analysis = await timed(sink, 'matching', () => analysePage({ visit: loaded, profile, photoMatches: photos.matches, unusableImages: photos.unusable }));
        const capture = deps.hooks?.captureMatchedPage;
        if ((analysis.textMatches.length > 0 || photos.matches.length > 0) && capture) {
          recordEvidence = await timed(sink, 'evidence', () => capture({ page, visit: loaded, run, normalizedUrl: candidate.normalizedUrl, photoMatches: photos.matches, guard, photoSearch: photos.screenshotSearch, devtools: tools.devtools, isolated: tools.isolated, fetchedImages: photos.fetchedImages }));
        }
      },
    });
  } catch (error) {
    const code = isAppError(error) ? error.code : 'fetch.failed';
    if (permanentVisitErrors.has(code) || args.attempt >= args.maxAttempts) {
      deps.logger.info({ candidateId: candidate.id, code }, 'candidate page could not be visited');
      return settleUnread(readOutcome({ errorCode: code }), { code });
    }
    throw error;
  }
  if (ownPage) return settle('skipped', 'own_url');
  const result = analysis as PageAnalysis | null;
  if (!result || (result.textMatches.length === 0 && result.photoMatches.length === 0)) return settleUnread(readOutcome({ visit }));
  const photoMatches = result.photoMatches;
  const evidenceStep = recordEvidence as ((hitId: string) => Promise<void>) | null;
  let stored: { hit: Hit; isNew: boolean } | undefined;
  const commitStarted = performance.now();
  await args.complete(async () => {
    stored = await deps.hits.upsert({
      personId: run.personId,
      url: candidate.url,
      normalizedUrl: candidate.normalizedUrl,
      finalUrl: visit.finalUrl,
      host: hostOf(visit.finalUrl) || hostOf(candidate.url),
      title: visit.title || candidate.title,
      pageLanguage: visit.lang || null,
      severity: result.classification.severity,
      categories: result.classification.categories,
      linkage: result.classification.linkage,
      reasons: result.classification.reasons,
      scanRunId: run.id,
      matches: [
        ...result.textMatches.map((m) => ({ kind: m.kind, value: m.value, found: m.found, reason: m.reason })),
        ...photoMatches.map((m) => ({ kind: 'photo' as const, value: m.photo, imageUrl: m.imageUrl, photoId: m.photoId, distance: m.distance, quality: m.quality, region: m.region ?? null, reason: photoReason(m) })),
      ],
    });
    await evidenceStep?.(stored.hit.id);
    await deps.hooks?.recordWithHit?.(stored);
    await deps.uncheckedPages.resolveChecked(run.personId, candidate.normalizedUrl, 'browser');
    // Before this page is settled, so that the run cannot end in between: the frames of other sites that show
    // what matched become pages of this scan, each with its own hit, evidence and takedown to its own site.
    await enqueueVisits(deps, run.id, await deps.scans.addEmbeddedCandidates({
      runId: run.id, personId: run.personId, pages: embeddedPages(result.framesShowingMatches), maxCandidates: deps.settings.maxCandidatesPerScan,
    }));
    finished = await deps.scans.settleCandidate({ candidateId: candidate.id, runId: run.id, status: 'visited', hit: stored.isNew ? 'new' : 'seen' });
  });
  sink?.('commit', performance.now() - commitStarted);
  const afterStarted = performance.now();
  if (stored) {
    try {
      await deps.hooks?.onHit?.({ hit: stored.hit, isNew: stored.isNew, visit, run });
    } catch (error) {
      deps.logger.error({ hitId: stored.hit.id, err: { message: (error as Error).message } }, 'after-hit step failed');
    }
  }
  await announceFinished(deps, finished);
  sink?.('after', performance.now() - afterStarted);
}
