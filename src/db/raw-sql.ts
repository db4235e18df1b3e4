import type { Statement } from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';
import { isPostgres } from './dialect.ts';

/**
 * Hand-written SQL (a drizzle `sql` template, parameters bound, never spliced) run on either dialect: the queue,
 * the dashboard's read models and the other statements a builder cannot say. The SQL must be valid in both
 * dialects; where it cannot be, `forDialect` (dialect.ts) puts both spellings side by side. Rows come back as the
 * driver gives them, snake_case as written; flags are the integers 0 and 1 in both (schema-pg/columns.ts), but a
 * comparison written in the select list (`a = b as same`) is 0/1 on SQLite and true/false on PostgreSQL: read
 * such values with `Boolean(...)`.
 */

const sqliteDialect = new SQLiteSyncDialect();

/** The connection keeps each text's statement (statement-cache.ts): preparing cost more than running under load. */
function sqliteStatement(db: Db, query: SQL): { statement: Statement; params: unknown[] } {
  const { sql: text, params } = sqliteDialect.sqlToQuery(query);
  return { statement: db.$client.prepare(text), params };
}

interface PgExecuting {
  execute(query: SQL): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** int8 comes back as a number (the parser pg-client.ts sets), as SQLite's driver gives it. */
const pgExecute = (db: Db, query: SQL) => (db as unknown as PgExecuting).execute(query);

/** Every row the query returns. */
export async function sqlRows<T>(db: Db, query: SQL): Promise<T[]> {
  if (isPostgres(db)) return (await pgExecute(db, query)).rows as T[];
  const { statement, params } = sqliteStatement(db, query);
  return statement.all(...params) as T[];
}

/** The first row, or undefined. */
export async function sqlRow<T>(db: Db, query: SQL): Promise<T | undefined> {
  if (isPostgres(db)) return (await pgExecute(db, query)).rows[0] as T | undefined;
  const { statement, params } = sqliteStatement(db, query);
  return statement.get(...params) as T | undefined;
}

/** The first column of every row (`pluck`). */
export async function sqlColumn<T>(db: Db, query: SQL): Promise<T[]> {
  return (await sqlRows<Record<string, unknown>>(db, query)).map((row) => Object.values(row)[0] as T);
}

/** Runs a statement that returns no rows; answers how many rows it changed. */
export async function sqlRun(db: Db, query: SQL): Promise<number> {
  if (isPostgres(db)) return (await pgExecute(db, query)).rowCount ?? 0;
  const { statement, params } = sqliteStatement(db, query);
  return statement.run(...params).changes;
}

/**
 * How many rows an awaited insert, update or delete builder (without `returning`) changed: SQLite's driver says
 * `changes`, PostgreSQL's `rowCount`.
 */
export function changedRows(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}
