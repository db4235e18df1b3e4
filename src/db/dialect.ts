import type { SQL } from 'drizzle-orm';

/**
 * Which database engine a `Db` handle talks to. The repositories are written once against the SQLite-typed
 * drizzle API; a PostgreSQL handle (src/db/pg-store.ts) answers the same builder calls at run time. Code outside
 * src/db and the repositories never asks which dialect runs.
 */
export type SqlDialect = 'sqlite' | 'postgres';

/** Set on a PostgreSQL store; a handle without it is SQLite. */
export const POSTGRES_STORE = Symbol.for('exposure-scanner.postgres-store');

export function dialectOf(db: object): SqlDialect {
  return (db as Record<symbol, unknown>)[POSTGRES_STORE] ? 'postgres' : 'sqlite';
}

export const isPostgres = (db: object): boolean => dialectOf(db) === 'postgres';

/**
 * The dialect's own spelling of a fragment whose SQL differs (`json_each` against `json_array_elements_text`,
 * scalar `max` against `greatest`, ...). Both spellings sit side by side where the query is written.
 */
export function forDialect<T = SQL>(db: object, spellings: Record<SqlDialect, T>): T {
  return spellings[dialectOf(db)];
}
