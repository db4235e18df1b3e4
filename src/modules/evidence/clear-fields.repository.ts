import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { forDialect } from '../../db/dialect.ts';
import { sqlRows, sqlRun } from '../../db/raw-sql.ts';
import { transaction } from '../../db/transaction.ts';

export type Row = Record<string, unknown>;

/** A table whose `sealed` columns must hold sealed values and whose `indexed` columns blind indexes. */
export interface ClearRowsPlan {
  table: string;
  key: string;
  sealed: string[];
  indexed: string[];
}

// What "still clear" looks like: a value without the sealed prefix, an index that is not 64 lowercase hex digits.
// The prefix is compared exactly (`like` ignores case on SQLite only); `glob` is SQLite's, `~` PostgreSQL's.
const clearValue = (column: string) => {
  const c = sql.identifier(column);
  return sql`(${c} is not null and substr(${c}, 1, 4) not in ('es1.', 'es2.'))`;
};
const clearIndex = (db: Db, column: string) => {
  const c = sql.identifier(column);
  return sql`(length(${c}) != 64 or ${forDialect(db, { sqlite: sql`${c} glob '*[^0-9a-f]*'`, postgres: sql`${c} ~ '[^0-9a-f]'` })})`;
};

/**
 * Rewrites every row of each planned table that still holds a clear value or index, with the columns
 * `rewrite` returns, in one transaction (a crash leaves all the old rows or all the new ones). Table and
 * column names come from the code's own plan, never from input. Returns how many rows each table had.
 */
export async function rewriteClearRows<P extends ClearRowsPlan>(db: Db, plans: P[], rewrite: (plan: P, row: Row) => Row): Promise<Record<string, number>> {
  return transaction(db, async () => {
    const perTable: Record<string, number> = {};
    for (const plan of plans) {
      const table = sql.identifier(plan.table);
      const key = sql.identifier(plan.key);
      const pending = sql.join([...plan.sealed.map(clearValue), ...plan.indexed.map((c) => clearIndex(db, c))], sql` or `);
      const rows = await sqlRows<Row>(db, sql`select * from ${table} where ${pending}`);
      if (rows.length === 0) continue;
      const columns = [...plan.indexed, ...plan.sealed];
      for (const stored of rows) {
        const row = rewrite(plan, stored);
        const assignments = sql.join(columns.map((c) => sql`${sql.identifier(c)} = ${(row[c] ?? null) as string | number | null}`), sql`, `);
        await sqlRun(db, sql`update ${table} set ${assignments} where ${key} = ${stored[plan.key] as string | number}`);
      }
      perTable[plan.table] = rows.length;
    }
    return perTable;
  });
}
