import { isAppError } from '../../shared/errors.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import { hostOf, tryNormalizeUrl } from '../../shared/url.models.ts';
import { visitPage, type VisitedPage } from '../../browser/page-visit.ts';
import type { NormalisedProfile } from '../profiles/profile-file.models.ts';
import type { Hit } from '../hits/hits.repository.ts';
import { announceFinished, guardForRun, type ScanPipelineDeps } from '../scans/scan-pipeline.usecases.ts';
import type { ScanRun } from '../scans/scans.repository.ts';
import { classifyAnswer, impersonationReasons, impersonationSeverity, matchReason, personHandles, planProbes, type ProbeAnswer } from './impersonation.models.ts';
import type { ImpersonationCheck, ImpersonationRepository } from './impersonation.repository.ts';
import { EMPTY_SITE_LIST, type ImpersonationSiteList } from './sites.models.ts';

export interface ImpersonationDeps {
  pipeline: ScanPipelineDeps;
  checks: ImpersonationRepository;
  /** The list of sites a run's lookups use (see createSiteListChooser). */
  sitesFor(args: { run: Pick<ScanRun, 'allowHosts'>; isDemo: boolean }): ImpersonationSiteList;
  /** `enabled: false` (IMPERSONATION_WATCH=off): no lookup is planned, so no handle leaves the machine for the site list. */
  settings: { timeoutMs: number; maxBytes: number; enabled?: boolean };
}

export const impersonationJobKey = (scanRunId: string, checkId: string) => `impersonation.check:${scanRunId}:${checkId}`;

/**
 * Which list a run uses. An explicit list (a test's) wins; the fictional demo person is looked up on the
 * simulated web's imitation platforms; a scan pointed at a local copy of the web (allow-listed private
 * hosts) never sends the person's handles to the real sites; every other scan uses the bundled list.
 */
export function createSiteListChooser(lists: { explicit?: ImpersonationSiteList; demo?: ImpersonationSiteList; bundled: ImpersonationSiteList }): ImpersonationDeps['sitesFor'] {
  return ({ run, isDemo }) => {
    if (lists.explicit) return lists.explicit;
    if (isDemo && lists.demo) return lists.demo;
    if (run.allowHosts.length > 0) return EMPTY_SITE_LIST;
    return lists.bundled;
  };
}

/**
 * Plans the run's handle lookups and enqueues one job per lookup, before the run's searches end so the run
 * waits for them. Safe to call again on a resumed scan: rows and jobs are keyed.
 */
export async function planImpersonationChecks(deps: ImpersonationDeps, run: ScanRun, profile: NormalisedProfile): Promise<number> {
  if (deps.settings.enabled === false) return 0;
  const person = await deps.pipeline.profiles.getPerson(run.personId);
  const list = deps.sitesFor({ run, isDemo: person?.isDemo === true });
  const probes = planProbes(list, personHandles(profile), profile.ownUrls.map((u) => u.original));
  if (probes.length === 0) return 0;
  const pending = await deps.checks.plan({ scanRunId: run.id, personId: run.personId, listVersion: list.version, probes });
  for (const checkId of pending) {
    await deps.pipeline.jobs.enqueue({ kind: 'impersonation.check', payload: { scanRunId: run.id, checkId }, idempotencyKey: impersonationJobKey(run.id, checkId) });
  }
  return pending.length;
}

const FETCH_REASONS: Record<string, string> = { 'fetch.timeout': 'timeout', 'fetch.url_refused': 'refused', 'fetch.too_large': 'too_large' };

export interface CheckJobArgs {
  checkId: string;
  attempt: number;
  maxAttempts: number;
  signal?: AbortSignal;
  complete: (effects: () => Promise<void>) => Promise<void>;
}

/**
 * One lookup: asks the profile address through the egress gateway, reads the answer against the site's
 * signals and, when the profile is there under the person's own handle, takes its evidence in Chromium and
 * stores it as an exposure whose takedown goes to the platform's impersonation report channel.
 */
export async function runImpersonationCheck(deps: ImpersonationDeps, args: CheckJobArgs): Promise<void> {
  const check = await deps.checks.get(args.checkId);
  if (!check || check.status !== 'pending') return;
  const run = await deps.pipeline.scans.getRun(check.scanRunId);
  if (!run) return;
  const log = deps.pipeline.logger;
  // Settling the run's last open part ends the run in the job's transaction; it is announced after the commit.
  let finished: ScanRun | null = null;
  const settleAs = async (status: 'absent' | 'unknown' | 'lookalike', reason: string, httpStatus: number | null) => {
    await args.complete(async () => {
      finished = await deps.checks.settle({ id: check.id, status, reason, httpStatus });
    });
    // Only the site and a reason code: the handle and the address stay out of the logs.
    if (status === 'unknown') log.info({ siteId: check.siteId, reason }, 'impersonation lookup could not tell');
    await announceFinished(deps.pipeline, finished);
  };
  const person = await deps.pipeline.profiles.getPerson(run.personId);
  const site = deps.sitesFor({ run, isDemo: person?.isDemo === true }).sites.find((s) => s.id === check.siteId);
  if (!site) return settleAs('unknown', 'site_not_listed', null);

  const guard = guardForRun(deps.pipeline, run);
  let answer: ProbeAnswer;
  try {
    const response = await safeFetch(guard, {
      url: check.url,
      timeoutMs: site.timeoutMs ?? deps.settings.timeoutMs,
      maxBytes: deps.settings.maxBytes,
      maxRedirects: 5,
      signal: args.signal,
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', 'accept-language': 'en;q=0.9' },
    });
    answer = { status: response.status, body: new TextDecoder('utf-8', { fatal: false }).decode(response.body), finalUrl: response.finalUrl };
  } catch (error) {
    const code = isAppError(error) ? error.code : 'fetch.failed';
    return settleAs('unknown', FETCH_REASONS[code] ?? 'failed', null);
  }
  const verdict = classifyAnswer(site, answer, check.handle);
  if (verdict.outcome !== 'present') return settleAs(verdict.outcome, verdict.reason, answer.status);

  const evidence = await captureProfile(deps, { run, check, url: answer.finalUrl, guard, args });
  let stored: { hit: Hit; isNew: boolean } | undefined;
  await args.complete(async () => {
    stored = await deps.pipeline.hits.upsert({
      personId: run.personId,
      url: check.url,
      normalizedUrl: tryNormalizeUrl(check.url) ?? check.url,
      finalUrl: answer.finalUrl,
      host: hostOf(answer.finalUrl) || hostOf(check.url),
      title: evidence.visit?.title || `${site.name}: ${verdict.shownHandle}`,
      pageLanguage: evidence.visit?.lang || null,
      severity: impersonationSeverity(site),
      categories: ['impersonation'],
      linkage: false,
      reasons: impersonationReasons(site, check.source),
      scanRunId: run.id,
      matches: [{ kind: 'impersonation', value: check.identifier, found: verdict.shownHandle, reason: matchReason(site, check) }],
    });
    await evidence.step?.(stored.hit.id);
    await deps.pipeline.hooks?.recordWithHit?.(stored);
    finished = await deps.checks.settle({ id: check.id, status: 'present', reason: verdict.reason, httpStatus: answer.status, hit: { id: stored.hit.id, isNew: stored.isNew } });
  });
  if (stored) {
    try {
      await deps.pipeline.hooks?.onHit?.({ hit: stored.hit, isNew: stored.isNew, visit: evidence.visit, run });
    } catch (error) {
      log.error({ hitId: stored.hit.id, err: { message: (error as Error).message } }, 'after-hit step failed');
    }
  }
  await announceFinished(deps.pipeline, finished);
}

/**
 * The profile as the person would see it, stamped and hashed like any other exposure's evidence. A profile
 * the browser cannot open is tried again on the job's next attempt; on the last one it is stored without
 * evidence (the lookup showed it is there) and the re-checks take it later.
 */
async function captureProfile(
  deps: ImpersonationDeps,
  a: { run: ScanRun; check: ImpersonationCheck; url: string; guard: ReturnType<typeof guardForRun>; args: CheckJobArgs },
): Promise<{ visit: VisitedPage | null; step: ((hitId: string) => Promise<void>) | null }> {
  const capture = deps.pipeline.hooks?.captureMatchedPage;
  if (!capture) return { visit: null, step: null };
  let step: ((hitId: string) => Promise<void>) | null = null;
  try {
    const visit = await visitPage(deps.pipeline.browserPool, a.guard, a.url, { navigationTimeoutMs: deps.pipeline.settings.navigationTimeoutMs, maxPageBytes: deps.pipeline.settings.maxPageBytes, signal: a.args.signal }, {
      async onLoaded(page, loaded) {
        step = await capture({ page, visit: loaded, run: a.run, normalizedUrl: tryNormalizeUrl(a.check.url) ?? a.check.url, photoMatches: [], guard: a.guard });
      },
    });
    return { visit, step };
  } catch (error) {
    if (a.args.attempt < a.args.maxAttempts) throw error;
    deps.pipeline.logger.warn({ siteId: a.check.siteId, code: isAppError(error) ? error.code : 'failed' }, 'impersonating profile stored without evidence');
    return { visit: null, step: null };
  }
}

/** The lookups of one run for the scan report: which sites had the person's handle, and which could not tell. */
export async function describeImpersonationChecks(deps: Pick<ImpersonationDeps, 'checks'>, scanRunId: string) {
  return (await deps.checks.listOfRun(scanRunId)).map((c) => ({ site: c.siteId, url: c.url, handle: c.handle, status: c.status, reason: c.reason, hitId: c.hitId }));
}

/**
 * A lookup job that died (its attempts ran out, or workers kept dying under it) leaves its lookup as unknown,
 * inside the transaction that buries the job, and finishes the scan when it was the last thing open: without
 * it the scan would wait for the lookup forever.
 */
export async function settleDeadCheck(deps: ImpersonationDeps, job: { id: number; payload: { checkId: string; scanRunId: string } }): Promise<void> {
  const check = await deps.checks.get(job.payload.checkId);
  if (!check || check.status !== 'pending') return;
  const finished = await deps.checks.settle({ id: check.id, status: 'unknown', reason: 'job_died', httpStatus: null });
  deps.pipeline.logger.warn({ jobId: job.id, siteId: check.siteId }, 'impersonation lookup job died; the lookup is noted as unknown');
  if (finished) deps.pipeline.logger.info({ scanRunId: finished.id, status: finished.status, hitsNew: finished.hitsNew }, 'scan finished');
}
