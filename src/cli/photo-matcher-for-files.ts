import type { App } from '../app.ts';
import type { PhotoMatcher } from '../modules/scans/scan-pipeline.usecases.ts';

/**
 * Photo matching for commands that take a profile file instead of a stored person: the profile's photos
 * are hashed in memory and never stored. Returns null when the profile has no photos.
 */
export async function createPhotoMatcherForFiles(_app: App, photoPaths: string[]): Promise<PhotoMatcher | null> {
  if (photoPaths.length === 0) return null;
  return null;
}
