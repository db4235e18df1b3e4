import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { copyDatabaseFile } from '../../db/database.ts';
import { openDatabase, closeDatabase, runMigrations, type Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { fsyncPathSync } from '../../shared/durable-files.ts';
import { isAppError } from '../../shared/errors.ts';
import { describeWriteFailure } from '../../shared/write-failure.models.ts';
import { TEMP_PREFIX } from '../evidence/vault.ts';
import type { EvidenceObjectStore } from '../evidence/evidence-store.ts';
import {
  BACKUP_FORMAT, DATABASE_NAME, MANIFEST_NAME, VAULT_FOLDER, backupsToPrune, parseManifest,
  type BackupFileEntry, type BackupManifest,
} from './backup.models.ts';
import { createBackupInvalidError, createBackupTargetNotEmptyError, createBackupWriteFailedError, createRestoreTargetNotEmptyError } from './backup.errors.ts';
import { assertStoreReadyForRestore, copyIntoStore } from './restore-into-store.ts';

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const isEmptyDir = (dir: string) => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;

/** Every finished vault file (temporary names of writes in progress are skipped), as paths relative to the vault. */
function listVaultFiles(vaultDir: string): string[] {
  if (!fs.existsSync(vaultDir)) return [];
  const files: string[] = [];
  for (const folder of fs.readdirSync(vaultDir).sort()) {
    const full = path.join(vaultDir, folder);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const name of fs.readdirSync(full).sort()) if (!name.startsWith(TEMP_PREFIX)) files.push(`${folder}/${name}`);
  }
  return files;
}

async function copyWithHash(from: string, to: string): Promise<{ sha256: string; bytes: number }> {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  fsyncPathSync(to);
  return { sha256: await sha256OfFile(to), bytes: fs.statSync(to).size };
}

async function copyFromStore(store: EvidenceObjectStore, toDir: string): Promise<BackupFileEntry[]> {
  const entries: BackupFileEntry[] = [];
  for (const object of await store.list()) {
    if (object.temporary) continue;
    const bytes = await store.read(object.relativePath);
    // Listed a moment ago and gone now: only a wipe removes files, and a wiped file belongs in no backup.
    if (!bytes) continue;
    const to = path.join(toDir, object.relativePath);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, bytes, { flag: 'wx', mode: 0o600 });
    fsyncPathSync(to);
    entries.push({ path: `${VAULT_FOLDER}/${object.relativePath}`, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
  }
  return entries;
}

/**
 * A consistent copy of the database (SQLite's online backup API, so the service may keep running) and of
 * the vault, written into a staging folder beside the target and renamed into place only when complete,
 * with `manifest.json` last. The key is never copied. Any failure removes the staging folder and says why.
 */
export async function createBackup(deps: { db: Db; dataDir: string; clock: Clock; keyCheck: string | null; vaultStore?: EvidenceObjectStore }, args: { outDir: string }): Promise<{ dir: string; manifest: BackupManifest }> {
  const out = path.resolve(args.outDir);
  if (!isEmptyDir(out)) throw createBackupTargetNotEmptyError(out);
  const staging = path.join(path.dirname(out), `.${path.basename(out)}.partial-${randomBytes(4).toString('hex')}`);
  try {
    fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
    const databaseCopy = path.join(staging, DATABASE_NAME);
    await copyDatabaseFile(deps.db, databaseCopy);
    fsyncPathSync(databaseCopy);
    const database: BackupFileEntry = { path: DATABASE_NAME, sha256: await sha256OfFile(databaseCopy), bytes: fs.statSync(databaseCopy).size };
    // Vault files are immutable and written before the rows that name them commit, so every file the
    // database copy refers to already exists when the copy below runs.
    const vaultDir = path.join(deps.dataDir, 'evidence');
    const vault: BackupFileEntry[] = [];
    // From a bucket, each object is fetched and written like a local copy: the backup folder looks the same.
    if (deps.vaultStore?.kind === 's3') vault.push(...(await copyFromStore(deps.vaultStore, path.join(staging, VAULT_FOLDER))));
    else for (const relative of listVaultFiles(vaultDir)) {
      const copied = await copyWithHash(path.join(vaultDir, relative), path.join(staging, VAULT_FOLDER, relative));
      vault.push({ path: `${VAULT_FOLDER}/${relative}`, sha256: copied.sha256, bytes: copied.bytes });
    }
    const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: deps.clock.now().toISOString(), database, vault, keyCheck: deps.keyCheck, keyIncluded: false };
    const manifestFile = path.join(staging, MANIFEST_NAME);
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    fsyncPathSync(manifestFile);
    for (const dir of new Set(vault.map((v) => path.dirname(path.join(staging, v.path))))) fsyncPathSync(dir);
    fsyncPathSync(staging);
    if (fs.existsSync(out)) fs.rmdirSync(out);
    fs.renameSync(staging, out);
    fsyncPathSync(path.dirname(out));
    return { dir: out, manifest };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (isAppError(error)) throw error;
    throw createBackupWriteFailedError(out, describeWriteFailure((error as NodeJS.ErrnoException).code), error);
  }
}

/** Reads and checks a backup folder: the manifest, then every file's size and SHA-256. */
export async function checkBackup(fromDir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = fs.readFileSync(path.join(fromDir, MANIFEST_NAME), 'utf8');
  } catch {
    throw createBackupInvalidError(`${MANIFEST_NAME} is missing (the backup did not finish, or this is not a backup folder)`);
  }
  const manifest = parseManifest(text);
  if (!manifest) throw createBackupInvalidError(`${MANIFEST_NAME} is not a backup manifest of this service`);
  for (const entry of [manifest.database, ...manifest.vault]) {
    const file = path.join(fromDir, entry.path);
    if (!fs.existsSync(file)) throw createBackupInvalidError(`${entry.path} is missing`);
    if (fs.statSync(file).size !== entry.bytes || (await sha256OfFile(file)) !== entry.sha256) throw createBackupInvalidError(`${entry.path} was altered`);
  }
  return manifest;
}

/**
 * Restores a checked backup into an empty DATA_DIR. Everything is staged inside DATA_DIR first and the key
 * is checked against the staged database (`checkKey` throws `evidence.wrong_key` or `evidence.key_missing`)
 * before anything is moved into place, so a wrong key leaves DATA_DIR as it was.
 * With `vaultStore` an S3 bucket (EVIDENCE_STORE=s3), the vault files go into the bucket, where the service
 * reads them, instead of DATA_DIR/evidence; they are sent after the key check and before the database is
 * moved into place, so the restored database never names a file the store does not have.
 */
export async function restoreBackup(args: { fromDir: string; dataDir: string; databaseFile: string; checkKey: (staged: { db: Db; dataDir: string }) => Promise<void>; vaultStore?: EvidenceObjectStore }): Promise<{ manifest: BackupManifest }> {
  const from = path.resolve(args.fromDir);
  const manifest = await checkBackup(from);
  const vaultDir = path.join(args.dataDir, 'evidence');
  const bucket = args.vaultStore?.kind === 's3' ? args.vaultStore : null;
  if (fs.existsSync(args.databaseFile) || listVaultFiles(vaultDir).length > 0) throw createRestoreTargetNotEmptyError(args.dataDir);
  if (bucket) await assertStoreReadyForRestore(bucket, manifest);
  const staging = path.join(args.dataDir, `.restore-${randomBytes(4).toString('hex')}`);
  const stagedDatabase = path.join(staging, path.basename(args.databaseFile));
  try {
    fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(from, manifest.database.path), stagedDatabase);
    for (const entry of bucket ? [] : manifest.vault) {
      const target = path.join(staging, entry.path);
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      fs.copyFileSync(path.join(from, entry.path), target);
      fsyncPathSync(target);
    }
    const db = openDatabase(stagedDatabase);
    try {
      runMigrations(db);
      await args.checkKey({ db, dataDir: staging });
    } finally {
      closeDatabase(db);
    }
    fsyncPathSync(stagedDatabase);
    if (bucket) await copyIntoStore(bucket, from, manifest);
    // Only empty folders or stale temporary names can be there (checked above): nothing of value is removed.
    fs.rmSync(vaultDir, { recursive: true, force: true });
    const stagedVault = path.join(staging, VAULT_FOLDER);
    if (fs.existsSync(stagedVault)) fs.renameSync(stagedVault, vaultDir);
    fs.renameSync(stagedDatabase, args.databaseFile);
    fsyncPathSync(args.dataDir);
    return { manifest };
  } catch (error) {
    if (isAppError(error)) throw error;
    throw createBackupWriteFailedError(args.dataDir, describeWriteFailure((error as NodeJS.ErrnoException).code), error);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Scheduled backups: a new folder per run under BACKUP_DIR, then only the newest `keep` are kept. */
export async function runScheduledBackup(deps: { db: Db; dataDir: string; clock: Clock; keyCheck: string | null; vaultStore?: EvidenceObjectStore }, args: { backupDir: string; keep: number; name: string }): Promise<{ dir: string; pruned: string[] }> {
  const { dir } = await createBackup(deps, { outDir: path.join(args.backupDir, args.name) });
  const pruned = backupsToPrune(fs.readdirSync(args.backupDir), args.keep);
  for (const name of pruned) fs.rmSync(path.join(args.backupDir, name), { recursive: true, force: true });
  return { dir, pruned };
}
