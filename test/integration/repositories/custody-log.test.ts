import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { sql } from 'drizzle-orm';
import { sqlRun } from '../../../src/db/raw-sql.ts';
import { transaction } from '../../../src/db/transaction.ts';
import { appendCustody, custodyForSubjects, custodyHead, listCustody, migrateCustodyChain, type CustodyWriter } from '../../../src/modules/evidence/custody-log.repository.ts';
import { canonicalJson, custodyEntryHash, genesisHash, legacyCustodyEntryHash, verifyCustodyChain, type CustodyEntry } from '../../../src/modules/evidence/custody-log.models.ts';
import { createSharedTestDatabase, type SharedTestDatabase } from '../../helpers/shared-database.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

/**
 * The custody log is a hash chain: every entry names the one before it, so two appends that read the same head
 * would fork it (and the second would collide on its seq). These tests append from several async contexts on two
 * handles of one database (two connections, as two processes would have) and check the chain stays one line.
 */

const shared: SharedTestDatabase[] = [];
afterEach(async () => {
  for (const s of shared.splice(0)) await s.dispose();
});

async function twoHandles(): Promise<[Db, Db]> {
  const database = await createSharedTestDatabase(makeTempDir('es-custody-'));
  shared.push(database);
  return [await database.open(), await database.open()];
}

const at = new Date('2026-11-22T10:00:00Z');
const entry = (subjectId: string, n: number) => ({ at: new Date(at.getTime() + n), actor: 'test', action: 'viewed' as const, subjectType: 'capture', subjectId, detail: { n, note: 'unicode ✓ stays byte-exact' } });
const keyed = (key: Buffer) => (e: Omit<CustodyEntry, 'entryHash'>) => custodyEntryHash(e, key);

describe('the custody log on either dialect', () => {
  it('keeps one unbroken chain when several contexts on two connections append at once', async () => {
    const key = randomBytes(32);
    const [a, b] = await twoHandles();
    const writers: CustodyWriter[] = [{ db: a, custodyKey: key }, { db: b, custodyKey: key }];
    const contexts = 6;
    const perContext = 8;
    // Each context appends one entry after another, some of them two at a time inside a transaction of their
    // own (as a capture does), while the other contexts do the same on both connections.
    await Promise.all(Array.from({ length: contexts }, async (_, c) => {
      const writer = writers[c % 2]!;
      for (let i = 0; i < perContext; i += 2) {
        if (c % 3 === 0) {
          await transaction(writer.db, async () => {
            await appendCustody(writer, entry(`ctx_${c}`, i));
            await appendCustody(writer, entry(`ctx_${c}`, i + 1));
          });
        } else {
          await appendCustody(writer, entry(`ctx_${c}`, i));
          await appendCustody(writer, entry(`ctx_${c}`, i + 1));
        }
      }
    }));

    const entries = await listCustody(a);
    expect(entries).toHaveLength(contexts * perContext);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: contexts * perContext }, (_, i) => i + 1));
    expect(entries[0]!.prevHash).toBe(genesisHash);
    expect(verifyCustodyChain(entries, keyed(key))).toEqual([]);
    // Every context's entries are all there, in the order that context wrote them.
    for (let c = 0; c < contexts; c++) {
      expect((await custodyForSubjects(b, [{ type: 'capture', id: `ctx_${c}` }])).map((e) => e.detail.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
    expect(await custodyHead(b)).toEqual({ seq: entries.at(-1)!.seq, entryHash: entries.at(-1)!.entryHash });
  });

  it('drops an entry with the transaction that wrote it, and the next append follows the last committed one', async () => {
    const key = randomBytes(32);
    const [db] = await twoHandles();
    const writer = { db, custodyKey: key };
    const first = await appendCustody(writer, entry('kept', 0));
    await expect(transaction(db, async () => {
      await appendCustody(writer, entry('undone', 1));
      throw new Error('the capture it described failed');
    })).rejects.toThrow('the capture it described failed');
    const next = await appendCustody(writer, entry('kept', 2));
    expect(next).toMatchObject({ seq: 2, prevHash: first.entryHash });
    expect((await listCustody(db)).map((e) => e.subjectId)).toEqual(['kept', 'kept']);
    expect(verifyCustodyChain(await listCustody(db), keyed(key))).toEqual([]);
  });

  it('names the entry whose stored detail was edited afterwards', async () => {
    const key = randomBytes(32);
    const [db] = await twoHandles();
    const writer = { db, custodyKey: key };
    for (let n = 0; n < 3; n++) await appendCustody(writer, entry('cap_1', n));
    await sqlRun(db, sql`update custody_log set detail = ${'{"n":99}'} where seq = 2`);
    expect(verifyCustodyChain(await listCustody(db), keyed(key))).toEqual([expect.objectContaining({ seq: 2, problem: 'altered' })]);
  });

  it('re-keys a chain written before MACs once, and keeps a broken one as it is', async () => {
    const key = randomBytes(32);
    const [db] = await twoHandles();
    const writer = { db, custodyKey: key };
    for (let n = 0; n < 4; n++) await appendCustody(writer, entry('cap_old', n));
    // As versions before keyed MACs wrote it: plain SHA-256 links.
    let prev = genesisHash;
    for (const e of await listCustody(db)) {
      const entryHash = legacyCustodyEntryHash({ ...e, prevHash: prev });
      await sqlRun(db, sql`update custody_log set prev_hash = ${prev}, entry_hash = ${entryHash} where seq = ${e.seq}`);
      prev = entryHash;
    }
    expect(await migrateCustodyChain(writer, { at, allowUnkeyed: false })).toEqual({ state: 'keyed' });
    expect(await migrateCustodyChain(writer, { at, allowUnkeyed: true })).toEqual({ state: 'migrated', entries: 4 });
    const migrated = await listCustody(db);
    expect(migrated.map((e) => e.action)).toEqual(['viewed', 'viewed', 'viewed', 'viewed', 'chain_migrated']);
    expect(verifyCustodyChain(migrated, keyed(key))).toEqual([]);
    expect(await migrateCustodyChain(writer, { at, allowUnkeyed: true })).toEqual({ state: 'keyed' });

    const [other] = await twoHandles();
    const broken = { db: other, custodyKey: key };
    for (let n = 0; n < 3; n++) await appendCustody(broken, entry('cap_old', n));
    prev = genesisHash;
    for (const e of await listCustody(other)) {
      const entryHash = legacyCustodyEntryHash({ ...e, prevHash: prev });
      await sqlRun(other, sql`update custody_log set prev_hash = ${prev}, entry_hash = ${entryHash} where seq = ${e.seq}`);
      prev = entryHash;
    }
    await sqlRun(other, sql`update custody_log set detail = ${canonicalJson({ n: 42 })} where seq = 2`);
    expect(await migrateCustodyChain(broken, { at, allowUnkeyed: true })).toEqual({ state: 'kept_broken', firstBadSeq: 2, problems: 1 });
    expect((await listCustody(other)).map((e) => e.action)).toEqual(['viewed', 'viewed', 'viewed']);
  });
});
