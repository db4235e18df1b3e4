import path from 'node:path';
import type { Db } from '../../src/db/client.ts';
import { closeAnyDatabase, migrateDatabase, openConfiguredDatabase } from '../../src/db/database.ts';
import { createPostgresTestDatabase, testDialect } from './test-database.ts';

/**
 * One database several apps or processes work on together (workers side by side, a worker killed and started
 * again): the SQLite file in a DATA_DIR, or, under the `postgres` project, a PostgreSQL database of its own on the
 * run's server. A child process reaches it with `env` added to its environment: the service reads DATA_DIR's file
 * unless DATABASE_URL is set, exactly as in production.
 */
export interface SharedTestDatabase {
  /** The PostgreSQL URL; undefined on SQLite. */
  url: string | undefined;
  /** Added to a child process's DATA_DIR environment so it opens this database: DATABASE_URL on PostgreSQL. */
  env: Record<string, string>;
  /** A new, migrated handle of its own (one per app, as each process has its own connection). */
  open(): Promise<Db>;
  /** Closes the handles open() gave that are still open, and drops the PostgreSQL database. Safe to call twice. */
  dispose(): Promise<void>;
}

/** The run's dialect: a PostgreSQL database of its own on the run's server under the `postgres` project. */
export async function createSharedTestDatabase(dataDir: string): Promise<SharedTestDatabase> {
  const created = testDialect === 'postgres' ? await createPostgresTestDatabase() : null;
  return sharedDatabaseAt(dataDir, created ?? undefined);
}

/**
 * DATA_DIR's SQLite file, or the PostgreSQL database `postgres` names (dropped by `drop` on dispose): for scripts
 * outside vitest (benchmarks) that start their own server.
 */
export function sharedDatabaseAt(dataDir: string, postgres?: { url: string; drop(): Promise<void> }): SharedTestDatabase {
  const file = path.join(dataDir, 'exposure-scanner.sqlite');
  const handles = new Set<Db>();
  return {
    url: postgres?.url,
    env: postgres ? { DATABASE_URL: postgres.url } : {},
    async open() {
      const db = await openConfiguredDatabase({ databaseFile: file, databaseUrl: postgres?.url });
      handles.add(db);
      await migrateDatabase(db);
      return db;
    },
    async dispose() {
      // An app's close() may have closed its handle already; closing twice is not an error worth failing on.
      for (const db of handles) await closeAnyDatabase(db).catch(() => undefined);
      handles.clear();
      await postgres?.drop();
    },
  };
}
