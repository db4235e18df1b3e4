import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.ts';
import { checkoutPath } from '../shared/module-paths.ts';
import { onConnection } from './transaction.ts';
import { cacheStatements } from './statement-cache.ts';

export { transaction, inTransaction } from './transaction.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Resolved from this file, not from the working directory, so the CLI works from any folder. */
export const migrationsFolder = checkoutPath('../../migrations', import.meta.url);

/**
 * Opens the SQLite database with the pragmas a multi-process service needs: WAL so the web process
 * reads while the worker writes, a busy timeout instead of immediate SQLITE_BUSY, foreign keys on.
 * `:memory:` is accepted for tests.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Deleted or rewritten rows are zeroed instead of lingering in free pages: sealed fields mean nothing if an
  // older clear copy of the same cell is still readable in the file.
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('busy_timeout = 5000');
  cacheStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

export function runMigrations(db: Db): void {
  migrate(db, { migrationsFolder });
}

/** How many migrations a drizzle migrations folder holds (its journal's entries). */
export function migrationsIn(folder: string): number {
  return (JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
}

export function countPendingMigrations(db: Db): number {
  const total = migrationsIn(migrationsFolder);
  const hasTable = db.$client
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!hasTable) return total;
  const applied = (db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
  return Math.max(0, total - applied);
}

/** Whether the database answers at all (health checks). */
export async function pingDatabase(db: Db): Promise<void> {
  await onConnection(db, () => db.$client.prepare('select 1').get());
}

/** A consistent copy of the live database through SQLite's online backup, while others keep writing. */
export async function backupDatabase(db: Db, file: string): Promise<void> {
  await db.$client.backup(file);
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}
