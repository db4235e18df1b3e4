import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamp } from './columns.ts';

/**
 * Start-up upgrades that have finished on this database, one row per step. A step that reads every row (sealing
 * clear columns, re-chaining the custody log, renaming vault files) is skipped at later starts while its row
 * holds the step's current version; an older database (or one restored from before the step existed) has no
 * row, so the step runs there. A row is written only once its step has completed.
 */
export const upgradeSteps = pgTable('upgrade_steps', {
  name: text('name').primaryKey(),
  version: integer('version').notNull(),
  completedAt: timestamp('completed_at').notNull(),
});
