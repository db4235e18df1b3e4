import type { Statement } from 'better-sqlite3';
import type { Db } from './client.ts';

/**
 * Statements prepared once per repository and reused: under an organisation's load, preparing (parsing and
 * planning) a query cost more than running it. Lists of ids are passed as one JSON array (`json_each(?)`),
 * so a statement does not depend on how many people an account sees.
 */
export function createStatements(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.$client.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

/**
 * SQLite only and synchronous, for a caller that cannot await; the read models use src/db/data-version.ts, which
 * answers the same version on SQLite and has one for PostgreSQL. A text that changes whenever the database may have: `data_version` moves when another connection (a
 * worker) commits, `total_changes()` when this one writes. Results kept under it are never stale.
 *
 * Except for one table no page keeps anything from: every view of an exposure or a person adds a row to
 * the audit log after answering, which would empty every kept result at every view. The audit log's
 * AUTOINCREMENT counter (sqlite_sequence) grows by one per row inserted and never shrinks, so subtracting
 * it takes this connection's own audit rows out of the count while every other write of this connection
 * still moves it; another connection's audit rows come with a new data_version.
 */
export function createDataVersion(statement: (sql: string) => Statement): () => string {
  const version = statement('pragma data_version').pluck();
  const audited = statement("select count(*) from sqlite_master where type = 'table' and name = 'audit_log'").pluck().get() === 1;
  const changes = statement(audited ? "select total_changes() - coalesce((select seq from sqlite_sequence where name = 'audit_log'), 0)" : 'select total_changes()').pluck();
  return () => `${version.get() as number}.${changes.get() as number}`;
}
