import type { AppDeps } from '../../deps.types.ts';
import { createDataVersion, createIdsKey, createLabelOpener, createStatements, createVersionedCache } from './statements.ts';
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
 */
export function listUnchecked(deps: Pick<AppDeps, 'pipeline' | 'profiles'>, personIds: string[], filter: { personId?: string }): UncheckedRow[] {
  const scope = filter.personId ? personIds.filter((id) => id === filter.personId) : personIds;
  const labels = new Map<string, string>();
  const labelOf = (id: string) => {
    if (!labels.has(id)) labels.set(id, deps.profiles.getPerson(id)?.label ?? '');
    return labels.get(id)!;
  };
  return deps.pipeline.uncheckedPages.listForPeople(scope).map((row) => ({
    id: row.id,
    host: row.host,
    reason: isUncheckedReason(row.reason) ? row.reason : 'error',
    personLabel: labelOf(row.personId),
    lastTriedAt: row.lastTriedAt,
    nextTryAt: row.resolution === null ? row.nextRetryAt : null,
  }));
}

/**
 * The same rows for the dashboard, read with one prepared statement for any number of people (the
 * repository's query is rebuilt for each request, which costs milliseconds for a thousand people) and
 * only the columns the section shows: host, reason and times, never the sealed address.
 */
export function createUncheckedReadModel(deps: Pick<AppDeps, 'db' | 'cipher'>) {
  const statement = createStatements(deps.db);
  const openLabel = createLabelOpener(deps.cipher);
  const kept = createVersionedCache<UncheckedRow[]>(createDataVersion(statement), 50);
  const idsKey = createIdsKey();
  return {
    list(personIds: string[], filter: { personId?: string }, limit = 200): UncheckedRow[] {
      const scope = filter.personId ? personIds.filter((id) => id === filter.personId) : personIds;
      if (scope.length === 0) return [];
      return kept(`${limit}:${idsKey(scope)}`, () => read(scope, limit));
    },
  };

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
