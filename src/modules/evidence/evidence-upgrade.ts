import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { fsyncPathSync } from '../../shared/durable-files.ts';
import type { Logger } from '../../shared/logger.ts';
import { appendCustody, migrateCustodyChain, type CustodyMigration } from './custody-log.repository.ts';
import { evidenceFileHashes } from './evidence-files.repository.ts';
import type { DerivedKeys } from './key-derivation.models.ts';
import { vaultFileName, vaultRelativePath } from './vault-format.models.ts';
import { hasCompletedStep, recordCompletedStep } from '../upgrades/upgrade-steps.repository.ts';

/** Raise `version` when the vault's naming or the custody MAC changes again: completed vaults are checked once more. */
export const VAULT_UPGRADE_STEP = { name: 'evidence.keyed_vault', version: 1 } as const;

/**
 * A file beside the evidence that says, under a MAC, that this vault was upgraded to keyed custody MACs and
 * keyed file names. Without it an unkeyed chain is taken for an old install's chain and migrated; with it,
 * an unkeyed chain can only be a forgery and is left for `evidence verify` to report.
 */
export const UPGRADE_MARKER = '.keyed-v1';

function markerMac(keys: DerivedKeys): string {
  return createHmac('sha256', keys.custodyMac).update('exposure-scanner vault upgraded to keyed custody and names v1').digest('hex');
}

function readMarker(dir: string, keys: DerivedKeys): 'valid' | 'absent' | 'invalid' {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, UPGRADE_MARKER), 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  const expected = Buffer.from(markerMac(keys));
  const actual = Buffer.from(text);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? 'valid' : 'invalid';
}

function writeMarker(dir: string, keys: DerivedKeys): void {
  const temp = path.join(dir, `${UPGRADE_MARKER}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${markerMac(keys)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, path.join(dir, UPGRADE_MARKER));
  fsyncPathSync(dir);
}

/**
 * Moves files still named by their plain SHA-256 to their keyed names. Each move is one rename (atomic),
 * followed by a directory fsync; a crash between two moves leaves some files under each scheme, and the next
 * start finishes the job, so running it again is always safe.
 */
export async function renameLegacyVaultFiles(db: Db, dir: string, keys: DerivedKeys): Promise<number> {
  let renamed = 0;
  for (const sha256 of await evidenceFileHashes(db)) {
    const legacy = path.join(dir, vaultRelativePath(sha256));
    if (!fs.existsSync(legacy)) continue;
    const target = path.join(dir, vaultRelativePath(vaultFileName(keys.vaultNames, sha256)));
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    if (fs.existsSync(target)) {
      // The same content was written again under its keyed name: the legacy copy is redundant.
      fs.rmSync(legacy, { force: true });
    } else {
      fs.renameSync(legacy, target);
      renamed++;
    }
    fsyncPathSync(path.dirname(target));
    if (path.dirname(target) !== path.dirname(legacy)) fsyncPathSync(path.dirname(legacy));
  }
  return renamed;
}

export interface UpgradeReport {
  filesRenamed: number;
  custody: CustodyMigration;
}

/**
 * Brings a vault written by an older version up to keyed names and a keyed custody chain, at start-up. Both
 * read everything (the whole custody log, a file check per evidence row), so once done it is recorded as an
 * upgrade step and later starts skip it (null) — but only while the vault's own marker is also valid: a vault
 * directory put back from an older copy has none, and is upgraded again.
 */
export async function upgradeEvidenceVault(args: { db: Db; dir: string; keys: DerivedKeys; clock: Clock; logger: Logger }): Promise<UpgradeReport | null> {
  const { db, dir, keys, logger } = args;
  const writer = { db, custodyKey: keys.custodyMac };
  const marker = readMarker(dir, keys);
  if (marker === 'valid' && await hasCompletedStep(db, VAULT_UPGRADE_STEP)) return null;
  const custody = await migrateCustodyChain(writer, { at: args.clock.now(), allowUnkeyed: marker === 'absent' });
  if (custody.state === 'migrated') logger.warn({ entries: custody.entries }, 'the custody log was re-chained with keyed MACs (upgrade from unkeyed SHA-256)');
  if (custody.state === 'kept_broken') {
    logger.error({ firstBadSeq: custody.firstBadSeq, problems: custody.problems }, 'the custody log is broken and was kept unkeyed as it is; run `evidence verify` for details');
  }
  const filesRenamed = await renameLegacyVaultFiles(db, dir, keys);
  if (filesRenamed > 0) {
    logger.warn({ filesRenamed }, 'evidence files were renamed to keyed names');
    await appendCustody(writer, { at: args.clock.now(), actor: 'system', action: 'files_renamed', subjectType: 'vault', subjectId: 'evidence-files', detail: { filesRenamed, naming: 'hmac-sha256' } });
  }
  // A broken legacy chain is not vouched for: without the marker, a later start may still migrate it once repaired from a backup.
  if (marker === 'absent' && custody.state !== 'kept_broken') writeMarker(dir, keys);
  // Recorded last, after every rename (renames are safe to repeat, so a crash before this line only costs a rerun).
  // Not recorded while the chain is kept broken or the marker does not verify: those starts keep checking, as before.
  const completed = marker === 'valid' || (marker === 'absent' && custody.state !== 'kept_broken');
  if (completed) await recordCompletedStep(db, VAULT_UPGRADE_STEP, args.clock.now());
  return { filesRenamed, custody };
}
