import { pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.ts';

/**
 * Service settings an administrator changed on the settings page, one row per environment-variable name
 * (the older per-organisation `settings` table holds organisation preferences, not these). An
 * environment variable of the same name still wins. Secret values (SMTP password, webhook secret, proxy
 * credentials) are stored sealed with a key derived from the evidence key, bound to their row.
 */
export const serviceSettings = pgTable('service_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
  /** The account that saved it (an id, never a name). */
  updatedBy: text('updated_by'),
});
