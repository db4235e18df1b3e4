import type { Db } from '../../db/client.ts';
import { canonicalJson, custodyEntryHash, genesisHash, legacyCustodyEntryHash, verifyCustodyChain, type CustodyAction, type CustodyEntry } from './custody-log.models.ts';
import { atomicallyNow, onConnection } from '../../db/transaction.ts';

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
  seq: r.seq,
  at: r.at,
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

export interface CustodyAppend {
  at: Date;
  actor: string;
  action: CustodyAction;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
}

/**
 * Appends one entry. Inside a caller's transaction the entry commits with the writes it describes; outside
 * one it takes the write lock before reading the head, so two processes can never both append after the
 * same entry.
 */
export async function appendCustody(writer: CustodyWriter, input: CustodyAppend): Promise<CustodyEntry> {
  return onConnection(writer.db, () => appendCustodyNow(writer, input));
}

/** `appendCustody` for the synchronous body of another repository function that already passed the gate. */
export function appendCustodyNow(writer: CustodyWriter, input: CustodyAppend): CustodyEntry {
  const sqlite = writer.db.$client;
  const run = (): CustodyEntry => {
    const head = sqlite.prepare('select seq, entry_hash from custody_log order by seq desc limit 1').get() as { seq: number; entry_hash: string } | undefined;
    // Normalised through JSON first, so the hash is computed over exactly what is stored and read back.
    const detail = JSON.parse(canonicalJson(input.detail)) as Record<string, unknown>;
    const fields = {
      seq: (head?.seq ?? 0) + 1,
      at: input.at.getTime(),
      actor: input.actor,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      detail,
      prevHash: head?.entry_hash ?? genesisHash,
    };
    const entry: CustodyEntry = { ...fields, entryHash: custodyEntryHash(fields, writer.custodyKey) };
    sqlite
      .prepare('insert into custody_log (seq, at, actor, action, subject_type, subject_id, detail, prev_hash, entry_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(entry.seq, entry.at, entry.actor, entry.action, entry.subjectType, entry.subjectId, canonicalJson(entry.detail), entry.prevHash, entry.entryHash);
    return entry;
  };
  return atomicallyNow(writer.db, run);
}

const listCustodyNow = (db: Db): CustodyEntry[] => (db.$client.prepare('select * from custody_log order by seq').all() as RawEntry[]).map(toEntry);

export async function listCustody(db: Db): Promise<CustodyEntry[]> {
  return onConnection(db, () => listCustodyNow(db));
}

export async function custodyForSubjects(db: Db, subjects: { type: string; id: string }[]): Promise<CustodyEntry[]> {
  return onConnection(db, () => {
    if (subjects.length === 0) return [];
    const stmt = db.$client.prepare('select * from custody_log where subject_type = ? and subject_id = ? order by seq');
    const seen = new Map<number, CustodyEntry>();
    for (const s of subjects) for (const r of stmt.all(s.type, s.id) as RawEntry[]) seen.set(r.seq, toEntry(r));
    return [...seen.values()].sort((a, b) => a.seq - b.seq);
  });
}

export async function custodyHead(db: Db): Promise<{ seq: number; entryHash: string } | null> {
  return onConnection(db, () => {
    const head = db.$client.prepare('select seq, entry_hash from custody_log order by seq desc limit 1').get() as { seq: number; entry_hash: string } | undefined;
    return head ? { seq: head.seq, entryHash: head.entry_hash } : null;
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
  return onConnection(writer.db, () => {
    const sqlite = writer.db.$client;
    return atomicallyNow(writer.db, (): CustodyMigration => {
      const entries = listCustodyNow(writer.db);
      if (entries.length === 0) return { state: 'empty' };
      const keyed = (e: CustodyEntry) => custodyEntryHash(e, writer.custodyKey) === e.entryHash;
      if (entries.some(keyed) || !args.allowUnkeyed) return { state: 'keyed' };
      const problems = verifyCustodyChain(entries, legacyCustodyEntryHash);
      if (problems.length > 0) return { state: 'kept_broken', firstBadSeq: problems[0]!.seq, problems: problems.length };
      const update = sqlite.prepare('update custody_log set prev_hash = ?, entry_hash = ? where seq = ?');
      let prev = genesisHash;
      for (const e of entries) {
        const entryHash = custodyEntryHash({ ...e, prevHash: prev }, writer.custodyKey);
        update.run(prev, entryHash, e.seq);
        prev = entryHash;
      }
      appendCustodyNow(writer, { at: args.at, actor: 'system', action: 'chain_migrated', subjectType: 'vault', subjectId: 'custody-log', detail: { entries: entries.length, lastLegacyHash: entries.at(-1)!.entryHash, from: 'sha256', to: 'hmac-sha256' } });
      return { state: 'migrated', entries: entries.length };
    });
  });
}
