import type { AppDeps } from '../../deps.types.ts';
import { createLabelOpener, createPeopleScopedList } from './kept-reads.ts';
import { createCouldNotReads } from './could-not.repository.ts';
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
 * Read with one prepared statement for any number of people (could-not.repository.ts; the scans module's
 * query is rebuilt for each request, which costs milliseconds for a thousand people).
 */
export function createUncheckedReadModel(deps: Pick<AppDeps, 'db' | 'cipher'>) {
  const reads = createCouldNotReads(deps.db);
  const openLabel = createLabelOpener(deps.cipher);
  return createPeopleScopedList(reads.dataVersion, read);

  async function read(scope: string[], limit: number): Promise<UncheckedRow[]> {
    const rows = await reads.uncheckedPages(JSON.stringify(scope), limit);
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
