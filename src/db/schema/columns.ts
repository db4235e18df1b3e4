import { integer, text } from 'drizzle-orm/sqlite-core';

/** Millisecond timestamps: ordering and arithmetic in SQL stay exact, and drizzle maps them to Date. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const createdAt = () => timestamp('created_at').notNull();
export const updatedAt = () => timestamp('updated_at').notNull();
export const id = () => text('id').primaryKey();
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
export const bool = (name: string) => integer(name, { mode: 'boolean' });
