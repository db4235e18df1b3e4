import type { PageOutcome } from '../../providers/paging.models.ts';

// The per-page outcomes themselves are stored by the scans repository, next to the search row they belong to.

/** The first page after page 1 that was refused, for logs and engine status: what stopped the paging. */
export function laterRefusal(pages: PageOutcome[] | undefined): PageOutcome | undefined {
  return pages?.slice(1).find((p) => p.outcome !== 'ok');
}
