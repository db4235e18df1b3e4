import { appendCustody } from './custody-log.repository.ts';
import { evidenceReferencedByPerson, forgetEvidenceFile } from './evidence-files.repository.ts';
import type { EvidenceVault } from './vault.ts';

/**
 * Removes a person's evidence files from the vault before their rows are deleted. Files are content
 * addressed, so a file another person's record also points to stays. The custody log records the wipe
 * (ids and a count only), so a later verification explains why those captures are gone.
 */
export async function wipePersonEvidence(vault: EvidenceVault, personId: string, actor: string): Promise<{ filesRemoved: number }> {
  const keep = await evidenceReferencedByPerson(vault.db, personId, true);
  const remove = [...await evidenceReferencedByPerson(vault.db, personId)].filter((sha) => !keep.has(sha));
  let filesRemoved = 0;
  for (const sha of remove) {
    await vault.remove(sha);
    if (await forgetEvidenceFile(vault.db, sha)) filesRemoved++;
  }
  await appendCustody(vault, { at: vault.clock.now(), actor, action: 'wiped', subjectType: 'person', subjectId: personId, detail: { filesRemoved } });
  return { filesRemoved };
}
