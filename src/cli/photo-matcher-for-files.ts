import fs from 'node:fs';
import path from 'node:path';
import type { AppDeps } from '../deps.types.ts';
import type { PhotoMatcher } from '../modules/scans/scan-pipeline.usecases.ts';
import { createPhotoMatcher } from '../modules/photos/photo-matcher.ts';
import { buildPersonHashes } from '../modules/photos/person-hash-index.ts';
import type { StoredPhotoHash } from '../modules/photos/photos.repository.ts';
import { PDQ_MIN_QUALITY } from '../modules/photos/pdq.models.ts';

/**
 * Photo matching for commands that take a profile file instead of a stored person: the profile's photos
 * are hashed in memory and never stored. Returns null when the profile has no photos.
 */
export type PhotoMatcherForFilesDeps = Pick<AppDeps, 'config' | 'hashPool' | 'photoMatcherOptions' | 'logger'>;

export async function createPhotoMatcherForFiles(app: PhotoMatcherForFilesDeps, photoPaths: string[]): Promise<PhotoMatcher | null> {
  if (photoPaths.length === 0) return null;
  const regions = app.config.photos.cropRegions === 'off' ? false : app.config.photos.cropRegions;
  const hashes: StoredPhotoHash[] = [];
  for (const file of photoPaths) {
    const h = await app.hashPool.hashFile(fs.readFileSync(file), { regions, timeoutMs: 120_000 });
    const label = path.basename(file);
    const add = (variant: string, pdq: string, quality: number) => quality >= PDQ_MIN_QUALITY && hashes.push({ photoId: label, label, variant, pdq });
    for (const [variant, pdq] of Object.entries(h.dihedral)) add(variant, pdq, h.quality);
    for (const r of h.regions ?? []) add('region', r.hash, r.quality);
  }
  const built = buildPersonHashes(hashes);
  return createPhotoMatcher({ personHashes: () => built, pool: app.hashPool, options: app.photoMatcherOptions, logger: app.logger });
}
