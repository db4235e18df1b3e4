import type { ScreenshotSearchNote } from '../scans/scan-pipeline.usecases.ts';

/**
 * Whether the screenshot of a visited page is searched for the person's photos. It is the dearest step of a
 * visit (0.5-0.9 s for a tall page), so it is skipped when the operator turned it off and when every one of
 * the person's photos was already found in the page's own images (nothing more could be learnt from it).
 * Every skip is returned as a note for the evidence, so a part not searched is never taken for "not found".
 */
export function planScreenshotSearch(args: { enabled: boolean; personPhotoIds: Iterable<string>; foundPhotoIds: Iterable<string> }): 'search' | ScreenshotSearchNote {
  if (!args.enabled) return { status: 'off' };
  const found = new Set(args.foundPhotoIds);
  const all = new Set(args.personPhotoIds);
  if (all.size > 0 && [...all].every((id) => found.has(id))) return { status: 'skipped', reason: 'all_photos_found' };
  return 'search';
}

/** What was searched of a page `pageHeight` px tall when the screenshot stopped at `searchedHeight` px. */
export function searchedNote(searchedHeight: number, pageHeight: number): ScreenshotSearchNote {
  const page = Math.max(Math.round(pageHeight), 1);
  const searched = Math.min(Math.max(Math.round(searchedHeight), 1), page);
  return { status: 'searched', searchedHeight: searched, pageHeight: page, cut: searched < page };
}
