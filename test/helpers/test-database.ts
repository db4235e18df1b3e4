import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../src/db/client.ts';
import { closeAnyDatabase, migrateDatabase, openConfiguredDatabase } from '../../src/db/database.ts';

/**
 * Which database the tests of this run use: SQLite unless the `postgres` project of vitest.config.ts runs them
 * (ES_TEST_DATABASE=postgres), which repeats the repository, queue and scan tests on PostgreSQL.
 */
export const testDialect: 'sqlite' | 'postgres' = process.env.ES_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  db: Db;
  /** The database's own URL on PostgreSQL (for a second process or app on the same data); undefined on SQLite. */
  url: string | undefined;
  /** Closes the handle (if still open) and, on PostgreSQL, drops the database. Safe to call twice. */
  dispose(): Promise<void>;
}

/** A PostgreSQL database of its own on the run's server, empty; the caller opens and migrates it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = inject('postgresUrl');
  const name = `es_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A fresh, migrated database for one test app: in-memory SQLite, or its own PostgreSQL database. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDialect === 'sqlite') {
    const db = openDatabase(':memory:');
    await migrateDatabase(db);
    return { db, url: undefined, dispose: () => closeAnyDatabase(db) };
  }
  const created = await createPostgresTestDatabase();
  const db = await openConfiguredDatabase({ databaseFile: '', databaseUrl: created.url });
  await migrateDatabase(db);
  let closed = false;
  return {
    db,
    url: created.url,
    async dispose() {
      if (!closed) {
        closed = true;
        await closeAnyDatabase(db).catch(() => undefined);
      }
      await created.drop();
    },
  };
}
