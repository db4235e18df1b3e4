import { AppError, createErrorFactory } from '../../shared/errors.ts';

export const createWrongKeyError = createErrorFactory({
  code: 'evidence.wrong_key',
  message: 'The evidence key does not match the key this database\'s evidence was encrypted with. Restore the right key (EVIDENCE_KEY or the key file); the service will not start with another key.',
  statusCode: 500,
});

export const createKeyMissingError = createErrorFactory({
  code: 'evidence.key_missing',
  message: 'Evidence exists but its key is missing. Restore the key file from your backup (or set EVIDENCE_KEY); a new key cannot read the existing evidence.',
  statusCode: 500,
});

export const createKeyFileInvalidError = createErrorFactory({
  code: 'evidence.key_file_invalid',
  message: 'The evidence key file does not hold base64 of exactly 32 bytes.',
  statusCode: 500,
});

export const createEvidenceFileMissingError = createErrorFactory({
  code: 'evidence.file_missing',
  message: 'The evidence file is missing from the vault.',
  statusCode: 404,
});

export const createEvidenceFileCorruptError = createErrorFactory({
  code: 'evidence.file_corrupt',
  message: 'The evidence file fails its integrity check (altered or damaged).',
  statusCode: 500,
});

export const createEvidenceNotFoundError = createErrorFactory({
  code: 'evidence.not_found',
  message: 'No exposure or case with this id.',
  statusCode: 404,
});

export const createRevealRequiredError = createErrorFactory({
  code: 'evidence.reveal_required',
  message: 'This evidence may show intimate images. Ask for it explicitly with reveal=1.',
  statusCode: 403,
});

export const createBrowserNeededError = createErrorFactory({
  code: 'evidence.browser_missing',
  message: 'The PDF report needs Chromium, and no browser is available.',
  statusCode: 503,
});

export const createTimestampFailedError = createErrorFactory({
  code: 'evidence.timestamp_failed',
  message: 'The time-stamp authority did not grant a timestamp.',
  statusCode: 502,
});

export const createEvidenceWriteFailedError = (reason: string, cause?: unknown) =>
  new AppError({ code: 'evidence.write_failed', message: `Could not store evidence: ${reason}. Nothing was half-written; the page will be captured again on the next try.`, statusCode: 507, cause });

/** The evidence store (an S3-compatible bucket) did not answer: nothing was written, read or judged. */
export const createEvidenceStoreUnreachableError = (location: string, reason: string, cause?: unknown) =>
  new AppError({
    code: 'evidence.store_unreachable',
    message: `The evidence store ${location} cannot be reached (${reason}). Nothing was stored or changed; captures are tried again later. Check S3_ENDPOINT and that the store is running.`,
    statusCode: 503,
    cause,
  });
