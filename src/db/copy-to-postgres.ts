import { getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';
import { isPostgres } from './dialect.ts';
import { sqlRow, sqlRun } from './raw-sql.ts';
import * as sqliteSchema from './schema/index.ts';
import { fillingOrder, rowsPerInsert } from './table-order.models.ts';
import { transaction } from './transaction.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Copies every row of a SQLite installation into an empty, migrated PostgreSQL database, in one transaction: the
 * target ends with all of it or none of it. Both dialects store the same values column for column
 * (src/db/schema-pg/columns.ts), so rows move as stored: sealed fields, blind indexes, hashes and ids unchanged,
 * which is what lets the evidence verify against the new database with the same key.
 */
export interface CopiedTable {
  table: string;
  rows: number;
}

interface TablePlan {
  name: string;
  columns: string[];
  /** Numbered ids PostgreSQL assigns itself: their sequences must move past the copied ids. */
  identityColumns: string[];
}

function planTables(): TablePlan[] {
  const tables = (Object.values(sqliteSchema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));
  const configs = new Map<string, ReturnType<typeof getTableConfig>>(tables.map((table) => [getTableName(table), getTableConfig(table)]));
  const order = fillingOrder([...configs].map(([name, config]) => ({ name, references: config.foreignKeys.map((fk) => getTableName(fk.reference().foreignTable)) })));
  return order.map((name) => {
    const config = configs.get(name)!;
    return {
      name,
      columns: config.columns.map((c) => c.name),
      identityColumns: config.columns.filter((c) => c.primary && c.columnType === 'SQLiteInteger' && (c as { autoIncrement?: boolean }).autoIncrement === true).map((c) => c.name),
    };
  });
}

/** Whether a worker wrote a heartbeat to the SQLite file since `since` without stopping: the service still runs on it. */
export async function sqliteServiceRunning(source: Db, since: Date): Promise<boolean> {
  const row = await sqlRow<{ n: number }>(source, sql`select count(*) as n from worker_heartbeats where stopped_at is null and beat_at >= ${since.getTime()}`);
  return Number(row?.n) > 0;
}

export function createTargetNotEmptyError(tables: string[]): AppError {
  return new AppError({
    code: 'migrate.target_not_empty',
    message: `The PostgreSQL database already holds data (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}). Copy into an empty database only: nothing was written.`,
    statusCode: 409,
    details: { tables },
  });
}

export async function copySqliteToPostgres({ source, target, onTable }: { source: Db; target: Db; onTable?: (copied: CopiedTable) => void }): Promise<CopiedTable[]> {
  if (isPostgres(source) || !isPostgres(target)) throw new Error('copySqliteToPostgres copies from SQLite into PostgreSQL');
  const plans = planTables();
  const occupied: string[] = [];
  for (const plan of plans) {
    if (await sqlRow(target, sql`select 1 as present from ${sql.identifier(plan.name)} limit 1`)) occupied.push(plan.name);
  }
  if (occupied.length > 0) throw createTargetNotEmptyError(occupied);

  return transaction(target, async () => {
    const copied: CopiedTable[] = [];
    for (const plan of plans) {
      const columnList = sql.join(plan.columns.map((c) => sql.identifier(c)), sql`, `);
      const batchSize = rowsPerInsert(plan.columns.length);
      // Read in SQLite's own order (rowid), so a table referring to itself gets its earlier rows first.
      const reading = source.$client.prepare(`select ${plan.columns.map((c) => `"${c}"`).join(', ')} from "${plan.name}" order by rowid`).raw(true);
      let batch: unknown[][] = [];
      let rows = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const values = sql.join(batch.map((row) => sql`(${sql.join(row.map((value) => sql`${value}`), sql`, `)})`), sql`, `);
        await sqlRun(target, sql`insert into ${sql.identifier(plan.name)} (${columnList}) values ${values}`);
        rows += batch.length;
        batch = [];
      };
      for (const row of reading.iterate() as IterableIterator<unknown[]>) {
        batch.push(row);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      for (const column of plan.identityColumns) {
        // The next id handed out comes after the largest copied one (or starts at 1 on an empty table).
        await sqlRun(target, sql`select setval(pg_get_serial_sequence(${plan.name}, ${column}), coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(plan.name)}), 0) + 1, false)`);
      }
      const counted = await sqlRow<{ n: number }>(target, sql`select count(*) as n from ${sql.identifier(plan.name)}`);
      if (Number(counted?.n) !== rows) throw new Error(`copying ${plan.name} wrote ${String(counted?.n)} rows, not ${rows}`);
      copied.push({ table: plan.name, rows });
      onTable?.({ table: plan.name, rows });
    }
    return copied;
  });
}
