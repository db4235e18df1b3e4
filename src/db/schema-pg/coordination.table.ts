import { bigint, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamp } from './columns.ts';

/**
 * Named leases shared by every process on this database: the scheduler runs in one worker at a time, whichever
 * holds `scheduler`; a holder that dies stops renewing and another worker takes over once `expiresAt` passes.
 */
export const serviceLeases = pgTable('service_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
});

/**
 * Each engine's turn, shared by every worker: a request may start once `nextAt` has passed and no other worker is
 * busy with the engine (`busyUntil`, bounded, so a worker that dies mid-request frees the engine on its own).
 * Millisecond epochs kept as plain integers: they are compared and added in SQL. A bigint, since an epoch in
 * milliseconds is past the 32-bit range of `integer`.
 */
export const enginePacing = pgTable('engine_pacing', {
  engine: text('engine').primaryKey(),
  nextAt: bigint('next_at', { mode: 'number' }).notNull(),
  busyUntil: bigint('busy_until', { mode: 'number' }).notNull(),
  holder: text('holder'),
});
