import path from 'node:path';
import { allCaptures } from './captures.repository.ts';
import { custodyHead, listCustody } from './custody-log.repository.ts';
import { canonicalJson, verifyCustodyChain } from './custody-log.models.ts';
import { vaultRelativePath } from './vault-format.models.ts';
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
  const sqlite = vault.db.$client;
  const problems: VerifyProblem[] = [];
  const notes: string[] = [];
  const fileLabel = (sha256: string) => path.join('evidence', vaultRelativePath(sha256));

  const rows = sqlite.prepare('select sha256, size_bytes from evidence_files order by sha256').all() as { sha256: string; size_bytes: number }[];
  const known = new Set(rows.map((r) => r.sha256));
  for (const row of rows) {
    const result = await vault.check(row.sha256);
    if (!result.ok) {
      problems.push({
        kind: 'file', subject: fileLabel(row.sha256), problem: result.problem,
        message: result.problem === 'missing' ? `${fileLabel(row.sha256)} is missing` : `${fileLabel(row.sha256)} was altered or damaged (${result.detail})`,
      });
    } else if (result.sizeBytes !== row.size_bytes) {
      problems.push({ kind: 'file', subject: fileLabel(row.sha256), problem: 'size_mismatch', message: `${fileLabel(row.sha256)} has ${result.sizeBytes} bytes, the record says ${row.size_bytes}` });
    }
  }

  for (const file of await vault.listFiles()) {
    if (file.temporary) {
      notes.push(`evidence/${file.relativePath}: temporary file of an interrupted write (never referenced; removed at start after an hour)`);
      continue;
    }
    if (known.has(file.name)) continue;
    const result = /^[0-9a-f]{64}$/.test(file.name) ? await vault.check(file.name) : { ok: false as const, problem: 'altered' as const, detail: 'not a content address' };
    notes.push(`evidence/${file.relativePath}: not referenced by any record${result.ok ? '' : ` and fails its check (${result.detail})`}`);
  }

  const entries = listCustody(vault.db);
  for (const p of verifyCustodyChain(entries)) problems.push({ kind: 'custody', subject: String(p.seq), problem: p.problem, message: p.message });

  const captureEntries = new Map<string, (typeof entries)[number]>();
  for (const e of entries) if (e.subjectType === 'capture' && (e.action === 'captured' || e.action === 'rechecked')) captureEntries.set(e.subjectId, e);
  const captures = allCaptures(vault.db);
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

  return { ok: problems.length === 0, files: rows.length, captures: captures.length, custodyEntries: entries.length, custodyHead: custodyHead(vault.db), problems, notes };
}
