import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { closeAnyDatabase, openConfiguredDatabase } from '../../../src/db/database.ts';
import { sqlColumn, sqlRun } from '../../../src/db/raw-sql.ts';
import { transaction } from '../../../src/db/transaction.ts';
import { createPostgresTestDatabase } from '../../helpers/test-database.ts';

describe('writing transactions on a small PostgreSQL pool', () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let db: Db;

  beforeEach(async () => {
    created = await createPostgresTestDatabase();
    // Two connections: one for the writer holding the turn, one for everything else.
    db = await openConfiguredDatabase({ databaseFile: '', databaseUrl: created.url }, { maxConnections: 2 });
    await sqlRun(db, sql`create table numbers (id serial primary key, n integer not null)`);
  });

  afterEach(async () => {
    await closeAnyDatabase(db);
    await created.drop();
  });

  it('leave a connection for reads while writers queue, so the writer holding the turn can finish', async () => {
    let startHolder = () => undefined as void;
    const holderMayStart = new Promise<void>((resolve) => (startHolder = resolve));
    let readSeen: (n: number[]) => void = () => undefined;
    const readDone = new Promise<number[]>((resolve) => (readSeen = resolve));
    // The holder waits for a read made by another part of the process (another async context), as a handler
    // waiting on a lookup someone else started would.
    const holder = (async () => {
      await holderMayStart;
      return transaction(db, async () => {
        await sqlRun(db, sql`insert into numbers (n) values (1)`);
        startOthers();
        return readDone;
      });
    })();
    let startOthers = () => undefined as void;
    const othersMayStart = new Promise<void>((resolve) => (startOthers = resolve));
    const writers = Array.from({ length: 5 }, async (_, i) => {
      await othersMayStart;
      await transaction(db, () => sqlRun(db, sql`insert into numbers (n) values (${10 + i})`));
    });
    const reader = (async () => {
      await othersMayStart;
      // Give the queued writers every chance to take the second connection first.
      await new Promise((resolve) => setTimeout(resolve, 200));
      readSeen((await sqlColumn<number>(db, sql`select n from numbers order by id`)).map(Number));
    })();
    startHolder();
    const seenInside = await holder;
    await Promise.all([...writers, reader]);
    // The read ran while the holder's insert was uncommitted, on the other connection.
    expect(seenInside).toEqual([]);
    const all = (await sqlColumn<number>(db, sql`select n from numbers order by id`)).map(Number);
    expect(all[0]).toBe(1);
    expect(all.slice(1).sort()).toEqual([10, 11, 12, 13, 14]);
  });
});
