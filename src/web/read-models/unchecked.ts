import type { AppDeps } from '../../deps.types.ts';
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
