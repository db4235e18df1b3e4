import type { App } from '../app.ts';
import { visitPage, type VisitedPage } from '../browser/page-visit.ts';
import { createUrlGuard } from '../shared/ssrf-guard.ts';
import { analysePage, type PageAnalysis } from '../modules/scans/scan-pipeline.usecases.ts';
import type { NormalisedProfile } from '../modules/profiles/profile-file.models.ts';
import { createPhotoMatcherForFiles } from './photo-matcher-for-files.ts';

/**
 * One page, for commands that take a profile file: open it in Chromium through the URL guard, compare its
 * images with the profile's photos (hashed in memory, never stored) and match and classify its text.
 */
export async function inspectPage(app: App, url: string, profile: NormalisedProfile, photoPaths: string[]): Promise<{ visit: VisitedPage; analysis: PageAnalysis }> {
  const guard = createUrlGuard({ allowHosts: app.config.net.allowPrivateHosts, egress: app.egress });
  const visit = await visitPage(app.browserPool, guard, url, { navigationTimeoutMs: app.config.browser.navigationTimeoutMs, maxPageBytes: app.config.scan.maxPageBytes });
  const photoMatcher = await createPhotoMatcherForFiles(app, photoPaths);
  const photos = photoMatcher ? await photoMatcher.match({ personId: '', imageUrls: visit.imageUrls, guard }) : { matches: [], unusable: [] };
  const analysis = await analysePage({ visit, profile, photoMatches: photos.matches, unusableImages: photos.unusable });
  return { visit, analysis };
}
