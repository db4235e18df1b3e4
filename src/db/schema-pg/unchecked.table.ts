import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, rowId, rowRef, timestamp } from './columns.ts';
import { people } from './people.table.ts';
import { hits } from './hits.table.ts';
import { candidates, searchOutcomes } from './scans.table.ts';

/**
 * Every result an engine returned for a candidate page (one row per search that returned it), so that the
 * titles and snippets of all engines can be matched when the page itself cannot be.
 */
export const candidateResults = pgTable(
  'candidate_results',
  {
    id: rowId(),
    candidateId: rowRef('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
    searchOutcomeId: rowRef('search_outcome_id').notNull().references(() => searchOutcomes.id, { onDelete: 'cascade' }),
    engine: text('engine').notNull(),
    title: text('title'),
    snippet: text('snippet'),
    createdAt: createdAt(),
  },
  (t) => [index('candidate_results_candidate_idx').on(t.candidateId)],
);

/**
 * A page that could not be checked (refused, walled, challenged, failed): shown to the person and retried
 * later, never counted as "no match". One row per person and normalised URL; a page that is checked on a
 * retry is marked resolved and kept, so the history of refusals stays visible.
 */
export const uncheckedPages = pgTable(
  'unchecked_pages',
  {
    id: id(),
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    normalizedUrl: text('normalized_url').notNull(),
    host: text('host').notNull(),
    reason: text('reason').notNull(),
    httpStatus: integer('http_status'),
    /** How the page was last tried: in the browser or with a plain HTTP request. */
    lastPath: text('last_path', { enum: ['browser', 'plain'] }).notNull(),
    retriesDone: integer('retries_done').notNull().default(0),
    nextRetryAt: timestamp('next_retry_at'),
    lastScanRunId: text('last_scan_run_id'),
    firstSeenAt: timestamp('first_seen_at').notNull(),
    lastTriedAt: timestamp('last_tried_at').notNull(),
    resolvedAt: timestamp('resolved_at'),
    /** `checked`: a retry read the page (a hit if it showed the person); `gave_up`: no retries left. */
    resolution: text('resolution', { enum: ['checked', 'gave_up'] }),
  },
  (t) => [uniqueIndex('unchecked_pages_person_url_unique').on(t.personId, t.normalizedUrl), index('unchecked_pages_retry_idx').on(t.nextRetryAt)],
);

/** The search results that showed an exposure: the evidence of a hit seen in search results. */
export const hitSnippets = pgTable(
  'hit_snippets',
  {
    id: rowId(),
    hitId: text('hit_id').notNull().references(() => hits.id, { onDelete: 'cascade' }),
    scanRunId: text('scan_run_id'),
    engine: text('engine').notNull(),
    /** The search (one query on one engine) that returned the result; kept when the run is pruned. */
    searchOutcomeId: rowRef('search_outcome_id'),
    title: text('title'),
    snippet: text('snippet'),
    seenAt: timestamp('seen_at').notNull(),
  },
  (t) => [index('hit_snippets_hit_idx').on(t.hitId)],
);
