import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { searchOutcomes } from '../../db/schema/index.ts';
import type { PageOutcome } from '../../providers/paging.models.ts';

/** Stores the per-page outcomes of a query next to its search row (only when more than one page was asked). */
export function recordPageOutcomes(db: Db, args: { runId: string; engine: string; query: string; pages: PageOutcome[] | undefined }): void {
  if (!args.pages || args.pages.length < 2) return;
  db.update(searchOutcomes)
    .set({ pageOutcomes: args.pages })
    .where(and(eq(searchOutcomes.scanRunId, args.runId), eq(searchOutcomes.engine, args.engine), eq(searchOutcomes.query, args.query)))
    .run();
}

/** The first page after page 1 that was refused, for logs and engine status: what stopped the paging. */
export function laterRefusal(pages: PageOutcome[] | undefined): PageOutcome | undefined {
  return pages?.slice(1).find((p) => p.outcome !== 'ok');
}
