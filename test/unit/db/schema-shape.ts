import { getTableName, is, SQL, type Column, type Table } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * One table as both dialects can state it: what the database enforces (columns, keys, indexes, defaults) and
 * what each column stores for a JS value. Two dialects' tables agree when their shapes are deep-equal.
 */
export interface TableShape {
  name: string;
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  uniques: string[];
  indexes: string[];
  foreignKeys: string[];
}

export interface ColumnShape {
  key: string;
  storage: 'integer' | 'text' | 'real';
  jsType: string;
  /** The values a text column's TypeScript type allows (neither dialect enforces them in SQL). */
  enumValues: string[] | null;
  notNull: boolean;
  default: string | null;
  assignedByDatabase: boolean;
  /** What the driver receives for sample JS values, and whether they read back unchanged. */
  stored: string[];
}

type AnyColumn = Column & { getSQLType(): string; generatedIdentity?: unknown; autoIncrement?: boolean };

const pgDialect = new PgDialect();
const sqliteDialect = new SQLiteSyncDialect();

/** The JS values each column kind is probed with; a mapping that differs between dialects shows in `stored`. */
const samples: Record<string, unknown[]> = {
  date: [new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999)), new Date(0)],
  boolean: [true, false],
  json: [{ reasons: ['phone on page', 'é'], n: 1.5, nested: { empty: [] } }, ['a', 'b'], null],
  number: [0, 1_717_171_717_171],
  string: ['', 'Zoë <b>'],
};

const storageOf = (sqlType: string): ColumnShape['storage'] => {
  if (['integer', 'bigint', 'smallint'].includes(sqlType)) return 'integer';
  if (['real', 'double precision'].includes(sqlType)) return 'real';
  if (sqlType === 'text') return 'text';
  throw new Error(`no SQLite equivalent for column type ${sqlType}`);
};

function jsTypeOf(column: AnyColumn): string {
  if (column.dataType !== 'custom') return column.dataType;
  // A custom column names its JS type by what it reads back: probe with what the SQLite file would hold.
  const fromNumber = column.mapFromDriverValue(1) as unknown;
  if (fromNumber instanceof Date) return 'date';
  if (typeof fromNumber === 'boolean') return 'boolean';
  if (column.getSQLType() === 'text' && typeof column.mapFromDriverValue('{}') === 'object') return 'json';
  return `custom ${column.getSQLType()}`;
}

function storedFor(column: AnyColumn, jsType: string): string[] {
  return (samples[jsType] ?? []).map((value) => {
    const driverValue = column.mapToDriverValue(value) as unknown;
    const readBack = column.mapFromDriverValue(driverValue) as unknown;
    const roundTrips = JSON.stringify(readBack) === JSON.stringify(value) && (value instanceof Date) === (readBack instanceof Date);
    return `${JSON.stringify(driverValue)}${roundTrips ? '' : ' (reads back differently)'}`;
  });
}

const sqlText = (dialect: 'pg' | 'sqlite', expression: SQL) =>
  (dialect === 'pg' ? pgDialect : sqliteDialect).sqlToQuery(expression).sql.replace(/\s+/g, ' ').trim();

function defaultOf(dialect: 'pg' | 'sqlite', column: AnyColumn): string | null {
  if (column.default === undefined) return null;
  if (is(column.default, SQL)) return sqlText(dialect, column.default);
  return JSON.stringify(column.mapToDriverValue(column.default));
}

function columnShape(dialect: 'pg' | 'sqlite', key: string, column: AnyColumn): ColumnShape {
  const jsType = jsTypeOf(column);
  return {
    key,
    storage: storageOf(column.getSQLType()),
    jsType,
    enumValues: column.enumValues ?? null,
    notNull: column.notNull,
    default: defaultOf(dialect, column),
    assignedByDatabase: dialect === 'pg' ? column.generatedIdentity !== undefined : column.autoIncrement === true,
    stored: storedFor(column, jsType),
  };
}

function indexColumnText(dialect: 'pg' | 'sqlite', column: unknown): string {
  if (is(column, SQL)) return sqlText(dialect, column);
  const named = column as { name?: string; indexConfig?: { order?: string } };
  return `${named.name ?? '?'}${named.indexConfig?.order === 'desc' ? ' desc' : ''}`;
}

interface ConfigLike {
  name: string;
  columns: AnyColumn[];
  primaryKeys: { getName(): string; columns: Column[] }[];
  uniqueConstraints: { getName(): string | undefined; columns: Column[] }[];
  indexes: { config: { name?: string; unique: boolean; columns: unknown[]; where?: SQL | undefined } }[];
  foreignKeys: { getName(): string; onDelete?: string | undefined; reference(): { columns: Column[]; foreignColumns: Column[] } }[];
}

function shapeOf(dialect: 'pg' | 'sqlite', config: ConfigLike, table: Record<string, unknown>): TableShape {
  const keyOf = new Map(Object.entries(table).filter(([, v]) => config.columns.includes(v as AnyColumn)).map(([k, v]) => [v, k]));
  const columns: Record<string, ColumnShape> = {};
  for (const column of config.columns) columns[column.name] = columnShape(dialect, keyOf.get(column) ?? '?', column);
  const names = (list: Column[]) => list.map((c) => c.name).join(',');
  const primaryKey = config.columns.filter((c) => c.primary).map((c) => c.name);
  for (const pk of config.primaryKeys) primaryKey.push(`${pk.getName()}(${names(pk.columns)})`);
  const uniques = [
    ...config.columns.filter((c) => c.isUnique).map((c) => `${c.uniqueName ?? '?'}(${c.name})`),
    ...config.uniqueConstraints.map((u) => `${u.getName() ?? '?'}(${names(u.columns)})`),
  ].sort();
  const indexes = config.indexes
    .map(({ config: i }) => `${i.unique ? 'unique ' : ''}${i.name ?? '?'}(${i.columns.map((c) => indexColumnText(dialect, c)).join(', ')})${i.where ? ` where ${sqlText(dialect, i.where)}` : ''}`)
    .sort();
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      const target = ref.foreignColumns.map((c) => `${getTableName(c.table as Table)}.${c.name}`).join(',');
      return `${fk.getName()}: (${names(ref.columns)}) -> ${target} on delete ${fk.onDelete ?? 'no action'}`;
    })
    .sort();
  return { name: config.name, columns, primaryKey, uniques, indexes, foreignKeys };
}

export const pgTableShape = (table: PgTable) => shapeOf('pg', getPgTableConfig(table) as unknown as ConfigLike, table as unknown as Record<string, unknown>);
export const sqliteTableShape = (table: SQLiteTable) => shapeOf('sqlite', getSqliteTableConfig(table) as unknown as ConfigLike, table as unknown as Record<string, unknown>);

/** The tables a schema module exports, by export name. */
export function tablesOf<T>(schema: Record<string, unknown>, kind: typeof PgTable | typeof SQLiteTable): Map<string, T> {
  return new Map(Object.entries(schema).filter(([, value]) => is(value, kind)) as [string, T][]);
}
