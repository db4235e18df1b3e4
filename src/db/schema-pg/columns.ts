import { sql } from 'drizzle-orm';
import { bigint, customType, text } from 'drizzle-orm/pg-core';

/**
 * Column builders of the PostgreSQL schema (derive.ts picks one for each SQLite column). Every column stores
 * exactly what the SQLite file stores, so rows and hand-written SQL move between the two dialects unchanged;
 * test/unit/db/schema-parity.test.ts holds each column to that.
 */

/**
 * Millisecond epochs in a bigint, mapped to Date as SQLite's `timestamp_ms` integers are: ordering and arithmetic
 * in SQL (`run_after <= ?`, `expires_at + ?`) stay exact and identical in both dialects, which a `timestamptz`
 * would not be. node-postgres hands int8 over as a string unless the pool parses it (src/db/pg-client.ts does).
 */
const timestampMs = customType<{ data: Date; driverData: number | string }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});

/**
 * Booleans as the integers 0 and 1, as the SQLite file keeps them, rather than a native `boolean`: the raw SQL
 * read models compare and read these columns as numbers (`encrypted === 1`, `linkage === 1`), and a copied row
 * or statement would stop working against `boolean` (PostgreSQL refuses `boolean = integer`).
 */
const flag = customType<{ data: boolean; driverData: number }>({
  dataType: () => 'integer',
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => Number(value) === 1,
});

export const timestamp = (name: string) => timestampMs(name);
export const createdAt = () => timestamp('created_at').notNull();
export const id = () => text('id').primaryKey();
export const bool = (name: string) => flag(name);

/**
 * The numbered ids SQLite assigns itself (its 64-bit rowid): an identity that still accepts a given value, so rows
 * copied from a SQLite file keep their ids (the identity's sequence is then moved past the largest one).
 */
export const rowId = (name: string) => bigint(name, { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity();
/** A column holding a `rowId` of another table. */
export const rowRef = (name: string) => bigint(name, { mode: 'number' });

/**
 * The SQL default of a `bool` column. drizzle-kit writes a JS `false` default as the literal `false`, which an
 * integer column refuses, so the stored 0 or 1 is given as SQL.
 */
export const boolDefault = (value: boolean) => sql.raw(value ? '1' : '0');

/** JSON kept as text, written and parsed as SQLite's `text({ mode: 'json' })` does, so the stored strings match. */
export const json = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => JSON.parse(value) as T,
  })(name);
