import { createHmac } from 'node:crypto';
import { sha256Hex } from '../../shared/hashing.models.ts';

/** The `prev_hash` of the first entry: the chain starts from a fixed, well-known value. */
export const genesisHash = '0'.repeat(64);

export type CustodyAction = 'key_created' | 'chain_migrated' | 'files_renamed' | 'captured' | 'rechecked' | 'viewed' | 'revealed' | 'exported' | 'wiped';

export interface CustodyEntry {
  seq: number;
  /** Milliseconds since the epoch (exact in SQL and in the hash). */
  at: number;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
  prevHash: string;
  entryHash: string;
}

export interface ChainProblem {
  seq: number;
  problem: 'altered' | 'missing' | 'broken_link' | 'unkeyed';
  message: string;
}

/**
 * JSON with sorted keys and no whitespace, so the same entry always hashes the same whichever code
 * (or another tool, years later) serialises it. Non-finite numbers and undefined have no JSON form and are refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
}

const entryContent = (entry: Omit<CustodyEntry, 'entryHash'>): string =>
  canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    detail: entry.detail,
    prevHash: entry.prevHash,
  });

/**
 * The MAC covers every field of the entry, the previous entry's MAC included. It is keyed (HMAC-SHA-256
 * under a key derived from the evidence key), so someone who can write the database but does not hold the
 * key cannot edit an entry and recompute the chain after it.
 */
export function custodyEntryHash(entry: Omit<CustodyEntry, 'entryHash'>, macKey: Buffer): string {
  return createHmac('sha256', macKey).update(entryContent(entry)).digest('hex');
}

/** The unkeyed SHA-256 chain of installs before keyed MACs; only read to migrate such a chain. */
export function legacyCustodyEntryHash(entry: Omit<CustodyEntry, 'entryHash'>): string {
  return sha256Hex(entryContent(entry));
}

/** What a new custody entry says; its place in the chain comes from the head it follows. */
export interface CustodyAppend {
  at: Date;
  actor: string;
  action: CustodyAction;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
}

/** The entry that follows `head` (null: the chain is empty), its MAC computed under `macKey`. */
export function nextCustodyEntry(head: { seq: number; entryHash: string } | null, input: CustodyAppend, macKey: Buffer): CustodyEntry {
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    at: input.at.getTime(),
    actor: input.actor,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    // Normalised through JSON first, so the MAC is computed over exactly what is stored and read back.
    detail: JSON.parse(canonicalJson(input.detail)) as Record<string, unknown>,
    prevHash: head?.entryHash ?? genesisHash,
  };
  return { ...fields, entryHash: custodyEntryHash(fields, macKey) };
}

export type CustodyHashFn = (entry: Omit<CustodyEntry, 'entryHash'>) => string;

/**
 * Recomputes the chain over entries sorted by seq. Each problem names the entry: an edited entry no
 * longer matches its own hash; a removed one leaves a gap in seq; an entry whose link was rewritten (with a
 * recomputed hash) no longer points at its predecessor. One edit is reported once, not as a cascade.
 */
export function verifyCustodyChain(entries: readonly CustodyEntry[], hash: CustodyHashFn): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = genesisHash;
  let expectedSeq = 1;
  for (const entry of entries) {
    let gap = false;
    if (entry.seq > expectedSeq) {
      gap = true;
      const missing = entry.seq - expectedSeq;
      for (let s = expectedSeq; s < entry.seq && s < expectedSeq + 20; s++) {
        problems.push({ seq: s, problem: 'missing', message: `custody log entry ${s} is missing (deleted)` });
      }
      if (missing > 20) problems.push({ seq: expectedSeq + 20, problem: 'missing', message: `custody log entries ${expectedSeq + 20}..${entry.seq - 1} are missing (deleted)` });
    }
    if (hash(entry) !== entry.entryHash) {
      problems.push({ seq: entry.seq, problem: 'altered', message: `custody log entry ${entry.seq} (${entry.action}) was altered: its MAC does not match its content` });
    } else if (!gap && entry.prevHash !== prev) {
      problems.push({ seq: entry.seq, problem: 'broken_link', message: `custody log entry ${entry.seq} (${entry.action}) does not follow entry ${entry.seq - 1}: the chain was rewritten` });
    }
    prev = entry.entryHash;
    expectedSeq = entry.seq + 1;
  }
  return problems;
}
