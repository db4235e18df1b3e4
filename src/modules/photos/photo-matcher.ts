import type { Logger } from '../../shared/logger.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import { isAppError } from '../../shared/errors.ts';
import type { PhotoMatch, PhotoMatcher, UnusableImage } from '../scans/scan-pipeline.usecases.ts';
import type { HashPool } from './hash-pool.ts';
import { HashIndex } from './hash-index.models.ts';
import { PDQ_MIN_QUALITY } from './pdq.models.ts';
import type { StoredPhotoHash } from './photos.repository.ts';

export interface PhotoMatcherOptions {
  threshold: number;
  maxImageBytes: number;
  fetchTimeoutMs: number;
  maxImagesPerPage: number;
}

/**
 * Compares every image of a visited page with the person's photos. Each page image is fetched through the
 * same URL guard and limits as pages, hashed in a worker thread, and looked up among the stored hashes
 * (each photo, its mirrors and rotations, and its crop regions). An image too flat or small to hash
 * reliably is reported as unusable, never as "no match".
 */
export function createPhotoMatcher({ hashesFor, pool, options, logger }: {
  hashesFor: (personId: string) => StoredPhotoHash[] | Promise<StoredPhotoHash[]>;
  pool: HashPool;
  options: PhotoMatcherOptions;
  logger: Logger;
}): PhotoMatcher {
  return {
    async match({ personId, imageUrls, guard, signal }) {
      const stored = await hashesFor(personId);
      if (stored.length === 0 || imageUrls.length === 0) return { matches: [], unusable: [] };
      const index = new HashIndex<number>();
      stored.forEach((h, i) => index.add(i, h.pdq));
      index.build();
      const matches: PhotoMatch[] = [];
      const unusable: UnusableImage[] = [];
      for (const imageUrl of [...new Set(imageUrls)].slice(0, options.maxImagesPerPage)) {
        signal?.throwIfAborted();
        let bytes: Buffer;
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
        } catch {
          unusable.push({ imageUrl, reason: 'unreachable' });
          continue;
        }
        let hashed;
        try {
          hashed = await pool.hashPageImage(bytes, { transfer: true, maxBytes: options.maxImageBytes });
        } catch (error) {
          unusable.push({ imageUrl, reason: isAppError(error) && error.code === 'photos.too_many_pixels' ? 'too_large' : 'not_an_image' });
          continue;
        }
        if (hashed.quality < PDQ_MIN_QUALITY) {
          unusable.push({ imageUrl, reason: 'low_quality' });
          continue;
        }
        const best = index.query(hashed.pdq, options.threshold).sort((a, b) => a.distance - b.distance)[0];
        if (best) {
          const h = stored[best.id]!;
          matches.push({ kind: 'photo', imageUrl, photo: h.label, photoId: h.photoId, distance: best.distance, quality: hashed.quality });
        }
      }
      if (unusable.length > 0) logger.debug({ unusable: unusable.length }, 'page images that could not be compared');
      return { matches, unusable };
    },
  };
}
