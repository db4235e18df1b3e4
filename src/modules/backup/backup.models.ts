/**
 * The backup format, without I/O: a folder with the database copy, the encrypted vault files as they are
 * on disk, and `manifest.json` (written last) naming every file with its SHA-256. The evidence key is never
 * part of it: a backup alone reads as noise, and the key is kept apart.
 */
export const BACKUP_FORMAT = 'exposure-scanner-backup/1';
export const MANIFEST_NAME = 'manifest.json';
export const DATABASE_NAME = 'database.sqlite';
export const VAULT_FOLDER = 'evidence';

export interface BackupFileEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: BackupFileEntry;
  vault: BackupFileEntry[];
  /** The key check the vault was written with (a one-way value, also in the custody log); never the key. */
  keyCheck: string | null;
  keyIncluded: false;
}

/** Reads a manifest from untrusted JSON (a backup folder may have been tampered with or half-copied). */
export function parseManifest(text: string): BackupManifest | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const m = value as Partial<BackupManifest>;
  const entryOk = (e: unknown): e is BackupFileEntry => {
    const x = e as BackupFileEntry;
    return Boolean(x) && typeof x.path === 'string' && isSafeRelativePath(x.path) && /^[0-9a-f]{64}$/.test(x.sha256) && Number.isInteger(x.bytes) && x.bytes >= 0;
  };
  if (m?.format !== BACKUP_FORMAT || typeof m.createdAt !== 'string' || !entryOk(m.database) || !Array.isArray(m.vault) || !m.vault.every(entryOk)) return null;
  if (m.database.path !== DATABASE_NAME || !m.vault.every((e) => e.path.startsWith(`${VAULT_FOLDER}/`))) return null;
  return { format: BACKUP_FORMAT, createdAt: m.createdAt, database: m.database, vault: m.vault, keyCheck: typeof m.keyCheck === 'string' ? m.keyCheck : null, keyIncluded: false };
}

/** A path inside the backup folder: relative, forward slashes, no `..`, no hidden or absolute parts. */
export function isSafeRelativePath(p: string): boolean {
  return p.length > 0 && p.length < 300 && !p.startsWith('/') && p.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\') && !part.includes('\0'));
}

/** Folder names of scheduled backups sort by time: `backup-2026-12-04T03-00-00Z`. */
export function scheduledBackupName(at: Date): string {
  return `backup-${at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}`;
}

/** Which scheduled backups to delete so that the newest `keep` remain; other folders are never touched. */
export function backupsToPrune(names: readonly string[], keep: number): string[] {
  const ours = names.filter((n) => /^backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/.test(n)).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}

/**
 * The files already in an evidence store that stop a restore into it: any the backup does not hold. Files the
 * backup holds under the same name are left from an interrupted restore of this same backup and are written
 * again, so a restore that failed half-way can simply be run again.
 */
export function filesBlockingRestore(existing: readonly string[], manifest: Pick<BackupManifest, 'vault'>): string[] {
  const inBackup = new Set(manifest.vault.map((e) => e.path.slice(VAULT_FOLDER.length + 1)));
  return existing.filter((relativePath) => !inBackup.has(relativePath));
}
