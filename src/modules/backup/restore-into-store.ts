import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { EvidenceObjectStore } from '../evidence/evidence-store.ts';
import { VAULT_FOLDER, filesBlockingRestore, type BackupFileEntry, type BackupManifest } from './backup.models.ts';
import { createBackupInvalidError, createRestoreStoreNotEmptyError } from './backup.errors.ts';

const relativeOf = (entry: BackupFileEntry) => entry.path.slice(VAULT_FOLDER.length + 1);

/** Refuses a bucket (or prefix) that holds evidence this backup does not: it belongs to another installation. */
export async function assertStoreReadyForRestore(store: EvidenceObjectStore, manifest: BackupManifest): Promise<void> {
  const existing = (await store.list()).filter((o) => !o.temporary).map((o) => o.relativePath);
  const strangers = filesBlockingRestore(existing, manifest);
  if (strangers.length > 0) throw createRestoreStoreNotEmptyError(store.location, strangers.length);
}

/**
 * Puts every vault file of a checked backup into the store under the name the vault reads it by. The bytes
 * are hashed again as they are sent, so a file changed since the check never reaches the store. On a failure
 * the files this run wrote are removed again (best effort), so the store is left as it was found.
 */
export async function copyIntoStore(store: EvidenceObjectStore, fromDir: string, manifest: BackupManifest): Promise<number> {
  const written: string[] = [];
  try {
    for (const entry of manifest.vault) {
      const bytes = fs.readFileSync(path.join(fromDir, entry.path));
      if (bytes.length !== entry.bytes || createHash('sha256').update(bytes).digest('hex') !== entry.sha256) throw createBackupInvalidError(`${entry.path} was altered`);
      await store.write(relativeOf(entry), bytes);
      written.push(relativeOf(entry));
    }
    return written.length;
  } catch (error) {
    for (const relativePath of written) await store.remove(relativePath).catch(() => undefined);
    throw error;
  }
}
