import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema-pg/index.ts';
import { checkoutPath } from '../shared/module-paths.ts';
import { classifyPgConnectError, describePgUrl, parseInt8, type PgTarget } from './pg-connection.models.ts';
import { createPgCredentialsRefusedError, createPgDatabaseMissingError, createPgUnreachableError, createPgUrlInvalidError } from './pg.errors.ts';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** Resolved from this file, not from the working directory, as the SQLite migrations are (src/db/client.ts). */
export const pgMigrationsFolder = checkoutPath('../../migrations-pg', import.meta.url);

/** Any fixed number shared by every process of the service: the advisory lock that lets one of them migrate. */
const MIGRATION_LOCK_KEY = 0x65_73_6d_67; // "esmg"

const INT8_OID = 20;

export interface OpenPgOptions {
  /** How long to wait for a connection before calling the server unreachable. */
  connectTimeoutMs?: number;
  maxConnections?: number;
  /**
   * Told when an idle pooled connection breaks (server restart, network cut). The pool drops that connection and
   * opens another on the next query; without a listener node-postgres would end the process.
   */
  onIdleError?: (error: Error) => void;
}

/**
 * Opens a pool on a postgres:// URL and checks that the server lets this user in, so a wrong host or password
 * is reported at start-up with its own code instead of at the first query. Errors never carry the URL.
 */
export async function openPgDatabase(url: string, options: OpenPgOptions = {}): Promise<PgDb> {
  const target = describePgUrl(url);
  if (!target) throw createPgUrlInvalidError();
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    max: options.maxConnections ?? 10,
  });
  // int8 (bigint columns, count(*), identity ids) as numbers, as SQLite's driver gives them. Set for the whole
  // process, not per pool: drizzle hands node-postgres type parsers of its own with every query, which replace a
  // pool's and fall back to these. The service uses no other PostgreSQL connection.
  pg.types.setTypeParser(INT8_OID, parseInt8);
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toConnectError(error, target);
  }
  return drizzle({ client: pool, schema }) as PgDb;
}

/**
 * Applies migrations-pg/ up to the newest. Workers on several machines may start together: a session advisory
 * lock lets one apply them while the others wait, then find nothing left to do.
 */
export async function runPgMigrations(db: PgDb): Promise<void> {
  const lockHolder = await db.$client.connect();
  try {
    await lockHolder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrate(db, { migrationsFolder: pgMigrationsFolder });
  } finally {
    // Unlocked explicitly: the connection goes back to the pool, and the lock would otherwise stay with it.
    await lockHolder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    lockHolder.release();
  }
}

/** Whether the server answers at all (health checks). */
export async function pingPgDatabase(db: PgDb): Promise<void> {
  await db.$client.query('select 1');
}

export async function closePgDatabase(db: PgDb): Promise<void> {
  if (!db.$client.ended) await db.$client.end();
}

function toConnectError(error: unknown, target: PgTarget): Error {
  const details = { host: target.host, port: target.port, database: target.database, user: target.user };
  switch (classifyPgConnectError(error)) {
    case 'unreachable':
      return createPgUnreachableError({ details });
    case 'credentials_refused':
      return createPgCredentialsRefusedError({ details });
    case 'no_database':
      return createPgDatabaseMissingError({ details });
    default:
      // Not a connection failure (a server misconfiguration, say): kept as it is, it names no password.
      return error instanceof Error ? error : new Error(String(error));
  }
}
