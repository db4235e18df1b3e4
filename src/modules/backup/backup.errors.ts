import { AppError } from '../../shared/errors.ts';

export const createBackupTargetNotEmptyError = (dir: string) =>
  new AppError({ code: 'backup.target_not_empty', message: `The backup folder ${dir} already exists and is not empty. Choose a new folder.`, statusCode: 409 });

export const createBackupWriteFailedError = (dir: string, reason: string, cause?: unknown) =>
  new AppError({ code: 'backup.write_failed', message: `Could not write the backup to ${dir}: ${reason}. Nothing was left half-written.`, statusCode: 507, cause });

export const createBackupInvalidError = (problem: string) =>
  new AppError({ code: 'backup.invalid', message: `This is not a complete, unaltered backup: ${problem}.`, statusCode: 422 });

export const createRestoreTargetNotEmptyError = (dir: string) =>
  new AppError({ code: 'restore.target_not_empty', message: `DATA_DIR (${dir}) already holds a database or evidence. Restore only into an empty DATA_DIR that holds the evidence key.`, statusCode: 409 });

/** Same code as a non-empty DATA_DIR: the bucket is the vault, and a restore never mixes two installations' evidence. */
export const createRestoreStoreNotEmptyError = (location: string, strangers: number) =>
  new AppError({
    code: 'restore.target_not_empty',
    message: `The evidence store ${location} already holds ${strangers} file(s) that are not in this backup. Restore only into an empty bucket (or prefix) of S3_BUCKET / S3_PREFIX.`,
    statusCode: 409,
  });
