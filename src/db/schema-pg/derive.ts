import { Column, getTableColumns, is, SQL } from 'drizzle-orm';
import {
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  type PgColumn,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bool, boolDefault, json, rowId, rowRef, timestamp } from './columns.ts';

/**
 * The PostgreSQL tables, derived from the SQLite schema (src/db/schema) so that a table is written once: each
 * SQLite column becomes the PostgreSQL column that stores the same values (columns.ts), and keys, unique
 * constraints, indexes (with their expressions and `where`) and foreign keys are carried over by name.
 */

/**
 * Integer columns that must be a PostgreSQL bigint although nothing in their SQLite definition says so (SQLite's
 * integer is always 64-bit; PostgreSQL's `integer` stops at 2^31). Columns declared as timestamps, numbered ids
 * and foreign keys to numbered ids are found on their own; these are the plain integers that still pass 2^31.
 * Keyed `table.column`; a name that no longer exists fails the derivation, so a rename cannot drop an entry.
 */
export const BIGINT_COLUMNS: ReadonlySet<string> = new Set([
  // Millisecond epochs compared and added in SQL.
  'engine_pacing.next_at',
  'engine_pacing.busy_until',
  // A page archive may pass 2 GiB.
  'evidence_files.size_bytes',
  // A search_outcomes id kept without a foreign key, so that it outlives a pruned scan run.
  'hit_snippets.search_outcome_id',
]);

/** A SQLite column's type, as seen from the PostgreSQL side: same JS property, data, nullability and defaults. */
type PgColumnOf<C extends Column> = PgColumn<{
  name: C['_']['name'];
  tableName: C['_']['tableName'];
  dataType: C['_']['dataType'];
  columnType: string;
  data: C['_']['data'];
  driverParam: unknown;
  notNull: C['_']['notNull'];
  hasDefault: C['_']['hasDefault'];
  isPrimaryKey: C['_']['isPrimaryKey'];
  isAutoincrement: C['_']['isAutoincrement'];
  hasRuntimeDefault: C['_']['hasRuntimeDefault'];
  enumValues: C['_']['enumValues'];
  identity: undefined;
  generated: undefined;
}>;

/** The derived table of a SQLite table, typed with the SQLite table's column keys and data types. */
export type DerivedPgTable<T extends SQLiteTable> = PgTableWithColumns<{
  name: T['_']['name'];
  schema: undefined;
  columns: { [K in keyof T['_']['columns']]: PgColumnOf<T['_']['columns'][K]> };
  dialect: 'pg';
}>;

/** The tables of a schema module, under the same export names. */
export type DerivedPgSchema<S> = { [K in keyof S as S[K] extends SQLiteTable ? K : never]: S[K] extends SQLiteTable ? DerivedPgTable<S[K]> : never };

/** The chainable part shared by every PostgreSQL column builder, which is all the derivation calls. */
interface Builder extends PgColumnBuilderBase {
  primaryKey(): Builder;
  notNull(): Builder;
  default(value: unknown): Builder;
  $defaultFn(fn: () => unknown): Builder;
  $onUpdateFn(fn: () => unknown): Builder;
  unique(name?: string): Builder;
}

/** A SQLite column with the runtime fields of its kind (present only on the kinds that have them). */
type SourceColumn = SQLiteColumn & { autoIncrement?: boolean; mode?: string };

/** Extra-config columns of the table being built, by JS key: what index/key builders must be given. */
type ExtraColumns = Record<string, PgColumn>;

const isRowId = (column: SourceColumn) => column.columnType === 'SQLiteInteger' && column.primary && column.autoIncrement === true;

function derivationError(table: string, column: string, what: string): Error {
  return new Error(`cannot derive the PostgreSQL column ${table}.${column}: ${what}`);
}

/** Every SQLite table exported by `sqliteSchema`, derived; `bigintColumns` defaults to the table above. */
export function derivePgSchema<S extends Record<string, unknown>>(sqliteSchema: S, bigintColumns: ReadonlySet<string> = BIGINT_COLUMNS): DerivedPgSchema<S> {
  const sqliteTables = Object.entries(sqliteSchema).filter((entry): entry is [string, SQLiteTable] => is(entry[1], SQLiteTable));
  // Filled before any foreign key or index is built: drizzle reads extra config lazily, after every table exists.
  const derived = new Map<SQLiteTable, Record<string, unknown>>();
  const keyOf = new Map<Column, string>();
  for (const [, table] of sqliteTables) for (const [key, column] of Object.entries(getTableColumns(table))) keyOf.set(column, key);
  const key = (column: Column) => {
    const found = keyOf.get(column);
    if (found === undefined) throw new Error(`column ${column.name} belongs to no table of the SQLite schema`);
    return found;
  };
  const pgColumnOf = (column: Column) => (derived.get(column.table as SQLiteTable) as Record<string, PgColumn>)[key(column)] as PgColumn;

  const unusedOverrides = new Set(bigintColumns);
  const result: Record<string, unknown> = {};
  for (const [exportName, table] of sqliteTables) {
    const bigint = (tableDotColumn: string) => {
      unusedOverrides.delete(tableDotColumn);
      return bigintColumns.has(tableDotColumn);
    };
    const pg = deriveTable(table, { key, pgColumnOf, bigint });
    derived.set(table, pg);
    result[exportName] = pg;
  }
  if (unusedOverrides.size > 0) throw new Error(`bigint columns named that the SQLite schema does not have: ${[...unusedOverrides].join(', ')}`);
  return result as DerivedPgSchema<S>;
}

interface Lookups {
  key(column: Column): string;
  pgColumnOf(column: Column): PgColumn;
  bigint(tableDotColumn: string): boolean;
}

function deriveTable(table: SQLiteTable, lookups: Lookups): Record<string, unknown> {
  const config = getTableConfig(table);
  const rowRefs = new Set(config.foreignKeys.flatMap((fk) => {
    const ref = fk.reference();
    return ref.columns.filter((_, i) => isRowId(ref.foreignColumns[i] as SourceColumn));
  }));
  const columns: Record<string, Builder> = {};
  for (const column of config.columns as SourceColumn[]) {
    columns[lookups.key(column)] = deriveColumn(config.name, column, rowRefs.has(column) || lookups.bigint(`${config.name}.${column.name}`));
  }
  return pgTable(config.name, columns, (t) => {
    const extra = t as unknown as ExtraColumns;
    const on = (list: Column[]) => list.map((c) => extra[lookups.key(c)] as PgColumn) as [PgColumn, ...PgColumn[]];
    const expression = (value: unknown) => (is(value, SQL) ? toPgSql(value, (c) => extra[lookups.key(c)] as PgColumn) : (extra[lookups.key(value as Column)] as PgColumn));
    return [
      ...config.primaryKeys.map((pk) => primaryKey({ columns: on(pk.columns), ...(pk.name ? { name: pk.name } : {}) })),
      ...config.uniqueConstraints.map((u) => unique(u.name).on(...on(u.columns))),
      ...config.indexes.map(({ config: i }) => {
        const built = (i.unique ? uniqueIndex : index)(i.name).on(...(i.columns.map(expression) as [PgColumn | SQL, ...(PgColumn | SQL)[]]));
        return i.where ? built.where(toPgSql(i.where, (c) => extra[lookups.key(c)] as PgColumn)) : built;
      }),
      ...config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        const built = foreignKey({ name: fk.getName(), columns: on(ref.columns), foreignColumns: ref.foreignColumns.map(lookups.pgColumnOf) as [PgColumn, ...PgColumn[]] });
        if (fk.onDelete) built.onDelete(fk.onDelete);
        if (fk.onUpdate) built.onUpdate(fk.onUpdate);
        return built;
      }),
    ];
  }) as unknown as Record<string, unknown>;
}

/** The PostgreSQL column storing what the SQLite column stores (see columns.ts for each mapping). */
function deriveColumn(tableName: string, column: SourceColumn, bigint: boolean): Builder {
  const name = column.name;
  if (bigint && column.columnType !== 'SQLiteInteger') throw derivationError(tableName, name, `only a plain integer can be made a bigint, not ${column.columnType}`);
  let builder: Builder;
  switch (column.columnType) {
    case 'SQLiteText':
      builder = text(name, { enum: column.enumValues as [string, ...string[]] | undefined }) as unknown as Builder;
      break;
    case 'SQLiteTextJson':
      builder = json(name) as unknown as Builder;
      break;
    case 'SQLiteBoolean':
      builder = bool(name) as unknown as Builder;
      break;
    case 'SQLiteTimestamp':
      // Seconds would be stored as milliseconds by the bigint-ms mapping: refused rather than silently rescaled.
      if (column.mode !== 'timestamp_ms') throw derivationError(tableName, name, `timestamp mode ${String(column.mode)} (only timestamp_ms is mapped)`);
      builder = timestamp(name) as unknown as Builder;
      break;
    case 'SQLiteInteger':
      if (isRowId(column)) return rowId(name) as unknown as Builder;
      builder = (bigint ? rowRef(name) : integer(name)) as unknown as Builder;
      break;
    case 'SQLiteReal':
      builder = doublePrecision(name) as unknown as Builder;
      break;
    default:
      throw derivationError(tableName, name, `no PostgreSQL mapping for ${column.columnType}`);
  }
  if (column.primary) builder = builder.primaryKey();
  if (column.notNull && !column.primary) builder = builder.notNull();
  if (column.default !== undefined) builder = builder.default(defaultFor(column));
  if (column.defaultFn) builder = builder.$defaultFn(column.defaultFn);
  if (column.onUpdateFn) builder = builder.$onUpdateFn(column.onUpdateFn);
  if (column.isUnique) builder = builder.unique(column.uniqueName);
  return builder;
}

function defaultFor(column: SourceColumn): unknown {
  if (is(column.default, SQL)) {
    // Built before the PostgreSQL table exists, so a column inside it could not be swapped (see toPgSql).
    if (namesColumn(column.default)) throw derivationError(getTableConfig(column.table).name, column.name, 'a SQL default that names a column');
    return column.default;
  }
  // A boolean default must reach PostgreSQL as the stored 0 or 1, not the literal `false` (see boolDefault).
  return column.columnType === 'SQLiteBoolean' ? boolDefault(column.default === true) : column.default;
}

/**
 * The same SQL with every SQLite column swapped for its PostgreSQL column. The text of an expression index or a
 * partial index's `where` is the same in both dialects; a column inside it must name the PostgreSQL table's.
 */
function toPgSql(expression: SQL, pgColumnOf: (column: Column) => PgColumn): SQL {
  return new SQL(
    expression.queryChunks.map((chunk) => {
      if (is(chunk, SQL)) return toPgSql(chunk, pgColumnOf);
      if (is(chunk, SQLiteTable)) throw new Error('a SQL expression of an index names a whole table');
      return is(chunk, Column) ? pgColumnOf(chunk) : chunk;
    }),
  );
}

const namesColumn = (expression: SQL): boolean => expression.queryChunks.some((chunk) => is(chunk, Column) || (is(chunk, SQL) && namesColumn(chunk)));
