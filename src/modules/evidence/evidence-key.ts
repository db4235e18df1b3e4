import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { fsyncPathSync } from '../../shared/durable-files.ts';
import type { Logger } from '../../shared/logger.ts';
import type { EvidenceSettings } from '../../config/evidence.settings.ts';
import { appendCustody } from './custody-log.repository.ts';
import { countEvidenceFiles, evidenceFileHashes, firstCustodyDetail } from './evidence-files.repository.ts';
import { keyCheckValue, openEvidence } from './vault-format.models.ts';
import { createKeyFileInvalidError, createKeyMissingError, createWrongKeyError } from './evidence.errors.ts';
import { createEvidenceVault, TEMP_PREFIX, type EvidenceVault } from './vault.ts';
import { createS3EvidenceStore } from './s3-evidence-store.ts';
import { vaultFileName, vaultRelativePath } from './vault-format.models.ts';
import { deriveKeys } from './key-derivation.models.ts';
import { upgradeEvidenceVault } from './evidence-upgrade.ts';

/** Where the key check lives: the first entry of the custody chain, so editing it breaks the chain too. */
const KEY_SUBJECT = { type: 'vault', id: 'evidence-key' } as const;
const STALE_TEMP_MS = 3_600_000;

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw createKeyFileInvalidError();
  return key;
}

/** Written like evidence: temporary name, fsync, rename, directory fsync; readable by the owner only. */
function writeKeyFile(file: string, key: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${key.toString('base64')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // link + unlink instead of rename: never replaces a key file another process created meanwhile.
  try {
    fs.linkSync(temp, file);
  } finally {
    fs.unlinkSync(temp);
  }
  fsyncPathSync(path.dirname(file));
}

async function storedKeyCheck(db: Db): Promise<string | null> {
  const detail = await firstCustodyDetail(db, 'key_created', KEY_SUBJECT);
  if (detail === null) return null;
  try {
    const check = (JSON.parse(detail) as { keyCheck?: unknown }).keyCheck;
    return typeof check === 'string' ? check : '';
  } catch {
    return '';
  }
}

/** Before any key check existed (or if it was lost), a key that opens an existing file is the right one. */
async function opensSomeExistingFile(db: Db, dir: string, key: Buffer): Promise<boolean | null> {
  const namesKey = deriveKeys(key).vaultNames;
  const oldest = await evidenceFileHashes(db, 5);
  for (const sha256 of oldest) {
    // Under its keyed name, or still under its plain hash when the vault predates keyed names.
    for (const name of [vaultFileName(namesKey, sha256), sha256]) {
      let sealed: Buffer;
      try {
        sealed = fs.readFileSync(path.join(dir, vaultRelativePath(name)));
      } catch {
        continue;
      }
      return openEvidence(key, sealed, sha256).ok;
    }
  }
  return oldest.length > 0 ? null : true;
}

function removeStaleTempFiles(dir: string, now: number): void {
  let folders: string[] = [];
  try {
    folders = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const folder of folders) {
    const full = path.join(dir, folder);
    if (!/^[0-9a-f]{2}$/.test(folder)) continue;
    for (const name of fs.readdirSync(full)) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      // Only old ones: a young temporary file may belong to a write in progress in another process.
      const file = path.join(full, name);
      if (now - fs.statSync(file).mtimeMs > STALE_TEMP_MS) fs.rmSync(file, { force: true });
    }
  }
}

/**
 * Opens the evidence vault at start-up. The key comes from EVIDENCE_KEY or the key file; on the very first
 * start (no key anywhere, no evidence yet) a key is generated and the operator is told loudly to back it up.
 * A key that does not match the evidence already stored is refused (`evidence.wrong_key`): starting anyway
 * would write files no one could read together with the old ones.
 */
export async function openEvidenceVault(args: { dataDir: string; db: Db; settings: EvidenceSettings; logger: Logger; clock: Clock; createIfMissing?: boolean }): Promise<EvidenceVault & { generatedKey: boolean }> {
  const { db, settings, logger, clock } = args;
  const dir = path.join(args.dataDir, 'evidence');
  const keyFile = settings.key ? null : path.resolve(args.dataDir, settings.keyFile ?? 'evidence.key');
  const expectedCheck = await storedKeyCheck(db);
  let key = settings.key ?? readKeyFile(keyFile!);
  let generatedKey = false;

  if (!key) {
    const hasEvidence = await countEvidenceFiles(db) > 0;
    if (expectedCheck !== null || hasEvidence) throw createKeyMissingError({ details: { keyFile } });
    if (args.createIfMissing === false) throw createKeyMissingError({ details: { keyFile } });
    key = randomBytes(32);
    try {
      writeKeyFile(keyFile!, key);
      generatedKey = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      key = readKeyFile(keyFile!)!;
    }
  } else if (keyFile) {
    const mode = fs.statSync(keyFile).mode & 0o077;
    if (mode !== 0) logger.warn({ keyFile }, 'the evidence key file is readable by other users; run chmod 600 on it');
  }

  const check = keyCheckValue(key);
  if (expectedCheck !== null && expectedCheck !== check) throw createWrongKeyError();
  // In a bucket the stored key check is the only test: an installation on S3 records it from its first start.
  const s3 = settings.store?.kind === 's3' ? createS3EvidenceStore(settings.store) : undefined;
  if (expectedCheck === null && !s3 && await opensSomeExistingFile(db, dir, key) === false) throw createWrongKeyError();
  const keys = deriveKeys(key);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Only once the key is known to be right: migrating under a wrong key would re-chain with the wrong MAC.
  if (!s3) await upgradeEvidenceVault({ db, dir, keys, clock, logger });
  if (expectedCheck === null) {
    await appendCustody({ db, custodyKey: keys.custodyMac }, { at: clock.now(), actor: 'system', action: 'key_created', subjectType: KEY_SUBJECT.type, subjectId: KEY_SUBJECT.id, detail: { keyCheck: check, algorithm: 'AES-256-GCM', format: 1 } });
  }
  if (generatedKey) {
    logger.warn(
      { keyFile },
      `A new evidence encryption key was generated. BACK UP ${keyFile} NOW and keep it apart from the data: without it the evidence cannot be read, and nobody can recover it.`,
    );
  }
  // File times are wall-clock times, so they are compared with the real clock, not the injected one.
  if (!s3) removeStaleTempFiles(dir, Date.now());
  const vault = createEvidenceVault({ dir, key, keys, keyCheck: check, keyFile, db, clock, logger, settings, store: s3 });
  return Object.assign(vault, { generatedKey });
}
