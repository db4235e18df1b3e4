import path from 'node:path';
import type { AppDeps } from '../src/deps.types.ts';
import { nextCronOccurrence } from '../src/shared/cron.models.ts';
import { runScheduledBackup } from '../src/modules/backup/backup.usecases.ts';
import { scheduledBackupName } from '../src/modules/backup/backup.models.ts';
import { BACKUP_JOB_KIND } from '../src/modules/backup/backup.job-kinds.ts';
import { defineJobHandler } from './job-registry.ts';
import type { SchedulerTask } from './scheduler.ts';

export const backupDirOf = (config: AppDeps['config']) => path.resolve(config.dataDir, config.backup.dir ?? 'backups');

export type BackupJobDeps = Pick<AppDeps, 'db' | 'config' | 'clock' | 'evidence'>;
export type BackupScheduleDeps = Pick<AppDeps, 'jobs' | 'config'>;

export function createBackupJob(deps: BackupJobDeps) {
  return defineJobHandler(BACKUP_JOB_KIND, async ({ name }, ctx) => {
    const result = await runScheduledBackup(
      { db: deps.db, dataDir: deps.config.dataDir, clock: deps.clock, keyCheck: deps.evidence.keyCheck, vaultStore: deps.evidence.store },
      { backupDir: backupDirOf(deps.config), keep: deps.config.backup.keep, name },
    );
    ctx.logger.info({ backup: path.basename(result.dir), pruned: result.pruned.length }, 'backup written');
  });
}

/** Every scheduler tick: the next BACKUP_SCHEDULE run is queued once (its name is its idempotency key). */
export function createBackupSchedule(deps: BackupScheduleDeps): SchedulerTask {
  return {
    name: 'backups',
    async tick(now) {
      const schedule = deps.config.backup.schedule;
      if (!schedule) return;
      const at = nextCronOccurrence(schedule, now);
      if (!at) return;
      const name = scheduledBackupName(at);
      await deps.jobs.enqueue({ kind: BACKUP_JOB_KIND, payload: { name }, idempotencyKey: `${BACKUP_JOB_KIND}:${name}`, runAfter: at });
    },
  };
}
