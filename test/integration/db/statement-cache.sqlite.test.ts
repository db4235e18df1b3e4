import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, runMigrations, type Db } from '../../../src/db/client.ts';
import { organisations } from '../../../src/db/schema/index.ts';
import { sqlRows } from '../../../src/db/raw-sql.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

let db: Db | null = null;
afterEach(() => {
  if (db) closeDatabase(db);
  db = null;
});

function migrated(): Db {
  db = openDatabase(path.join(makeTempDir(), 'statements.sqlite'));
  runMigrations(db);
  return db;
}

describe('prepared statements kept per connection', () => {
  it('prepares a text once and hands the same statement back', () => {
    const { $client } = migrated();
    expect($client.prepare('select 1 as one')).toBe($client.prepare('select 1 as one'));
    expect($client.prepare('select 1 as one')).not.toBe($client.prepare('select 2 as two'));
  });

  it('hands a statement back in plain mode after a caller turned raw rows, one column, expanded rows or big integers on', () => {
    const { $client } = migrated();
    expect($client.prepare('select 1 as one').raw(true).get()).toEqual([1]);
    expect($client.prepare('select 1 as one').get()).toEqual({ one: 1 });
    expect($client.prepare('select 1 as one').pluck().get()).toBe(1);
    expect($client.prepare('select 1 as one').get()).toEqual({ one: 1 });
    expect($client.prepare('select 1 as one, 2 as two').expand().get()).toEqual({ $: { one: 1, two: 2 } });
    expect($client.prepare('select 1 as one, 2 as two').get()).toEqual({ one: 1, two: 2 });
    expect($client.prepare('select 9007199254740993 as big').safeIntegers().get()).toEqual({ big: 9007199254740993n });
    expect(typeof ($client.prepare('select 9007199254740993 as big').get() as { big: unknown }).big).toBe('number');
  });

  it('answers drizzle and hand-written SQL correctly when they share a text', async () => {
    const d = migrated();
    await d.insert(organisations).values([{ id: 'org-a', name: 'A', createdAt: new Date(0) }, { id: 'org-b', name: 'B', createdAt: new Date(0) }]);
    const query = d.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, 'org-b')).limit(1);
    // drizzle reads its mapped columns as raw rows; the same text prepared again must give named columns.
    expect(await query).toEqual([{ id: 'org-b', name: 'B' }]);
    const { sql: text, params } = query.toSQL();
    expect(d.$client.prepare(text).get(...params)).toEqual({ id: 'org-b', name: 'B' });
    expect(await query).toEqual([{ id: 'org-b', name: 'B' }]);
    expect(await sqlRows(d, sql`select id from organisations order by id`)).toEqual([{ id: 'org-a' }, { id: 'org-b' }]);
    expect(await sqlRows(d, sql`select id from organisations order by id`)).toEqual([{ id: 'org-a' }, { id: 'org-b' }]);
  });

  it('gives a caller its own statement while the kept one is still being iterated', () => {
    const { $client } = migrated();
    const text = 'select value from json_each(?) order by key';
    const iterating = $client.prepare(text).iterate('[1,2,3]');
    expect(iterating.next().value).toEqual({ value: 1 });
    const other = $client.prepare(text);
    expect(other.busy).toBe(false);
    expect(other.all('[7,8]')).toEqual([{ value: 7 }, { value: 8 }]);
    expect([...iterating]).toEqual([{ value: 2 }, { value: 3 }]);
    // Once the iteration ended the kept statement is handed out again.
    expect($client.prepare(text).all('[5]')).toEqual([{ value: 5 }]);
  });

  it('keeps statements that return no rows reusable', () => {
    const { $client } = migrated();
    const insert = "insert into organisations (id, name, created_at) values (?, 'N', 0)";
    expect($client.prepare(insert).run('org-1').changes).toBe(1);
    expect($client.prepare(insert).run('org-2').changes).toBe(1);
    expect(($client.prepare('select count(*) as n from organisations').get() as { n: number }).n).toBe(2);
  });
});
