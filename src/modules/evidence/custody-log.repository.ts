import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  canonicalJson, custodyEntryHash, genesisHash, legacyCustodyEntryHash, nextCustodyEntry, verifyCustodyChain, type CustodyAppend, type CustodyEntry,
} from './custody-log.models.ts';
import { sqlRow, sqlRows, sqlRun } from '../../db/raw-sql.ts';
import { onConnection, transaction } from '../../db/transaction.ts';

/** What appending needs: the database and the MAC key derived from the evidence key (the open vault has both). */
export interface CustodyWriter {
  db: Db;
  custodyKey: Buffer;
}

interface RawEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  detail: string;
  prev_hash: string;
  entry_hash: string;
}

const toEntry = (r: RawEntry): CustodyEntry => ({
  seq: Number(r.seq),
  at: Number(r.at),
  actor: r.actor,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  // A detail that no longer parses was tampered with; it is kept as text so the hash check names it.
  detail: safeParse(r.detail),
  prevHash: r.prev_hash,
  entryHash: r.entry_hash,
});

function safeParse(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { unparsable: text };
  } catch {
    return { unparsable: text };
  }
}

export type { CustodyAppend };

/**
 * Appends one entry. Inside a caller's transaction the entry commits with the writes it describes (a
 * savepoint of it); outside one it opens its own. Either way the transaction holds the writers' turn (SQLite:
 * BEGIN IMMEDIATE; PostgreSQL: the advisory lock of pg-store.ts) before the head is read, so two contexts or
 * processes can never both append after the same entry.
 */
export async function appendCustody(writer: CustodyWriter, input: CustodyAppend): Promise<CustodyEntry> {
  const { db } = writer;
  return transaction(db, async () => {
    const entry = nextCustodyEntry(await custodyHead(db), input, writer.custodyKey);
    await sqlRun(db, sql`insert into custody_log (seq, at, actor, action, subject_type, subject_id, detail, prev_hash, entry_hash)
      values (${entry.seq}, ${entry.at}, ${entry.actor}, ${entry.action}, ${entry.subjectType}, ${entry.subjectId}, ${canonicalJson(entry.detail)}, ${entry.prevHash}, ${entry.entryHash})`);
    return entry;
  });
}

const listCustodyRows = async (db: Db): Promise<CustodyEntry[]> => (await sqlRows<RawEntry>(db, sql`select * from custody_log order by seq`)).map(toEntry);

export async function listCustody(db: Db): Promise<CustodyEntry[]> {
  return onConnection(db, () => listCustodyRows(db));
}

export async function custodyForSubjects(db: Db, subjects: { type: string; id: string }[]): Promise<CustodyEntry[]> {
  return onConnection(db, async () => {
    const seen = new Map<number, CustodyEntry>();
    for (const s of subjects) {
      for (const r of await sqlRows<RawEntry>(db, sql`select * from custody_log where subject_type = ${s.type} and subject_id = ${s.id} order by seq`)) {
        const entry = toEntry(r);
        seen.set(entry.seq, entry);
      }
    }
    return [...seen.values()].sort((a, b) => a.seq - b.seq);
  });
}

export async function custodyHead(db: Db): Promise<{ seq: number; entryHash: string } | null> {
  return onConnection(db, async () => {
    const head = await sqlRow<{ seq: number; entry_hash: string }>(db, sql`select seq, entry_hash from custody_log order by seq desc limit 1`);
    return head ? { seq: Number(head.seq), entryHash: head.entry_hash } : null;
  });
}

export type CustodyMigration =
  | { state: 'keyed' | 'empty' }
  | { state: 'migrated'; entries: number }
  | { state: 'kept_broken'; firstBadSeq: number; problems: number };

/**
 * Upgrades a chain written before custody entries were keyed. Only a chain with no entry that already
 * carries a valid MAC is a candidate (once one keyed entry exists, unkeyed ones are forgeries, not history),
 * and only a chain that still verifies under plain SHA-256 is re-chained: re-chaining a broken chain would
 * launder the break, so such a chain is kept as it is and reported. The re-chain and the entry recording
 * it commit in one transaction.
 */
export async function migrateCustodyChain(writer: CustodyWriter, args: { at: Date; allowUnkeyed: boolean }): Promise<CustodyMigration> {
  const { db } = writer;
  return transaction(db, async (): Promise<CustodyMigration> => {
    const entries = await listCustodyRows(db);
    if (entries.length === 0) return { state: 'empty' };
    const keyed = (e: CustodyEntry) => custodyEntryHash(e, writer.custodyKey) === e.entryHash;
    if (entries.some(keyed) || !args.allowUnkeyed) return { state: 'keyed' };
    const problems = verifyCustodyChain(entries, legacyCustodyEntryHash);
    if (problems.length > 0) return { state: 'kept_broken', firstBadSeq: problems[0]!.seq, problems: problems.length };
    let prev = genesisHash;
    for (const e of entries) {
      const entryHash = custodyEntryHash({ ...e, prevHash: prev }, writer.custodyKey);
      await sqlRun(db, sql`update custody_log set prev_hash = ${prev}, entry_hash = ${entryHash} where seq = ${e.seq}`);
      prev = entryHash;
    }
    await appendCustody(writer, { at: args.at, actor: 'system', action: 'chain_migrated', subjectType: 'vault', subjectId: 'custody-log', detail: { entries: entries.length, lastLegacyHash: entries.at(-1)!.entryHash, from: 'sha256', to: 'hmac-sha256' } });
    return { state: 'migrated', entries: entries.length };
  });
}
