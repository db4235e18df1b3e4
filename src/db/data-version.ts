import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { isPostgres } from './dialect.ts';
import { sqlColumn, sqlRow } from './raw-sql.ts';
import { inTransaction } from './transaction.ts';

/**
 * A text that changes whenever the database may have changed, so results kept under it are never stale. The
 * version is read before a result is computed: a write landing in between makes the kept value newer than its
 * version, which costs one more computation, never a stale answer.
 *
 * SQLite: `data_version` moves when another connection (a worker) commits, `total_changes()` when this one
 * writes. Except for one table no page keeps anything from: every view of an exposure or a person adds a row to
 * the audit log after answering, which would empty every kept result at every view. The audit log's
 * AUTOINCREMENT counter (sqlite_sequence) grows by one per row inserted and never shrinks, so subtracting it
 * takes this connection's own audit rows out of the count while every other write of this connection still
 * moves it; another connection's audit rows come with a new data_version.
 *
 * PostgreSQL has no data_version, and a pool's connections cannot count each other's writes. The cluster's
 * current snapshot (`pg_current_snapshot()`: lowest running transaction, next transaction id, those in progress)
 * changes whenever a writing transaction starts or ends anywhere: a write that commits after one reading either
 * was in progress then (it leaves the list) or had no id yet (the next id has moved past it). So an unchanged
 * snapshot means nothing was committed in between, at the price of reading nothing from any table. It is coarser
 * than SQLite's version (any write of the cluster, a page view's audit row included, empties the kept results),
 * which only costs computations. Inside a transaction the snapshot does not move with the transaction's own
 * writes, so there nothing is kept: every call answers a version never given before.
 */
export function createDataVersion(db: Db): () => Promise<string> {
  if (isPostgres(db)) {
    let uncached = 0;
    return async () => {
      if (inTransaction(db)) return `transaction.${++uncached}`;
      return (await sqlRow<{ snapshot: string }>(db, sql`select cast(pg_current_snapshot() as text) as snapshot`))!.snapshot;
    };
  }
  // Decided on first use rather than at creation: repositories are built before migrations run.
  let query: ReturnType<typeof sql> | undefined;
  return async () => {
    if (!query) {
      const [audited] = await sqlColumn<number>(db, sql`select count(*) from sqlite_master where type = 'table' and name = 'audit_log'`);
      const changes = audited === 1 ? sql`total_changes() - coalesce((select seq from sqlite_sequence where name = 'audit_log'), 0)` : sql`total_changes()`;
      query = sql`select (select data_version from pragma_data_version()) as version, ${changes} as changes`;
    }
    const row = (await sqlRow<{ version: number; changes: number }>(db, query))!;
    return `${row.version}.${row.changes}`;
  };
}
