import { validateCronExpression } from '../shared/cron.models.ts';
import type { SettingDefinition } from './config.definition.ts';

export const backupSettingDefinitions = [
  {
    env: 'BACKUP_SCHEDULE',
    default: '',
    expects: 'a cron expression, or empty for no scheduled backups',
    description: 'When a backup of the database and the evidence vault is written to BACKUP_DIR (the key is never in it). `exposure-scanner backup --out DIR` makes one at any time.',
  },
  {
    env: 'BACKUP_DIR',
    default: undefined,
    expects: 'a directory path',
    description: 'Where scheduled backups go, one folder each. Defaults to DATA_DIR/backups; better a different disk.',
  },
  {
    env: 'BACKUP_KEEP',
    default: '7',
    expects: 'a whole number from 1 to 1000',
    description: 'How many scheduled backups are kept; older ones are deleted after each new one.',
  },
] as const satisfies readonly SettingDefinition[];

export interface BackupSettings {
  schedule: string | null;
  /** Undefined means `<DATA_DIR>/backups`. */
  dir: string | undefined;
  keep: number;
}

export type BackupSettingsResult = { settings: BackupSettings } | { problems: { variable: string; problem: string }[] };

const value = (env: Record<string, string | undefined>, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
};

/** Pure: reads only the given environment. Every bad variable is reported at once. */
export function parseBackupSettings(env: Record<string, string | undefined>): BackupSettingsResult {
  const problems: { variable: string; problem: string }[] = [];
  const schedule = value(env, 'BACKUP_SCHEDULE') ?? null;
  const cronProblem = schedule ? validateCronExpression(schedule) : null;
  if (cronProblem) problems.push({ variable: 'BACKUP_SCHEDULE', problem: `got ${JSON.stringify(schedule)}: ${cronProblem}` });
  // Scheduled backups copy the SQLite file; on PostgreSQL every one would fail, and silently missing backups
  // are worse than a refusal at start.
  if (schedule && value(env, 'DATABASE_URL')) problems.push({ variable: 'BACKUP_SCHEDULE', problem: 'set together with DATABASE_URL: back PostgreSQL up with pg_dump or the server\'s own backups, and leave BACKUP_SCHEDULE empty' });
  const keepText = value(env, 'BACKUP_KEEP') ?? '7';
  const keep = Number(keepText);
  if (!/^\d+$/.test(keepText) || keep < 1 || keep > 1000) problems.push({ variable: 'BACKUP_KEEP', problem: `got ${JSON.stringify(keepText)}, expected a whole number from 1 to 1000` });
  if (problems.length > 0) return { problems };
  return { settings: { schedule, dir: value(env, 'BACKUP_DIR'), keep } };
}
