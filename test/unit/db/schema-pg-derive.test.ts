import { describe, expect, it } from 'vitest';
import { Column, getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgColumn, PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { blob, index, integer, primaryKey, real, SQLiteColumn, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { derivePgSchema } from '../../../src/db/schema-pg/derive.ts';
import { pgTableShape, sqliteTableShape } from './schema-shape.ts';

// A small SQLite schema using every kind of column, key and index the real one uses, edited freely per test.
const owners = sqliteTable('owners', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
});

const probeColumns = () => ({
  id: text('id').primaryKey(),
  ownerId: integer('owner_id').notNull().references(() => owners.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['a', 'b'] }).notNull().default('a'),
  seenAt: integer('seen_at', { mode: 'timestamp_ms' }).notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  detail: text('detail', { mode: 'json' }).$type<string[]>(),
  score: real('score'),
  count: integer('count').notNull().default(0),
  sizeBytes: integer('size_bytes'),
});

const probes = sqliteTable('probes', probeColumns(), (t) => [
  uniqueIndex('probes_owner_kind_unique').on(t.ownerId, t.kind),
  index('probes_rank_idx').on(sql`(case kind when 'a' then 0 else 1 end)`, sql`seen_at desc`),
  index('probes_open_idx').on(t.seenAt).where(sql`${t.detail} is null`),
]);

const pairs = sqliteTable('pairs', { left: text('left').notNull(), right: text('right').notNull() }, (t) => [primaryKey({ columns: [t.left, t.right] })]);

const schema = { owners, probes, pairs, notATable: 'ignored' };

describe('deriving the PostgreSQL tables from the SQLite schema', () => {
  it('derives every exported table, and only tables, under its export name', () => {
    const derived = derivePgSchema(schema, new Set());
    expect(Object.keys(derived).sort()).toEqual(['owners', 'pairs', 'probes']);
    expect(getTableName(derived.probes)).toBe('probes');
  });

  it('keeps columns, defaults, keys, unique constraints, indexes and foreign keys as the SQLite table states them', () => {
    const derived = derivePgSchema(schema, new Set());
    expect(pgTableShape(derived.probes)).toEqual(sqliteTableShape(probes));
    expect(pgTableShape(derived.owners)).toEqual(sqliteTableShape(owners));
    expect(pgTableShape(derived.pairs)).toEqual(sqliteTableShape(pairs));
  });

  it('stores each kind of SQLite column in the PostgreSQL type holding the same values', () => {
    const types = Object.fromEntries(getPgTableConfig(derivePgSchema(schema, new Set()).probes).columns.map((c) => [c.name, c.getSQLType()]));
    expect(types).toEqual({
      id: 'text', kind: 'text', detail: 'text', score: 'double precision', count: 'integer', size_bytes: 'integer',
      // A millisecond epoch, and a reference to a numbered (64-bit) id, need a bigint; a 0/1 flag does not.
      seen_at: 'bigint', owner_id: 'bigint', enabled: 'integer',
    });
    expect(getPgTableConfig(derivePgSchema(schema, new Set()).owners).columns.find((c) => c.name === 'id')?.generatedIdentity?.type).toBe('byDefault');
  });

  it('points foreign keys at the derived PostgreSQL tables, not at the SQLite ones', () => {
    const derived = derivePgSchema(schema, new Set());
    const [fk] = getPgTableConfig(derived.probes).foreignKeys;
    expect(fk?.reference().foreignTable).toBe(derived.owners);
    expect(fk?.onDelete).toBe('cascade');
  });

  it('swaps a column named inside an index expression for the PostgreSQL column', () => {
    const derived = derivePgSchema(schema, new Set());
    const where = getPgTableConfig(derived.probes).indexes.find((i) => i.config.name === 'probes_open_idx')?.config.where;
    const columns = (where?.queryChunks ?? []).filter((chunk) => is(chunk, Column));
    expect(columns).toHaveLength(1);
    expect(is(columns[0], PgColumn) && !is(columns[0], SQLiteColumn)).toBe(true);
    expect(new PgDialect().sqlToQuery(where ?? sql``).sql).toBe('"probes"."detail" is null');
  });

  it('makes a listed plain integer a bigint', () => {
    const derived = derivePgSchema(schema, new Set(['probes.size_bytes']));
    expect(getPgTableConfig(derived.probes).columns.find((c) => c.name === 'size_bytes')?.getSQLType()).toBe('bigint');
  });

  it('refuses a bigint entry naming a column the SQLite schema does not have, so a rename cannot drop it silently', () => {
    expect(() => derivePgSchema(schema, new Set(['probes.size']))).toThrow(/probes\.size\b/);
  });

  it('refuses a bigint entry naming a column that is not a plain integer', () => {
    expect(() => derivePgSchema(schema, new Set(['probes.seen_at']))).toThrow(/probes\.seen_at.*SQLiteTimestamp/);
  });

  it('refuses a SQLite column it has no stored-value mapping for, naming it, rather than guessing', () => {
    const seconds = sqliteTable('seconds', { at: integer('at', { mode: 'timestamp' }) });
    expect(() => derivePgSchema({ seconds }, new Set())).toThrow(/seconds\.at: timestamp mode timestamp/);
    const blobs = sqliteTable('blobs', { data: blob('data') });
    expect(() => derivePgSchema({ blobs }, new Set())).toThrow(/blobs\.data: no PostgreSQL mapping/);
  });

  it('follows a column added to the SQLite table, with nothing written for PostgreSQL', () => {
    const grown = sqliteTable('probes', { ...probeColumns(), note: text('note').notNull().default('') });
    const table: PgTable = derivePgSchema({ owners, grown }, new Set()).grown;
    expect(pgTableShape(table).columns.note).toMatchObject({ storage: 'text', notNull: true, default: '""' });
  });
});
