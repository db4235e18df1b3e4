import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamp } from './columns.ts';
import { people } from './people.table.ts';
import { hits } from './hits.table.ts';
import { scanRuns } from './scans.table.ts';

/**
 * One lookup of one of the person's handles on one site during a scan (impersonation watch). A site that
 * refused or failed is kept as `unknown` with its reason, never read as "no profile". The address and the
 * handle asked are sealed (they name the person); `probe_key` is a blind index that keeps a resumed scan from
 * asking twice.
 */
export const impersonationChecks = pgTable(
  'impersonation_checks',
  {
    id: id(),
    scanRunId: text('scan_run_id').notNull().references(() => scanRuns.id, { onDelete: 'cascade' }),
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    siteId: text('site_id').notNull(),
    listVersion: text('list_version').notNull(),
    probeKey: text('probe_key').notNull(),
    url: text('url').notNull(),
    handle: text('handle').notNull(),
    identifier: text('identifier').notNull(),
    source: text('source', { enum: ['handle', 'alias'] }).notNull(),
    status: text('status', { enum: ['pending', 'present', 'absent', 'unknown', 'lookalike'] }).notNull().default('pending'),
    reason: text('reason'),
    httpStatus: integer('http_status'),
    hitId: text('hit_id').references(() => hits.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    checkedAt: timestamp('checked_at'),
  },
  (t) => [uniqueIndex('impersonation_checks_probe_unique').on(t.scanRunId, t.probeKey), index('impersonation_checks_run_status_idx').on(t.scanRunId, t.status)],
);
