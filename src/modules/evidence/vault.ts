import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import type { EvidenceSettings } from '../../config/evidence.settings.ts';
import { sha256Hex } from '../../shared/hashing.models.ts';
import { NONCE_BYTES, isSha256Hex, openEvidence, sealEvidence, vaultFileName, vaultRelativePath } from './vault-format.models.ts';
import type { DerivedKeys } from './key-derivation.models.ts';
import { createFieldCipher } from './field-cipher.models.ts';
import { createEvidenceFileCorruptError, createEvidenceFileMissingError } from './evidence.errors.ts';
import { isAppError } from '../../shared/errors.ts';
import type { EvidenceObjectStore, StoredObject } from './evidence-store.ts';
import { createLocalEvidenceStore, TEMP_PREFIX } from './local-evidence-store.ts';
import { evidenceFileInfo, insertEvidenceFile, type EvidenceFileRow } from './evidence-files.repository.ts';

export { TEMP_PREFIX };

export type { EvidenceFileRow };

export type FileCheck = { ok: true; sizeBytes: number } | { ok: false; problem: 'missing' | 'altered' | 'unreadable'; detail: string };

export interface StoredEvidence {
  sha256: string;
  sizeBytes: number;
  mimeType: string;
}

/**
 * Content-addressed, encrypted file store. Files are addressed by their SHA-256 but stored under a keyed
 * name derived from it (see vaultFileName). The store writes a file whole or not at all (a local folder:
 * temporary name, fsync, rename, fsync of the folder; an S3 bucket: one PUT); only then is its
 * `evidence_files` row inserted. So a crash at any point leaves at most an unreferenced temporary file,
 * never a row pointing at a partial file.
 */
export function createEvidenceVault(args: { dir: string; key: Buffer; keys: DerivedKeys; keyCheck: string; keyFile: string | null; db: Db; clock: Clock; logger: Logger; settings: EvidenceSettings; store?: EvidenceObjectStore }) {
  const { dir, key, db, clock } = args;
  // The local folder unless the composition root hands in another store (an S3 bucket).
  const store = args.store ?? createLocalEvidenceStore(dir);
  const relativePathOf = (sha256: string) => vaultRelativePath(vaultFileName(args.keys.vaultNames, sha256));
  const pathOf = (sha256: string) => path.join(dir, relativePathOf(sha256));

  async function info(sha256: string): Promise<EvidenceFileRow | null> {
    return await evidenceFileInfo(db, sha256);
  }

  /** Sealed with a fresh nonce; the store writes it whole or not at all (see local-evidence-store, s3-evidence-store). */
  async function writeFile(sha256: string, plaintext: Buffer): Promise<void> {
    await store.write(relativePathOf(sha256), sealEvidence(key, randomBytes(NONCE_BYTES), plaintext, sha256));
  }

  async function check(sha256: string): Promise<FileCheck> {
    let sealed: Buffer | null;
    try {
      sealed = await store.read(relativePathOf(sha256));
    } catch (error) {
      // An unreachable store says nothing about the file: that is the caller's error, not a finding.
      if (isAppError(error)) throw error;
      return { ok: false, problem: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? 'read failed' };
    }
    if (!sealed) return { ok: false, problem: 'missing', detail: 'file not found' };
    const opened = openEvidence(key, sealed, sha256);
    if (!opened.ok) return { ok: false, problem: 'altered', detail: opened.reason };
    return { ok: true, sizeBytes: opened.plaintext.length };
  }

  return {
    dir,
    /** For appending to the custody chain (custody-log.repository's CustodyWriter). */
    custodyKey: args.keys.custodyMac,
    keys: args.keys,
    /** Opens the sealed database fields that evidence reports quote (matched values). */
    cipher: createFieldCipher(args.keys),
    keyFile: args.keyFile,
    keyCheck: args.keyCheck,
    db,
    clock,
    logger: args.logger,
    settings: args.settings,
    pathOf,
    relativePathOf,
    info,
    check,

    /** Stores bytes (idempotent: the same content is one file) and returns its address. */
    async put(plaintext: Buffer, mimeType: string): Promise<StoredEvidence> {
      const sha256 = sha256Hex(plaintext);
      const existing = await info(sha256);
      // A row whose file is intact needs nothing; a row whose file vanished is healed by writing it again.
      if (!existing || !(await check(sha256)).ok) await writeFile(sha256, plaintext);
      if (!existing) {
        await insertEvidenceFile(db, { sha256, sizeBytes: plaintext.length, mimeType, createdAt: clock.now().getTime() });
      }
      return { sha256, sizeBytes: plaintext.length, mimeType: existing?.mimeType ?? mimeType };
    },

    /** Decrypted bytes; throws `evidence.file_missing` or `evidence.file_corrupt` rather than returning doubtful data. */
    async read(sha256: string): Promise<Buffer> {
      if (!isSha256Hex(sha256)) throw createEvidenceFileMissingError();
      const sealed = await store.read(relativePathOf(sha256));
      if (!sealed) throw createEvidenceFileMissingError({ details: { sha256 } });
      const opened = openEvidence(key, sealed, sha256);
      if (!opened.ok) throw createEvidenceFileCorruptError({ details: { sha256, reason: opened.reason } });
      return opened.plaintext;
    },

    /** Every file in the store (temporary ones flagged), for verification and clean-up. */
    async listFiles(): Promise<StoredObject[]> {
      return store.list();
    },

    /** Removes one file (a wipe); its row is the caller's to delete. */
    async remove(sha256: string): Promise<void> {
      await store.remove(relativePathOf(sha256));
    },

    /** Where the sealed files are: the local folder or an S3 bucket. */
    store,
  };
}

export type EvidenceVault = ReturnType<typeof createEvidenceVault>;
