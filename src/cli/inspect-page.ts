import type { AppDeps } from '../deps.types.ts';
import { visitPage, type VisitedPage } from '../browser/page-visit.ts';
import { createUrlGuard } from '../shared/ssrf-guard.ts';
import { readDocumentInto } from '../modules/documents/document-visit.ts';
import { analysePage, type PageAnalysis } from '../modules/scans/scan-pipeline.usecases.ts';
import type { NormalisedProfile } from '../modules/profiles/profile-file.models.ts';
import { createPhotoMatcherForFiles, type PhotoMatcherForFilesDeps } from './photo-matcher-for-files.ts';

// `egress` and `browserPool`: the page is opened in Chromium through the one gateway; the rest hashes the photos.
export type InspectPageDeps = PhotoMatcherForFilesDeps & Pick<AppDeps, 'egress' | 'browserPool' | 'pipeline'>;

/**
 * One page, for commands that take a profile file: open it in Chromium through the URL guard, compare its
 * images with the profile's photos (hashed in memory, never stored) and match and classify its text.
 */
export async function inspectPage(app: InspectPageDeps, url: string, profile: NormalisedProfile, photoPaths: string[]): Promise<{ visit: VisitedPage; analysis: PageAnalysis }> {
  const guard = createUrlGuard({ allowHosts: app.config.net.allowPrivateHosts, egress: app.egress });
  const visit = await visitPage(app.browserPool, guard, url, { navigationTimeoutMs: app.config.browser.navigationTimeoutMs, maxPageBytes: app.config.scan.maxPageBytes });
  // A PDF shows nothing in the browser: its own text is what is matched (document-visit.ts).
  if (visit.document) await readDocumentInto(visit, app.pipeline, { guard, maxBytes: app.config.scan.maxPageBytes });
  const photoMatcher = await createPhotoMatcherForFiles(app, photoPaths);
  const photos = photoMatcher ? await photoMatcher.match({ personId: '', imageUrls: visit.imageUrls, guard }) : { matches: [], unusable: [] };
  const analysis = await analysePage({ visit, profile, photoMatches: photos.matches, unusableImages: photos.unusable });
  return { visit, analysis };
}
