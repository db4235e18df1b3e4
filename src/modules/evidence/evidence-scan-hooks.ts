import type { Logger } from '../../shared/logger.ts';
import { createId } from '../../shared/ids.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { ScanHooks } from '../scans/scan-pipeline.usecases.ts';
import { captureEvidence } from './capture.ts';
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

/**
 * Evidence for a page that matched, taken while it is still open in the browser: the stamped screenshot,
 * HTML, MHTML, headers and the matched images go to the vault (durable before anything references them),
 * and the returned step writes the capture row and its custody entry inside the transaction that stores
 * the hit. A hit that already has evidence is not captured again on every scan; re-checks do that.
 */
export function createEvidenceCapture(deps: EvidenceCaptureDeps): NonNullable<ScanHooks['captureMatchedPage']> {
  const { db, clock } = deps.vault;
  const alreadyCaptured = async (personId: string, normalizedUrl: string): Promise<boolean> => await openHitHasCapture(db, deps.vault.cipher, personId, normalizedUrl);

  return async ({ page, visit, run, normalizedUrl, photoMatches, guard, photoSearch, devtools, isolated, fetchedImages }) => {
    if (await alreadyCaptured(run.personId, normalizedUrl)) return null;
    const person = await deps.profiles.getPerson(run.personId);
    const captureId = createId('cap');
    const capturedAt = clock.now();
    const result = await captureEvidence({
      page, visit, captureId, capturedAt, timezone: person?.timezone ?? 'UTC', vault: deps.vault,
      // A photo found in the page's own screenshot has no image file to keep: the screenshot is the evidence.
      matchedImages: photoMatches.some((m) => m.region?.source !== 'page') ? { urls: photoMatches.filter((m) => m.region?.source !== 'page').map((m) => m.imageUrl), guard, maxBytes: deps.maxImageBytes, fetched: fetchedImages } : undefined,
      timestamps: timestampClientFor(deps.vault, deps.timestamps),
      photoSearch,
      devtools,
      isolated,
    });
    return async (hitId: string) => {
      await recordCapture(deps.vault, {
        captureId, hitId, purpose: 'initial', outcome: 'captured', requestedUrl: visit.requestedUrl, visit, artifacts: result.artifacts,
        capturedAt, timestampToken: result.timestampToken, actor: 'scanner', problems: result.problems,
      });
      deps.logger.info({ hitId, captureId, problems: result.problems.length }, 'evidence captured');
    };
  };
}

/**
 * Evidence for a document that matched (a PDF): the file as served, its text and meta.json (document-capture.ts),
 * written with the hit like a page's capture. A hit that already has evidence is not captured again.
 */
export function createDocumentEvidenceCapture(deps: Omit<EvidenceCaptureDeps, 'maxImageBytes'>): NonNullable<ScanHooks['captureMatchedDocument']> {
  return async ({ visit, document, run, normalizedUrl, read }) => {
    if (await openHitHasCapture(deps.vault.db, deps.vault.cipher, run.personId, normalizedUrl)) return null;
    const person = await deps.profiles.getPerson(run.personId);
    const captureId = createId('cap');
    const capturedAt = deps.vault.clock.now();
    const result = await captureDocument({ visit, document, read, captureId, capturedAt, timezone: person?.timezone ?? 'UTC', vault: deps.vault, timestamps: timestampClientFor(deps.vault, deps.timestamps) });
    return async (hitId: string) => {
      await recordCapture(deps.vault, {
        captureId, hitId, purpose: 'initial', outcome: 'captured', requestedUrl: visit.requestedUrl, visit, artifacts: result.artifacts,
        capturedAt, timestampToken: result.timestampToken, actor: 'scanner', problems: result.problems,
      });
      deps.logger.info({ hitId, captureId, problems: result.problems.length }, 'evidence captured');
    };
  };
}
