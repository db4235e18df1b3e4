import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { fsyncPath } from '../../shared/durable-files.ts';
import type { Logger } from '../../shared/logger.ts';
import type { EvidenceSettings } from '../../config/evidence.settings.ts';
import { sha256Hex } from '../../shared/hashing.models.ts';
import { NONCE_BYTES, isSha256Hex, openEvidence, sealEvidence, vaultFileName, vaultRelativePath } from './vault-format.models.ts';
import type { DerivedKeys } from './key-derivation.models.ts';
import { createFieldCipher } from './field-cipher.models.ts';
import { createEvidenceFileCorruptError, createEvidenceFileMissingError, createEvidenceWriteFailedError } from './evidence.errors.ts';
import { describeWriteFailure } from '../../shared/write-failure.models.ts';

export const TEMP_PREFIX = '.tmp-';

export interface EvidenceFileRow {
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  encrypted: boolean;
  createdAt: number;
}

export type FileCheck = { ok: true; sizeBytes: number } | { ok: false; problem: 'missing' | 'altered' | 'unreadable'; detail: string };

export interface StoredEvidence {
  sha256: string;
  sizeBytes: number;
  mimeType: string;
}

/**
 * Content-addressed, encrypted file store. Files are addressed by their SHA-256 but stored under a keyed
 * name derived from it (see vaultFileName). A file is written under a temporary name, fsynced, renamed to
 * its name and the directory fsynced; only then is its `evidence_files` row inserted. So a crash at any
 * point leaves at most an unreferenced temporary file, never a row pointing at a partial file.
 */
export function createEvidenceVault(args: { dir: string; key: Buffer; keys: DerivedKeys; keyCheck: string; keyFile: string | null; db: Db; clock: Clock; logger: Logger; settings: EvidenceSettings }) {
  const { dir, key, db, clock } = args;
  const sqlite = db.$client;
  const relativePathOf = (sha256: string) => vaultRelativePath(vaultFileName(args.keys.vaultNames, sha256));
  const pathOf = (sha256: string) => path.join(dir, relativePathOf(sha256));

  function info(sha256: string): EvidenceFileRow | null {
    const row = sqlite.prepare('select sha256, size_bytes, mime_type, encrypted, created_at from evidence_files where sha256 = ?').get(sha256) as
      | { sha256: string; size_bytes: number; mime_type: string; encrypted: number; created_at: number }
      | undefined;
    return row ? { sha256: row.sha256, sizeBytes: row.size_bytes, mimeType: row.mime_type, encrypted: row.encrypted === 1, createdAt: row.created_at } : null;
  }

  /**
   * Temporary name, fsync, rename, fsync of the folder. A full disk or a read-only folder ends in a coded
   * error and removes the temporary file, so no half-written evidence is ever left under a real name.
   */
  async function writeFile(sha256: string, plaintext: Buffer): Promise<void> {
    const target = pathOf(sha256);
    const folder = path.dirname(target);
    // Random only: a temporary name derived from the content hash would give away what is being written.
    const temp = path.join(folder, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
    try {
      const created = await fs.mkdir(folder, { recursive: true });
      if (created) await fsyncPath(dir);
      const sealed = sealEvidence(key, randomBytes(NONCE_BYTES), plaintext, sha256);
      const handle = await fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(sealed);
        await handle.sync();
      } finally {
        await handle.close().catch(() => undefined);
      }
      await fs.rename(temp, target);
      await fsyncPath(folder);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      // Node's recursive mkdir reports a read-only file system as ENOENT; asking the folder itself names the cause.
      const probed = await fs.access(dir, fs.constants.W_OK).then(() => null, (probe: NodeJS.ErrnoException) => probe.code);
      throw createEvidenceWriteFailedError(describeWriteFailure(probed ?? (error as NodeJS.ErrnoException).code), error);
    }
  }

  async function check(sha256: string): Promise<FileCheck> {
    let sealed: Buffer;
    try {
      sealed = await fs.readFile(pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, problem: 'missing', detail: 'file not found' };
      return { ok: false, problem: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? 'read failed' };
    }
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
      const existing = info(sha256);
      // A row whose file is intact needs nothing; a row whose file vanished is healed by writing it again.
      if (!existing || !(await check(sha256)).ok) await writeFile(sha256, plaintext);
      if (!existing) {
        sqlite
          .prepare('insert into evidence_files (sha256, size_bytes, mime_type, encrypted, created_at) values (?, ?, ?, 1, ?) on conflict (sha256) do nothing')
          .run(sha256, plaintext.length, mimeType, clock.now().getTime());
      }
      return { sha256, sizeBytes: plaintext.length, mimeType: existing?.mimeType ?? mimeType };
    },

    /** Decrypted bytes; throws `evidence.file_missing` or `evidence.file_corrupt` rather than returning doubtful data. */
    async read(sha256: string): Promise<Buffer> {
      if (!isSha256Hex(sha256)) throw createEvidenceFileMissingError();
      let sealed: Buffer;
      try {
        sealed = await fs.readFile(pathOf(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw createEvidenceFileMissingError({ details: { sha256 } });
        throw error;
      }
      const opened = openEvidence(key, sealed, sha256);
      if (!opened.ok) throw createEvidenceFileCorruptError({ details: { sha256, reason: opened.reason } });
      return opened.plaintext;
    },

    /** Every file in the vault folders (temporary ones flagged), for verification and clean-up. */
    async listFiles(): Promise<{ name: string; relativePath: string; temporary: boolean; mtimeMs: number }[]> {
      const out: { name: string; relativePath: string; temporary: boolean; mtimeMs: number }[] = [];
      let folders: string[];
      try {
        folders = await fs.readdir(dir);
      } catch {
        return out;
      }
      for (const folder of folders.filter((f) => /^[0-9a-f]{2}$/.test(f)).sort()) {
        for (const name of (await fs.readdir(path.join(dir, folder))).sort()) {
          const stat = await fs.stat(path.join(dir, folder, name));
          out.push({ name, relativePath: `${folder}/${name}`, temporary: name.startsWith(TEMP_PREFIX), mtimeMs: stat.mtimeMs });
        }
      }
      return out;
    },
  };
}

export type EvidenceVault = ReturnType<typeof createEvidenceVault>;
