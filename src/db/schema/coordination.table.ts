import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.ts';

/**
 * Named leases shared by every process on this database: the scheduler runs in one worker at a time, whichever
 * holds `scheduler`; a holder that dies stops renewing and another worker takes over once `expiresAt` passes.
 */
export const serviceLeases = sqliteTable('service_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
});

/**
 * Each engine's turn, shared by every worker: a request may start once `nextAt` has passed and no other worker is
 * busy with the engine (`busyUntil`, bounded, so a worker that dies mid-request frees the engine on its own).
 * Millisecond epochs kept as plain integers: they are compared and added in SQL.
 */
export const enginePacing = sqliteTable('engine_pacing', {
  engine: text('engine').primaryKey(),
  nextAt: integer('next_at').notNull(),
  busyUntil: integer('busy_until').notNull(),
  holder: text('holder'),
});
