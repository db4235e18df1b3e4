import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../src/db/client.ts';
import { gated, transaction } from '../../../src/db/transaction.ts';

// A repository in miniature: synchronous statements behind the gate, as every repository of the service is.
function createNumbersRepository(db: Db) {
  return gated(db, {
    add(n: number): void {
      db.$client.prepare('insert into numbers (n) values (?)').run(n);
    },
    all(): number[] {
      return db.$client.prepare('select n from numbers order by rowid').pluck().all() as number[];
    },
  });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('transactions on the shared connection', () => {
  let db: Db;
  let numbers: ReturnType<typeof createNumbersRepository>;

  beforeEach(() => {
    db = openDatabase(':memory:');
    db.$client.exec('create table numbers (n integer not null)');
    numbers = createNumbersRepository(db);
  });

  afterEach(() => closeDatabase(db));

  it('make another async context\'s reads and writes wait until they end, so those never see or join uncommitted rows', async () => {
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
    expect(db.$client.inTransaction).toBe(false);
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
