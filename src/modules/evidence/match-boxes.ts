import { placeMatch, type CaptureMetaForBoxes, type MatchPlacement } from './match-box.models.ts';
import type { EvidenceVault } from './vault.ts';

export interface PlacedMatchBox extends MatchPlacement {
  captureId: string;
  /** The vault address of the picture the box is drawn on. */
  sha256: string;
  /** The matched photo's label and the stored reason (where and how sure). */
  photo: string;
  reason: string | null;
}

export interface BoxCapture {
  id: string;
  purpose: string;
  artifacts: Record<string, string>;
}

export interface BoxMatch {
  kind: string;
  value: string;
  imageUrl: string | null;
  region: unknown;
  reason: string | null;
}

/**
 * Boxes for the photos a hit's first visit found inside larger pictures. Only the initial capture is used:
 * it was taken on the same visit as the search, so its screenshot shows the same layout (a re-check's page
 * may have moved). The capture's meta.json gives the banner height and the screenshot's size; a capture
 * whose meta cannot be read gets no boxes rather than misplaced ones.
 */
export async function placeMatchBoxes(vault: Pick<EvidenceVault, 'read'>, captures: BoxCapture[], matches: BoxMatch[]): Promise<PlacedMatchBox[]> {
  const inside = matches.filter((m) => m.kind === 'photo' && m.region);
  const capture = captures.find((c) => c.purpose === 'initial');
  if (inside.length === 0 || !capture?.artifacts.meta) return [];
  let meta: CaptureMetaForBoxes;
  try {
    meta = JSON.parse((await vault.read(capture.artifacts.meta)).toString('utf8')) as CaptureMetaForBoxes;
  } catch {
    return [];
  }
  const roles = Object.keys(capture.artifacts);
  const placed: PlacedMatchBox[] = [];
  for (const m of inside) {
    const where = placeMatch(m, { roles, meta });
    if (where) placed.push({ ...where, captureId: capture.id, sha256: capture.artifacts[where.role]!, photo: m.value, reason: m.reason });
  }
  return placed;
}
