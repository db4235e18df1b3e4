import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, json, rowId, timestamp } from './columns.ts';
import { people } from './people.table.ts';

export const scanRuns = pgTable(
  'scan_runs',
  {
    id: id(),
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: ['schedule', 'manual', 'catch_up', 'cli', 'demo'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'partial', 'failed'] }).notNull(),
    /** Engines (`id` or `id=endpoint`) chosen when the scan was created, so a resumed scan uses the same ones. */
    engines: json<string[]>('engines').notNull(),
    /** Private hosts this scan may visit (the local simulated web); empty for normal scans. */
    allowHosts: json<string[]>('allow_hosts').notNull(),
    /** Where in the rotating query list this scan starts; kept so that a resumed scan plans the same queries. */
    rotationCursor: integer('rotation_cursor').notNull().default(0),
    /** What the scan planned and where it is; the dashboard and CLI progress bars read these. */
    queriesPlanned: integer('queries_planned').notNull().default(0),
    queriesDone: integer('queries_done').notNull().default(0),
    candidatesFound: integer('candidates_found').notNull().default(0),
    pagesVisited: integer('pages_visited').notNull().default(0),
    pagesFailed: integer('pages_failed').notNull().default(0),
    /** Pages that loaded but could not be checked (an HTTP error, a login wall, a challenge, a paywall). */
    pagesUnchecked: integer('pages_unchecked').notNull().default(0),
    hitsNew: integer('hits_new').notNull().default(0),
    hitsSeen: integer('hits_seen').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at'),
    /** Set when every planned search has an outcome; the run finishes once its candidate pages are visited too. */
    searchesFinishedAt: timestamp('searches_finished_at'),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [index('scan_runs_person_idx').on(t.personId, t.createdAt)],
);

/** One row per query per engine: a blocked or failed search is recorded, never mistaken for "nothing found". */
export const searchOutcomes = pgTable(
  'search_outcomes',
  {
    id: rowId(),
    scanRunId: text('scan_run_id').notNull().references(() => scanRuns.id, { onDelete: 'cascade' }),
    engine: text('engine').notNull(),
    query: text('query').notNull(),
    queryKind: text('query_kind').notNull(),
    outcome: text('outcome', { enum: ['ok', 'blocked', 'captcha', 'rate_limited', 'error', 'skipped'] }).notNull(),
    signal: text('signal'),
    resultCount: integer('result_count').notNull().default(0),
    durationMs: integer('duration_ms').notNull().default(0),
    /**
     * Each result page asked for (`{page, outcome, signal?, resultCount}`), when more than one was: a page 2
     * that was refused is kept here while `outcome` stays page 1's, whose results are valid.
     */
    pageOutcomes: json<{ page: number; outcome: string; signal?: string; resultCount: number }[]>('page_outcomes'),
    createdAt: createdAt(),
  },
  (t) => [index('search_outcomes_run_idx').on(t.scanRunId), uniqueIndex('search_outcomes_unique').on(t.scanRunId, t.engine, t.query)],
);

export const engineStatus = pgTable('engine_status', {
  engine: text('engine').primaryKey(),
  state: text('state', { enum: ['ok', 'suspended'] }).notNull(),
  lastOutcome: text('last_outcome'),
  lastSignal: text('last_signal'),
  blockedSince: timestamp('blocked_since'),
  suspendedUntil: timestamp('suspended_until'),
  lastOkAt: timestamp('last_ok_at'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  updatedAt: timestamp('updated_at').notNull(),
});

/** Pages an engine returned for a scan, before they are visited. */
export const candidates = pgTable(
  'candidates',
  {
    id: rowId(),
    scanRunId: text('scan_run_id').notNull().references(() => scanRuns.id, { onDelete: 'cascade' }),
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    normalizedUrl: text('normalized_url').notNull(),
    engines: json<string[]>('engines').notNull(),
    title: text('title'),
    snippet: text('snippet'),
    status: text('status', { enum: ['pending', 'visited', 'skipped', 'failed', 'unchecked'] }).notNull().default('pending'),
    skipReason: text('skip_reason'),
    createdAt: createdAt(),
  },
  // person and URL: an exposure page shows what the search engine said about its page.
  (t) => [uniqueIndex('candidates_unique').on(t.scanRunId, t.normalizedUrl), index('candidates_person_url_idx').on(t.personId, t.normalizedUrl)],
);
