import { z } from 'zod';
import type { JobKindSpec } from '../jobs/jobs.models.ts';

export const BACKUP_JOB_KIND = 'backup.run';

/** Job kinds of the backup module, to be merged into the declared kinds. */
export const backupJobKinds = {
  /** Writes one scheduled backup (database through SQLite's online backup, the encrypted vault) and prunes old ones. */
  [BACKUP_JOB_KIND]: {
    schema: z.object({ name: z.string().regex(/^backup-[0-9TZ-]+$/) }),
    timeoutMs: 60 * 60_000,
    concurrency: 1,
    maxAttempts: 3,
  },
} satisfies Record<string, JobKindSpec>;
