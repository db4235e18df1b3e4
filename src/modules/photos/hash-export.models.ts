import { AppError } from '../../shared/errors.ts';

/**
 * The person's photo hashes in the text form Meta's ThreatExchange PDQ tools print (`pdq-photo-hasher`
 * writes `hash,quality,filename`): one line per photo, `<64 lower-case hex digits>,<quality 0-100>`.
 * The file-name column is left out on purpose: a file name can name the person or describe the photo,
 * and whoever receives the file (a platform, a helpline, the police) needs only the hash and its quality.
 */
export interface ExportableHash {
  pdq: string;
  quality: number;
}

export const HASH_EXPORT_FILE_NAME = 'pdq-hashes.txt';
export const HASH_EXPORT_CONTENT_TYPE = 'text/plain; charset=utf-8';
export const HASH_EXPORT_PATH = '/api/people/:id/photos/pdq.txt';

export const hashExportUrl = (personId: string): string => HASH_EXPORT_PATH.replace(':id', encodeURIComponent(personId));

const PDQ_HEX = /^[0-9a-f]{64}$/;

export function createInvalidStoredHashError(): AppError {
  return new AppError({ code: 'photos.hash_invalid', message: 'A stored photo hash is not a 256-bit PDQ hash; the export was not made.', statusCode: 500 });
}

/** One line of the export, without its line break. Refuses anything that is not a PDQ hash and quality. */
export function pdqExportLine(hash: ExportableHash): string {
  const pdq = hash.pdq.trim().toLowerCase();
  if (!PDQ_HEX.test(pdq) || !Number.isInteger(hash.quality) || hash.quality < 0 || hash.quality > 100) throw createInvalidStoredHashError();
  return `${pdq},${hash.quality}`;
}

/**
 * The hashes as they will be written: checked, in lower case, each distinct hash once (two photos with the
 * same pixels give the same hash; it is kept with the higher quality), in the order given.
 */
export function distinctExportHashes(hashes: readonly ExportableHash[]): ExportableHash[] {
  const best = new Map<string, number>();
  for (const h of hashes) {
    pdqExportLine(h);
    const pdq = h.pdq.trim().toLowerCase();
    best.set(pdq, Math.max(best.get(pdq) ?? 0, h.quality));
  }
  return [...best].map(([pdq, quality]) => ({ pdq, quality }));
}

/**
 * The whole export, each line ending in a line break (as the reference tool prints them), so files can be
 * concatenated and read line by line.
 */
export function renderPdqExport(hashes: readonly ExportableHash[]): string {
  return distinctExportHashes(hashes).map((h) => `${pdqExportLine(h)}\n`).join('');
}
