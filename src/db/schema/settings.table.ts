import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { updatedAt } from './columns.ts';

/**
 * Settings an administrator changed on the settings page, one row per environment-variable name. An
 * environment variable of the same name still wins. Secret values (SMTP password, webhook secret, proxy
 * credentials) are stored sealed with a key derived from the evidence key, bound to their row.
 */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
  /** The account that saved it (an id, never a name). */
  updatedBy: text('updated_by'),
});
