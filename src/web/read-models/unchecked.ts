import type { AppDeps } from '../../deps.types.ts';
import { createLabelOpener, createPeopleScopedList, createStatements } from './statements.ts';
import { isUncheckedReason, type UncheckedReason } from '../../modules/scans/page-check.models.ts';

export interface UncheckedRow {
  id: string;
  host: string;
  reason: UncheckedReason;
  personLabel: string;
  lastTriedAt: Date;
  /** Null when no automatic try is left. */
  nextTryAt: Date | null;
}

/**
 * Pages the people's scans could not check, for the "Could not check" section. Only the host is shown:
 * the full address of a page that may expose the person is not needed to understand that it was refused.
 * Read with one prepared statement for any number of people (the
 * repository's query is rebuilt for each request, which costs milliseconds for a thousand people) and
 * only the columns the section shows: host, reason and times, never the sealed address.
 */
export function createUncheckedReadModel(deps: Pick<AppDeps, 'db' | 'cipher'>) {
  const statement = createStatements(deps.db);
  const openLabel = createLabelOpener(deps.cipher);
  return createPeopleScopedList(statement, read);

  function read(scope: string[], limit: number): UncheckedRow[] {
    const rows = statement(
        `select u.id, u.host, u.reason, p.label, u.last_tried_at lastTriedAt, u.resolution, u.next_retry_at nextRetryAt
         from unchecked_pages u join people p on p.id = u.person_id
         where u.person_id in (select value from json_each(?)) and (u.resolution is null or u.resolution = 'gave_up') order by u.last_tried_at desc limit ?`,
      ).all(JSON.stringify(scope), limit) as { id: string; host: string; reason: string; label: string; lastTriedAt: number; resolution: string | null; nextRetryAt: number | null }[];
      return rows.map((row) => ({
        id: row.id,
        host: row.host,
        reason: isUncheckedReason(row.reason) ? row.reason : 'error',
        personLabel: openLabel(row.label),
        lastTriedAt: new Date(row.lastTriedAt),
        nextTryAt: row.resolution === null && row.nextRetryAt !== null ? new Date(row.nextRetryAt) : null,
      }));
  }
}
