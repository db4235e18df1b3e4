import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { forDialect } from '../../../src/db/dialect.ts';
import { sqlColumn, sqlRun } from '../../../src/db/raw-sql.ts';
import { gated, inTransaction, transaction } from '../../../src/db/transaction.ts';
import { openTestDatabase, testDialect, type TestDatabase } from '../../helpers/test-database.ts';

// A repository in miniature, as every repository of the service is: statements behind the gate, answered
// asynchronously. `addPair` awaits between its two statements, as a converted repository method may.
function createNumbersRepository(db: Db) {
  return gated(db, {
    async add(n: number): Promise<void> {
      await sqlRun(db, sql`insert into numbers (n) values (${n})`);
    },
    async addPair(n: number): Promise<void> {
      await sqlRun(db, sql`insert into numbers (n) values (${n})`);
      await tick();
      await sqlRun(db, sql`insert into numbers (n) values (${n + 100})`);
    },
    async all(): Promise<number[]> {
      return (await sqlColumn<number>(db, sql`select n from numbers order by id`)).map(Number);
    },
  });
}

/** A test about one dialect's behaviour, registered only when that dialect runs (not counted as skipped on the other). */
const onlyOn = (dialect: typeof testDialect) => (dialect === testDialect ? it : () => undefined);

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe(`transactions (${testDialect})`, () => {
  let database: TestDatabase;
  let db: Db;
  let numbers: ReturnType<typeof createNumbersRepository>;

  beforeEach(async () => {
    database = await openTestDatabase();
    db = database.db;
    await sqlRun(db, forDialect(db, {
      sqlite: sql`create table numbers (id integer primary key autoincrement, n integer not null)`,
      postgres: sql`create table numbers (id serial primary key, n integer not null)`,
    }));
    numbers = createNumbersRepository(db);
  });

  afterEach(() => database.dispose());

  onlyOn('sqlite')('on SQLite make another async context\'s reads and writes wait until they end, so those never see or join uncommitted rows', async () => {
    const order: string[] = [];
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = transaction(db, async () => {
      await numbers.add(1);
      order.push('inside: wrote 1');
      await held;
      await numbers.add(2);
      order.push('inside: wrote 2');
    });
    await tick();
    const reading = numbers.all().then((seen) => order.push(`outside: read ${seen.join(',')}`));
    const adding = numbers.add(3).then(() => order.push('outside: wrote 3'));
    await tick();
    expect(order).toEqual(['inside: wrote 1']);
    release();
    await Promise.all([writing, reading, adding]);
    expect(order).toEqual(['inside: wrote 1', 'inside: wrote 2', 'outside: read 1,2', 'outside: wrote 3']);
    expect(await numbers.all()).toEqual([1, 2, 3]);
  });

  it('leave nothing behind when they fail, and pass the failure on', async () => {
    await expect(transaction(db, async () => {
      await numbers.add(1);
      await tick();
      await numbers.add(2);
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(await numbers.all()).toEqual([]);
    expect(inTransaction(db)).toBe(false);
  });

  onlyOn('postgres')('on PostgreSQL keep another async context from seeing uncommitted rows, and from writing inside them', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside = false;
    const writing = transaction(db, async () => {
      await numbers.add(1);
      inside = inTransaction(db);
      await held;
      throw new Error('undone');
    });
    await tick();
    // Another context runs at once on another connection: it sees nothing uncommitted, and its own write is its own.
    expect(inTransaction(db)).toBe(false);
    expect(await numbers.all()).toEqual([]);
    await numbers.add(3);
    release();
    await expect(writing).rejects.toThrow('undone');
    expect(inside).toBe(true);
    expect(await numbers.all()).toEqual([3]);
  });

  it('keep a repository method\'s statements together even when it awaits between them', async () => {
    await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      await tick();
      await (i % 2 === 0 ? numbers.addPair(i) : transaction(db, () => numbers.addPair(i)));
    }));
    const all = await numbers.all();
    expect(all).toHaveLength(20);
    if (testDialect === 'sqlite') for (let k = 0; k < all.length; k += 2) expect(all[k + 1]).toBe(all[k]! + 100);
    else expect(all.filter((n) => n >= 100).map((n) => n - 100).sort()).toEqual(all.filter((n) => n < 100).sort());
  });

  it('nest as a savepoint: an inner failure the outer catches undoes only the inner work', async () => {
    await transaction(db, async () => {
      await numbers.add(1);
      await transaction(db, async () => {
        await numbers.add(2);
      });
      await expect(transaction(db, async () => {
        await numbers.add(3);
        throw new Error('inner refused');
      })).rejects.toThrow('inner refused');
      await numbers.add(4);
    });
    expect(await numbers.all()).toEqual([1, 2, 4]);
  });

  it('started from many async contexts at once run one after another and all commit', async () => {
    const inside = { now: 0, most: 0 };
    await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      await tick();
      await transaction(db, async () => {
        inside.now++;
        inside.most = Math.max(inside.most, inside.now);
        await numbers.add(i);
        await tick();
        await numbers.add(100 + i);
        inside.now--;
      });
    }));
    expect(inside.most).toBe(1);
    const all = await numbers.all();
    expect(all).toHaveLength(40);
    // Each transaction's two rows are next to each other: no other context wrote between them.
    for (let k = 0; k < all.length; k += 2) expect(all[k + 1]).toBe(all[k]! + 100);
  });
});
