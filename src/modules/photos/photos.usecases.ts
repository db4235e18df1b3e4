import fs from 'node:fs';
import path from 'node:path';
import type { HashPool } from './hash-pool.ts';
import { checkPhotoPrivacy } from './exif-privacy.ts';
import type { PhotosRepository, PhotoRow } from './photos.repository.ts';
import { AppError } from '../../shared/errors.ts';

export interface PhotoDeps {
  photos: PhotosRepository;
  hashPool: HashPool;
  cropRegions: 'fine' | 'standard' | 'off';
  /** Stores the encrypted original (only when the person opted in) and returns its reference. */
  storeOriginal?: (bytes: Uint8Array, mime: string) => Promise<string>;
}

export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;

/**
 * Adds one of the person's photos: decoded with pixel and byte limits, hashed (the photo, its mirrors
 * and rotations, and its crop regions) in a worker thread, and checked for identifying metadata. The
 * pixels are dropped afterwards unless the person chose to keep the original for reverse-image search.
 * A file that is not an image, is truncated or is a decompression bomb is refused and nothing is stored.
 */
export async function addPhoto(deps: PhotoDeps, args: NewPhoto): Promise<{ photo: PhotoRow; created: boolean }> {
  return await storePhoto(deps, args, await preparePhoto(deps, args.bytes));
}

interface NewPhoto {
  personId: string;
  label: string;
  bytes: Uint8Array;
  keepOriginal?: boolean;
  mime?: string;
}

/** The slow part of adding a photo, with nothing stored yet: its metadata checked and its hashes computed in the pool. */
async function preparePhoto(deps: PhotoDeps, bytes: Uint8Array) {
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new AppError({ code: 'photos.file_too_large', message: 'The photo is larger than 40 MiB.', statusCode: 413 });
  const privacy = await checkPhotoPrivacy(bytes);
  const hashes = await deps.hashPool.hashFile(bytes, { regions: deps.cropRegions === 'off' ? false : deps.cropRegions, timeoutMs: 120_000 });
  return { privacy, hashes };
}

async function storePhoto(deps: PhotoDeps, args: NewPhoto, prepared: Awaited<ReturnType<typeof preparePhoto>>): Promise<{ photo: PhotoRow; created: boolean }> {
  const label = args.label.trim().slice(0, 120) || 'photo';
  let originalRef: string | null = null;
  if (args.keepOriginal) {
    if (!deps.storeOriginal) throw new AppError({ code: 'photos.originals_unavailable', message: 'Originals cannot be kept: the evidence vault is not available.', statusCode: 503 });
    originalRef = await deps.storeOriginal(args.bytes, args.mime ?? 'application/octet-stream');
  }
  // Only what kind of metadata was found is stored, not its values (a GPS position is itself sensitive).
  const { privacy, hashes } = prepared;
  const exifFindings = { identifying: privacy.identifying, findings: privacy.findings.map((f) => ({ kind: f.kind, risk: f.risk, message: f.message })) };
  return deps.photos.add({ personId: args.personId, label, hashes, originalRef, exifFindings });
}

/**
 * Makes the stored photos of a person equal the profile file's list: photos no longer listed are removed
 * (with their hashes), new files are added. Labels are the file names.
 */
export async function syncPhotosFromFiles(deps: PhotoDeps, personId: string, files: string[], options: { keepOriginals?: boolean } = {}): Promise<{ added: number; removed: number }> {
  const wanted = new Map<string, { file: string; bytes: Buffer }>();
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      throw new AppError({ code: 'photos.file_unreadable', message: `Cannot read a photo listed in the profile (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${path.basename(file)}.`, statusCode: 400 });
    }
    const { createHash } = await import('node:crypto');
    wanted.set(createHash('sha256').update(bytes).digest('hex'), { file, bytes });
  }
  let removed = 0;
  for (const photo of await deps.photos.list(personId)) {
    if (!wanted.has(photo.sha256)) {
      await deps.photos.remove(photo.id);
      removed++;
    } else wanted.delete(photo.sha256);
  }
  // Hashed side by side (the pool runs as many at once as it has workers), stored in the file's order, so the
  // photos keep the profile's order; one file that is not a usable image stores none of the new ones.
  const adding = [...wanted.values()];
  const prepared = await Promise.all(adding.map(async ({ bytes }) => await preparePhoto(deps, bytes)));
  let added = 0;
  for (const [i, { file, bytes }] of adding.entries()) {
    await storePhoto(deps, { personId, label: path.basename(file), bytes, keepOriginal: options.keepOriginals, mime: mimeOf(file) }, prepared[i]!);
    added++;
  }
  return { added, removed };
}

function mimeOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext === '.png' ? 'image/png' : ext === '.webp' ? 'image/webp' : ext === '.gif' ? 'image/gif' : 'image/jpeg';
}
