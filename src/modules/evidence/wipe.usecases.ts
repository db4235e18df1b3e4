import fs from 'node:fs/promises';
import { appendCustody } from './custody-log.repository.ts';
import type { EvidenceVault } from './vault.ts';

/** The evidence addresses of one person: their captures' artifacts and their kept photo originals. */
function evidenceOf(vault: EvidenceVault, personId: string, other: boolean): Set<string> {
  const op = other ? '!=' : '=';
  const sqlite = vault.db.$client;
  const shas = new Set<string>();
  const captures = sqlite.prepare(`select c.artifacts from captures c join hits h on h.id = c.hit_id where h.person_id ${op} ?`).all(personId) as { artifacts: string }[];
  for (const c of captures) for (const sha of Object.values(JSON.parse(c.artifacts) as Record<string, string>)) shas.add(sha);
  const originals = sqlite.prepare(`select original_ref from photos where person_id ${op} ? and original_ref is not null`).all(personId) as { original_ref: string }[];
  for (const o of originals) shas.add(o.original_ref);
  return shas;
}

/**
 * Removes a person's evidence files from the vault before their rows are deleted. Files are content
 * addressed, so a file another person's record also points to stays. The custody log records the wipe
 * (ids and a count only), so a later verification explains why those captures are gone.
 */
export async function wipePersonEvidence(vault: EvidenceVault, personId: string, actor: string): Promise<{ filesRemoved: number }> {
  const keep = evidenceOf(vault, personId, true);
  const remove = [...evidenceOf(vault, personId, false)].filter((sha) => !keep.has(sha));
  const forget = vault.db.$client.prepare('delete from evidence_files where sha256 = ?');
  let filesRemoved = 0;
  for (const sha of remove) {
    await fs.rm(vault.pathOf(sha), { force: true });
    if (forget.run(sha).changes > 0) filesRemoved++;
  }
  appendCustody(vault, { at: vault.clock.now(), actor, action: 'wiped', subjectType: 'person', subjectId: personId, detail: { filesRemoved } });
  return { filesRemoved };
}
