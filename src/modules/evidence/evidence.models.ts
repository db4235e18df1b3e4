/**
 * Which evidence is shown blurred until someone chooses to reveal it: images matched as the person's own
 * photos always, and anything visual from a page categorised as intimate media.
 */
export function isSensitiveArtifact(role: string, hitCategories: readonly string[]): boolean {
  if (role.startsWith('image:')) return true;
  return hitCategories.includes('intimate_media') && (role === 'screenshot' || role === 'html' || role === 'mhtml');
}

/** Image types a browser may render from our origin; anything else (SVG can carry script) is a download. */
export const displayableImageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** `2026-11-22T10:00:00.000Z` → `20261122T100000Z`, for file names. */
export const compactTimestamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
