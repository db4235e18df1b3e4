import type { Logger } from '../../shared/logger.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import { isAppError } from '../../shared/errors.ts';
import type { FetchedImage, PhotoMatch, PhotoMatcher, ScreenshotSearchNote, UnusableImage } from '../scans/scan-pipeline.usecases.ts';
import { planScreenshotSearch, searchedNote } from './screenshot-search.models.ts';
import type { HashPool } from './hash-pool.ts';
import { PDQ_MIN_QUALITY } from './pdq.models.ts';
import type { PersonHashes } from './person-hash-index.ts';
import type { RegionSearchResult } from './region-search.ts';

export interface PhotoMatcherOptions {
  threshold: number;
  maxImageBytes: number;
  fetchTimeoutMs: number;
  maxImagesPerPage: number;
  /** Page images searched for embedded photos per page (the largest cost of a visit; default 16). */
  maxRegionImagesPerPage?: number;
  /** PHOTO_SCREENSHOT_SEARCH: whether the page's screenshot is searched too (default yes). */
  screenshotSearch?: boolean;
  /** PHOTO_SCREENSHOT_MAX_HEIGHT: the top part of the page searched as one picture (default 8000 px). */
  screenshotMaxHeight?: number;
}

const DEFAULT_SCREENSHOT_MAX_HEIGHT = 8000;

/** Pictures smaller than this on either side cannot hold a photo large enough to hash reliably. */
export const REGION_MIN_IMAGE_SIDE = 160;
const SCREENSHOT_MAX_BYTES = 64 * 1024 * 1024;

type Best = { id: number; distance: number; quality: number; region: RegionSearchResult['regions'][number] } | null;

/** The region closest to one of the person's hashes, within the threshold and the same quality rule as whole images. */
function bestRegion(found: RegionSearchResult, hashes: PersonHashes, threshold: number, skipPhotos: Set<string>): Best {
  let best: Best = null;
  for (const region of found.regions) {
    if (region.quality < PDQ_MIN_QUALITY) continue;
    for (const hit of hashes.index.query(region.pdq, threshold)) {
      if (skipPhotos.has(hashes.stored[hit.id]!.photoId)) continue;
      if (!best || hit.distance < best.distance) best = { id: hit.id, distance: hit.distance, quality: region.quality, region };
      break;
    }
  }
  return best;
}

/**
 * Compares every image of a visited page with the person's photos. Each page image is fetched through the
 * same URL guard and limits as pages, hashed in a worker thread, and looked up among the stored hashes
 * (each photo, its mirrors and rotations, and its crop regions). An image that is not the photo as a whole may
 * still hold it (a screenshot, a collage, a meme): larger ones are searched region by region, and so is the
 * screenshot of the whole page when the caller provides one (photos on a canvas, in CSS backgrounds, in embedded
 * posts). An image too flat or small to hash reliably is reported as unusable, never as "no match".
 */
export function createPhotoMatcher({ personHashes, pool, options, logger }: {
  personHashes: (personId: string) => PersonHashes | Promise<PersonHashes>;
  pool: HashPool;
  options: PhotoMatcherOptions;
  logger: Logger;
}): PhotoMatcher {
  return {
    async match({ personId, imageUrls, guard, signal, screenshot }) {
      const hashes = await personHashes(personId);
      if (hashes.stored.length === 0 || (imageUrls.length === 0 && !screenshot)) return { matches: [], unusable: [] };
      const matches: PhotoMatch[] = [];
      const unusable: UnusableImage[] = [];
      // The bytes of each image that matched, so its evidence keeps what was matched without a second fetch.
      const fetchedImages = new Map<string, FetchedImage>();
      let regionBudget = options.maxRegionImagesPerPage ?? 16;
      const matchOf = (imageUrl: string, id: number, distance: number, quality: number): PhotoMatch => {
        const h = hashes.stored[id]!;
        return { kind: 'photo', imageUrl, photo: h.label, photoId: h.photoId, distance, quality };
      };
      for (const imageUrl of [...new Set(imageUrls)].slice(0, options.maxImagesPerPage)) {
        signal?.throwIfAborted();
        let bytes: Buffer;
        let fetched: FetchedImage;
        try {
          const response = await safeFetch(guard, { url: imageUrl, maxBytes: options.maxImageBytes, timeoutMs: options.fetchTimeoutMs, signal });
          if (response.truncated) {
            unusable.push({ imageUrl, reason: 'too_large' });
            continue;
          }
          if (response.status >= 400) {
            unusable.push({ imageUrl, reason: 'unreachable' });
            continue;
          }
          bytes = response.body;
          fetched = { status: response.status, headers: response.headers, body: bytes };
        } catch {
          unusable.push({ imageUrl, reason: 'unreachable' });
          continue;
        }
        let hashed;
        try {
          hashed = await pool.hashPageImage(bytes, { maxBytes: options.maxImageBytes });
        } catch (error) {
          unusable.push({ imageUrl, reason: isAppError(error) && error.code === 'photos.too_many_pixels' ? 'too_large' : 'not_an_image' });
          continue;
        }
        const best = hashed.quality < PDQ_MIN_QUALITY ? undefined : hashes.index.query(hashed.pdq, options.threshold)[0];
        if (best) {
          matches.push(matchOf(imageUrl, best.id, best.distance, hashed.quality));
          fetchedImages.set(imageUrl, fetched);
          continue;
        }
        if (hashed.width >= REGION_MIN_IMAGE_SIDE && hashed.height >= REGION_MIN_IMAGE_SIDE && regionBudget > 0) {
          regionBudget--;
          try {
            const found = await pool.hashImageRegions(bytes, { transfer: true, maxBytes: options.maxImageBytes });
            const inside = bestRegion(found, hashes, options.threshold, new Set());
            if (inside) {
              matches.push({ ...matchOf(imageUrl, inside.id, inside.distance, inside.quality), region: { source: 'image', ...inside.region.box, imageWidth: found.width, imageHeight: found.height } });
              // The region search may have handed the bytes to its worker (transfer): then the evidence fetches them.
              if (bytes.byteLength > 0) fetchedImages.set(imageUrl, fetched);
              continue;
            }
          } catch {
            // The whole image was hashed already; a failed region search leaves it compared, not unusable.
          }
        }
        if (hashed.quality < PDQ_MIN_QUALITY) unusable.push({ imageUrl, reason: 'low_quality' });
      }
      let screenshotSearch: ScreenshotSearchNote | undefined;
      const plan = screenshot
        ? planScreenshotSearch({ enabled: options.screenshotSearch !== false, personPhotoIds: hashes.stored.map((h) => h.photoId), foundPhotoIds: matches.map((m) => m.photoId) })
        : null;
      if (plan && plan !== 'search') screenshotSearch = plan;
      if (screenshot && plan === 'search') {
        signal?.throwIfAborted();
        const page = await screenshot({ maxHeight: options.screenshotMaxHeight ?? DEFAULT_SCREENSHOT_MAX_HEIGHT }).catch(() => null);
        screenshotSearch = { status: 'failed' };
        if (page) {
          try {
            const found = await pool.hashImageRegions(page.bytes, { transfer: true, maxBytes: SCREENSHOT_MAX_BYTES });
            screenshotSearch = searchedNote(found.height, page.pageHeight);
            // A photo already found in a page image is not reported again from the screenshot that shows it.
            const inside = bestRegion(found, hashes, options.threshold, new Set(matches.map((m) => m.photoId)));
            if (inside) {
              matches.push({ ...matchOf(page.url, inside.id, inside.distance, inside.quality), region: { source: 'page', ...inside.region.box, imageWidth: found.width, imageHeight: found.height } });
            }
          } catch (error) {
            logger.debug({ code: isAppError(error) ? error.code : 'unknown' }, 'page screenshot could not be searched for photos');
          }
        }
      }
      if (unusable.length > 0) logger.debug({ unusable: unusable.length }, 'page images that could not be compared');
      return { matches, unusable, ...(screenshotSearch ? { screenshotSearch } : {}), fetchedImages };
    },
  };
}
