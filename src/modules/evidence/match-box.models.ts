/**
 * Where a photo found inside a larger picture lies on the picture the person is shown: the stamped capture
 * screenshot (for a photo found in the page as displayed) or the kept page image (for a photo inside a
 * screenshot, collage or meme that the page published as an image). Pure geometry: the drawing itself is an
 * SVG outline laid over the (blurred) picture, never a change to its pixels.
 */

/** As stored with the match: pixels of the picture that was searched. */
export interface MatchRegion {
  source: 'image' | 'page';
  left: number;
  top: number;
  width: number;
  height: number;
  imageWidth: number;
  imageHeight: number;
}

export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A box in percent of the picture as displayed (0-100 on both axes), ready for an SVG viewBox of 100 x 100. */
export interface ShownBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Part of the box lies below the shown part of the picture (a report shows the top of a tall page only). */
  clipped: boolean;
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** A stored region is page content measured by the scanner, but the row could be old or damaged: check it. */
export function isUsableRegion(region: unknown): region is MatchRegion {
  const r = region as Partial<MatchRegion> | null;
  return Boolean(r) && (r!.source === 'image' || r!.source === 'page')
    && [r!.left, r!.top, r!.width, r!.height, r!.imageWidth, r!.imageHeight].every(finite)
    && r!.width! > 0 && r!.height! > 0 && r!.imageWidth! > 0 && r!.imageHeight! > 0;
}

/**
 * The region of a page search on the stamped screenshot. The search looked at the page without the evidence
 * banner; the banner was then put above the page, pushing everything down by its height. The capture may be a
 * few pixels narrower or wider than the searched picture (scrollbar), so horizontal scale follows the widths.
 */
export function regionOnCapture(region: MatchRegion, capture: { width: number | null; bannerHeight: number }): PixelRect {
  const scale = capture.width && capture.width > 0 ? capture.width / region.imageWidth : 1;
  return {
    left: region.left * scale,
    top: Math.max(0, capture.bannerHeight) + region.top * scale,
    width: region.width * scale,
    height: region.height * scale,
  };
}

/**
 * The rectangle in percent of the displayed picture. `picture` is the stored picture's size in pixels;
 * `shownHeight` how much of it, from the top, is displayed (all of it unless a report cut a tall page).
 * Null when nothing of the box is within the shown part.
 */
export function boxOnShownPicture(rect: PixelRect, picture: { width: number; height: number }, shownHeight = picture.height): ShownBox | null {
  if (!(picture.width > 0) || !(picture.height > 0)) return null;
  const visible = Math.min(Math.max(shownHeight, 1), picture.height);
  const left = clamp(rect.left, 0, picture.width);
  const right = clamp(rect.left + rect.width, 0, picture.width);
  const top = clamp(rect.top, 0, visible);
  const bottom = clamp(rect.top + rect.height, 0, visible);
  if (right - left < 1 || bottom - top < 1) return null;
  return {
    x: round2((left / picture.width) * 100),
    y: round2((top / visible) * 100),
    width: round2(((right - left) / picture.width) * 100),
    height: round2(((bottom - top) / visible) * 100),
    clipped: rect.top + rect.height > visible + 0.5,
  };
}

/** Where one match is drawn: which stored picture and the box on it in that picture's pixels. */
export interface MatchPlacement {
  /** `screenshot` or the role of the kept page image (`image:N`). */
  role: string;
  rect: PixelRect;
  picture: { width: number; height: number };
}

/**
 * Places a match on the pictures of one capture. A page match goes on the screenshot (the capture's metadata
 * gives the banner height and the screenshot's size); an image match goes on the kept copy of that image,
 * found by its address among the capture's images. Null when the capture holds no picture to draw on.
 */
export function placeMatch(
  match: { imageUrl: string | null; region: unknown },
  capture: { roles: string[]; meta: CaptureMetaForBoxes },
): MatchPlacement | null {
  const region = match.region;
  if (!isUsableRegion(region)) return null;
  if (region.source === 'page') {
    if (!capture.roles.includes('screenshot')) return null;
    const width = finite(capture.meta.screenshot?.width) ? capture.meta.screenshot!.width! : null;
    const bannerHeight = finite(capture.meta.banner?.height) ? capture.meta.banner!.height! : 0;
    const rect = regionOnCapture(region, { width, bannerHeight });
    const height = finite(capture.meta.screenshot?.height) && capture.meta.screenshot!.height! > 0 ? capture.meta.screenshot!.height! : bannerHeight + region.imageHeight;
    return { role: 'screenshot', rect, picture: { width: width ?? region.imageWidth, height } };
  }
  const kept = (capture.meta.images ?? []).find((img) => img.url === match.imageUrl && typeof img.role === 'string' && capture.roles.includes(img.role));
  if (!kept) return null;
  return { role: kept.role, rect: { left: region.left, top: region.top, width: region.width, height: region.height }, picture: { width: region.imageWidth, height: region.imageHeight } };
}

/** The parts of a capture's meta.json that placing boxes reads (written by capture.ts). */
export interface CaptureMetaForBoxes {
  banner?: { height?: number };
  screenshot?: { height?: number; width?: number };
  images?: { role: string; url: string }[];
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const round2 = (n: number) => Math.round(n * 100) / 100;
