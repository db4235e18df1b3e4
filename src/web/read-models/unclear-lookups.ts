import type { AppDeps } from '../../deps.types.ts';
import { createLabelOpener, createPeopleScopedList, createStatements } from './statements.ts';
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
 * that could not be checked, because they are not "no impostor found" either. One prepared statement; the
 * latest finished run of each person is found through scan_runs_person_idx, its checks through
 * impersonation_checks_run_status_idx.
 */
export function createUnclearLookupsReadModel(deps: Pick<AppDeps, 'db' | 'cipher'>) {
  const statement = createStatements(deps.db);
  const openLabel = createLabelOpener(deps.cipher);
  return createPeopleScopedList(statement, read);

  function read(scope: string[], limit: number): UnclearLookupRow[] {
    const rows = statement(
      `select c.id, c.url, c.handle, c.identifier, c.source, c.reason, c.checked_at checkedAt, p.label
       from people p
       join impersonation_checks c on c.scan_run_id = (select r.id from scan_runs r where r.person_id = p.id and r.finished_at is not null order by r.created_at desc limit 1)
         and c.status = 'unknown'
       where p.id in (select value from json_each(?))
       order by c.checked_at desc, c.id limit ?`,
    ).all(JSON.stringify(scope), limit) as { id: string; url: string; handle: string; identifier: string; source: string; reason: string | null; checkedAt: number | null; label: string }[];
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
