import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { integer, pgTable, PgTable, text } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as pgSchema from '../../../src/db/schema-pg/index.ts';
import * as sqliteSchema from '../../../src/db/schema/index.ts';
import { bool, boolDefault, createdAt, id, json } from '../../../src/db/schema-pg/columns.ts';
import { pgTableShape, sqliteTableShape, tablesOf } from './schema-shape.ts';

const pgTables = tablesOf<PgTable>(pgSchema, PgTable);
const sqliteTables = tablesOf<SQLiteTable>(sqliteSchema, SQLiteTable);

describe('the PostgreSQL schema matches the SQLite schema', () => {
  it('exports the same tables under the same names', () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    expect(sqliteTables.size).toBeGreaterThan(30);
  });

  it.each([...sqliteTables.keys()].sort())('%s has the same columns, keys, indexes, defaults and stored values in both dialects', (name) => {
    const pg = pgTables.get(name);
    expect(pg, `src/db/schema-pg has no table exported as ${name}`).toBeDefined();
    expect(pgTableShape(pg as PgTable)).toEqual(sqliteTableShape(sqliteTables.get(name) as SQLiteTable));
  });

  it('stores timestamps as millisecond integers, booleans as 0 and 1 and JSON as its text, as the SQLite file does', () => {
    const hits = pgTableShape(pgSchema.hits).columns;
    expect(hits.first_seen_at).toMatchObject({ storage: 'integer', jsType: 'date', stored: ['1709251199999', '0'] });
    expect(hits.linkage).toMatchObject({ storage: 'integer', jsType: 'boolean', stored: ['1', '0'], default: '0' });
    expect(hits.categories?.stored[1]).toBe(JSON.stringify(JSON.stringify(['a', 'b'])));
    expect(pgTableShape(pgSchema.jobs).columns.id).toMatchObject({ assignedByDatabase: true, storage: 'integer' });
  });
});

describe('the comparison itself', () => {
  // A stand-in for a table edited in one dialect only: each difference below must show in its shape.
  const base = () => ({ id: id(), personId: text('person_id').notNull(), enabled: bool('enabled').notNull().default(boolDefault(true)), detail: json<string[]>('detail'), createdAt: createdAt() });
  const reference = pgTableShape(pgTable('probe', base()));

  it('notices a column that exists in one dialect only', () => {
    expect(pgTableShape(pgTable('probe', { ...base(), extra: integer('extra') }))).not.toEqual(reference);
  });

  it('notices a changed nullability, default or stored type', () => {
    expect(pgTableShape(pgTable('probe', { ...base(), personId: text('person_id') }))).not.toEqual(reference);
    expect(pgTableShape(pgTable('probe', { ...base(), enabled: bool('enabled').notNull().default(boolDefault(false)) }))).not.toEqual(reference);
    expect(pgTableShape(pgTable('probe', { ...base(), detail: text('detail') }))).not.toEqual(reference);
  });

  it('notices an index or a unique constraint that exists in one dialect only', async () => {
    const { index, uniqueIndex } = await import('drizzle-orm/pg-core');
    expect(pgTableShape(pgTable('probe', base(), (t) => [index('probe_person_idx').on(t.personId)]))).not.toEqual(reference);
    expect(pgTableShape(pgTable('probe', base(), (t) => [uniqueIndex('probe_person_idx').on(t.personId)]))).not.toEqual(
      pgTableShape(pgTable('probe', base(), (t) => [index('probe_person_idx').on(t.personId)])),
    );
    expect(pgTableShape(pgTable('probe', base(), (t) => [index('probe_person_idx').on(t.personId).where(sql`detail is null`)]))).not.toEqual(
      pgTableShape(pgTable('probe', base(), (t) => [index('probe_person_idx').on(t.personId)])),
    );
  });
});
