import { sql } from 'drizzle-orm';
import { backupDatabase, closeDatabase, countPendingMigrations, migrationsIn, openDatabase, pingDatabase, runMigrations, type Db } from './client.ts';
import { createBackupOnPostgresError } from './pg.errors.ts';
import { isPostgres } from './dialect.ts';
import { closePgDatabase, openPgDatabase, pgMigrationsFolder, pingPgDatabase, runPgMigrations, type OpenPgOptions } from './pg-client.ts';
import { createPgStore, pgRootOf } from './pg-store.ts';
import { describePgUrl } from './pg-connection.models.ts';

/**
 * The database the configuration names, on either dialect: the SQLite file in DATA_DIR by default, PostgreSQL when
 * DATABASE_URL is set. Everything past this file holds a `Db` and never asks which one runs (repositories aside).
 */
export interface DatabaseTarget {
  databaseFile: string;
  databaseUrl?: string | undefined;
}

export async function openConfiguredDatabase(target: DatabaseTarget, options: OpenPgOptions = {}): Promise<Db> {
  if (target.databaseUrl) return createPgStore(await openPgDatabase(target.databaseUrl, options));
  return openDatabase(target.databaseFile);
}

/** Applies the dialect's migrations up to the newest (several processes starting together apply them once). */
export async function migrateDatabase(db: Db): Promise<void> {
  if (isPostgres(db)) await runPgMigrations(pgRootOf(db));
  else runMigrations(db);
}

export async function closeAnyDatabase(db: Db): Promise<void> {
  if (isPostgres(db)) await closePgDatabase(pgRootOf(db));
  else closeDatabase(db);
}

export async function pingAnyDatabase(db: Db): Promise<void> {
  if (isPostgres(db)) await pingPgDatabase(pgRootOf(db));
  else await pingDatabase(db);
}

/** Migrations not yet applied (health: a schema behind the code fails the check). */
export async function countPendingMigrationsOf(db: Db): Promise<number> {
  if (!isPostgres(db)) return countPendingMigrations(db);
  const total = migrationsIn(pgMigrationsFolder);
  const root = pgRootOf(db);
  const present = await root.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!(present.rows[0] as { present: boolean }).present) return total;
  const applied = await root.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`);
  return Math.max(0, total - Number((applied.rows[0] as { n: number }).n));
}

/** Where the data is, fit to print: the SQLite file, or the PostgreSQL server without its password. */
export function describeDatabase(target: DatabaseTarget): string {
  if (!target.databaseUrl) return target.databaseFile;
  const where = describePgUrl(target.databaseUrl);
  return where ? `postgresql://${where.user}@${where.host}:${where.port}/${where.database}` : 'postgresql (DATABASE_URL)';
}

/** A consistent copy of the whole database into one file, while the service keeps writing: SQLite's online backup. */
export async function copyDatabaseFile(db: Db, file: string): Promise<void> {
  if (isPostgres(db)) throw createBackupOnPostgresError();
  await backupDatabase(db, file);
}
