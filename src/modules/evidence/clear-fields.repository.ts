import type { Db } from '../../db/client.ts';
import { atomicallyNow, onConnection } from '../../db/transaction.ts';

export type Row = Record<string, unknown>;

/** A table whose `sealed` columns must hold sealed values and whose `indexed` columns blind indexes. */
export interface ClearRowsPlan {
  table: string;
  key: string;
  sealed: string[];
  indexed: string[];
}

// What "still clear" looks like: a value without the sealed prefix, an index that is not 64 hex digits.
const clearValue = (c: string) => `(${c} is not null and ${c} not like 'es1.%' and ${c} not like 'es2.%')`;
const clearIndex = (c: string) => `(length(${c}) != 64 or ${c} glob '*[^0-9a-f]*')`;

/**
 * Rewrites every row of each planned table that still holds a clear value or index, with the columns
 * `rewrite` returns, in one transaction (a crash leaves all the old rows or all the new ones). Table and
 * column names come from the code's own plan, never from input. Returns how many rows each table had.
 */
export async function rewriteClearRows<P extends ClearRowsPlan>(db: Db, plans: P[], rewrite: (plan: P, row: Row) => Row): Promise<Record<string, number>> {
  return onConnection(db, () => {
    const sqlite = db.$client;
    const perTable: Record<string, number> = {};
    atomicallyNow(db, () => {
      for (const plan of plans) {
        const pending = [...plan.sealed.map(clearValue), ...plan.indexed.map(clearIndex)].join(' or ');
        const rows = sqlite.prepare(`select * from ${plan.table} where ${pending}`).all() as Row[];
        if (rows.length === 0) continue;
        const columns = [...plan.indexed, ...plan.sealed];
        const update = sqlite.prepare(`update ${plan.table} set ${columns.map((c) => `${c} = ?`).join(', ')} where ${plan.key} = ?`);
        for (const stored of rows) {
          const row = rewrite(plan, stored);
          update.run(...columns.map((c) => row[c] ?? null), stored[plan.key]);
        }
        perTable[plan.table] = rows.length;
      }
    });
    return perTable;
  });
}
