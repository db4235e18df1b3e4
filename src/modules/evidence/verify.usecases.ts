import path from 'node:path';
import { allCaptures } from './captures.repository.ts';
import { custodyHead, listCustody } from './custody-log.repository.ts';
import { evidenceFileSizes } from './evidence-files.repository.ts';
import { canonicalJson, custodyEntryHash, legacyCustodyEntryHash, verifyCustodyChain, type CustodyEntry } from './custody-log.models.ts';
import type { EvidenceVault } from './vault.ts';

export interface VerifyProblem {
  kind: 'file' | 'custody' | 'capture';
  /** The evidence file's path in the vault, the custody entry's seq, or the capture id. */
  subject: string;
  problem: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  files: number;
  captures: number;
  custodyEntries: number;
  custodyHead: { seq: number; entryHash: string } | null;
  problems: VerifyProblem[];
  /** Not failures: unreferenced or leftover temporary files (what a crash may leave behind). */
  notes: string[];
}

/**
 * Checks everything a court or platform could doubt: every stored file exists, decrypts under the key and
 * still has the hash it is filed under; every capture's files exist and match what its custody entry
 * recorded; and the custody chain is unbroken. Every problem names the file, entry or capture.
 */
export async function verifyEvidence(vault: EvidenceVault): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const notes: string[] = [];
  const fileLabel = (sha256: string) => path.join('evidence', vault.relativePathOf(sha256));

  const rows = await evidenceFileSizes(vault.db);
  const known = new Set(rows.map((r) => r.sha256));
  const knownNames = new Set(rows.map((r) => path.basename(vault.relativePathOf(r.sha256))));
  for (const row of rows) {
    const result = await vault.check(row.sha256);
    if (!result.ok) {
      problems.push({
        kind: 'file', subject: fileLabel(row.sha256), problem: result.problem,
        message: result.problem === 'missing'
          ? `${fileLabel(row.sha256)} (content ${row.sha256}) is missing`
          : `${fileLabel(row.sha256)} (content ${row.sha256}) was altered or damaged (${result.detail})`,
      });
    } else if (result.sizeBytes !== row.sizeBytes) {
      problems.push({ kind: 'file', subject: fileLabel(row.sha256), problem: 'size_mismatch', message: `${fileLabel(row.sha256)} has ${result.sizeBytes} bytes, the record says ${row.sizeBytes}` });
    }
  }

  for (const file of await vault.listFiles()) {
    if (file.temporary) {
      notes.push(`evidence/${file.relativePath}: temporary file of an interrupted write (never referenced; removed at start after an hour)`);
      continue;
    }
    if (knownNames.has(file.name)) continue;
    // A keyed name cannot be turned back into a content hash, so an unreferenced file cannot be opened to check it.
    notes.push(`evidence/${file.relativePath}: not referenced by any record`);
  }

  const entries = await listCustody(vault.db);
  for (const p of custodyProblems(entries, vault.custodyKey)) problems.push({ kind: 'custody', subject: String(p.seq), problem: p.problem, message: p.message });

  const captureEntries = new Map<string, (typeof entries)[number]>();
  for (const e of entries) if (e.subjectType === 'capture' && (e.action === 'captured' || e.action === 'rechecked')) captureEntries.set(e.subjectId, e);
  const captures = await allCaptures(vault.db, vault.cipher);
  for (const capture of captures) {
    for (const [role, sha256] of Object.entries(capture.artifacts)) {
      if (!known.has(sha256)) problems.push({ kind: 'capture', subject: capture.id, problem: 'missing_file', message: `capture ${capture.id}: its ${role} (${sha256}) has no record in the vault` });
    }
    const entry = captureEntries.get(capture.id);
    if (!entry) {
      problems.push({ kind: 'capture', subject: capture.id, problem: 'no_custody_entry', message: `capture ${capture.id} has no custody entry (the log was cut or the capture inserted by hand)` });
    } else if (canonicalJson(entry.detail.artifacts ?? null) !== canonicalJson(capture.artifacts)) {
      problems.push({ kind: 'capture', subject: capture.id, problem: 'artifacts_changed', message: `capture ${capture.id}: its files differ from those recorded in custody entry ${entry.seq}` });
    }
  }

  return { ok: problems.length === 0, files: rows.length, captures: captures.length, custodyEntries: entries.length, custodyHead: await custodyHead(vault.db), problems, notes };
}

/**
 * Every entry must carry a valid keyed MAC. A chain whose first entry does not is an old install's chain that
 * could not be migrated (it was already broken; later entries are keyed): that alone fails verification, and
 * the chain is then checked under either scheme so the report names where it breaks, rather than calling
 * every entry altered.
 */
function custodyProblems(entries: CustodyEntry[], custodyKey: Buffer) {
  const mac = (e: Omit<CustodyEntry, 'entryHash'>) => custodyEntryHash(e, custodyKey);
  if (entries.length === 0 || mac(entries[0]!) === entries[0]!.entryHash) return verifyCustodyChain(entries, mac);
  const legacy = verifyCustodyChain(entries, (e) => {
    const keyed = mac(e);
    return keyed === (e as CustodyEntry).entryHash ? keyed : legacyCustodyEntryHash(e);
  });
  return [
    { seq: entries[0]!.seq, problem: 'unkeyed' as const, message: 'the custody log has no keyed MAC: it predates keyed custody and was not migrated because it was already broken, or it was rewritten by someone without the key' },
    ...legacy,
  ];
}
