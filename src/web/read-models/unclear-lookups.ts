import type { AppDeps } from '../../deps.types.ts';
import { createLabelOpener, createPeopleScopedList } from './kept-reads.ts';
import { createCouldNotReads } from './could-not.repository.ts';
import { IMPERSONATION_CHECK_FIELDS } from '../../modules/evidence/sealed-pages.models.ts';
import { lookupSite, unclearLookupReason, type UnclearLookupReason } from '../../modules/impersonation/unclear-lookups.models.ts';

export interface UnclearLookupRow {
  id: string;
  /** The site's host, never the profile address. */
  site: string;
  /**
   * The person's own handle as they gave it; for an alias, the handle form that was asked for with the alias
   * beside it (`lola_velvet (Lola Velvet)`), so the forms of one alias do not read as the same row repeated.
   */
  handle: string;
  reason: UnclearLookupReason;
  personLabel: string;
  checkedAt: Date | null;
}

/**
 * Profile lookups (impersonation watch) of each person's latest finished scan that could not tell whether a
 * profile under their handle exists: rate-limited, refused, failed or unclear answers. Shown with the pages
 * that could not be checked, because they are not "no impostor found" either. One prepared statement
 * (could-not.repository.ts).
 */
export function createUnclearLookupsReadModel(deps: Pick<AppDeps, 'db' | 'cipher'>) {
  const reads = createCouldNotReads(deps.db);
  const openLabel = createLabelOpener(deps.cipher);
  return createPeopleScopedList(reads.dataVersion, read);

  async function read(scope: string[], limit: number): Promise<UnclearLookupRow[]> {
    const rows = await reads.unclearLookups(JSON.stringify(scope), limit);
    return rows.map((row) => {
      const open = IMPERSONATION_CHECK_FIELDS.open(deps.cipher, row, row.id);
      return {
        id: row.id,
        site: lookupSite(open.url),
        handle: row.source === 'alias' && open.handle !== open.identifier ? `${open.handle} (${open.identifier})` : open.identifier,
        reason: unclearLookupReason(row.reason),
        personLabel: openLabel(row.label),
        checkedAt: row.checkedAt === null ? null : new Date(row.checkedAt),
      };
    });
  }
}
