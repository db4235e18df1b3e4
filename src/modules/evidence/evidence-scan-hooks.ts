import type { Logger } from '../../shared/logger.ts';
import { createId } from '../../shared/ids.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { ScanHooks } from '../scans/scan-pipeline.usecases.ts';
import type { ScanRun } from '../scans/scans.repository.ts';
import type { VisitedPage } from '../../browser/page-visit.ts';
import { captureEvidence, type CaptureEvidenceResult } from './capture.ts';
import { captureDocument } from './document-capture.ts';
import { recordCapture } from './captures.repository.ts';
import { openHitHasCapture } from './evidence-hits.repository.ts';
import { timestampClientFor } from './recheck.usecases.ts';
import type { TimestampClient } from './timestamp-client.ts';
import type { EvidenceVault } from './vault.ts';

export interface EvidenceCaptureDeps {
  vault: EvidenceVault;
  profiles: ProfilesRepository;
  logger: Logger;
  maxImageBytes: number;
  timestamps?: TimestampClient | null;
}

/** What a capture is taken with: its id, its time and the person's time zone (for the banner and meta.json). */
interface CaptureStamp {
  captureId: string;
  capturedAt: Date;
  timezone: string;
  timestamps: TimestampClient | null;
}

/**
 * Takes one initial capture for a hit that has none yet (a hit that already has evidence is not captured again
 * on every scan; re-checks do that) and returns the step that writes its row and custody entry inside the
 * transaction that stores the hit. `take` stores the artifacts in the vault, durable before anything references them.
 */
async function captureForHit(
  deps: Omit<EvidenceCaptureDeps, 'maxImageBytes'>,
  target: { run: ScanRun; normalizedUrl: string; visit: VisitedPage },
  take: (stamp: CaptureStamp) => Promise<CaptureEvidenceResult>,
): Promise<((hitId: string) => Promise<void>) | null> {
  const { vault } = deps;
  if (await openHitHasCapture(vault.db, vault.cipher, target.run.personId, target.normalizedUrl)) return null;
  const person = await deps.profiles.getPerson(target.run.personId);
  const captureId = createId('cap');
  const capturedAt = vault.clock.now();
  const result = await take({ captureId, capturedAt, timezone: person?.timezone ?? 'UTC', timestamps: timestampClientFor(vault, deps.timestamps) });
  return async (hitId: string) => {
    await recordCapture(vault, {
      captureId, hitId, purpose: 'initial', outcome: 'captured', requestedUrl: target.visit.requestedUrl, visit: target.visit, artifacts: result.artifacts,
      capturedAt, timestampToken: result.timestampToken, actor: 'scanner', problems: result.problems,
    });
    deps.logger.info({ hitId, captureId, problems: result.problems.length }, 'evidence captured');
  };
}

/**
 * Evidence for a page that matched, taken while it is still open in the browser: the stamped screenshot,
 * HTML, MHTML, headers and the matched images (captureForHit writes it with the hit).
 */
export function createEvidenceCapture(deps: EvidenceCaptureDeps): NonNullable<ScanHooks['captureMatchedPage']> {
  return async ({ page, visit, run, normalizedUrl, photoMatches, guard, photoSearch, devtools, isolated, fetchedImages }) =>
    await captureForHit(deps, { run, normalizedUrl, visit }, async (stamp) => await captureEvidence({
      page, visit, ...stamp, vault: deps.vault,
      // A photo found in the page's own screenshot has no image file to keep: the screenshot is the evidence.
      matchedImages: photoMatches.some((m) => m.region?.source !== 'page') ? { urls: photoMatches.filter((m) => m.region?.source !== 'page').map((m) => m.imageUrl), guard, maxBytes: deps.maxImageBytes, fetched: fetchedImages } : undefined,
      photoSearch,
      devtools,
      isolated,
    }));
}

/** Evidence for a document that matched (a PDF): the file as served, its text and meta.json (document-capture.ts). */
export function createDocumentEvidenceCapture(deps: Omit<EvidenceCaptureDeps, 'maxImageBytes'>): NonNullable<ScanHooks['captureMatchedDocument']> {
  return async ({ visit, document, run, normalizedUrl, read }) =>
    await captureForHit(deps, { run, normalizedUrl, visit }, async (stamp) => await captureDocument({ visit, document, read, ...stamp, vault: deps.vault }));
}
